"""Property: any text in any text field shows on the page as exactly that text, never as markup.

Random Unicode text, rich in Markdown and HTML specials, is put into one free-text field of the real
content at a time. The blocklist in the model (which refuses tags and links at the door) is switched
off, so this tests the escaping alone. The pages that changed are converted with the site's own
Markdown extensions (from mkdocs.yml) and their visible text must contain the random text literally,
with no element or attribute made from it.
"""

from __future__ import annotations

import copy
import os
import datetime as dt
import re
import typing
from functools import cache
from html.parser import HTMLParser

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from generator import model, pages
from generator.escape import Md
from generator.issues import errors_in
from generator.load import FOLDERS, SINGLE_FILES, Content, Loaded, load_content, validate_model
from generator.render import Renderer
from generator.validate import validate_content
from tests.conftest import QUICK_ENV, ROOT

REFERENCE_DATE = dt.date(2026, 1, 15)
EXAMPLES = 20 if os.environ.get(QUICK_ENV) else 80
"""Each example validates and renders the whole site (about a second): the inner loop draws a quarter of them."""
SPECIALS = ["*", "_", "`", "[", "]", "(", ")", "{", "}", "{:", "#", "!!!", "|", "<", ">", "&", "&amp;", "&#60;", '"', "'", "\\", "---", "--8<--", "- ", "1. ", "> ", "+", "=", "~", "<!--", "-->", "<b>", "<img src=x onerror=alert(1)>", "javascript:", "](x)", "{{", "{%", ":", "\u00a0"]
"""Syntax of Markdown, the enabled extensions, HTML and Jinja."""
PLAIN = st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"))
"""Everything the loader lets through (it refuses control, format and invisible characters)."""


def _line() -> st.SearchStrategy[str]:
    return st.lists(st.one_of(st.sampled_from(SPECIALS), st.text(PLAIN, min_size=1, max_size=6)), min_size=1, max_size=8).map("".join)


LINE = _line().filter(lambda s: s.strip() != "")
PARAGRAPHS = st.lists(LINE.filter(lambda s: not s.startswith("- ")), min_size=1, max_size=3).map("\n\n".join)


def _is_text_field(annotation: object, kind: object) -> bool:
    """Whether a field's annotation is (or holds) the Text or Line type of the model."""
    if typing.get_origin(annotation) is typing.Annotated and typing.get_origin(kind) is typing.Annotated:
        if typing.get_args(annotation)[1:] == typing.get_args(kind)[1:]:
            return True
    return annotation is kind or any(_is_text_field(arg, kind) for arg in typing.get_args(annotation))


@cache
def text_fields() -> list[tuple[str, tuple, str]]:
    """(content file, path to the value, "line" or "text") for every free-text value in the real content."""
    found: list[tuple[str, tuple, str]] = []

    def walk(file: str, data: object, cls: type, path: tuple) -> None:
        if not isinstance(data, dict):
            return
        for name, field in cls.model_fields.items():
            if name not in data or name == "keywords":  # keywords are search words, hidden by design
                continue
            annotation, value = field.rebuild_annotation(), data[name]
            nested = [a for a in typing.get_args(field.annotation) or [field.annotation] if isinstance(a, type) and issubclass(a, model.Model)]
            if isinstance(value, str) and (_is_text_field(annotation, model.Line) or _is_text_field(annotation, model.Text)):
                found.append((file, path + (name,), "line" if _is_text_field(annotation, model.Line) else "text"))
            elif isinstance(value, list):
                inner = typing.get_args(field.annotation)[0]
                for i, item in enumerate(value):
                    if isinstance(item, str) and (_is_text_field(inner, model.Text) or _is_text_field(inner, model.Line)):
                        found.append((file, path + (name, i), "line" if _is_text_field(inner, model.Line) else "text"))
                    elif isinstance(item, dict) and isinstance(inner, type) and issubclass(inner, model.Model):
                        walk(file, item, inner, path + (name, i))
            elif isinstance(value, dict) and nested:
                walk(file, value, nested[0], path + (name,))

    for file, data, cls in raw_documents():
        if file == "search.yaml":  # search words and synonyms: in the search index only, shown on no page by design
            continue
        walk(file, data, cls, ())
    # A source map's short_title is its name in the navigation only (MkDocs' nav, escaped by generator.navigation),
    # never in a generated page: random text there changes no page.
    return [f for f in found if not (f[0].startswith("coverage/") and f[1] == ("short_title",))]


@cache
def raw_documents() -> list[tuple[str, dict, type]]:
    docs = [(name, yaml.safe_load((ROOT / "content" / name).read_text(encoding="utf-8")), cls) for name, (_, cls, _) in SINGLE_FILES.items()]
    for folder, (_, cls) in FOLDERS.items():
        for path in sorted((ROOT / "content" / folder).glob("*.yaml")):
            docs.append((f"{folder}/{path.name}", yaml.safe_load(path.read_text(encoding="utf-8")), cls))
    return docs


