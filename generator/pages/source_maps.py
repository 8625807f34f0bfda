"""The source maps ("Från källa till webbplats") and links to them from document pages."""

from __future__ import annotations

from generator import coverage, fulltext, ids, obligations
from generator.escape import Md, inline
from generator.load import Content
from generator.model import SourceRef
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
                for ref in row.refs:
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
    """A paragraph or table cell of the full text: text escaped, each correction marked with the printed reading as
    its tooltip and, after its last piece, a link to its row in the corrections table."""
    out = []
    for part in parts:
        if isinstance(part, fulltext.Fix):
            mark = Md('<ins class="rattelse" title="Källans text: {}">{}</ins>').format(part.printed, part.corrected)
            link = Md('<sup class="rattelse-not">[rättelse]({})</sup>').format(Md(f"#{ids.anchor('correction', part.correction_id)}"))
            out.append(mark + link if part.linked else mark)
        else:
            out.append(inline(part))
    return Md(" ").join(out)


def fulltext_pages(renderer: Renderer, content: Content, maps: CoverageMaps) -> list[Page]:
    """One page per agreement with the whole text of the agreement as the seed prints it (see generator.fulltext),
    and one per other document of a seed that its map lists under full_texts (a letter, a decision)."""
    result = []
    rows_of = {id(loaded): rows for loaded, rows in maps}
    for a in content.agreements:
        loaded = fulltext_map(content, a.item.id)
        if loaded is None:
            continue
        result.append(
            _fulltext_page(
                renderer, content, loaded, rows_of.get(id(loaded), []), a.item.id, fulltext.blocks(content, loaded, a.item),
                title=a.item.title, short_title=a.item.short_title, source_ref=a.item.source, corrections=bool(a.item.corrections),
            )
        )
    for loaded, part in coverage.full_text_parts(content):
        result.append(
            _fulltext_page(
                renderer, content, loaded, rows_of.get(id(loaded), []), part.id, fulltext.part_blocks(content, loaded, part),
                title=part.title, short_title=part.title, source_ref=SourceRef(seed=loaded.item.seed, section=part.title),
                corrections=False, title_note=part.title_note if part.title_given_by_site else None, document=part.document,
            )
        )
    return result


def _fulltext_page(
    renderer: Renderer, content: Content, loaded, rows: list, page_id: str, found: list, *,
    title: str, short_title: str, source_ref: SourceRef, corrections: bool, title_note: str | None = None, document: str | None = None,
) -> Page:
    path = ids.page("fulltext", page_id)
    headings = {b.key for b in found if isinstance(b, fulltext.Heading)}
    back: dict[str, list[tuple[str, Md]]] = {}
    for row in rows:
        if normalise(row.heading) not in headings:
            continue
        for target in row.targets:
            if target.label.startswith("Rättad läsning"):
                continue  # the correction is marked in the text itself
            back.setdefault(normalise(row.heading), []).append((target.label, Md(ids.relative(path, target.page, target.anchor))))
    corrections_page = ids.relative(path, ids.page("agreement", page_id)) if corrections else None
    document_title, document_page = document_link(content, document) if document else ("", None)

    def parts(value: tuple) -> Md:
        md = render_parts(value)
        return Md(md.replace("](#rattelse-", "](" + corrections_page + "#rattelse-")) if corrections_page else md

    return renderer.render(
        "fulltext.md.j2",
        path,
        meta={"title": f"Källtext: {short_title}", "search": {"boost": 0.5}},
        title=title,
        short_title=short_title,
        title_note=title_note,
        source_ref=source_ref,
        corrections_page=Md(corrections_page) if corrections_page else None,
        document_title=document_title,
        document_page=Md(ids.relative(path, document_page)) if document_page else None,
        source_file=loaded.doc.file,
        blocks=found,
        has_tables=any(isinstance(b, fulltext.Table) for b in found),
        back_links=back,
        render_parts=parts,
        hashes=lambda level: Md("#" * int(level)),
        map_link=Md(ids.relative(path, ids.page("coverage", coverage.map_page_id(loaded)))),
    )


def fulltext_anchors(content: Content, agreement_id: str) -> tuple[str, dict[str, str]] | None:
    """(full-text page, heading text -> anchor) for an agreement, for "Läs i källan" links."""
    loaded = fulltext_map(content, agreement_id)
    agreement = next((a.item for a in content.agreements if a.item.id == agreement_id), None)
    if loaded is None or agreement is None:
        return None
    return ids.page("fulltext", agreement_id), fulltext.anchors_by_heading(fulltext.blocks(content, loaded, agreement))


def fulltext_section_anchor(section: str, anchors: dict[str, str]) -> str | None:
    """The full-text anchor a citation's section names: its first section number with a heading there, else a heading it starts with."""
    present = set(anchors.values())
    for match in coverage.CITED_NUMBER.finditer(section.removeprefix(coverage.CITATION_PREFIX)):
        anchor = ids.anchor("section", match.group(1))
        if anchor in present:
            return anchor
    text = normalise(section)
    starts = [key for key in anchors if text.startswith(key)]
    return anchors[max(starts, key=len)] if starts else None
