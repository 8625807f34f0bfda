"""Comparison of one agreement series across years: by recipient, by theme, and what changed between the last two."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from generator.derive import RECIPIENT_ORDER, leaf_pots
from generator.load import Content
from generator.model import Agreement, Theme, ThemeMap


@dataclass(frozen=True)
class Row:
    key: str
    """Recipient code or theme id."""
    label: str
    amounts: dict[int, int]
    """Year -> kronor (0 when absent that year)."""
    note: str | None = None


@dataclass(frozen=True)
class Comparison:
    series: str
    title: str
    intro: str
    agreements: list[Agreement]
    years: list[int]
    by_recipient: list[Row]
    by_theme: list[Row]
    totals: dict[int, int]
    themes: list[Theme]
    cells: list[dict] = field(default_factory=list)
    """Open-data rows: theme, recipient, year, amount_sek, agreement_id (no overlapping "varav" rows)."""


def theme_of_pot(themes: ThemeMap) -> dict[str, str]:
    return {pot: theme.id for theme in themes.themes for pot in theme.pots}


def series_agreements(content: Content, series: str) -> list[Agreement]:
    return sorted((a.item for a in content.agreements if a.item.series == series), key=lambda a: a.year)


def comparison(content: Content, recipient_labels: dict[str, str]) -> Comparison | None:
    if content.themes is None:
        return None
    themes = content.themes.item
    agreements = series_agreements(content, themes.series)
    years = [a.year for a in agreements]
    pot_theme = theme_of_pot(themes)
    by_recipient: dict[str, dict[int, int]] = defaultdict(lambda: dict.fromkeys(years, 0))
    by_theme: dict[str, dict[int, int]] = {t.id: dict.fromkeys(years, 0) for t in themes.themes}
    cells: dict[tuple[str, str, int], int] = defaultdict(int)
    agreement_of_year = {a.year: a.id for a in agreements}
    for agreement in agreements:
        for pot in leaf_pots(agreement):
            by_recipient[pot.recipient][agreement.year] += pot.amount
            by_theme[pot_theme[pot.id]][agreement.year] += pot.amount
            cells[(pot_theme[pot.id], pot.recipient, agreement.year)] += pot.amount
    recipient_rows = [Row(r, recipient_labels[r], by_recipient[r]) for r in RECIPIENT_ORDER if r in by_recipient]
    theme_rows = [Row(t.id, t.name, by_theme[t.id], t.note) for t in themes.themes]
    totals = {year: sum(row.amounts[year] for row in recipient_rows) for year in years}
    open_rows = [
        {"theme": theme, "recipient": recipient, "year": year, "amount_sek": amount, "agreement_id": agreement_of_year[year]}
        for (theme, recipient, year), amount in sorted(cells.items(), key=lambda kv: (kv[0][2], kv[0][0], RECIPIENT_ORDER.index(kv[0][1])))
    ]
    return Comparison(themes.series, themes.title, themes.intro, agreements, years, recipient_rows, theme_rows, totals, themes.themes, open_rows)


def change(old: int, new: int) -> tuple[int, float | None]:
    """(difference in kronor, percent change or None when the old value is 0)."""
    return new - old, (None if old == 0 else (new - old) * 100 / old)


@dataclass(frozen=True)
class Difference:
    what: str
    """Swedish label of what changed, e.g. "Belopp", "Villkor", "Tidsfrist"."""
    subject: str
    before: str
    after: str


def agreement_differences(old: Agreement, new: Agreement, describe) -> list[Difference]:
    """Every difference between two agreements of a series. `describe` turns model objects into Swedish text."""
    diffs: list[Difference] = []
    old_pots = {p.id: p for p in old.pots}
    new_pots = {p.id: p for p in new.pots}
    for pot_id in [*old_pots, *[p for p in new_pots if p not in old_pots]]:
        before, after = old_pots.get(pot_id), new_pots.get(pot_id)
        name = (after or old_pots[pot_id]).area
        if before is None or after is None or before.amount != after.amount:
            diffs.append(Difference("Belopp", name, describe("amount", before), describe("amount", after)))
        if before and after and before.area != after.area:
            diffs.append(Difference("Områdets namn", describe("recipient", after), before.area, after.area))
    if old.stated_total.amount != new.stated_total.amount:
        diffs.append(Difference("Total ram", "Hela överenskommelsen", describe("sek", old.stated_total.amount), describe("sek", new.stated_total.amount)))
    old_keys = {k.id: k for k in old.distribution_keys}
    new_keys = {k.id: k for k in new.distribution_keys}
    for key_id in [*old_keys, *[k for k in new_keys if k not in old_keys]]:
        old_key, new_key = old_keys.get(key_id), new_keys.get(key_id)
        if old_key is None or new_key is None or describe("key", old_key) != describe("key", new_key):
            diffs.append(Difference("Fördelningsnyckel", (new_key or old_keys[key_id]).name, describe("key", old_key), describe("key", new_key)))
    old_conditions = {" ".join(c.items) for c in old.conditions}
    for condition in new.conditions:
        if " ".join(condition.items) not in old_conditions:
            diffs.append(Difference("Villkor", condition.intro, "–", " ".join(condition.items)))
    old_deadlines = {(d.kind, d.who): d for d in old.deadlines}
    new_deadlines = {(d.kind, d.who): d for d in new.deadlines}
    for key in [*old_deadlines, *[k for k in new_deadlines if k not in old_deadlines]]:
        old_deadline, new_deadline = old_deadlines.get(key), new_deadlines.get(key)
        if old_deadline is None or new_deadline is None or (old_deadline.date.month, old_deadline.date.day, old_deadline.title) != (new_deadline.date.month, new_deadline.date.day, new_deadline.title):
            title = (new_deadline or old_deadlines[key]).title
            diffs.append(Difference("Tidsfrist", title, describe("deadline", old_deadline), describe("deadline", new_deadline)))
    return diffs
