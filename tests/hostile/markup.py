"""Class "markup": content text that would be Markdown, HTML, Jinja or iCalendar syntax if it were
not escaped, in every output context. LEGAL payloads pass validation and must show as text; REFUSED
payloads (tags, script URLs, Markdown links, control characters) must stay refused.
"""

from __future__ import annotations

from tests.hostile import AT, CONTENT, NOTICE, NOTICE_FILE, Case, Legal, agreement, at

AGREEMENT = "avtal/hostile-2027.html"
"""Page of legal-agreement.yaml."""
NOTICE_PAGE = "avtal/hostile-brev.html"
"""Page of legal-notice.yaml."""
DISCREPANCIES = "avtal/hostile-avvikelse-2027.html"
"""Page of legal-discrepancies.yaml (built on its own)."""
INDEX = "avtal/index.html"
"""Lists every agreement and notice by short title (link text); its navigation lists them all."""
ALL_DEADLINES = "tidsfrister.ics"
OWN_DEADLINES = "tidsfrister/hostile-2027.ics"

RULEBOOK = "samverkansregler.yaml"
# Definitions whose text a payload replaces: used in rule text (so they are tooltips) and quoted by no guide answer.
VERKSAMHETSCHEF_TEXT = (
    "text: |-\n      Alla verksamheter i hälso- och sjukvården ska ha en verksamhetschef. Verksamhetschefen är den som har det övergripande ansvaret för verksamheten."
)
BISYSSLA_TEXT = (
    "text: |-\n      En syssla, tillfällig eller stadigvarande, som utövas vid sidan av anställningen och som inte är hänförlig till privatlivet."
)

