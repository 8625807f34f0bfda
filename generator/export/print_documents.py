"""Which PDFs the build writes, and the link to each from its pages on the site.

Besides the whole reference, one PDF for the samverkansregler (the rules, then the guide "Får jag …?") and one
per agreement. Every PDF comes from the same print template (generator/export/pdf.py); a document
only chooses its pages, its cover and its file name.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from generator import ids
from generator.escape import Md
from generator.load import Content
from generator.model import Agreement, Rulebook
from generator.navigation import flat_pages, section_pages

PDF_DIR = "pdf"
SITE_TITLE = "Överenskommelser och samverkansregler"


@dataclass(frozen=True)
class PrintDocument:
    file: str
    """File name in site/pdf/, e.g. overenskommelse-psykisk-halsa-2025.pdf."""
    title: str
    running_title: str
    """Short title in the page header."""
    subtitle: str
    pages: tuple[str, ...] | None
    """Docs pages in print order; None for every page of the printed reference, in navigation order."""
    seeds: tuple[str, ...] | None
    """Sources listed on the cover; None for all."""
    home: str | None
    """The site page the document prints (linked in the colophon when the site address is known); None for the start page."""

    @property
    def path(self) -> str:
        return f"{PDF_DIR}/{self.file}"


WHOLE = PrintDocument(
    file="overenskommelser-och-samverkansregler.pdf",
    title=SITE_TITLE,
    running_title=SITE_TITLE,
    subtitle="Överenskommelserna mellan staten och Sveriges Kommuner och Regioner om psykisk hälsa och suicidprevention 2021, 2025 och 2026 och om patientsäkerhet m.m. 2021, samt samverkansreglerna för vård och industri som gäller från 1 februari 2026.",
    pages=None,
    seeds=None,
    home=None,
)

_AGREEMENT_FILE_PREFIX = {"agreement": "overenskommelse", "supplementary": "tillaggsoverenskommelse"}


def agreement_file(a: Agreement) -> str:
    return f"{_AGREEMENT_FILE_PREFIX[a.kind]}-{a.id}.pdf"


def rulebook_file(r: Rulebook) -> str:
    return f"{r.id}.pdf"


def agreement_document(a: Agreement) -> PrintDocument:
    page = ids.page("agreement", a.id)
    return PrintDocument(
        file=agreement_file(a),
        title=a.title,
        running_title=a.short_title,
        subtitle=f"Utskrift ur webbplatsen {SITE_TITLE}.",
        pages=(page,),
        seeds=(a.source.seed,),
        home=page,
    )


def rulebook_document(content: Content) -> PrintDocument | None:
    if content.rulebook is None:
        return None
    r = content.rulebook.item
    index = ids.page("rulebook")
    guide = " Efter reglerna följer vägledningen Får jag …?, som besvarar vanliga frågor ur regeltexten." if content.guide else ""
    # The rules first, the guide after them: the guide is long (issue 21: it put the rules on page 52 of 74).
    # The guide is the one section inside the section (its entry page and the situation and question pages).
    entries = section_pages(content)[index]
    rules_first = flat_pages([e for e in entries if isinstance(e[1], str)]) + flat_pages([e for e in entries if not isinstance(e[1], str)])
    return PrintDocument(
        file=rulebook_file(r),
        title=r.short_title,
        running_title=r.short_title,
        subtitle=f"{r.title}.{guide}",
        pages=(index, *rules_first),
        seeds=(r.source.seed,),
        home=index,
    )


def documents(content: Content) -> list[PrintDocument]:
    """Every PDF the build writes, the whole reference first."""
    rulebook = rulebook_document(content)
    return [WHOLE, *([rulebook] if rulebook else []), *(agreement_document(a.item) for a in content.agreements)]


def print_link(document: PrintDocument, from_page: str) -> Md:
    """The "PDF för utskrift" paragraph on a page. Raw HTML: the PDF is written beside the site after MkDocs,
    so MkDocs cannot check a Markdown link to it (tests/test_pdf_documents.py checks that it resolves)."""
    href = posixpath.relpath(document.path, posixpath.dirname(from_page) or ".")
    # Kept out of the search index: on every page it would make "skriva ut"/"pdf" find each page alike.
    return Md('<p class="pdf-lank" data-search-exclude><a href="{}">PDF för utskrift</a> ({}, A4)</p>').format(href, document.file)
