"""How the site names a source document: never by its internal seed number or file name.

A citation is the document's short title and the section, linked to the document's entry on the
Källor page; the link's tooltip gives the full title and the diarienummer.
"""

from __future__ import annotations

from collections.abc import Sequence

from generator.escape import Md, attribute
from generator.model import Source, SourceRef


def joined(names: Sequence[str]) -> str:
    """["A", "B", "C"] -> "A, B och C"."""
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + " och " + names[-1]


def numbers(source: Source) -> str:
    """The document's diarienummer, e.g. "S2025/00155", or "" when no source states one."""
    return joined([n.number for n in source.diarienummer])


def tooltip(source: Source) -> str:
    """The full title, with the diarienummer where there is one."""
    found = numbers(source)
    return f"{source.title} ({found})" if found else source.title


def short(ref: SourceRef, source: Source, href: str) -> Md:
    """[Short title: section](Källor#document "Full title (diarienummer)")."""
    return Md('[{}: {}]({} "{}")').format(source.short_title, ref.section, Md(href), attribute(tooltip(source)))
