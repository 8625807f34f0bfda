"""The source maps ("Från källa till webbplats") and links to them from document pages."""

from __future__ import annotations

from generator import coverage, fulltext, ids, obligations
from generator.escape import Md, inline
from generator.load import Content
from generator.pages.common import CoverageMaps, document_link, source_title
from generator.quotes import normalise
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


def fulltext_map(content: Content, agreement_id: str):
    """The coverage map whose obligation scope is this agreement's text, if any."""
    for loaded in content.coverage:
        scope = loaded.item.obligations
        if scope is not None and (scope.document or loaded.item.document) == agreement_id:
            return loaded
    return None


def render_parts(parts: tuple) -> Md:
    """A paragraph of the full text: text escaped, each correction marked with the printed reading as its tooltip."""
    out = []
    for part in parts:
        if isinstance(part, fulltext.Fix):
            out.append(
                Md('<ins class="rattelse" title="Källans text: {}">{}</ins><sup class="rattelse-not">[rättelse]({})</sup>').format(
                    part.printed, part.corrected, Md(f"#{ids.anchor('correction', part.correction_id)}")
                )
            )
        else:
            out.append(inline(part))
    return Md(" ").join(out)


def fulltext_pages(renderer: Renderer, content: Content, maps: CoverageMaps) -> list[Page]:
    """One page per agreement with the whole text of the agreement as the seed prints it (see generator.fulltext)."""
    result = []
    rows_of = {id(loaded): rows for loaded, rows in maps}
    for a in content.agreements:
        loaded = fulltext_map(content, a.item.id)
        if loaded is None:
            continue
        path = ids.page("fulltext", a.item.id)
        found = fulltext.blocks(content, loaded, a.item)
        back: dict[str, list[tuple[str, Md]]] = {}
        for row in rows_of.get(id(loaded), []):
            for target in row.targets:
                if target.label.startswith("Rättad läsning"):
                    continue  # the correction is marked in the text itself
                back.setdefault(normalise(row.heading), []).append((target.label, Md(ids.relative(path, target.page, target.anchor))))
        agreement_page = ids.page("agreement", a.item.id)

        def parts(value: tuple, agreement_page: str = agreement_page, path: str = path) -> Md:
            md = render_parts(value)
            return Md(md.replace("](#rattelse-", "](" + ids.relative(path, agreement_page) + "#rattelse-"))

        result.append(
            renderer.render(
                "fulltext.md.j2",
                path,
                meta={"title": f"Källtext: {a.item.short_title}", "search": {"boost": 0.5}},
                a=a.item,
                source_file=loaded.doc.file,
                blocks=found,
                back_links=back,
                render_parts=parts,
                hashes=lambda level: Md("#" * int(level)),
                map_link=Md(ids.relative(path, ids.page("coverage", coverage.map_page_id(loaded)))),
            )
        )
    return result


def fulltext_anchors(content: Content, agreement_id: str) -> tuple[str, dict[str, str]] | None:
    """(full-text page, heading text -> anchor) for an agreement, for "Läs i källan" links."""
    loaded = fulltext_map(content, agreement_id)
    agreement = next((a.item for a in content.agreements if a.item.id == agreement_id), None)
    if loaded is None or agreement is None:
        return None
    return ids.page("fulltext", agreement_id), fulltext.anchors_by_heading(fulltext.blocks(content, loaded, agreement))
