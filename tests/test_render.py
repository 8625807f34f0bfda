"""Rendered Markdown: golden files, formatting helpers, and growth without code changes."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from generator import ids, pages
from generator.build import check
from generator.render import Renderer, datum, mnkr, sek
from tests.conftest import ROOT, read_csv

GOLDEN = Path(__file__).parent / "golden"
REFERENCE = dt.date(2026, 1, 15)


def rendered_pages() -> dict[str, str]:
    content, _ = check(ROOT / "content")
    return {p.path: p.text for p in pages.all_pages(Renderer(), content, REFERENCE)}


@pytest.mark.parametrize("page", ["avtal/psykisk-halsa-2025.md", "avtal/index.md", "samverkansregler/far-jag.md", "samverkansregler/far-jag-situation-advisory-board.md", "fran-kalla/psykisk-halsa-2021.md"])
def test_golden_markdown(page):
    """Compare with tests/golden/; after an intended change run UPDATE_GOLDEN=1 pytest and review the diff."""
    text = rendered_pages()[page]
    golden = GOLDEN / page.replace("/", "__")
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "amount, expected_sek, expected_mnkr",
    [
        (1_560_000_000, "1 560 000 000 kr", "1 560 mnkr"),
        (497_350_000, "497 350 000 kr", "497,35 mnkr"),
        (200_000, "200 000 kr", "0,2 mnkr"),
        (0, "0 kr", "0 mnkr"),
    ],
)
def test_amount_formats_use_non_breaking_spaces(amount, expected_sek, expected_mnkr):
    assert sek(amount) == expected_sek.replace(" ", "\u00a0")
    assert mnkr(amount) == expected_mnkr.replace(" ", "\u00a0")


def test_swedish_dates():
    assert datum(dt.date(2025, 12, 1)) == "1\u00a0december 2025"
    assert datum(None) == "odaterat"


@pytest.mark.parametrize(
    "kind, key, expected",
    [("clause", "3.2.4", "punkt-3-2-4"), ("pot", "lan-suicidprevention", "pott-lan-suicidprevention"), ("definition", "sammankomst", "begrepp-sammankomst")],
)
def test_anchor_scheme(kind, key, expected):
    assert ids.anchor(kind, key) == expected


def test_relative_links():
    assert ids.relative("avtal/a.md", "kallor.md", "kalla-001") == "../kallor.md#kalla-001"
    assert ids.relative("avtal/a.md", "avtal/a.md", "pott-x") == "#pott-x"
    assert ids.relative("index.md", "avtal/index.md") == "avtal/index.md"


def test_a_2027_agreement_builds_without_code_changes(site_2027):
    site = site_2027
    page = (site / "avtal" / "psykisk-halsa-2027.html").read_text(encoding="utf-8")
    assert "Testöverenskommelse 2027" in page and "1\u00a0000\u00a0000\u00a0000\u00a0kr" in page
    index = (site / "avtal" / "index.html").read_text(encoding="utf-8")
    assert 'href="psykisk-halsa-2027.html"' in index  # listed on the index page
    start = (site / "index.html").read_text(encoding="utf-8")
    assert "avtal/psykisk-halsa-2027.html" in start  # listed in the navigation and on the start page
    rows = [r for r in read_csv(site / "data" / "potter.csv") if r["agreement_id"] == "psykisk-halsa-2027"]
    assert sum(int(r["amount_sek"]) for r in rows if r["row_kind"] == "pot" and not r["parent"]) == 1_000_000_000


def test_abbreviation_titles_read_exactly_as_the_glossary_explains():
    """Python-Markdown leaves an "&" that starts an entity unescaped in attributes, so "&#58;" in an explanation would
    reach the browser as ":"; the glossary handed to the abbr extension writes every "&" as "&amp;"."""
    import html
    import re
    from types import SimpleNamespace

    import markdown

    from generator import glossary

    explanation = "javascript&#58;alert(1) &amp;lt;b&amp;gt; R&D <b>"
    entry = SimpleNamespace(term="RCO", explanation=explanation)
    content = SimpleNamespace(glossary=SimpleNamespace(item=SimpleNamespace(entries=[entry])))
    page = markdown.Markdown(extensions=["abbr"], extension_configs={"abbr": {"glossary": glossary.abbr_titles(content)}}).convert("RCO")
    title = re.search(r'title="([^"]*)"', page)
    assert title and html.unescape(title.group(1)) == explanation
