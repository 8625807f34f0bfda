"""A PDF per document: the samverkansregler (with the guide) and each agreement, linked from their pages.

Expected values come from the content YAML and the built HTML pages, never from the PDF code.
"""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.build import check
from generator.export import pdf
from generator.export.print_documents import documents
from tests.conftest import ROOT

pytestmark = pytest.mark.pdf

CONTENT, _ = check(ROOT / "content")
SITE_URL = "https://vard.test/overenskommelser/"
FIXED_ENTRIES = ["Innehåll", "Om denna utskrift"]
"""The print template's own outline entries around the document's chapters."""


class _Page(HTMLParser):
    """The article's h1/h2 texts (without permalink signs) and its links with their text."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[str, str]] = []
        self.links: list[tuple[str, str]] = []
        self._heading: str | None = None
        self._link: str | None = None
        self._text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("h1", "h2") and self._heading is None:
            self._heading, self._text = tag, []
        elif tag == "a" and "headerlink" in (attrs.get("class") or ""):
            self._skip += 1
        elif tag == "a" and self._heading is None:
            self._link, self._text = attrs.get("href") or "", []

    def handle_endtag(self, tag):
        if tag == "a" and self._skip:
            self._skip -= 1
        elif tag == self._heading:
            self.headings.append((tag, " ".join("".join(self._text).split())))
            self._heading = None
        elif tag == "a" and self._link is not None:
            self.links.append((self._link, " ".join("".join(self._text).split())))
            self._link = None

    def handle_data(self, data):
        if not self._skip:
            self._text.append(data)


def page(path: Path) -> _Page:
    parser = _Page()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def linked_pdf(site: Path, html_page: str) -> Path:
    """The file the page's "PDF för utskrift" link points to, resolved as a browser would."""
    source = site / html_page
    hrefs = [href for href, text in page(source).links if text == "PDF för utskrift"]
    assert len(hrefs) == 1, f"{html_page}: {hrefs}"
    assert not re.match(r"^[a-z]+:|^/", hrefs[0]), hrefs[0]
    target = (source.parent / hrefs[0]).resolve()
    assert target.is_file() and target.suffix == ".pdf" and target.parent == (site / "pdf").resolve(), hrefs[0]
    return target


def pdf_text(reader: PdfReader) -> str:
    raw = "\n".join(p.extract_text() for p in reader.pages)
    raw = re.sub(r"[\u2010\-]\n(?=[a-zåäö])", "", raw)
    return " ".join(raw.replace("\u00a0", " ").split())


def top_outline(reader: PdfReader) -> list[str]:
    return [item.title for item in reader.outline if not isinstance(item, list)]


def top_outline_index(reader: PdfReader, title: str) -> int:
    """Where a top-level outline entry is in reader.outline (its children, a list, follow it)."""
    return next(i for i, item in enumerate(reader.outline) if not isinstance(item, list) and item.title == title)


def all_outline(outline) -> list[str]:
    return [title for item in outline for title in (all_outline(item) if isinstance(item, list) else [item.title])]


def kronor(amount: int) -> str:
    return f"{amount:,}".replace(",", " ") + " kr"


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("agreement", [a.item for a in CONTENT.agreements], ids=lambda a: a.id)
def test_agreement_pdf_is_linked_and_holds_its_document(built_site, agreement):
    html_page = f"avtal/{agreement.id}.html"
    reader = PdfReader(str(linked_pdf(built_site, html_page)))
    chapters = [text for tag, text in page(built_site / html_page).headings if tag == "h2"]
    # The agreement's full text follows as an appendix, a chapter of its own (issue 24).
    appendix = [next(text for tag, text in page(built_site / "fran-kalla" / f"text-{agreement.id}.html").headings if tag == "h1")]
    assert top_outline(reader) == FIXED_ENTRIES[:1] + chapters + appendix + FIXED_ENTRIES[1:]
    text = pdf_text(reader)
    assert flat(agreement.title) in text
    assert kronor(agreement.stated_total.amount) in text
    assert reader.metadata.title == agreement.title
    others = {a.item.title for a in CONTENT.agreements if a.item.id != agreement.id}
    assert not others & set(all_outline(reader.outline))
    # Its page and its full text (patientsäkerhet 2021: 43 pages), never the whole reference.
    assert len(reader.pages) < 60


