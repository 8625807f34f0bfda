"""Generated fragments in hand-written pages, as a Python-Markdown extension (mkdocs.yml `markdown_extensions`).

A hand-written page in docs/ names a fragment with a line `<!-- generated: NAME -->` (NAME from
ids.FRAGMENTS). This replaces the snippets extension, which would let any page include any file by
naming it: here only the fragments the generator writes can be included. The extension is ordinary
Python-Markdown (a preprocessor), so any engine that runs Python-Markdown extensions can use it; MkDocs
hooks (generator/hooks.py) are needed only to generate the pages and fragments. Generated pages hold no
marker line: content is escaped, so text from content never starts with "<!--" (tests/test_fragments.py).
"""

from __future__ import annotations

import re
from pathlib import Path

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from generator import ids

MARKER = re.compile(r"^<!-- generated: ([a-z_]+) -->[ \t]*$", re.MULTILINE)


class UnknownFragment(ValueError):
    pass


def is_generated(page_path: str) -> bool:
    return any(page_path == folder or page_path.startswith(folder + "/") for folder in ids.GENERATED_DIRS)


def include(markdown: str, page_path: str, docs_dir: Path) -> str:
    """The page's Markdown with each marker line replaced by its fragment (generated pages are left as they are)."""
    if is_generated(page_path):
        return markdown
    return include_fragments(markdown, docs_dir, page_path)


def include_fragments(markdown: str, docs_dir: Path, where: str = "a page") -> str:
    def fragment(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in ids.FRAGMENTS:
            raise UnknownFragment(f"{where}: unknown fragment {name!r} in <!-- generated: … -->; known: {', '.join(ids.FRAGMENTS)}")
        return (docs_dir / ids.FRAGMENTS[name]).read_text(encoding="utf-8")

    return MARKER.sub(fragment, markdown)


class _Fragments(Preprocessor):
    def __init__(self, md: Markdown, docs_dir: Path):
        super().__init__(md)
        self.docs_dir = docs_dir

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if "<!-- generated: " not in text:
            return lines
        return include_fragments(text, self.docs_dir).split("\n")


class FragmentsExtension(Extension):
    """`generator.fragments` in mkdocs.yml; option docs_dir: the docs folder, relative to the working directory
    (the project folder: `make` and `python -m generator` run MkDocs there) or absolute."""

    def __init__(self, **kwargs):
        self.config = {"docs_dir": ["docs", "folder holding _generated/ (relative to the working directory)"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        # After whitespace normalisation (30), before raw HTML is stashed (20): fragments are Markdown.
        md.preprocessors.register(_Fragments(md, Path(self.getConfig("docs_dir")).resolve()), "oks_fragments", 25)


def makeExtension(**kwargs) -> FragmentsExtension:
    return FragmentsExtension(**kwargs)
