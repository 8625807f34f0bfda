"""Comparison of one agreement series across years: by recipient, by theme, and what changed between the last two."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any, TypeVar

from generator.derive import RECIPIENT_ORDER, leaf_pots
from generator.load import Content
from generator.model import Agreement, Condition, Deadline, Pot, SourceRef, Theme, ThemeMap

T = TypeVar("T")
_NOT_WORD = re.compile(r"[\W_]+")
SIMILAR_INTRO = 0.9
"""How alike two conditions' lead-in sentences must be (difflib ratio) to pair conditions with different ids."""


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
    before: str | None
    """None where the earlier source states nothing on it."""
    after: str | None
    """None where the later source states nothing on it."""
    before_source: SourceRef
    """Where the earlier value stands; the whole earlier document where it states nothing."""
    after_source: SourceRef
    wording_only: bool = False
    """The two texts differ only in punctuation or whitespace."""


Describe = Callable[[str, Any], str]
"""Turns a model object into Swedish text (kind, value)."""


def squash(text: str) -> str:
    """Text without punctuation and whitespace: what is left when only wording counts."""
    return _NOT_WORD.sub("", text)


def wording_only(before: str | None, after: str | None) -> bool:
    return before is not None and after is not None and before != after and squash(before) == squash(after)


def paired(old_items: dict[str, T], new_items: dict[str, T]) -> list[tuple[T | None, T | None]]:
    """Items of two years matched by key: earlier order first, then items only in the later year."""
    keys = [*old_items, *[k for k in new_items if k not in old_items]]
    return [(old_items.get(k), new_items.get(k)) for k in keys]


def _difference(what: str, subject: str, pair: tuple[Any, Any], texts: tuple[str | None, str | None], documents: tuple[Agreement, Agreement]) -> Difference:
    (before, after), (old, new) = pair, documents
    return Difference(what, subject, texts[0], texts[1], (before or old).source, (after or new).source, wording_only(*texts))


UNCERTAIN_AREA = "rekonstruerad läsning av skadad text; exakt ordalydelse osäker"


def area_label(pot: Pot) -> str:
    """The area's name as the comparison states it: a reconstructed reading says so."""
    return f"{pot.area} ({UNCERTAIN_AREA})" if pot.area_uncertain else pot.area


def _text(describe: Describe, kind: str, item: Any) -> str | None:
    return None if item is None else describe(kind, item)


def pot_differences(old: Agreement, new: Agreement, describe: Describe) -> list[Difference]:
    diffs: list[Difference] = []
    for before, after in paired({p.id: p for p in old.pots}, {p.id: p for p in new.pots}):
        name = area_label(after or before)  # type: ignore[arg-type]
        if before is None or after is None or before.amount != after.amount:
            texts = (_text(describe, "amount", before), _text(describe, "amount", after))
            diffs.append(_difference("Belopp", name, (before, after), texts, (old, new)))
        if before and after and before.area != after.area:
            diffs.append(_difference("Områdets namn", describe("recipient", after), (before, after), (area_label(before), area_label(after)), (old, new)))
    return diffs


def total_differences(old: Agreement, new: Agreement, describe: Describe) -> list[Difference]:
    if old.stated_total.amount == new.stated_total.amount:
        return []
    texts = (describe("sek", old.stated_total.amount), describe("sek", new.stated_total.amount))
    return [_difference("Total ram", "Hela överenskommelsen", (old.stated_total, new.stated_total), texts, (old, new))]


def key_differences(old: Agreement, new: Agreement, describe: Describe) -> list[Difference]:
    diffs: list[Difference] = []
    for before, after in paired({k.id: k for k in old.distribution_keys}, {k.id: k for k in new.distribution_keys}):
        texts = (_text(describe, "key", before), _text(describe, "key", after))
        if texts[0] != texts[1]:
            diffs.append(_difference("Fördelningsnyckel", (after or before).name, (before, after), texts, (old, new)))  # type: ignore[union-attr]
    return diffs


def condition_text(condition: Condition) -> str:
    return " ".join([condition.intro, *condition.items])


def paired_conditions(old: Agreement, new: Agreement) -> list[tuple[Condition | None, Condition | None]]:
    """Conditions matched by id, then a left-over pair whose lead-in sentences are nearly the same
    (e.g. the annex on the financial report, reworded from "överenskommelsen" to "tilläggsöverenskommelsen")."""
    pairs = paired({c.id: c for c in old.conditions}, {c.id: c for c in new.conditions})
    matched: list[tuple[Condition | None, Condition | None]] = [p for p in pairs if p[0] and p[1]]
    old_only = [b for b, a in pairs if b and a is None]
    for after in (a for b, a in pairs if a and b is None):
        twin = next((c for c in old_only if SequenceMatcher(None, c.intro, after.intro).ratio() >= SIMILAR_INTRO), None)
        if twin is not None:
            old_only.remove(twin)
        matched.append((twin, after))
    return matched + [(b, None) for b in old_only]


