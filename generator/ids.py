"""The one place that gives every addressable thing its page and anchor.

Anchors are public API (documented for readers in docs/lanka-hit.md): they come from ids and
clause numbers, never from heading text, so links into the site survive rewording.
"""

from __future__ import annotations

import functools
import posixpath

PAGES = {
    "start": "index.md",
    "sources": "kallor.md",
    "about_sources": "om-kallorna.md",
    "open_data": "oppna-data.md",
    "changes": "andringar.md",
    "agreements": "avtal/index.md",
    "agreement": "avtal/{id}.md",
    "rulebook": "samverkansregler/index.md",
    "principles": "samverkansregler/principer.md",
    "rules": "samverkansregler/regler.md",
    "definitions": "samverkansregler/begrepp.md",
    "section": "samverkansregler/avsnitt-{id}.md",
    "guide": "samverkansregler/far-jag.md",
    "guide_situation": "samverkansregler/far-jag-situation-{id}.md",
    "guide_topic": "samverkansregler/far-jag-fragor-{id}.md",
    "deadlines": "tidsfrister/index.md",
    "comparison": "jamforelse/index.md",
    "whats_new": "jamforelse/nytt.md",
    "coverage": "fran-kalla/{id}.md",
    "fulltext": "fran-kalla/text-{id}.md",
}

ANCHORS = {
    "pot": "pott-{id}",
    "subtotal": "delsumma-{id}",
    "distribution_key": "nyckel-{id}",
    "condition": "villkor-{id}",
    "deadline": "frist-{id}",
    "recurring_deadline": "arlig-frist-{id}",
    "correction": "rattelse-{id}",
    "discrepancy": "avvikelse-{id}",
    "source": "kalla-{id}",
    "clause": "punkt-{id}",
    "section": "avsnitt-{id}",
    "principle": "princip-{id}",
    "rule": "regel-{id}",
    "definition": "begrepp-{id}",
    "question": "fraga-{id}",
    "answer": "svar-{id}",
    "situation": "situation-{id}",
    "topic": "amne-{id}",
    "proviso": "forutsattning-{id}",
    "seed_line": "rad-{id}",
    "change": "andring-{id}",
}

FRAGMENTS = {
    "start": "_generated/start.md",
    "sources": "_generated/kallor.md",
    "about_sources": "_generated/om-kallorna.md",
    "schema": "_generated/schema.md",
    "open_data": "_generated/oppna-data.md",
    "changes": "_generated/andringar.md",
    "glossary": "_generated/forkortningar.md",
}
"""Generated parts of hand-written pages; a page includes one with the line `<!-- generated: NAME -->`."""

GENERATED_FILES = ("tidsfrister.ics", "andringar.xml")
"""Files at the top of docs/ that belong to the generator: removed when a build no longer writes them."""

GENERATED_DIRS = ("avtal", "samverkansregler", "tidsfrister", "jamforelse", "data", "kallor", "fran-kalla", "_generated", "assets/vendor")
"""Folders under docs/ that belong to the generator: git-ignored, rewritten on every build."""


def page(kind: str, id: str = "") -> str:
    return PAGES[kind].format(id=id)


def anchor(kind: str, id: str) -> str:
    return ANCHORS[kind].format(id=id.replace(".", "-"))


def html_path(page: str) -> str:
    """Where a docs page lands in site/: avtal/x.md -> avtal/x.html (no directory URLs, so the site works from file://)."""
    return page.removesuffix(".md") + ".html"


def clause_page(number: str) -> str:
    return page("section", number.split(".")[0])


def source_download(name: str) -> str:
    """Path under docs/ of the downloadable copy of a source text, e.g. kallor/psykisk-halsa-2025.txt."""
    return f"kallor/{name}"


def relative(from_page: str, to_page: str, fragment: str | None = None) -> str:
    """Relative Markdown link from one docs page to another, as MkDocs validates it."""
    target = "" if to_page == from_page else _relative_path(to_page, posixpath.dirname(from_page) or ".")
    return f"{target}#{fragment}" if fragment else target


@functools.cache
def _relative_path(to_page: str, from_dir: str) -> str:
    return posixpath.relpath(to_page, from_dir)
