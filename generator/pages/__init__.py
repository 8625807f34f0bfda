"""The site's pages, one module per page family; all_pages gathers every page a build writes.

agreements: agreement and notice pages, the list of agreements; rulebook: Samverkansregler; guide: "Får jag …?";
deadlines: Tidsfrister; comparison: Jämförelse and Vad är nytt; source_maps: the source maps ("Från källa till webbplats"); changes: Ändringar;
fragments: generated parts of hand-written pages (start page, sources, open data).
"""

from __future__ import annotations

import datetime as dt

from generator import coverage, glossary
from generator.export import datapackage, opendata, print_documents, seedtexts
from generator.load import Content
from generator.pages.agreements import agreement_page, agreements_index_page, notice_page
from generator.pages.changes import change_pages, document_titles
from generator.pages.common import CoverageMaps
from generator.pages.comparison import comparison_pages, delta
from generator.pages.deadlines import deadline_pages
from generator.pages.fragments import anomalies_fragment, open_data_fragment, sources_fragment, start_fragment
from generator.pages.guide import guide_pages
from generator.pages.rulebook import rulebook_pages
from generator.pages.source_maps import coverage_pages, fulltext_pages
from generator.render import Page, Renderer
from generator.schema_doc import schema_page

__all__ = ["CoverageMaps", "agreement_page", "all_pages", "change_pages", "comparison_pages", "deadline_pages", "delta", "document_titles", "guide_pages", "rulebook_pages"]


def all_pages(renderer: Renderer, content: Content, reference_date: dt.date, site_url: str | None = None) -> list[Page]:
    renderer = renderer.with_sources(content.sources.item.sources if content.sources else [])
    maps = [(loaded, coverage.rows(content, loaded)) for loaded in content.coverage]
    pages = [agreement_page(renderer, a, content, reference_date, maps, site_url) for a in content.agreements]
    pages += [notice_page(renderer, n, content, reference_date) for n in content.notices]
    pages.append(agreements_index_page(renderer, content))
    pages.append(sources_fragment(renderer, content))
    pages.append(anomalies_fragment(renderer, content))
    pages.append(start_fragment(renderer, content, reference_date, site_url))
    pages.append(schema_page())
    pages.append(glossary.fragment(renderer, content))
    pages += rulebook_pages(renderer, content)
    pages += guide_pages(renderer, content)
    pages += deadline_pages(renderer, content, reference_date, site_url)
    pages += comparison_pages(renderer, content)
    pages += opendata.files(content)
    pages += seedtexts.files(content)
    pages += coverage_pages(renderer, content, maps)
    pages += fulltext_pages(renderer, content, maps)
    pages += change_pages(renderer, content, site_url)
    pages.append(datapackage.datapackage(content, pages))
    pages.append(open_data_fragment(renderer, pages, print_documents.documents(content)))
    return pages
