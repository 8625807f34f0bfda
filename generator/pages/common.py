"""Helpers more than one page family uses: source documents, links to documents."""

from __future__ import annotations

from generator import coverage, ids
from generator.load import Content, Loaded
from generator.model import CoverageMap

CoverageMaps = list[tuple[Loaded[CoverageMap], list[coverage.Row]]]
"""Each source map with its resolved rows, computed once per build."""


def source_document(content: Content, seed: str):
    for source in content.sources.item.sources if content.sources else []:
        if source.id == seed:
            return source
    raise KeyError(seed)


def document_link(content: Content, document: str) -> tuple[str, str | None]:
    for a in content.agreements:
        if a.item.id == document:
            return a.item.short_title, ids.page("agreement", document)
    for n in content.notices:
        if n.item.id == document:
            return n.item.title, ids.page("agreement", document)
    if content.rulebook is not None and content.rulebook.item.id == document:
        return content.rulebook.item.short_title, ids.page("rulebook")
    return document, None


def source_title(content: Content, seed: str) -> str:
    source = source_document(content, seed)
    return source.title if source else seed


def part_full_texts(content: Content, document: str) -> list[tuple[str, str]]:
    """(title, page) of the full-text pages of the seed documents that belong to a content document (a letter, a decision)."""
    return [(part.title, ids.page("fulltext", part.id)) for _, part in coverage.full_text_parts(content) if part.document == document]


def seed_full_texts(content: Content, seed: str) -> list[tuple[str, str]]:
    """(title, page) of every full-text page made from a seed: its agreements' texts and its other documents, in seed order."""
    found = []
    for loaded in content.coverage:
        if loaded.item.seed != seed:
            continue
        scope = loaded.item.obligations
        if scope is not None:
            document = scope.document or loaded.item.document
            title = next((a.item.short_title for a in content.agreements if a.item.id == document), None)
            if title is not None:
                found.append((scope.first_line, title, ids.page("fulltext", document)))
        found += [(part.first_line, part.title, ids.page("fulltext", part.id)) for part in loaded.item.full_texts]
    return [(title, page) for _, title, page in sorted(found)]
