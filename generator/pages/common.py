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
