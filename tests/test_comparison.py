"""Comparison across years: figures come from the agreements, charts are accessible SVG, open data adds up."""

from __future__ import annotations

import csv
import re
import shutil
import xml.etree.ElementTree as ET
from collections import defaultdict

from generator import compare, derive
from generator.build import check
from generator.render import RECIPIENTS
from tests.conftest import ROOT, copy_project, run_generator

CONTENT, _ = check(ROOT / "content")
SVG = "{http://www.w3.org/2000/svg}"


def recipient_total(agreement_id: str, recipient: str) -> int:
    agreement = next(a.item for a in CONTENT.agreements if a.item.id == agreement_id)
    return next(t.computed for t in derive.recipient_totals(agreement) if t.recipient == recipient)


def test_recipient_figures_match_the_agreements():
    c = compare.comparison(CONTENT, RECIPIENTS)
    regioner = next(r for r in c.by_recipient if r.key == "regioner")
    assert regioner.amounts == {2021: 784_000_000, 2025: 788_000_000, 2026: 548_000_000}
    assert regioner.amounts[2026] == recipient_total("psykisk-halsa-2026", "regioner")
    difference, percent = compare.change(regioner.amounts[2025], regioner.amounts[2026])
    assert difference == -240_000_000 and round(percent, 1) == -30.5
    assert c.totals == {2021: 1_680_000_000, 2025: 1_560_000_000, 2026: 1_320_000_000}
    for agreement in c.agreements:
        assert c.totals[agreement.year] == agreement.stated_total.amount


def test_every_theme_row_sums_to_the_year_total():
    c = compare.comparison(CONTENT, RECIPIENTS)
    for year in c.years:
        assert sum(row.amounts[year] for row in c.by_theme) == c.totals[year]


def test_comparison_page_shows_change(built_site):
    html = (built_site / "jamforelse" / "index.html").read_text(encoding="utf-8")
    assert "−240\u00a0mnkr (−30,5\u00a0%)" in html
    assert "1\u00a0560\u00a0mnkr" in html and "1\u00a0320\u00a0mnkr" in html
    assert 'href="../avtal/psykisk-halsa-2026.html#pott-regioner-komplexa-behov"' in html


def test_charts_are_wellformed_accessible_svg(built_site):
    html = (built_site / "jamforelse" / "index.html").read_text(encoding="utf-8")
    svgs = re.findall(r"<svg[^>]*class=\"chart\".*?</svg>", html, re.S)
    assert len(svgs) == 2
    for svg in svgs:
        root = ET.fromstring(svg)
        title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
        assert root.get("role") == "img" and title is not None and desc is not None
        assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        assert "2026" in desc.text and "mnkr" in desc.text
        # Every bar has its value as text, so colour is never the only carrier of meaning.
        bars = root.findall(f"{SVG}g")
        assert len(bars) == 3 * len(desc.text.split(";"))
        for bar in bars:
            assert bar.find(f"{SVG}rect") is not None and re.search(r"\d{4}: [\d\u00a0,]+\u00a0mnkr", bar.find(f"{SVG}text").text)
    # The data table is next to the chart.
    assert html.index("diagram-mottagare-title") < html.index("<table", html.index("diagram-mottagare-title"))


def test_open_data_sums_equal_recipient_totals(built_site):
    rows = list(csv.DictReader((built_site / "data" / "jamforelse.csv").open(encoding="utf-8")))
    sums = defaultdict(int)
    for row in rows:
        sums[(row["agreement_id"], row["recipient"])] += int(row["amount_sek"])
    for loaded in CONTENT.agreements:
        if loaded.item.series != "psykisk-halsa":
            continue
        for total in derive.recipient_totals(loaded.item):
            assert sums[(loaded.item.id, total.recipient)] == total.computed
    assert len({(r["theme"], r["recipient"], r["year"]) for r in rows}) == len(rows)


def test_whats_new_lists_changed_amounts_and_scb_dates(built_site):
    html = (built_site / "jamforelse" / "nytt.html").read_text(encoding="utf-8")
    assert "500\u00a0000\u00a0000\u00a0kr" in html and "400\u00a0000\u00a0000\u00a0kr" in html
    assert "1\u00a0november 2024" in html and "31\u00a0augusti 2025" in html


def test_a_2027_agreement_adds_a_year_column(tmp_path):
    project = copy_project(tmp_path / "project")
    shutil.copy(ROOT / "tests" / "fixtures" / "agreement-2027.yaml", project / "content" / "agreements" / "psykisk-halsa-2027.yaml")
    result = run_generator(project, "build", "--no-pdf")
    assert result.returncode == 0, result.stderr
    html = (project / "site" / "jamforelse" / "index.html").read_text(encoding="utf-8")
    assert "Förändring 2026–2027" in html
    assert "1\u00a0000\u00a0mnkr" in html
    nytt = (project / "site" / "jamforelse" / "nytt.html").read_text(encoding="utf-8")
    assert "Vad är nytt 2027" in nytt
