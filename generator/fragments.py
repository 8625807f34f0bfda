"""Generated fragments in hand-written pages.

A hand-written page in docs/ names a fragment with a line `<!-- generated: NAME -->` (NAME from
ids.FRAGMENTS). This replaces the snippets extension, which would let any page include any file by
naming it: here only the four fragments the generator writes can be included, and only into pages
that are not themselves generated.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator import ids

MARKER = re.compile(r"^<!-- generated: ([a-z_]+) -->[ \t]*$", re.MULTILINE)


class UnknownFragment(Exception):
    pass


def is_generated(page_path: str) -> bool:
    return any(page_path == folder or page_path.startswith(folder + "/") for folder in ids.GENERATED_DIRS)


def include(markdown: str, page_path: str, docs_dir: Path) -> str:
    """The page's Markdown with each marker line replaced by its fragment (generated pages are left as they are)."""
    if is_generated(page_path):
        return markdown

    def fragment(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in ids.FRAGMENTS:
            raise UnknownFragment(f"{page_path}: unknown fragment {name!r} in <!-- generated: … -->; known: {', '.join(ids.FRAGMENTS)}")
        return (docs_dir / ids.FRAGMENTS[name]).read_text(encoding="utf-8")

    return MARKER.sub(fragment, markdown)