def test_rulebook_pdf_is_linked_from_the_rulebook_and_the_guide(built_site):
    start = linked_pdf(built_site, "samverkansregler/index.html")
    guide_pages = sorted((built_site / "samverkansregler").glob("far-jag-*.html"))
    assert guide_pages
    assert linked_pdf(built_site, "samverkansregler/far-jag.html") == start
    reader = PdfReader(str(start))
    rulebook = CONTENT.rulebook.item

    def h1(html: Path) -> str:
        return next(text for tag, text in page(html).headings if tag == "h1")

    # Every page a chapter, except the guide's situation and question pages, which sit below its entry page.
    titles = {h1(html) for html in (built_site / "samverkansregler").glob("*.html") if html not in guide_pages}
    top = top_outline(reader)
    assert top[0] == FIXED_ENTRIES[0] and top[-1] == FIXED_ENTRIES[1]
    assert sorted(top[1:-1]) == sorted(titles)
    below_entry = {item.title for item in reader.outline[top_outline_index(reader, "Får jag …?") + 1] if not isinstance(item, list)}
    assert {h1(p) for p in guide_pages} <= below_entry
    sections = [f"{c.number} {c.title}" for c in rulebook.clauses if "." not in c.number]
    assert [t for t in top if t in sections] == sections
    text = pdf_text(reader)
    assert flat(rulebook.title) in text
    assert all(flat(q.question) in text for q in CONTENT.guide.item.questions)
    agreements = {a.item.title for a in CONTENT.agreements}
    assert not agreements & set(all_outline(reader.outline))


def test_rulebook_pdf_puts_the_rules_before_the_guide(built_site):
    """The guide is long: before the rules it pushed them to page 52 of 74 (issue 21)."""
    reader = PdfReader(str(linked_pdf(built_site, "samverkansregler/index.html")))
    folder = built_site / "samverkansregler"
    (guide,) = [text for tag, text in page(folder / "far-jag.html").headings if tag == "h1"]
    # The guide is its entry page far-jag.html and the situation and question pages far-jag-*.html below it.
    rules = {text for html in folder.glob("*.html") if html.name != "index.html" and not html.name.startswith("far-jag") for tag, text in page(html).headings if tag == "h1"}
    starts = {item.title: reader.get_destination_page_number(item) + 1 for item in reader.outline if not isinstance(item, list)}
    guide_pages = {text for html in folder.glob("far-jag-*.html") for tag, text in page(html).headings if tag == "h1"}
    below_guide = {item.title: reader.get_destination_page_number(item) + 1 for item in reader.outline[top_outline_index(reader, guide) + 1] if not isinstance(item, list)}
    assert guide_pages <= set(below_guide) and min(below_guide[t] for t in guide_pages) >= max(starts[t] for t in rules)
    top = top_outline(reader)
    sections = [f"{c.number} {c.title}" for c in CONTENT.rulebook.item.clauses if "." not in c.number]
    assert rules >= set(sections) and rules <= set(top), rules - set(top)
    assert max(top.index(t) for t in rules) < top.index(guide), top
    assert max(starts[t] for t in rules) <= starts[guide]
    assert min(starts[t] for t in rules) <= 10, {t: starts[t] for t in rules}


def test_whole_reference_is_still_linked_from_the_start_page(built_site):
    hrefs = [href for href, _ in page(built_site / "index.html").links if href.endswith(".pdf")]
    assert hrefs and all((built_site / h).is_file() for h in hrefs)
    assert len(list((built_site / "pdf").glob("*.pdf"))) == len(CONTENT.agreements) + 2


@pytest.mark.parametrize("site_url", [None, SITE_URL])
def test_every_print_document_links_only_inside_itself_or_to_the_site(built_site, site_url):
    project = built_site.parent
    for document in documents(CONTENT):
        pages = pdf.print_pages(project / "mkdocs.yml", project / "docs", CONTENT, site_url, document)
        html = pdf.print_html(pages, CONTENT, site_url, dt.date(2026, 1, 15), document)
        ids = set(re.findall(r'\bid="([^"]+)"', html))
        hrefs = re.findall(r'\bhref="([^"]*)"', html)
        assert [h for h in hrefs if h.startswith("#") and h[1:] not in ids] == [], document.file
        assert "example." not in html
        own = [h.replace("&amp;", "&") for h in hrefs if h.startswith("https://vard.test")]
        if site_url is None:
            assert own == [] and "vard.test" not in html
        else:
            assert own, document.file
            for url in own:
                path = url.removeprefix(SITE_URL).partition("#")[0]
                assert (built_site / (path or "index.html")).is_file(), url


def test_agreement_pdf_without_a_site_address_names_none(built_site, tmp_path):
    project = built_site.parent
    agreement = CONTENT.agreements[0].item
    (document,) = [d for d in documents(CONTENT) if d.pages and d.pages[0] == f"avtal/{agreement.id}.md"]
    pages = pdf.print_pages(project / "mkdocs.yml", project / "docs", CONTENT, None, document)
    target = tmp_path / document.file
    pdf.write_pdf(pdf.print_html(pages, CONTENT, None, dt.date(2026, 1, 15), document), target)
    reader = PdfReader(str(target))
    text = pdf_text(reader)
    assert flat(agreement.title) in text and "byggdes" in text
    assert "example." not in text and "Webbplats:" not in text and "Den aktuella versionen finns på" not in text
    uris = [str(a.get_object().get("/A", {}).get("/URI", "")) for p in reader.pages for a in p.get("/Annots") or []]
    assert not [u for u in uris if "example." in u or "vard.test" in u]
