"""The offline PDF and zip: opened with pypdf / zipfile, checked against the content."""

from __future__ import annotations

import re
import zipfile

import pytest
from pypdf import PdfReader

from generator.build import check
from generator.render import sek
from tests.conftest import ROOT

pytestmark = pytest.mark.pdf

CONTENT, _ = check(ROOT / "content")


@pytest.fixture(scope="module")
def reader(built_site) -> PdfReader:
    return PdfReader(str(built_site / "pdf" / "overenskommelser-och-samverkansregler.pdf"))


@pytest.fixture(scope="module")
def text(reference_pdf_pages) -> str:
    # Join the PDF's own line breaks and hyphenation so sentences can be compared with the source.
    raw = "\n".join(reference_pdf_pages)
    raw = re.sub(r"[\u2010\-]\n(?=[a-zåäö])", "", raw)
    return " ".join(raw.split())


def outline_titles(outline, depth=0):
    for item in outline:
        if isinstance(item, list):
            yield from outline_titles(item, depth + 1)
        else:
            yield depth, item.title


def test_page_count_is_sane(reader):
    assert 40 <= len(reader.pages) <= 320  # 288 with 48 guide questions (2026-12-05)


def test_outline_has_every_top_level_section(reader):
    top = [title for depth, title in outline_titles(reader.outline) if depth == 0]
    for expected in ["Innehåll", "Överenskommelser", "Samverkansregler 2026: översikt", "Tidsfrister", "Källor", "Om källorna", "Öppna data", "Om denna utskrift"]:
        assert expected in top
    nested = [title for depth, title in outline_titles(reader.outline) if depth >= 1]
    assert "3.2.4" in nested and "Principer" in nested
    for agreement in CONTENT.agreements:
        assert agreement.item.title in nested


def test_sample_clauses_are_verbatim(text):
    clauses = {c.number: c.text for c in CONTENT.rulebook.item.clauses if c.text}
    for number in ["3.1.5", "6.1", "10.7"]:
        assert " ".join(clauses[number].split()) in text, number
    assert "Måttfullhetsprincipen" in text and "Sjukvårdshuvudman" in text


def test_every_agreement_total_is_in_the_pdf(text):
    for agreement in CONTENT.agreements:
        assert sek(agreement.item.stated_total.amount).replace("\u00a0", " ") in text.replace("\u00a0", " ")


def test_charts_are_vector_text_in_the_pdf(text):
    # The SVG bar labels come through as text, which a raster image would not.
    assert "2026: 548 mnkr" in text.replace("\u00a0", " ")
    assert "Medel per mottagare" in text


def test_internal_links_work_inside_the_pdf(reader):
    internal = 0
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            action = annotation.get("/A")
            if "/Dest" in annotation or (action is not None and action.get("/S") == "/GoTo"):
                internal += 1
    assert internal > 300


def test_toc_has_page_numbers_and_last_page_names_the_site(reader):
    toc = reader.pages[1].extract_text()
    assert "Innehåll" in toc and re.search(r"Överenskommelser\s*\.+\s*\d+", toc)
    last = reader.pages[-1].extract_text()
    # Built without SITE_URL: no address is named (tests/test_address.py checks it with one).
    assert "byggdes" in last and "example." not in last and "https://" not in last


def test_offline_zip_contains_the_site(built_site):
    archive = built_site.parent / "dist" / "overenskommelser-och-samverkansregler-site.zip"
    with zipfile.ZipFile(archive) as z:
        names = z.namelist()
    root = "overenskommelser-och-samverkansregler/"
    for path in ["index.html", "search/search_index.js", "search/search_index_full.js", "assets/javascripts/workers/search-sv-full.js", "assets/vendor/iframe-worker-shim.js", "pdf/overenskommelser-och-samverkansregler.pdf", "samverkansregler/avsnitt-3.html"]:
        assert root + path in names


def test_pdf_cites_documents_by_name_not_by_file_code(text):
    """The print rendering of the citations follows the site: short title and section, never "källa 001"."""
    assert not re.search(r"(?i)\bkälla \d{3}\b|\bseed\s*\d|content/seeds", text)
    for source in CONTENT.sources.item.sources:
        assert source.title in text
    assert re.search(r"Psykisk hälsa 2025: 4\.1,? ?tabell 1", text)
