"""generator/pagemarks.py: tables that cite a source marked as cards at build time; headings in closed blocks
left out of the table of contents (issue 21). On plain Python-Markdown and on the built site."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown

EXTENSIONS = ["tables", "attr_list", "md_in_html", "toc", "generator.pagemarks"]


def render(text: str) -> tuple[str, list[dict]]:
    md = markdown.Markdown(extensions=EXTENSIONS)
    html = md.convert(text)
    return html, md.toc_tokens  # type: ignore[attr-defined]


def ids(tokens: list[dict]) -> list[str]:
    return [t["id"] for t in tokens] + [i for t in tokens for i in ids(t["children"])]


def test_a_table_with_a_source_column_is_marked_and_its_cells_labelled():
    html, _ = render("| Datum | Om fristen missas | Källa |\n|---|---|---|\n| 1 mars | Inget | 2.3 |\n")
    assert '<table data-kort="">' in html
    assert '<td data-etikett="Datum">1 mars</td>' in html
    # A name longer than one short word stands above its value.
    assert '<td data-etikett="Om fristen missas" data-etikett-ovan="">Inget</td>' in html
    assert '<td data-etikett="Källa">2.3</td>' in html
    assert "data-etikett" not in html.split("<tbody")[0], "the header cells are not labelled"
    # No ARIA roles in the markup (the HTML standard forbids row and cell roles there; tabeller.js sets them).
    assert "role=" not in html


def test_a_table_without_a_source_column_is_left_as_it_is():
    html, _ = render("| Mottagare | Belopp |\n|---|---|\n| Regioner | 5 kr |\n")
    assert "data-kort" not in html and "data-etikett" not in html and "role=" not in html


def test_a_column_name_with_markup_labels_by_its_text():
    html, _ = render("| **Vad** | Dokument |\n|---|---|\n| a | b |\n")
    assert '<td data-etikett="Vad">a</td>' in html and '<td data-etikett="Dokument">b</td>' in html


def test_a_label_is_an_attribute_value_never_markup():
    # Raw HTML in a column name is left out of the label (it would reach the attribute unescaped), quotes are escaped.
    html, _ = render('| Vad "<b title="x">" & | Källa |\n|---|---|\n| a | b |\n')
    assert 'data-etikett="Vad &quot;&quot; &amp;"' in html


def test_headings_in_a_closed_block_leave_the_table_of_contents_but_keep_their_anchors():
    text = (
        "## Kommande { #kommande }\n\n"
        '<details markdown="1">\n<summary>2025</summary>\n\n### Mars 2025 { #2025-03 }\n\nText.\n\n</details>\n\n'
        '<details open markdown="1">\n<summary>2024</summary>\n\n### Maj 2024 { #2024-05 }\n\nText.\n\n</details>\n\n'
        "## Passerade { #passerade }\n"
    )
    html, tokens = render(text)
    assert [t["id"] for t in tokens] == ["kommande", "passerade"]
    assert [c["id"] for c in tokens[0]["children"]] == ["2024-05"], "the heading in the open block stays"
    assert 'id="2025-03"' in html, "the hidden heading keeps its anchor"


class _Toc(HTMLParser):
    """The anchors listed in the page's table of contents (Material's nav.md-nav--secondary)."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if self.depth:
            if tag == "nav":
                self.depth += 1
            elif tag == "a" and (attributes.get("href") or "").startswith("#"):
                self.links.append(attributes["href"][1:])
        elif tag == "nav" and "md-nav--secondary" in (attributes.get("class") or ""):
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth and tag == "nav":
            self.depth -= 1


def test_deadlines_page_lists_past_months_only_as_anchors(built_site):
    html = (built_site / "tidsfrister" / "index.html").read_text(encoding="utf-8")
    toc = _Toc()
    toc.feed(html)
    months = re.findall(r'<h3 id="(\d{4}-\d{2})"', html)
    assert months, "the deadlines page has past months"
    assert "passerade" in toc.links and "kommande" in toc.links
    assert not set(months) & set(toc.links), "a month inside a closed year block is in the table of contents"


def test_built_card_tables_carry_their_labels_without_javascript(built_site):
    html = (built_site / "avtal" / "psykisk-halsa-2026.html").read_text(encoding="utf-8")
    tables = re.findall(r"<table( data-kort=\"\")?>(.*?)</table>", html, re.S)
    marked = [body for attributes, body in tables if attributes]
    assert marked and len(marked) < len(tables), "some, not all, tables of the agreement page are cards"
    for body in marked:
        names = [re.sub(r"<[^>]+>", "", name).strip() for name in re.findall(r"<th[^>]*>(.*?)</th>", body.split("</thead>")[0], re.S)]
        assert "Källa" in names or "Dokument" in names
        first_row = re.search(r"<tbody[^>]*>\s*<tr[^>]*>(.*?)</tr>", body, re.S).group(1)
        assert re.findall(r'data-etikett="([^"]+)"', first_row) == [n for n in names if n][: len(re.findall(r"<td", first_row))]


def test_every_table_stands_in_its_frame_after_a_hidden_hint():
    html, _ = render("Före\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\nMellan\n\n| Vad | Källa |\n|---|---|\n| x | y |\n\nEfter\n")
    frames = re.findall(r'<p class="tabell-svep" data-search-exclude="" hidden="hidden" id="(tabell-svep-\d+)">Svep för att se fler kolumner</p>\s*<div class="tabell-ram"><table', html)
    assert frames == ["tabell-svep-1", "tabell-svep-2"], html
    # The text around the tables stays where it was.
    assert html.index("Före") < html.index("tabell-svep-1") < html.index("Mellan") < html.index("tabell-svep-2") < html.index("Efter")
    assert html.count("</table></div>") == 2
