"""Class "one-line": a line break inside a field that is printed on one line (titles, names, areas,
sections, who). Each must be refused at that field, whatever YAML form carries the break."""

from __future__ import annotations

from tests.hostile import AT, CONTENT, NOTICE, NOTICE_FILE, Case, agreement

ONE_LINE = "must be one line"
G = "one-line"

CASES = [
    agreement(G, "title", "title: Syntetisk testöverenskommelse 2027", 'title: "Syntetisk\\ntestöverenskommelse 2027"', "title", ONE_LINE),
    agreement(
        G, "short-title-trailing-newline", "short_title: Testöverenskommelse 2027", "short_title: |\n  Testöverenskommelse 2027", "short_title", ONE_LINE
    ),
    agreement(G, "pot-area", "    area: Stärkt suicidpreventivt arbete", '    area: "Stärkt\\nsuicidpreventivt arbete"', "pots[0].area", ONE_LINE),
    agreement(G, "party-name", "    name: Staten", '    name: "Sta\\nten"', "parties[0].name", ONE_LINE),
    agreement(
        G, "signatory-literal-block", "    signatory: Test Testsson", "    signatory: |-\n      Test\n      Testsson", "signatures[0].signatory", ONE_LINE
    ),
    agreement(G, "place-quoted-blank-line", "    place: Stockholm", '    place: "Stock\n\n      holm"', "signatures[0].place", ONE_LINE),
    agreement(
        G,
        "source-section",
        '    source: {seed: "001", section: "test"}\nstated_total:',
        '    source: {seed: "001", section: "te\\nst"}\nstated_total:',
        "signatures[0].source.section",
        ONE_LINE,
    ),
    agreement(G, "deadline-title", "    title: Rekvisition", '    title: "Rekvisition\\nsenast"', "deadlines[0].title", ONE_LINE),
    agreement(G, "deadline-who-carriage-return", "    who: Regionerna", '    who: "Regionerna\\r\\noch kommunerna"', "deadlines[0].who", "U+000D"),
    Case(
        G,
        "theme-name",
        "themes[0].name",
        ONE_LINE,
        AT,
        file="themes.yaml",
        base=CONTENT,
        old="    name: Suicidprevention",
        new='    name: "Suicid\\nprevention"',
    ),
    Case(
        G,
        "rulebook-term",
        "definitions[0].term",
        ONE_LINE,
        AT,
        file="samverkansregler.yaml",
        base=CONTENT,
        old="    term: Bisyssla",
        new='    term: "Bis\\nsyssla"',
    ),
    Case(
        G,
        "notice-title-folded-paragraphs",
        "title",
        ONE_LINE,
        AT,
        file=NOTICE_FILE,
        base=NOTICE,
        old="title: Brev om testfall",
        new="title: >\n  Brev om\n\n  testfall",
    ),
]
