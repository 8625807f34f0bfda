"""What the hand-written pages need from content: every link of a page in docs/ (and every page in the
navigation of mkdocs.yml) must lead to a page or file that exists or that this content makes the generator
write. Checked before MkDocs runs, so content that lacks what a hand-written page links to (e.g. only
sources.yaml) fails `check` and `build` alike, with one line per link, instead of failing inside MkDocs."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import yaml

from generator import ids
from generator.fragments import is_generated
from generator.issues import Issue

LINK = re.compile(r"\]\(\s*<?([^)\s>]+)")
"""The target of an inline Markdown link or image."""
FRAGMENT = re.compile(r"^<!-- generated: ([a-z_]+) -->[ \t]*$", re.MULTILINE)


def _targets(text: str):
    for match in LINK.finditer(text):
        yield text[: match.start()].count("\n") + 1, match.group(1)


def _local(target: str) -> str | None:
    """The docs-relative part of a link target, or None for links that leave the docs (absolute, anchors, schemes)."""
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target) or target.startswith(("#", "/")):
        return None
    return target.split("#", 1)[0].split("?", 1)[0] or None


def docs_issues(docs_dir: Path, config_file: Path, written: set[str]) -> list[Issue]:
    """Links of hand-written pages and navigation entries whose target neither exists nor is written by this build."""
    issues: list[Issue] = []
    project = config_file.parent

    def exists(path: str) -> bool:
        if path in written:
            return True
        if path.split("/", 1)[0] in ids.GENERATED_DIRS or is_generated(path) or path in ids.GENERATED_FILES:
            return False  # a generated page is there only when this build writes it (docs/ may hold an old one)
        return (docs_dir / path).is_file()

    for page in sorted(docs_dir.rglob("*.md")):
        relative = page.relative_to(docs_dir).as_posix()
        if is_generated(relative):
            continue
        text = page.read_text(encoding="utf-8")
        shown = page.relative_to(project).as_posix() if page.is_relative_to(project) else str(page)
        for match in FRAGMENT.finditer(text):
            name = match.group(1)
            if ids.FRAGMENTS.get(name) not in written:
                line = text[: match.start()].count("\n") + 1
                issues.append(Issue(shown, line, "fragment", f"generated fragment {name!r} is not written by this build"))
        for line, target in _targets(text):
            local = _local(target)
            if local is None:
                continue
            path = posixpath.normpath(posixpath.join(posixpath.dirname(relative), local))
            if not exists(path):
                issues.append(Issue(shown, line, "link", f"{local!r} is not written by this build: the content it comes from is missing"))
    for entry in _nav_pages(config_file):
        if not exists(entry):
            issues.append(Issue(config_file.name, None, "nav", f"{entry!r} is not written by this build: the content it comes from is missing"))
    return issues


def _nav_pages(config_file: Path) -> list[str]:
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Loader)  # tags are ignored (see _Loader), nothing is constructed
    except yaml.YAMLError:
        return []
    found: list[str] = []

    def walk(item) -> None:
        if isinstance(item, str):
            if item.endswith(".md") and "://" not in item:
                found.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(config.get("nav") if isinstance(config, dict) else None)
    return found


class _Loader(yaml.SafeLoader):
    """Safe loading of mkdocs.yml, whose tags (!ENV, !!python/name) become None instead of errors."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)
