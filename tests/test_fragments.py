"""Generated fragments come in through a Python-Markdown extension configured in mkdocs.yml (issue 25: one
step off the MkDocs hooks), and work in plain Python-Markdown, without MkDocs."""

from __future__ import annotations

import markdown
import pytest
import yaml

from generator import ids
from generator.fragments import MARKER, UnknownFragment, is_generated
from tests.conftest import ROOT


class _AnyTag(yaml.SafeLoader):
    pass


_AnyTag.add_multi_constructor("", lambda loader, suffix, node: None)


def test_mkdocs_uses_the_extension_and_no_page_hook():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTag)
    extensions = [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]]
    assert "generator.fragments" in extensions
    hooks = (ROOT / "generator" / "hooks.py").read_text(encoding="utf-8")
    assert "def on_page_markdown" not in hooks and "def on_page_content" not in hooks


def test_plain_python_markdown_includes_a_fragment(tmp_path):
    (tmp_path / "_generated").mkdir()
    (tmp_path / ids.FRAGMENTS["start"]).write_text("## Nästa frist\n\nTexten *här*.\n", encoding="utf-8")
    html = markdown.markdown("# Start\n\n<!-- generated: start -->\n\nSlut.\n", extensions=["generator.fragments"], extension_configs={"generator.fragments": {"docs_dir": str(tmp_path)}})
    assert html == "<h1>Start</h1>\n<h2>Nästa frist</h2>\n<p>Texten <em>här</em>.</p>\n<p>Slut.</p>"


def test_an_unknown_fragment_is_refused(tmp_path):
    with pytest.raises(UnknownFragment, match="unknown fragment 'passwd'"):
        markdown.markdown("<!-- generated: passwd -->\n", extensions=["generator.fragments"], extension_configs={"generator.fragments": {"docs_dir": str(tmp_path)}})


def test_generated_pages_hold_no_marker_line(built_site):
    """The extension runs on every page; only hand-written pages may name a fragment (content is escaped,
    so text from content never forms the marker line)."""
    docs = built_site.parent / "docs"
    generated = [p for p in docs.rglob("*.md") if is_generated(p.relative_to(docs).as_posix())]
    assert len(generated) > 30
    assert [p.name for p in generated if MARKER.search(p.read_text(encoding="utf-8"))] == []
    hand_written = [p for p in docs.glob("*.md") if MARKER.search(p.read_text(encoding="utf-8"))]
    assert len(hand_written) >= 5


def test_the_built_start_page_has_its_fragment(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert "<!-- generated:" not in html and "Alla tidsfrister" in html
