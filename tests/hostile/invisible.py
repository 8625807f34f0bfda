"""Class "invisible": characters that show as nothing or reorder text (bidirectional controls,
zero-width characters, other format and control characters), written raw into the file as an editor
would, in values and in keys; and blank text where text is required."""

from __future__ import annotations

from tests.hostile import AT, CONTENT, NOTICE, NOTICE_FILE, Case, agreement

G = "invisible"
TITLE = "title: Syntetisk testöverenskommelse 2027"
SHORT = "short_title: Testöverenskommelse 2027"
SUMMARY = "summary: Syntetiskt innehåll för tester."
AREA = "    area: Stärkt suicidpreventivt arbete"
SECTION = '    source: {seed: "001", section: "test"}\nstated_total:'


def hidden(name: str, old: str, new: str, field: str, code: str) -> Case:
    return agreement(G, name, old, new, field, f"U+{code}")


CASES = [
    # Hidden characters, written raw (as an editor leaves them) or as YAML escapes.
    hidden("u202a-lre-in-title", TITLE, "title: Syntetisk \u202atestöverenskommelse 2027", "title", "202A"),
    hidden("u202b-rle-in-short-title", SHORT, "short_title: Test\u202böverenskommelse 2027", "short_title", "202B"),
    hidden("u202c-pdf-in-summary", SUMMARY, "summary: Syntetiskt\u202c innehåll för tester.", "summary", "202C"),
    hidden("u202d-lro-in-pot-area", AREA, "    area: Stärkt \u202dsuicidpreventivt arbete", "pots[0].area", "202D"),
    hidden("u202e-rlo-in-party-name", "    name: Staten", "    name: Sta\u202eten", "parties[0].name", "202E"),
    hidden("u2066-lri-in-signatory", "    signatory: Test Testsson", "    signatory: Test \u2066Testsson", "signatures[0].signatory", "2066"),
    hidden("u2067-rli-in-deadline-title", "    title: Rekvisition", "    title: Rekvi\u2067sition", "deadlines[0].title", "2067"),
    hidden("u2068-fsi-in-deadline-who", "    who: Regionerna", "    who: Regioner\u2068na", "deadlines[0].who", "2068"),
    hidden("u2069-pdi-in-channel", "    channel: via Kammarkollegiet", "    channel: via Kammarkollegiet\u2069", "pots[0].channel", "2069"),
    hidden("u200b-zwsp-in-id", "id: psykisk-halsa-2027", "id: psykisk-halsa\u200b-2027", "id", "200B"),
    hidden("u200c-zwnj-in-place", "    place: Stockholm", "    place: Stock\u200cholm", "signatures[0].place", "200C"),
    hidden("u200d-zwj-in-source-section", SECTION, '    source: {seed: "001", section: "te\u200dst"}\nstated_total:', "signatures[0].source.section", "200D"),
    hidden("u2060-word-joiner-in-to-whom", "    to_whom: Kammarkollegiet", "    to_whom: Kammar\u2060kollegiet", "deadlines[0].to_whom", "2060"),
    hidden("ufeff-bom-inside-summary", SUMMARY, "summary: Syntetiskt innehåll\ufeff för tester.", "summary", "FEFF"),
    hidden("u2028-line-separator-escaped-in-short-title", SHORT, 'short_title: "Test\\Löverenskommelse 2027"', "short_title", "2028"),
    hidden("u200b-in-nested-key", AREA, "    ar\u200bea: Stärkt suicidpreventivt arbete", "pots[0]", "200B"),
    hidden("u202e-in-top-level-key", SUMMARY, "summ\u202eary: Syntetiskt innehåll för tester.", "(file)", "202E"),
    hidden("u00ad-soft-hyphen-in-title", TITLE, "title: Syntetisk test\u00adöverenskommelse 2027", "title", "00AD"),
    hidden("ue000-private-use-in-summary", SUMMARY, "summary: Syntetiskt \ue000innehåll för tester.", "summary", "E000"),
    hidden("u2029-paragraph-separator-escaped-in-title", TITLE, 'title: "Syntetisk\\Ptestöverenskommelse 2027"', "title", "2029"),
    hidden("u0085-next-line-escaped-in-area", AREA, '    area: "Stärkt\\Nsuicidpreventivt arbete"', "pots[0].area", "0085"),
    hidden("u202e-escaped-in-double-quotes", TITLE, 'title: "Syntetisk \\u202Etestöverenskommelse 2027"', "title", "202E"),
    Case(G, "u200b-in-notice-sender", "sender", "U+200B", AT, file=NOTICE_FILE, base=NOTICE, old="sender: Testavsändare", new="sender: Test\u200bavsändare"),
    Case(
        G,
        "u202e-in-rulebook-term",
        "definitions[0].term",
        "U+202E",
        AT,
        file="samverkansregler.yaml",
        base=CONTENT,
        old="    term: Bisyssla",
        new="    term: Bis\u202esyssla",
    ),
    # Blank text where text is required.
    agreement(G, "blank-empty-title", TITLE, 'title: ""', "title", "at least 1 character"),
    agreement(G, "blank-spaces-summary", SUMMARY, 'summary: "   "', "summary", "blank"),
    agreement(G, "blank-no-break-space-area", AREA, '    area: "\u00a0"', "pots[0].area", "blank"),
    agreement(G, "blank-ideographic-space-who", "    who: Regionerna", '    who: "\u3000"', "deadlines[0].who", "blank"),
    agreement(
        G,
        "blank-empty-source-section",
        SECTION,
        '    source: {seed: "001", section: ""}\nstated_total:',
        "signatures[0].source.section",
        "at least 1 character",
    ),
    agreement(G, "blank-tab-signatory", "    signatory: Test Testsson", '    signatory: "\\t"', "signatures[0].signatory", "U+0009"),
]
