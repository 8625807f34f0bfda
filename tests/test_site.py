"""End-to-end: the real content builds strictly and the pages say what the content says."""

from __future__ import annotations

import json
from collections import defaultdict

from tests.conftest import read_csv

STATED_TOTALS = {
    "psykisk-halsa-2021": 1_680_000_000,
    "patientsakerhet-2021": 497_350_000,
    "psykisk-halsa-2025": 1_560_000_000,
    "psykisk-halsa-2026": 1_320_000_000,
}


def test_every_agreement_has_a_page(built_site):
    for agreement_id in STATED_TOTALS:
        assert (built_site / "avtal" / f"{agreement_id}.html").is_file()
    assert (built_site / "avtal" / "bakgrundskontroller-aldreomsorg.html").is_file()


def test_potter_csv_sums_to_stated_totals(built_site):
    rows = list(read_csv(built_site / "data" / "potter.csv"))
    totals = defaultdict(int)
    for row in rows:
        if row["row_kind"] == "pot" and not row["parent"]:
            totals[row["agreement_id"]] += int(row["amount_sek"])
    assert dict(totals) == STATED_TOTALS


def test_agreement_page_shows_total_in_swedish_format(built_site):
    html = (built_site / "avtal" / "psykisk-halsa-2025.html").read_text(encoding="utf-8")
    assert "1\u00a0560\u00a0000\u00a0000\u00a0kr" in html
    assert 'id="pott-regioner-komplexa-behov"' in html
    assert "Petra Noreback" in html


def test_json_has_all_agreements(built_site):
    data = json.loads((built_site / "data" / "overenskommelser.json").read_text(encoding="utf-8"))
    assert {a["id"] for a in data["agreements"]} == set(STATED_TOTALS)