LEGAL = [
    # Running text (paragraphs): folded to one line, so nothing can start a block.
    Legal("summary-snippet-line", 'Inledning.\n--8<-- "/etc/passwd"\nSlut.', ("text:" + AGREEMENT,)),
    Legal("notice-summary-admonition", '!!! danger "x"\n    Indraget stycke.', ("text:" + NOTICE_PAGE,), forbid=("div.danger",)),
    Legal("condition-intro-link-reference", "[x]: http://evil.invalid", ("text:" + AGREEMENT,), forbid=("a[href=http://evil.invalid]",)),
    Legal("condition-intro-setext-rule", "Inledning\n---\nSlut", ("text:" + AGREEMENT,), forbid=("h*=Inledning", "hr")),
    Legal("condition-intro-abbreviation", "*[HTML]: Hyper Text Markup Language", ("text:" + AGREEMENT,), forbid=("abbr",)),
    # Table cells and link text ("Gäller <pot area>", "Vem: … Gäller: <pot area>").
    Legal("pot-area-hash", "# Rubrik", ("cell:" + AGREEMENT, "link:" + AGREEMENT), forbid=("h*=Rubrik",)),
    Legal("pot-area-attr-list", '{: onclick="alert(1)" }', ("cell:" + AGREEMENT, "link:" + AGREEMENT), forbid=("*[onclick]",)),
    Legal("pot-area-pipes", "| a | b |", ("cell:" + AGREEMENT,), forbid=("td=a", "td=b")),
    # Condition headings are the source's own headings, printed as h3.
    Legal("condition-heading-hash", "# Rubrik", ("heading:" + AGREEMENT,), forbid=("h*=Rubrik",)),
    Legal("condition-heading-attr-list", '{: onclick="alert(1)" }', ("heading:" + AGREEMENT,), forbid=("*[onclick]",)),
    Legal("condition-heading-pipes", "| a | b |", ("heading:" + AGREEMENT,), forbid=("td=a", "td=b")),
    Legal("pot-channel-less-than-space", "a < b > c", ("cell:" + AGREEMENT,)),
    Legal("pot-note-jinja-raw", "{% raw %}{{ 7*7 }}{% endraw %}", ("cell:" + AGREEMENT,)),
    Legal(
        "deadline-title-emphasis",
        "*kursiv* __fet__ `kod`",
        ("cell:" + AGREEMENT, "ics-summary:" + ALL_DEADLINES, "ics-summary:" + OWN_DEADLINES),
        forbid=("em=kursiv", "strong=fet", "code=kod"),
    ),
    Legal("deadline-who-pipes", "| a | b |", ("cell:" + AGREEMENT, "ics-description:" + ALL_DEADLINES), forbid=("td=a", "td=b")),
    Legal("deadline-to-whom-less-than-digit", "1 <2 och 3> 2", ("cell:" + AGREEMENT, "ics-description:" + ALL_DEADLINES)),
    Legal("deadline-title-jinja", "{{ jinja }} och {% raw %}", ("cell:" + AGREEMENT, "ics-summary:" + ALL_DEADLINES)),
    Legal(
        "deadline-consequence-calendar-injection",
        "Ingen ersättning.\nEND:VEVENT\nBEGIN:VEVENT\nUID:evil@example.invalid\nSUMMARY:Falsk händelse\nEND:VEVENT\nBEGIN:VEVENT",
        ("cell:" + AGREEMENT, "ics-description:" + ALL_DEADLINES, "ics-description:" + OWN_DEADLINES),
        forbid=("VEVENT[UID=evil@example.invalid]", "VEVENT[SUMMARY=Falsk händelse]"),
    ),
    Legal("deadline-title-calendar-escapes", 'Semikolon; komma, snedstreck\\ och "citat"', ("cell:" + AGREEMENT, "ics-summary:" + ALL_DEADLINES)),
    # Headings of their own (### name) and link text in the pots table.
    Legal("key-name-hash", "# Nyckelrubrik", ("heading:" + AGREEMENT, "link:" + AGREEMENT), forbid=("h*=Nyckelrubrik",)),
    Legal("key-name-attr-list", 'Nyckel {: onclick="alert(2)" }', ("heading:" + AGREEMENT, "link:" + AGREEMENT), forbid=("*[onclick]",)),
    # Block quotes (> text).
    Legal("key-text-quote", "> citat", ("blockquote:" + AGREEMENT,), forbid=("blockquote=citat",)),
    Legal("key-text-backslashes", "C:\\temp\\ och \\\\dubbel\\\\ och \\* och \\`", ("blockquote:" + AGREEMENT,)),
    # List items (- item).
    Legal("condition-item-dash", "- punkt", ("li:" + AGREEMENT,), forbid=("li=punkt",)),
    Legal("condition-item-number", "1. punkt", ("li:" + AGREEMENT,), forbid=("li=punkt",)),
    Legal("condition-item-entities", "&lt;script&gt;alert(1)&lt;/script&gt;", ("li:" + AGREEMENT,)),
    # Admonition bodies: the "Källa" box names the source's title; a known discrepancy is a warning box.
    Legal(
        "source-title-admonition",
        '!!! danger "x" Källa',
        ("admonition:" + AGREEMENT, "text:kallor.html"),
        forbid=("div.danger",),
        replace=(
            "sources.yaml",
            "    title: Överenskommelse mellan staten och Sveriges Kommuner och Regioner om strategiska insatser inom området psykisk hälsa och suicidprevention 2025\n"
            "    title_given_by_site: false\n"
            '    title_source: {seed: "001", section: "Bemyndigande att underteckna överenskommelsen (rubrik)"}\n',
            # A payload is no name the seed prints: the site gives it (and says so).
            "    title: {}\n    title_given_by_site: true\n    title_note: Syntetiskt namn för tester.\n",
        ),
        field="sources[1].title",
    ),
    Legal("discrepancy-note-admonition", '!!! danger "x"\n    Indraget.', ("admonition:" + DISCREPANCIES,), forbid=("div.danger",)),
    Legal("discrepancy-note-toc", "[TOC]", ("admonition:" + DISCREPANCIES,), forbid=("div.toc",)),
    # Cells in the overview and signature tables, and the sentence on unsigned parties.
    Legal("party-name-ampersand", "R&D", ("cell:" + AGREEMENT, "text:" + AGREEMENT)),
    Legal(
        "signatory-numeric-entities", "&#60;img src=x onerror=alert(1)&#62;", ("cell:" + AGREEMENT, "ics-description:" + ALL_DEADLINES), forbid=("img[src=x]",)
    ),
    Legal("signature-place-entities", "&lt;script&gt;alert(1)&lt;/script&gt;", ("cell:" + AGREEMENT,)),
    # Front matter: page title (<title>), navigation, link text on the list of agreements.
    Legal("agreement-title-jinja", "Avtal {{ jinja }} och {% raw %}", ("heading:" + AGREEMENT,)),
    Legal(
        "short-title-single-quotes",
        "' onfocus='alert(1) R&D R&amp;D &lt;b&gt;",
        ("title:" + AGREEMENT, "nav:" + INDEX, "link:" + INDEX),
        forbid=("*[onfocus]",),
    ),
    Legal(
        "notice-title-double-quotes",
        '" onmouseover="alert(1) &quot;R&D&quot; <1>',
        ("heading:" + NOTICE_PAGE, "title:" + NOTICE_PAGE, "nav:" + INDEX, "link:" + INDEX),
        forbid=("*[onmouseover]",),
    ),
    Legal("notice-sender-hash", "# Avsändare", ("cell:" + NOTICE_PAGE, "li:" + INDEX), forbid=("h*=Avsändare",)),
    Legal("notice-quote-abbreviation", "*[HTML]: Hyper", ("blockquote:" + NOTICE_PAGE,), forbid=("abbr",)),
    # Tooltips: a definition's text is the title attribute of every linked use of its term.
    Legal(
        "definition-tooltip-double-quotes",
        'Alla företag " onmouseover="alert(1) &quot; (med parentes) & R&D',
        ("tooltip:samverkansregler/avsnitt-2.html", "text:samverkansregler/begrepp.html"),
        forbid=("*[onmouseover]",),
        replace=(RULEBOOK, VERKSAMHETSCHEF_TEXT, "text: {}"),
        field="definitions[6].text",
    ),
    Legal(
        "definition-tooltip-single-quotes",
        "Anställd ' onfocus='alert(1) &#39; [x]: http://evil.invalid",
        ("tooltip:samverkansregler/avsnitt-4.html", "text:samverkansregler/begrepp.html"),
        forbid=("*[onfocus]", "a[href=http://evil.invalid]"),
        replace=(RULEBOOK, BISYSSLA_TEXT, "text: {}"),
        field="definitions[0].text",
    ),
    # A section title: navigation, page title and heading of its page.
    Legal(
        "section-title-nav",
        'Marknadsundersökningar " onclick="alert(1) &amp; &lt;1&gt; <1>',
        ("nav:samverkansregler/index.html", "title:samverkansregler/avsnitt-10.html", "heading:samverkansregler/avsnitt-10.html"),
        forbid=("*[onclick]",),
        replace=(RULEBOOK, "title: Marknadsundersökningar\n", "title: {}\n"),
        field="clauses[112].title",
    ),
]

