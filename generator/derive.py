"""Pure functions from the model to what pages show: rows, totals, lists. Named after what they return."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from generator import ids
from generator.load import Content
from generator.model import Agreement, Deadline, Pot

RECIPIENT_ORDER = ("regioner", "kommuner", "lansgemensamt", "skr", "other")


@dataclass(frozen=True)
class PotRow:
    pot: Pot
    depth: int
    """0 for a top-level pot, 1 for a "varav" line, and so on."""


@dataclass(frozen=True)
class RecipientTotal:
    recipient: str
    computed: int
    stated: int | None


@dataclass(frozen=True)
class DatedItem:
    """A deadline or other dated event, with the document it belongs to."""

    deadline: Deadline
    document_id: str
    document_title: str
    page: str
    passed: bool


def pot_rows(agreement: Agreement) -> list[PotRow]:
    """Pots in table order: each top-level pot followed by its "varav" parts."""
    children: dict[str | None, list[Pot]] = defaultdict(list)
    for pot in agreement.pots:
        children[pot.parent].append(pot)
    ordered = sorted(children[None], key=lambda p: RECIPIENT_ORDER.index(p.recipient))
    rows: list[PotRow] = []

    def visit(pot: Pot, depth: int) -> None:
        rows.append(PotRow(pot, depth))
        for child in children.get(pot.id, []):
            visit(child, depth + 1)

    for pot in ordered:
        visit(pot, 0)
    return rows


def top_level_pots(agreement: Agreement) -> list[Pot]:
    return [p for p in agreement.pots if p.parent is None]


def leaf_pots(agreement: Agreement) -> list[Pot]:
    """Pots with no "varav" parts: together they count every krona exactly once."""
    parents = {p.parent for p in agreement.pots}
    return [p for p in agreement.pots if p.id not in parents]


def recipient_totals(agreement: Agreement) -> list[RecipientTotal]:
    computed: dict[str, int] = defaultdict(int)
    for pot in leaf_pots(agreement):
        computed[pot.recipient] += pot.amount
    stated = {t.recipient: t.amount for t in agreement.stated_recipient_totals}
    return [RecipientTotal(r, computed[r], stated.get(r)) for r in RECIPIENT_ORDER if r in computed or r in stated]


def pot_total(agreement: Agreement) -> int:
    return sum(p.amount for p in top_level_pots(agreement))


def pots_by_key(agreement: Agreement) -> dict[str, list[Pot]]:
    result: dict[str, list[Pot]] = defaultdict(list)
    for pot in agreement.pots:
        if pot.distribution_key:
            result[pot.distribution_key].append(pot)
    return result


def dated_items(content: Content, reference_date: dt.date) -> list[DatedItem]:
    """Every deadline of every agreement and notice, in date order."""
    items = []
    documents = [(a.item, a.item.short_title) for a in content.agreements] + [(n.item, n.item.title) for n in content.notices]
    for document, title in documents:
        for deadline in document.deadlines:
            items.append(DatedItem(deadline, document.id, title, ids.page("agreement", document.id), deadline.date < reference_date))
    return sorted(items, key=lambda i: (i.deadline.date, i.document_id, i.deadline.id))
