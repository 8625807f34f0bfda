"""Pure functions from the model to what pages show: rows, totals, lists. Named after what they return."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from generator import ids, model
from generator.load import Content
from generator.model import Agreement, Guide, Pot, Rulebook, SourceRef

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
    source: SourceRef | None
    """Where the source states the total (None when it does not)."""


@dataclass(frozen=True)
class SubtotalRow:
    """A sum the source states over several pots, with the pots it is made of."""

    subtotal: model.StatedSubtotal
    parts: list[Pot]
    parts_sum: int


@dataclass(frozen=True)
class DatedItem:
    """A deadline, signing date or entry into force, with the document it belongs to."""

    uid: str
    """Stable id from content ids: <document id>--<item id>."""
    date: dt.date
    kind: str
    title: str
    who: str
    to_whom: str | None
    consequence: str | None
    note: str | None
    source: SourceRef
    document_id: str
    document_title: str
    page: str
    anchor: str
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
    stated: dict[str, model.RecipientTotal] = {t.recipient: t for t in agreement.stated_recipient_totals}
    result = []
    for r in RECIPIENT_ORDER:
        if r in computed or r in stated:
            total = stated.get(r)
            result.append(RecipientTotal(r, computed[r], total.amount if total else None, total.source if total else None))
    return result


def subtotal_rows(agreement: Agreement) -> list[SubtotalRow]:
    """The source's stated subtotals in content order, each with its parts (validation has checked the ids)."""
    pots = {p.id: p for p in agreement.pots}
    rows = []
    for subtotal in agreement.stated_subtotals:
        parts = [pots[pot_id] for pot_id in subtotal.pots]
        rows.append(SubtotalRow(subtotal, parts, sum(p.amount for p in parts)))
    return rows


def pot_total(agreement: Agreement) -> int:
    return sum(p.amount for p in top_level_pots(agreement))


def pots_by_key(agreement: Agreement) -> dict[str, list[Pot]]:
    result: dict[str, list[Pot]] = defaultdict(list)
    for pot in agreement.pots:
        if pot.distribution_key:
            result[pot.distribution_key].append(pot)
    return result


SIGNING_ITEM = "undertecknande-{party}"
RULEBOOK_ITEMS = ("ikrafttradande", "beslut-skr")
"""Item ids of the dated items the generator adds: signing dates, and the rulebook's entry into force and decision."""


def uid(document_id: str, item_id: str) -> str:
    """Calendar UID (before the domain) of a dated item: stable as long as the content ids are."""
    return f"{document_id}--{item_id}"


def dated_items(content: Content, reference_date: dt.date) -> list[DatedItem]:
    """Every dated item in the content, in date order: deadlines, signing dates and entry into force."""
    items: list[DatedItem] = []

    def add(document_id: str, document_title: str, page: str, item_id: str, anchor: str, **fields) -> None:
        items.append(DatedItem(uid(document_id, item_id), document_id=document_id, document_title=document_title, page=page, anchor=anchor, passed=fields["date"] < reference_date, **fields))

    documents = [(a.item, a.item.short_title) for a in content.agreements] + [(n.item, n.item.title) for n in content.notices]
    for document, title in documents:
        page = ids.page("agreement", document.id)
        for d in document.deadlines:
            add(document.id, title, page, d.id, ids.anchor("deadline", d.id), date=d.date, kind=d.kind, title=d.title, who=d.who, to_whom=d.to_whom, consequence=d.consequence, note=d.note, source=d.source)
    for loaded in content.agreements:
        a = loaded.item
        parties = {p.id: p.name for p in a.parties}
        for s in a.signatures:
            if s.date is None:
                continue
            add(a.id, a.short_title, ids.page("agreement", a.id), SIGNING_ITEM.format(party=s.party), "underskrifter", date=s.date, kind="undertecknande", title=f"{parties[s.party]} undertecknar överenskommelsen", who=f"{s.signatory}, {parties[s.party]}", to_whom=None, consequence=None, note=None, source=s.source)
    if content.rulebook is not None:
        r = content.rulebook.item
        add(r.id, r.short_title, ids.page("rulebook"), RULEBOOK_ITEMS[0], "top", date=r.valid_from, kind="ikrafttradande", title="Samverkansreglerna börjar gälla", who=", ".join(p.name for p in r.parties), to_whom=None, consequence=None, note=r.validity, source=r.source)
        add(r.id, r.short_title, ids.page("rulebook"), RULEBOOK_ITEMS[1], "beslut", date=r.decision.date, kind="ovrigt", title="SKR:s styrelse godkänner samverkansreglerna", who=r.decision.body, to_whom=None, consequence=None, note=None, source=r.decision.source)
    return sorted(items, key=lambda i: (i.date, i.document_id, i.uid))


