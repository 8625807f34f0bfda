"""Orchestration: load -> validate -> render -> write, and the exports written after MkDocs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator import pages
from generator.issues import ContentError, Issue, errors_in
from generator.load import Content, load_content
from generator.render import Renderer, write_pages
from generator.settings import Settings
from generator.validate import validate_content
from generator.vendor import vendor_pages


@dataclass
class Generated:
    content: Content
    settings: Settings
    issues: list[Issue]
    """Warnings that did not stop the build."""
    changed: int
    """Number of Markdown files written or removed."""


def check(content_dir: Path) -> tuple[Content, list[Issue]]:
    """Load and validate everything; return all issues, errors and warnings alike."""
    content, issues = load_content(content_dir)
    if not errors_in(issues):
        issues += validate_content(content)
    return content, issues


def generate(settings: Settings) -> Generated:
    """Validate content and write the generated Markdown. Raises ContentError before writing anything if content is invalid."""
    content, issues = check(settings.content_dir)
    if errors_in(issues):
        raise ContentError(issues)
    rendered = pages.all_pages(Renderer(), content, settings.reference_date, settings.site_url)
    rendered += vendor_pages(settings.project_dir)
    changed = write_pages(rendered, settings.docs_dir)
    return Generated(content, settings, issues, changed)

