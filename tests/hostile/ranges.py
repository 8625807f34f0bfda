"""Class "ranges": years and dates outside 1990–2100, amounts outside 0..10**13, an agreement
without pots. Each must be refused at its field."""

from __future__ import annotations

from tests.hostile import CONTENT, FIXTURE, NOTICE, NOTICE_FILE, Case, agreement, at

G = "ranges"
AT_LEAST = "greater than or equal to"
AT_MOST = "less than or equal to"
OUTSIDE = "outside 1990–2100"
DEADLINE = "    date: 2027-12-01"
SIGNED = "    date: 2027-01-15"
POT_AMOUNT = "    amount: 600000000\n    channel"
POTS = FIXTURE[FIXTURE.index("pots:\n") : FIXTURE.index("deadlines:\n")]


def appropriation(budget_year: str) -> str:
    return f'appropriation:\n  expenditure_area: 9 Hälsovård\n  budget_year: {budget_year}\n  anslag: 1:8 Bidrag till psykiatri\n  source: {{seed: "001", section: "test"}}\nstated_total:'


CASES = [
    agreement(G, "year-1989", "year: 2027", "year: 1989", "year", AT_LEAST + " 1990"),
    agreement(G, "year-2101", "year: 2027", "year: 2101", "year", AT_MOST + " 2100"),
    agreement(G, "deadline-1899-12-31", DEADLINE, "    date: 1899-12-31", "deadlines[0].date", OUTSIDE),
    agreement(G, "deadline-2101-01-01", DEADLINE, "    date: 2101-01-01", "deadlines[0].date", OUTSIDE),
    agreement(G, "signature-1899-12-31", SIGNED, "    date: 1899-12-31", "signatures[0].date", OUTSIDE),
    Case(G, "notice-date-9999-12-31", "date", OUTSIDE, file=NOTICE_FILE, base=NOTICE, old="date: 2027-02-01", new="date: 9999-12-31"),
    agreement(G, "budget-year-1989", "stated_total:", appropriation("1989"), "appropriation.budget_year", AT_LEAST + " 1990", at(2)),
    agreement(G, "budget-year-2101", "stated_total:", appropriation("2101"), "appropriation.budget_year", AT_MOST + " 2100", at(2)),
    agreement(G, "amount-10-to-14", POT_AMOUNT, f"    amount: {10**14}\n    channel", "pots[0].amount", AT_MOST + " 10000000000000"),
    agreement(G, "stated-total-above-limit", "  amount: 1000000000\n", f"  amount: {10**13 + 1}\n", "stated_total.amount", AT_MOST + " 10000000000000"),
    agreement(G, "amount-negative", POT_AMOUNT, "    amount: -1\n    channel", "pots[0].amount", AT_LEAST + " 0"),
    agreement(G, "no-pots", POTS, "pots: []\n", "pots", "at least 1 item"),
    agreement(G, "year-negative", "year: 2027", "year: -2027", "year", AT_LEAST + " 1990"),
    agreement(G, "signature-0001-01-01", SIGNED, "    date: 0001-01-01", "signatures[0].date", OUTSIDE),
    # Issue 25: limits on what grows the search index (content/search.yaml).
    Case(G, "synonym-group-3000-words", "synonyms[7].words", "at most 10 items", file="search.yaml", base=CONTENT, old="  - words: [gåva, present]", new="  - words: [" + ", ".join(f"ord{i}" for i in range(3000)) + "]"),
    Case(G, "synonym-word-41-characters", "synonyms[7].words[1]", "at most 40 characters", file="search.yaml", base=CONTENT, old="  - words: [gåva, present]", new="  - words: [gåva, " + "p" * 41 + "]"),
    Case(G, "synonym-groups-101", "synonyms", "at most 100 items", 6, file="search.yaml", base=CONTENT, old="  - words: [gåva, present]", new="\n".join(f"  - words: [a{i}, b{i}]" for i in range(101))),
]