MARKUP = "may not contain markup"

REFUSED = [
    agreement(
        "refused-markup", "script-in-summary", "summary: Syntetiskt innehåll för tester.", 'summary: "Text <script>alert(1)</script>"', "summary", MARKUP
    ),
    agreement(
        "refused-markup", "img-in-pot-area", "    area: Stärkt suicidpreventivt arbete", '    area: "<img src=x onerror=alert(1)>"', "pots[0].area", MARKUP
    ),
    agreement("refused-markup", "comment-in-channel", "    channel: via Kammarkollegiet", '    channel: "<!-- x -->"', "pots[0].channel", MARKUP),
    agreement("refused-markup", "closing-tag-in-party-name", "    name: Staten", '    name: "Staten</td>"', "parties[0].name", MARKUP),
    agreement(
        "refused-markup",
        "processing-instruction-in-signatory",
        "    signatory: Test Testsson",
        '    signatory: "<?php echo 1; ?>"',
        "signatures[0].signatory",
        MARKUP,
    ),
    agreement("refused-markup", "javascript-url-in-summary", "summary: Syntetiskt innehåll för tester.", "summary: javascript:alert(1)", "summary", MARKUP),
    agreement("refused-markup", "javascript-url-spaced-in-who", "    who: Regionerna", '    who: "JavaScript :alert(1)"', "deadlines[0].who", MARKUP),
    agreement("refused-markup", "markdown-link-in-short-title", "short_title: Testöverenskommelse 2027", 'short_title: "[x](http://a)"', "short_title", MARKUP),
    agreement(
        "refused-markup",
        "markdown-link-spaced-in-summary",
        "summary: Syntetiskt innehåll för tester.",
        'summary: "[klicka] (http://evil.invalid)"',
        "summary",
        MARKUP,
    ),
    agreement("refused-markup", "control-bell-in-summary", "summary: Syntetiskt innehåll för tester.", 'summary: "Text\\a"', "summary", "U+0007"),
    agreement(
        "refused-markup", "control-escape-sequence-in-title", "title: Syntetisk testöverenskommelse 2027", 'title: "\\e[31mRöd\\e[0m"', "title", "U+001B"
    ),
    Case(
        "refused-markup",
        "tag-in-rulebook-definition",
        "definitions[5].text",
        MARKUP,
        at(-1),
        file="samverkansregler.yaml",
        base=CONTENT,
        old="Region eller kommun med ansvar för hälso- och sjukvård.",
        new="Region <b>eller</b> kommun med ansvar för hälso- och sjukvård.",
    ),
    Case(
        "refused-markup",
        "javascript-url-in-guide-answer",
        "questions[0].text",
        MARKUP,
        AT,
        file="guide.yaml",
        base=CONTENT,
        old='text: "Resor får inte bekostas av industrin eller begäras av enskilda deltagare, och arbetsgivaren',
        new='text: "javascript:alert(1) Resor får inte bekostas av industrin eller begäras av enskilda deltagare, och arbetsgivaren',
    ),
    Case(
        "refused-markup",
        "tag-in-theme-name",
        "themes[0].name",
        MARKUP,
        AT,
        file="themes.yaml",
        base=CONTENT,
        old="    name: Suicidprevention",
        new="    name: <i>Suicidprevention</i>",
    ),
    Case(
        "refused-markup",
        "tag-in-notice-title",
        "title",
        MARKUP,
        AT,
        file=NOTICE_FILE,
        base=NOTICE,
        old="title: Brev om testfall",
        new='title: "<b>Brev</b> om testfall"',
    ),
    agreement(
        "refused-markup", "script-uppercase-in-title", "title: Syntetisk testöverenskommelse 2027", 'title: "<SCRIPT>alert(1)</SCRIPT>"', "title", MARKUP
    ),
    agreement("refused-markup", "doctype-in-place", "    place: Stockholm", '    place: "<!DOCTYPE html>"', "signatures[0].place", MARKUP),
    agreement("refused-markup", "vbscript-url-in-to-whom", "    to_whom: Kammarkollegiet", '    to_whom: "vbscript:msgbox(1)"', "deadlines[0].to_whom", MARKUP),
    agreement(
        "refused-markup",
        "data-url-in-short-title",
        "short_title: Testöverenskommelse 2027",
        'short_title: "data:text/html;base64,PHNjcmlwdD4="',
        "short_title",
        MARKUP,
    ),
    agreement(
        "refused-markup",
        "markdown-image-in-deadline-title",
        "    title: Rekvisition",
        '    title: "![x](http://evil.invalid/x.png)"',
        "deadlines[0].title",
        MARKUP,
    ),
    agreement("refused-markup", "control-nul-in-area", "    area: Stärkt suicidpreventivt arbete", '    area: "a\\0b"', "pots[0].area", "U+0000"),
    Case(
        "refused-markup",
        "tag-in-source-title",
        "sources[0].title",
        MARKUP,
        AT,
        file="sources.yaml",
        base=CONTENT,
        old="    title: Brev om bakgrundskontroller",
        new="    title: <script>Brev om bakgrundskontroller",
    ),
]
