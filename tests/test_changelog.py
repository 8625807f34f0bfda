"""The change log: content/andringar.yaml is validated like all content, renders the page Ändringar and,
when the site's address is known, an Atom feed with stable tag: ids and dates from the entries."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from generator import pages
from generator.build import check
from generator.export import atom
from generator.issues import errors_in
from generator.render import Renderer
from tests.conftest import ROOT
from tests.test_bad_content import expectation, field_matches
from tests.test_hostile import article, parse_html, select

BAD_DIR = Path(__file__).parent / "bad_content" / "andringar"
BAD_FILES = sorted(BAD_DIR.glob("*.yaml"))
A = "{http://www.w3.org/2005/Atom}"
SITE = "https://vard.test/overenskommelser/"


def yaml_changes() -> list[dict]:
    """The entries as the YAML file has them (read independently of the generator's loader)."""
    return yaml.safe_load((ROOT / "content" / "andringar.yaml").read_text(encoding="utf-8"))["changes"]


@pytest.fixture(scope="module")
def content():
    loaded, issues = check(ROOT / "content")
    assert not errors_in(issues)
    return loaded


@pytest.mark.parametrize("bad_file", BAD_FILES, ids=lambda p: p.stem)
def test_bad_change_log_names_file_line_and_field(bad_file, tmp_path):
    field, line = expectation(bad_file)
    target = tmp_path / "content"
    shutil.copytree(ROOT / "content", target)
    shutil.copy(bad_file, target / "andringar.yaml")
    _, issues = check(target)
    errors = [e for e in errors_in(issues) if e.file.endswith("andringar.yaml")]
    assert errors, f"no error for {bad_file.name}; got {[str(i) for i in issues]}"
    matching = [e for e in errors if field_matches(e.field, field)]
    assert matching, f"expected field {field!r}, got {[str(e) for e in errors]}"
    assert any(e.line == line for e in matching), f"expected line {line}, got {[str(e) for e in matching]}"
    assert str(matching[0]).startswith("content/andringar.yaml:")


def test_feed_has_one_entry_per_change_with_stable_tag_ids(content):
    page = atom.feed(content.changes.item, SITE, pages.document_titles(content))
    assert page is not None and page.path == "andringar.xml"
    root = ET.fromstring(page.text.encode("utf-8"))
    entries = root.findall(f"{A}entry")
    expected = yaml_changes()
    assert len(entries) == len(expected)
    assert root.findtext(f"{A}id") == "tag:vard.test,2026-12-04:/overenskommelser/andringar"
    for entry, change in zip(entries, expected, strict=True):
        assert entry.findtext(f"{A}id") == f"tag:vard.test,{change['date'].isoformat()}:/overenskommelser/andringar/{change['id']}"
        assert entry.findtext(f"{A}updated") == f"{change['date'].isoformat()}T00:00:00Z"
        assert entry.findtext(f"{A}title") == change["title"]
        assert entry.find(f"{A}link").get("href") == f"{SITE}andringar.html#andring-{change['id']}"
    newest = max(c["date"] for c in expected).isoformat()
    assert root.findtext(f"{A}updated") == f"{newest}T00:00:00Z"  # from the entries, not from the clock
    assert [link.get("href") for link in root.findall(f"{A}link")] == [f"{SITE}andringar.xml", f"{SITE}andringar.html"]
    assert "example." not in page.text


def test_entry_names_the_documents_it_concerns(content):
    root = ET.fromstring(atom.feed(content.changes.item, SITE, pages.document_titles(content)).text.encode("utf-8"))
    by_id = {e.findtext(f"{A}id").rsplit("/", 1)[1]: e for e in root.findall(f"{A}entry")}
    text = by_id["vad-ar-nytt-2026-sammanfattning"].findtext(f"{A}content")
    assert text.endswith("Gäller: Psykisk hälsa och suicidprevention 2026; Psykisk hälsa och suicidprevention 2025.")


def test_without_an_address_there_is_no_feed_and_no_absolute_link(content):
    written = pages.change_pages(Renderer(), content, None)
    assert [p.path for p in written] == ["_generated/andringar.md"]
    assert "andringar.xml" not in written[0].text and "://" not in written[0].text


def test_feed_is_the_same_on_every_build(content):
    titles = pages.document_titles(content)
    assert atom.feed(content.changes.item, SITE, titles).text == atom.feed(content.changes.item, SITE, titles).text


def test_change_page_lists_every_entry_with_links_to_its_documents(built_site):
    body = article(parse_html(built_site / "andringar.html"))
    headings = {h.attr("id"): " ".join(h.text().replace("¶", "").split()) for h in select(body, "h2")}
    for change in yaml_changes():
        assert headings.get(f"andring-{change['id']}") == change["title"]
    for link in select(body, "a[href]"):
        href = link.attr("href") or ""
        if href.startswith("avtal/"):
            assert (built_site / href).is_file(), href
    nav = parse_html(built_site / "andringar.html")
    assert any(a.attr("href") == "andringar.html" for a in select(nav, "a[href]") if "Ändringar" in a.text())


def test_built_feed_parses_and_is_listed_on_the_open_data_page(addressed_site):
    site_with_address = addressed_site
    feed = site_with_address / "andringar.xml"
    root = ET.parse(feed).getroot()
    assert root.tag == f"{A}feed" and len(root.findall(f"{A}entry")) == len(yaml_changes())
    assert "example." not in feed.read_text(encoding="utf-8")
    links = [a.attr("href") for a in select(article(parse_html(site_with_address / "andringar.html")), "a[href]")]
    assert "andringar.xml" in links
    listed = [a.attr("href") for a in select(article(parse_html(site_with_address / "oppna-data.html")), "a[href]")]
    assert "andringar.xml" in listed
