"""The source maps ("Från källa till webbplats") and links to them from document pages."""

from __future__ import annotations

from generator import coverage, ids, obligations
from generator.escape import Md
from generator.load import Content
from generator.pages.common import CoverageMaps, document_link, source_title
from generator.render import Page, Renderer


def coverage_pages(renderer: Renderer, content: Content, maps: CoverageMaps) -> list[Page]:
    """One "Från källa till webbplats" page per source document."""
    result = []
    for loaded, rows in maps:
        m = loaded.item
        documents = sorted({(s.document or m.document) for s in m.sections})
        seed = coverage.seed_text(content, m.seed)
        path = ids.page("coverage", coverage.map_page_id(loaded))
        agreement, _ = obligations.unquoted(content, loaded)
        obligation_count = len(obligations.sentences(content, loaded, agreement)) if agreement else 0
        result.append(
            renderer.render(
                "coverage.md.j2",
                path,
                # Below the pages that carry the text: the map repeats the source's headings, which would otherwise outrank them.
                meta={"title": f"Från källa till webbplats: {m.title}", "search": {"boost": 0.2}},
                m=m,
                source_file=loaded.doc.file,
                rows=rows,
                carried=sum(1 for r in rows if r.targets),
                clause_count=len(coverage.clause_lines(content, loaded, seed.lines)) if seed else 0,
                obligation_count=obligation_count,
                obligation_agreement=agreement,
                documents=[(title, page) for d in documents for title, page in [document_link(content, d)] if page],
                cite_source=Md("[{}]({})").format(source_title(content, m.seed), Md(ids.relative(path, ids.page("sources"), ids.anchor("source", m.seed)))),
            )
        )
    return result


def coverage_back_links(maps: CoverageMaps, document: str, from_page: str) -> dict[str, Md]:
    """ref ("condition:x") -> link to the first row of the source map that names it, for links from items back to the map."""
    links: dict[str, Md] = {}
    for loaded, rows in maps:
        page = ids.page("coverage", coverage.map_page_id(loaded))
        for section, row in zip(loaded.item.sections, rows, strict=True):
            if (section.document or loaded.item.document) == document:
                for ref in section.carried_by:
                    links.setdefault(ref, Md(ids.relative(from_page, page, row.anchor)))
    return links


def coverage_link(content: Content, seed: str, from_page: str) -> Md | None:
    """Link from a document's page to the map of its source, if there is one."""
    loaded = coverage.map_for(content, seed)
    return Md(ids.relative(from_page, ids.page("coverage", coverage.map_page_id(loaded)))) if loaded else None
