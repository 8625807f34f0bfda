"""Expand the section entries of mkdocs.yml's nav with the generated pages, so a new agreement needs no nav edit."""

from __future__ import annotations

from collections.abc import Sequence

from generator import coverage, derive, ids
from generator.escape import html_text
from generator.load import Content

NavEntry = tuple[str, "str | list[tuple[str, str]]"]
"""(title, page), or (title, [(title, page)]) for a section of its own inside a section (the guide's pages)."""


def section_pages(content: Content) -> dict[str, Sequence[NavEntry]]:
    """Generated section index page -> [(title, page)] to list under it."""
    agreements = sorted(content.agreements, key=lambda a: (-a.item.year, a.item.id))
    return {
        ids.page("agreements"): [(html_text(a.item.short_title), ids.page("agreement", a.item.id)) for a in agreements]
        + [(html_text(n.item.title), ids.page("agreement", n.item.id)) for n in content.notices],
        ids.page("rulebook"): _rulebook_pages(content),
        ids.page("sources"): [(html_text(f"Från källa: {m.item.short_title}"), ids.page("coverage", coverage.map_page_id(m))) for m in content.coverage]
        + [(html_text(f"Källtext: {a.item.short_title}"), ids.page("fulltext", a.item.id)) for a in agreements if has_fulltext(content, a.item.id)]
        + [(html_text(f"Källtext: {part.title}"), ids.page("fulltext", part.id)) for _, part in coverage.full_text_parts(content)],
        ids.page("comparison"): [("Vad är nytt", ids.page("whats_new"))] if content.themes and len([a for a in content.agreements if a.item.series == content.themes.item.series]) >= 2 else [],
    }


def flat_pages(entries: Sequence[NavEntry]) -> list[str]:
    """The pages of section_pages' entries in navigation order, sections inside the section expanded."""
    return [page for _, target in entries for page in ([target] if isinstance(target, str) else [p for _, p in target])]


def _guide_pages(content: Content) -> list[tuple[str, str]]:
    """The guide "Får jag …?": its entry page, a page per situation and a page per topic of worked questions."""
    assert content.guide is not None
    guide = content.guide.item
    return [
        ("Översikt", ids.page("guide")),
        *((html_text(s.name), ids.page("guide_situation", s.id)) for s in guide.situations),
        *((html_text(derive.guide_topic_title(t.name)), ids.page("guide_topic", t.id)) for t in guide.topics),
    ]


def _rulebook_pages(content: Content) -> list[NavEntry]:
    if content.rulebook is None:
        return []
    pages: list[NavEntry] = [("Får jag …?", _guide_pages(content))] if content.guide else []
    pages += [("Principer", ids.page("principles")), ("Regler vid all samverkan", ids.page("rules")), ("Begrepp", ids.page("definitions"))]
    sections = [c for c in content.rulebook.item.clauses if "." not in c.number]
    return pages + [(html_text(f"{c.number} {c.title}"), ids.page("section", c.number)) for c in sections]


def expand_nav(nav: list | None, content: Content) -> list | None:
    sections = section_pages(content)

    def expand(item):
        if isinstance(item, dict):
            ((title, value),) = item.items()
            if isinstance(value, str) and value in sections:
                return {title: [value] + [{t: p if isinstance(p, str) else [{tt: pp} for tt, pp in p]} for t, p in sections[value]]}
            if isinstance(value, list):
                return {title: [expand(v) for v in value]}
        return item

    return [expand(item) for item in nav] if nav else nav


def has_fulltext(content: Content, agreement_id: str) -> bool:
    """Whether the site has a full-text page of the agreement (its coverage map gives the text's lines)."""
    return any(m.item.obligations is not None and (m.item.obligations.document or m.item.document) == agreement_id for m in content.coverage)
