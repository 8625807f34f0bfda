"""Sums the sources state over several pots (Tabell 2: per area across recipients) are data:
in potter.csv as total rows, in the JSON, and on the agreement pages.

The expected totals are read from the seeds by hand (2025: 700 and 488 MSEK, 2026: 600 and
348 MSEK); the sums of the parts are computed here from the pot rows, not by the generator.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import read_csv

# (agreement id, area as the pots name it, recipients across which the source sums, kr)
AREA_TOTALS = [
    ("psykisk-halsa-2025", "Samordnade insatser för personer med komplexa behov", ("regioner", "lansgemensamt"), 700_000_000),
    ("psykisk-halsa-2025", "Stärkt suicidpreventivt arbete", ("regioner", "lansgemensamt"), 488_000_000),
    ("psykisk-halsa-2026", "Samordnade insatser för personer med komplexa behov", ("regioner", "lansgemensamt"), 600_000_000),
    ("psykisk-halsa-2026", "Stärkt suicidpreventivt arbete", ("regioner", "lansgemensamt"), 348_000_000),
]


@pytest.fixture(scope="module")
def rows(built_site):
    return list(read_csv(built_site / "data" / "potter.csv"))


def pots_of_area(rows, agreement, area, recipients):
    return [r for r in rows if r["row_kind"] == "pot" and r["agreement_id"] == agreement and r["area"].startswith(area) and r["recipient"] in recipients and not r["parent"]]


def total_row(rows, agreement, amount):
    matches = [r for r in rows if r["row_kind"] == "stated_subtotal" and r["agreement_id"] == agreement and int(r["amount_sek"]) == amount]
    assert len(matches) == 1, (agreement, amount, matches)
    return matches[0]


@pytest.mark.parametrize("agreement, area, recipients, total", AREA_TOTALS)
def test_the_parts_sum_to_the_stated_area_total(agreement, area, recipients, total, rows):
    parts = pots_of_area(rows, agreement, area, recipients)
    assert len(parts) == len(recipients)
    assert sum(int(r["amount_sek"]) for r in parts) == total


@pytest.mark.parametrize("agreement, area, recipients, total", AREA_TOTALS)
def test_potter_csv_has_the_area_total_as_a_total_row_over_its_parts(agreement, area, recipients, total, rows):
    row = total_row(rows, agreement, total)
    assert row["area"].startswith(area)
    assert row["recipient"] == "" and row["parent"] == ""
    assert row["source"].startswith(("001:", "000:")) and "tabell 2" in row["source"]
    assert sorted(row["parts"].split()) == sorted(r["pot_id"] for r in pots_of_area(rows, agreement, area, recipients))


def test_total_rows_are_the_only_rows_that_are_not_pots(rows):
    assert {r["row_kind"] for r in rows} == {"pot", "stated_subtotal"}
    for row in rows:
        assert (row["row_kind"] == "stated_subtotal") == bool(row["parts"])


def test_every_total_row_equals_the_sum_of_its_parts(rows):
    amounts = {(r["agreement_id"], r["pot_id"]): int(r["amount_sek"]) for r in rows if r["row_kind"] == "pot"}
    for row in (r for r in rows if r["row_kind"] == "stated_subtotal"):
        assert sum(amounts[(row["agreement_id"], part)] for part in row["parts"].split()) == int(row["amount_sek"]), row["pot_id"]


def test_json_has_the_stated_subtotals(built_site):
    data = json.loads((built_site / "data" / "overenskommelser.json").read_text(encoding="utf-8"))
    by_id = {a["id"]: a for a in data["agreements"]}
    for agreement, _, _, total in AREA_TOTALS:
        assert total in [s["amount"] for s in by_id[agreement]["stated_subtotals"]]


@pytest.mark.parametrize("agreement, area, recipients, total", AREA_TOTALS)
def test_agreement_page_shows_the_area_total_with_its_source(agreement, area, recipients, total, built_site):
    html = (built_site / "avtal" / f"{agreement}.html").read_text(encoding="utf-8")
    section = html[html.index('id="delsummor"') : html.index('id="potter"')]
    shown = f"{total:,}\u00a0kr".replace(",", "\u00a0")
    row = next(tr for tr in re.findall(r"<tr[^>]*>.*?</tr>", section, re.S) if shown in tr)
    assert area in row
    assert "kallor.html#kalla-" in row and "tabell 2" in row
    assert row.count('href="#pott-') == len(recipients)