def condition_differences(old: Agreement, new: Agreement) -> list[Difference]:
    diffs: list[Difference] = []
    for before, after in paired_conditions(old, new):
        texts = (condition_text(before) if before else None, condition_text(after) if after else None)
        if texts[0] != texts[1]:
            diffs.append(_difference("Villkor", (after or before).heading, (before, after), texts, (old, new)))  # type: ignore[union-attr]
    return diffs


def _deadline_shape(d: Deadline) -> tuple:
    """What counts as a change in a yearly deadline: the same day a year later with the same wording does not."""
    return d.date.month, d.date.day, d.title, d.who


def deadline_differences(old: Agreement, new: Agreement, describe: Describe) -> list[Difference]:
    diffs: list[Difference] = []
    for before, after in paired({d.id: d for d in old.deadlines}, {d.id: d for d in new.deadlines}):
        if before is None or after is None or _deadline_shape(before) != _deadline_shape(after):
            texts = (_text(describe, "deadline", before), _text(describe, "deadline", after))
            diffs.append(_difference("Tidsfrist", (after or before).title, (before, after), texts, (old, new)))  # type: ignore[union-attr]
    return diffs


def agreement_differences(old: Agreement, new: Agreement, describe: Describe) -> list[Difference]:
    """Every difference between two agreements of a series, with the source of both sides."""
    return [
        *pot_differences(old, new, describe),
        *total_differences(old, new, describe),
        *key_differences(old, new, describe),
        *condition_differences(old, new),
        *deadline_differences(old, new, describe),
    ]


@dataclass(frozen=True)
class AmountChange:
    label: str
    before: int
    after: int
    key: str = ""
    """Recipient code or pot id."""


@dataclass(frozen=True)
class Counts:
    """How many items of one kind differ: changed in both years, only in the earlier, only in the later."""

    changed: int
    only_before: int
    only_after: int


@dataclass(frozen=True)
class Summary:
    """The short account at the top of the what's-new page, every figure taken from the comparison data."""

    total: AmountChange
    recipients: list[AmountChange]
    areas: list[AmountChange]
    """Areas (pots without parts) present both years whose amount changed."""
    ended: list[AmountChange]
    """Areas with money the earlier year and none the later."""
    added: list[AmountChange]
    renamed: int
    keys: list[str]
    """Names of the distribution keys whose terms changed."""
    scb_dates: tuple[list[dt.date], list[dt.date]]
    """SCB reference dates of all distribution keys, earlier and later year."""
    counts: dict[str, Counts]
    """"Villkor", "Tidsfrist" -> counts of real (not wording-only) differences."""
    wording: int


def _area_change(before: Pot | None, after: Pot | None, recipient_labels: dict[str, str]) -> AmountChange:
    pot = after or before
    assert pot is not None
    return AmountChange(f"{area_label(pot)} ({recipient_labels[pot.recipient]})", before.amount if before else 0, after.amount if after else 0, pot.id)


def area_changes(old: Agreement, new: Agreement, recipient_labels: dict[str, str]) -> tuple[list[AmountChange], list[AmountChange], list[AmountChange]]:
    """(changed, ended, added) areas, counting each krona once (pots without "varav" parts)."""
    pairs = paired({p.id: p for p in leaf_pots(old)}, {p.id: p for p in leaf_pots(new)})
    changes = [_area_change(b, a, recipient_labels) for b, a in pairs]
    return (
        [c for (b, a), c in zip(pairs, changes, strict=True) if b and a and b.amount != a.amount],
        [c for (b, a), c in zip(pairs, changes, strict=True) if a is None],
        [c for (b, a), c in zip(pairs, changes, strict=True) if b is None],
    )


def scb_dates(agreement: Agreement) -> list[dt.date]:
    return sorted({c.scb_reference_date for k in agreement.distribution_keys for c in k.components if c.scb_reference_date})


def counts(differences: list[Difference], what: str) -> Counts:
    real = [d for d in differences if d.what == what and not d.wording_only]
    return Counts(
        sum(1 for d in real if d.before is not None and d.after is not None),
        sum(1 for d in real if d.after is None),
        sum(1 for d in real if d.before is None),
    )


def summary(c: Comparison, differences: list[Difference], recipient_labels: dict[str, str]) -> Summary:
    """What changed between the last two years of the series, from the comparison rows and the differences."""
    old, new = c.agreements[-2], c.agreements[-1]
    areas, ended, added = area_changes(old, new, recipient_labels)
    real = [d for d in differences if not d.wording_only]
    return Summary(
        total=AmountChange("Totalt", c.totals[old.year], c.totals[new.year]),
        recipients=[AmountChange(row.label, row.amounts[old.year], row.amounts[new.year], row.key) for row in c.by_recipient],
        areas=areas,
        ended=ended,
        added=added,
        renamed=sum(1 for d in real if d.what == "Områdets namn"),
        keys=[d.subject for d in real if d.what == "Fördelningsnyckel"],
        scb_dates=(scb_dates(old), scb_dates(new)),
        counts={what: counts(differences, what) for what in ("Villkor", "Tidsfrist")},
        wording=len(differences) - len(real),
    )