def timeline(items: list[DatedItem]) -> list[tuple[int, list[tuple[int, list[DatedItem]]]]]:
    """Items grouped by year, then month, in date order."""
    years: dict[int, dict[int, list[DatedItem]]] = defaultdict(lambda: defaultdict(list))
    for item in items:
        years[item.date.year][item.date.month].append(item)
    return [(year, sorted(months.items())) for year, months in sorted(years.items())]


UPCOMING_MONTHS = 12
"""The Tidsfrister page opens with the items of this many months from the reference date."""


@dataclass(frozen=True)
class DeadlineSchedule:
    """The Tidsfrister page's order: what is coming first, then later items, then the past by year."""

    upcoming: list[DatedItem]
    """From the reference date up to (not including) the same date UPCOMING_MONTHS later, soonest first."""
    later: list[DatedItem]
    """After that, in date order."""
    past: list[tuple[int, list[tuple[int, list[DatedItem]]]]]
    """Passed items by year (latest year first), then month, in date order within a year."""


def months_later(date: dt.date, months: int) -> dt.date:
    """The same day `months` later (the month's last day when it is shorter, e.g. 29 February)."""
    year, month = divmod(date.month - 1 + months, 12)
    year, month = date.year + year, month + 1
    for day in (date.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise ValueError(date)


def schedule(items: list[DatedItem], reference_date: dt.date) -> DeadlineSchedule:
    """Split date-ordered items into upcoming (next UPCOMING_MONTHS), later, and past by year."""
    horizon = months_later(reference_date, UPCOMING_MONTHS)
    coming = [i for i in items if not i.passed]
    past = timeline([i for i in items if i.passed])
    return DeadlineSchedule(
        upcoming=[i for i in coming if i.date < horizon],
        later=[i for i in coming if i.date >= horizon],
        past=sorted(past, key=lambda year: -year[0]),
    )


def days_left(date: dt.date, reference_date: dt.date) -> int:
    return (date - reference_date).days


def status_text(date: dt.date, reference_date: dt.date) -> str:
    """Build-time status of a date (docs/assets/frister.js recomputes it in the browser from the ISO date)."""
    days = days_left(date, reference_date)
    if days < 0:
        return "passerad"
    if days == 0:
        return "idag"
    return f"om {days} dag" if days == 1 else f"om {days} dagar"


def next_items(items: list[DatedItem]) -> list[DatedItem]:
    """The upcoming item(s) nearest the reference date (several if they share the date)."""
    upcoming = [i for i in items if not i.passed]
    return [i for i in upcoming if i.date == upcoming[0].date] if upcoming else []


def upcoming_items(items: list[DatedItem]) -> list[DatedItem]:
    """Every item not yet passed, soonest first: the browser picks the next one among them on the day it is read."""
    return [i for i in items if not i.passed]


def duplicate_clause_texts(rulebook: Rulebook) -> dict[str, list[str]]:
    """Clause number -> all clause numbers with word-for-word the same text (only where there are two or more)."""
    by_text: dict[str, list[str]] = defaultdict(list)
    for clause in rulebook.clauses:
        if clause.text:
            by_text[" ".join(clause.text.split())].append(clause.number)
    return {number: group for group in by_text.values() if len(group) > 1 for number in group}


def guide_answer_pages(guide: Guide) -> dict[str, str]:
    """Where each answer of "Får jag …?" lives: anchor -> docs page. A situation's answers are on its own page,
    a worked question on its topic's page. Every link to an answer comes from it (the entry page's, far-jag.json's)."""
    result: dict[str, str] = {}
    for s in guide.situations:
        page = ids.page("guide_situation", s.id)
        result[ids.anchor("situation", s.id)] = page
        for c in s.cells:
            result[ids.anchor("answer", f"{s.id}--{c.item}")] = page
    for q in guide.questions:
        result[ids.anchor("question", q.id)] = ids.page("guide_topic", q.topic)
    return result


def guide_situation_title(name: str) -> str:
    """The title of a situation's page in "Får jag …?": what the page answers."""
    return f"{name}: vad får industrin betala eller erbjuda?"


def guide_topic_title(name: str) -> str:
    """The title of a topic's page of worked questions in "Får jag …?"."""
    return f"Vanliga frågor: {name}"
