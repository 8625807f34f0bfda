"""Generated parts of hand-written pages (start page, sources, about the sources, open data)."""

from __future__ import annotations

import datetime as dt

from generator import coverage, derive, ids
from generator.escape import Md
from generator.export import downloads, print_documents, seedtexts
from generator.load import Content
from generator.pages.common import seed_full_texts
from generator.render import Page, Renderer


def sources_fragment(renderer: Renderer, content: Content) -> Page:
    return renderer.render(
        "sources_fragment.md.j2",
        ids.FRAGMENTS["sources"],
        link_from=ids.page("sources"),
        sources=content.sources.item.sources if content.sources else [],
        maps={s.id: ids.page("coverage", coverage.map_page_id(m)) if (m := coverage.map_for(content, s.id)) else None for s in (content.sources.item.sources if content.sources else [])},
        sizes=seedtexts.sizes(content),
        full_texts={s.id: seed_full_texts(content, s.id) for s in (content.sources.item.sources if content.sources else [])},
    )


def anomalies_fragment(renderer: Renderer, content: Content) -> Page:
    """Everything odd about the sources: corrected readings, sums that do not add up, repeated clauses."""
    agreements = [a.item for a in content.agreements]
    duplicates = derive.duplicate_clause_texts(content.rulebook.item) if content.rulebook else {}
    return renderer.render(
        "anomalies_fragment.md.j2",
        ids.FRAGMENTS["about_sources"],
        link_from=ids.page("about_sources"),
        corrections=[(a, c) for a in agreements for c in a.corrections],
        discrepancies=[(a, d) for a in agreements for d in a.discrepancies],
        duplicates=sorted({tuple(g) for g in duplicates.values()}, key=lambda g: [int(x) for x in g[0].split(".")]),
    )


def start_fragment(renderer: Renderer, content: Content, reference_date: dt.date, site_url: str | None = None) -> Page:
    return renderer.render(
        "start_fragment.md.j2",
        ids.FRAGMENTS["start"],
        link_from=ids.page("start"),
        agreements=sorted((a.item for a in content.agreements), key=lambda a: (-a.year, a.id)),
        next_items=derive.upcoming_items(derive.dated_items(content, reference_date)),
        reference_date=reference_date,
        site_url=site_url,
    )


TYPE_NAMES = {"string": "text", "integer": "heltal", "date": "datum"}


def open_data_fragment(renderer: Renderer, written: list[Page], pdfs: list[print_documents.PrintDocument]) -> Page:
    """The list of files on "Öppna data", with the sizes of the files this build writes."""
    return renderer.render(
        "open_data_fragment.md.j2",
        ids.FRAGMENTS["open_data"],
        link_from=ids.page("open_data"),
        files=downloads.downloads(written),
        pdfs=pdfs,
        size=downloads.size_text,
        code=lambda name: Md("<code>{}</code>").format(name),
        types=TYPE_NAMES,
    )
