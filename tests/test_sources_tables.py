"""Every amount in every table of the seeds is in potter.csv with the right year and recipient.

The expected rows below were copied by hand from the seeds' tables (amounts as printed, in tkr
or kr); they are independent of content/ and of the generator.
"""

from __future__ import annotations

from collections import Counter

import pytest

from tests.conftest import read_csv

# (agreement id, year, recipient, amount in kr) for each row of each table.
TABLES = {
    "001, tabell 1": [
        ("psykisk-halsa-2025", 2025, r, tkr * 1000)
        for r, tkr in [("regioner", 500_000), ("regioner", 288_000), ("kommuner", 250_000), ("lansgemensamt", 200_000), ("lansgemensamt", 93_000),
                       ("lansgemensamt", 45_000), ("lansgemensamt", 24_000), ("lansgemensamt", 24_000), ("lansgemensamt", 200_000), ("skr", 29_000)]
    ],
    "000, tilläggsöverenskommelse 2026, tabell 1": [
        ("psykisk-halsa-2026", 2026, r, tkr * 1000)
        for r, tkr in [("regioner", 400_000), ("regioner", 148_000), ("kommuner", 250_000), ("lansgemensamt", 200_000), ("lansgemensamt", 93_000),
                       ("lansgemensamt", 45_000), ("lansgemensamt", 24_000), ("lansgemensamt", 24_000), ("lansgemensamt", 200_000), ("skr", 29_000)]
    ],
    "003, 7.1": [
        ("psykisk-halsa-2021", 2021, r, kr)
        for r, kr in [("regioner", 264_000_000), ("regioner", 370_000_000), ("regioner", 100_000_000), ("regioner", 50_000_000), ("kommuner", 200_000_000),
                      ("kommuner", 100_000_000), ("lansgemensamt", 200_000_000), ("lansgemensamt", 24_000_000), ("lansgemensamt", 200_000_000),
                      ("lansgemensamt", 150_000_000), ("skr", 22_000_000)]
    ],
    "004, 7 och 7.1": [
        ("patientsakerhet-2021", 2021, r, kr)
        for r, kr in [("skr", 5_600_000), (None, 186_750_000), (None, 100_000_000), (None, 86_750_000), ("skr", 5_000_000), (None, 10_000_000), (None, 290_000_000),
                      ("skr", 2_000_000), ("skr", 1_100_000), ("skr", 2_500_000), ("skr", 25_750_000), ("regioner", 54_000_000), ("regioner", 7_000_000),
                      ("regioner", 6_000_000), ("regioner", 3_000_000), ("skr", 1_000_000), ("regioner", 275_000_000), ("skr", 15_000_000)]
    ],
}
# Rows whose table gives a mixed or no single recipient ("Regionerna och SKR", the regions' own share) are
# checked on amount and year only (recipient None above).

# Table 2 of 2025 and 2026 gives totals per area across recipients: (agreement, area prefix, kr).
AREA_TOTALS = [
    ("psykisk-halsa-2025", "Samordnade insatser för personer med komplexa behov", 700_000_000),
    ("psykisk-halsa-2025", "Stärkt suicidpreventivt arbete", 488_000_000),
    ("psykisk-halsa-2026", "Samordnade insatser för personer med komplexa behov", 600_000_000),
    ("psykisk-halsa-2026", "Stärkt suicidpreventivt arbete", 348_000_000),
]


@pytest.fixture(scope="module")
def rows(built_site):
    """The pot rows of potter.csv (not the rows of sums the sources state over several pots)."""
    return [r for r in read_csv(built_site / "data" / "potter.csv") if r["row_kind"] == "pot"]


@pytest.mark.parametrize("table", TABLES)
def test_every_table_row_is_a_pot(table, rows):
    available = Counter((r["agreement_id"], int(r["year"]), r["recipient"], int(r["amount_sek"])) for r in rows)
    any_recipient = Counter((r["agreement_id"], int(r["year"]), int(r["amount_sek"])) for r in rows)
    for agreement, year, recipient, amount in TABLES[table]:
        if recipient is None:
            assert any_recipient[(agreement, year, amount)] > 0, (table, amount)
            any_recipient[(agreement, year, amount)] -= 1
        else:
            assert available[(agreement, year, recipient, amount)] > 0, (table, recipient, amount)
            available[(agreement, year, recipient, amount)] -= 1


@pytest.mark.parametrize("agreement, area, total", AREA_TOTALS)
def test_area_totals_of_table_2(agreement, area, total, rows):
    top_level = [r for r in rows if r["agreement_id"] == agreement and not r["parent"] and r["area"].startswith(area)]
    assert sum(int(r["amount_sek"]) for r in top_level) == total