@cache
def baseline() -> tuple[Content, dict[str, str]]:
    content, issues = load_content(ROOT / "content")
    assert not errors_in(issues)
    return content, {p.path: p.text for p in pages.all_pages(Renderer(), content, REFERENCE_DATE) if p.path.endswith(".md")}


def content_with(file: str, path: tuple, value: str) -> Content | None:
    """The real content with one value replaced, validated by the model (None if the model refuses it)."""
    content, _ = baseline()
    name, data, cls = next(d for d in raw_documents() if d[0] == file)
    data = copy.deepcopy(data)
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    original = _loaded(content, file)
    loaded, problems = validate_model(type(original.doc)(original.doc.file, data, original.doc.lines), cls)
    if problems or loaded is None:
        return None
    changed = Content(**{**content.__dict__})
    attribute = SINGLE_FILES[file][0] if file in SINGLE_FILES else FOLDERS[file.split("/")[0]][0]
    if file in SINGLE_FILES:
        setattr(changed, attribute, loaded)
    else:
        setattr(changed, attribute, [loaded if x is original else x for x in getattr(content, attribute)])
    return changed


def _loaded(content: Content, file: str) -> Loaded:
    if file in SINGLE_FILES:
        return getattr(content, SINGLE_FILES[file][0])
    return next(x for x in getattr(content, FOLDERS[file.split("/")[0]][0]) if x.doc.file.endswith(file))


class VisibleText(HTMLParser):
    """The text a reader sees (not hidden elements), and every element and attribute name."""

    VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "col", "area", "base", "source", "embed", "track", "param"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: list[tuple[str, list[str]]] = []
        self._stack: list[bool] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, [name for name, _ in attrs]))
        if tag not in self.VOID:
            self._stack.append(any(name == "hidden" for name, _ in attrs) or bool(self._stack and self._stack[-1]))

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self._stack:
            self._stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self._stack and self._stack[-1]):
            self.parts.append(data)

    def text(self) -> str:
        return fold("".join(self.parts))


def fold(text: str) -> str:
    return re.sub(r"[ \t\n\r\f\v]+", " ", text).strip()


def html_of(text: str) -> str:
    body = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    converter = markdown.Markdown(extensions=["abbr", "admonition", "attr_list", "md_in_html", "tables", "toc"], extension_configs={"toc": {"permalink": True}})
    return converter.convert(body)


@cache
def element_kinds(path: str) -> set[tuple[str, tuple[str, ...]]]:
    """(tag, attribute names) of every element on the page as built from the real content."""
    parser = VisibleText()
    parser.feed(html_of(baseline()[1][path]))
    return {(tag, tuple(sorted(names))) for tag, names in parser.tags}


@pytest.fixture()
def no_blocklist(monkeypatch):
    monkeypatch.setattr(model, "_UNSAFE_TEXT", re.compile(r"(?!)"))


def test_every_text_field_kind_is_covered():
    kinds = {(file.split("/")[0], tuple(p for p in path if isinstance(p, str))) for file, path, _ in text_fields()}
    assert len(text_fields()) > 500 and len(kinds) > 80, kinds


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_any_text_shows_as_itself(no_blocklist, data):
    file, path, kind = data.draw(st.sampled_from(text_fields()), label="field")
    value = data.draw(LINE if kind == "line" else PARAGRAPHS, label="text")
    content = content_with(file, path, value)
    assume(content is not None)
    assert content is not None
    assume(not errors_in(validate_content(content)))  # e.g. a random "1.2" in rule text is a reference to a missing clause
    _, before = baseline()
    changed = [p for p in pages.all_pages(Renderer(), content, REFERENCE_DATE) if p.path.endswith(".md") and before.get(p.path) != p.text]
    assert changed, f"{file} {path} is shown on no page"
    wanted = [fold(part) for part in value.split("\n\n")]
    seen = []
    for page in changed:
        parser = VisibleText()
        parser.feed(html_of(page.text))
        seen.append(parser.text())
        made = {(tag, tuple(sorted(names))) for tag, names in parser.tags} - element_kinds(page.path)
        assert not made, f"{page.path}: elements or attributes made from content: {made}"
    assert any(all(part in text for part in wanted) for text in seen), f"{value!r} in {file} {path} is not shown literally on {[p.path for p in changed]}"


def test_md_is_the_only_way_to_emit_markup():
    """A plain string is escaped wherever a template or Md puts it; only Md passes through."""
    assert Md(", ").join(["*a*", Md("*b*")]) == "&#42;a&#42;, *b*"
