"""Escaping content text for every place it lands. The one safety rule of the generator:

text from content/ is data, never markup. Each output context has one function here; the Jinja
environment applies `inline` to every value by default (see render.py), so a template can only emit
markup that the generator itself built, wrapped in `Md`.

Markdown contexts use numeric character references (`&#35;` for `#`): Python-Markdown passes them
through to the HTML, where the browser shows the character, and no Markdown rule, extension
(attribute lists, admonitions, tables, abbreviations) or raw HTML can be triggered by them. The
same escaped text is also valid in a table cell, a heading, link text and, with parentheses escaped,
a link title (tooltip).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from typing import Any

import yaml


class Md(str):
    """Markdown (or HTML) that the generator built: emitted as it is, never escaped again.

    Only code makes an Md: from escaped text, ids and numbers. Content text never is one.
    """

    __slots__ = ()

    def __html__(self) -> str:
        return self

    def join(self, items: Iterable[object]) -> Md:
        return Md(str.join(self, (to_md(item) for item in items)))

    def format(self, *args: object, **kwargs: object) -> Md:
        return Md(str.format(self, *(to_md(a) for a in args), **{k: to_md(v) for k, v in kwargs.items()}))

    def __add__(self, other: object) -> Md:
        return Md(str.__add__(self, to_md(other)))


# Characters that start or form Markdown, HTML or extension syntax anywhere in a line.
_ALWAYS = re.compile(r"[\\`*_{}\[\]<>&|#!\"']")
# Characters that only matter at the start of a line (lists, quotes, setext headings, snippets…).
_LINE_START = re.compile(r"^ ?(?:[-+=]|\d+\.(?=\s|$))")
_PARENS = re.compile(r"[()]")
_WHITESPACE = re.compile(r"[ \t\n\r\f\v]+")
"""Line breaks and ASCII spaces; a no-break space (amounts, dates) is kept."""


def fold_space(text: str) -> str:
    """Text on one line: runs of spaces and line breaks become one space, none at the ends."""
    return _WHITESPACE.sub(" ", text).strip()


def _ref(match: re.Match[str]) -> str:
    return "".join(f"&#{ord(c)};" for c in match.group(0))


def _escape_line(text: str) -> str:
    text = _ALWAYS.sub(_ref, text)
    if match := _LINE_START.match(text):
        last = match.end() - 1
        text = f"{text[:last]}&#{ord(text[last])};{text[last + 1:]}"
    return text


def inline(text: object) -> Md:
    """One line of Markdown text: runs of white space (line breaks too) fold to one space, so no
    value can start a block, indent code or end a line with a hard break.

    The one function for running text, the start of a line, table cells (pipes are always
    escaped), headings, link text, admonition bodies and raw HTML: their rules differ, but one
    escaping satisfies them all.
    """
    if isinstance(text, Md):
        return text
    return Md(_escape_line(_WHITESPACE.sub(" ", str(text))))


def attribute(text: object) -> Md:
    """Text for a link title (tooltip) in Markdown `[label](url "title")`: inline, and parentheses too."""
    return Md(_PARENS.sub(_ref, inline(str(text))))


def block(text: str) -> Md:
    """Multi-paragraph text: paragraphs (blank lines) and "- " list items are kept, everything else is text."""
    lines = []
    for line in text.split("\n"):
        if line.startswith("- ") and line[2:].strip():
            lines.append("- " + inline(line[2:]))
        else:
            lines.append(inline(line))
    return Md("\n".join(lines))


def to_md(value: object) -> Md:
    """What a template or code emits for a value: Md as is, numbers as digits, anything else as inline text."""
    if isinstance(value, Md):
        return value
    if isinstance(value, bool) or value is None:
        raise TypeError(f"refusing to print {value!r} into a page")
    if isinstance(value, int):
        return Md(str(value))
    return inline(value)


def html_text(text: str) -> str:
    """Text for HTML that MkDocs and Material print without escaping (page and navigation titles)."""
    return html.escape(fold_space(text), quote=True)


def front_matter(meta: Mapping[str, Any]) -> Md:
    """YAML front matter, written by the YAML dumper; string values are HTML-escaped titles and tags."""

    def clean(value: Any) -> Any:
        if isinstance(value, str):
            return html_text(value)
        if isinstance(value, list):
            return [clean(v) for v in value]
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items()}
        return value

    body = yaml.safe_dump(clean(dict(meta)), allow_unicode=True, sort_keys=False, default_flow_style=False, width=10_000)
    return Md(f"---\n{body}---\n")


def comment(text: str) -> Md:
    """Text inside an HTML comment (`<!-- … -->`): no "--", "<" or ">" can survive to end or nest it."""
    return Md(re.sub(r"-{2,}", "-", re.sub(r"[^A-Za-z0-9._/ åäöÅÄÖ-]", "_", fold_space(text))))
