"""Agreement pages, notice pages and the list of agreements."""

from __future__ import annotations

import datetime as dt

from generator import derive, ids
from generator.escape import Md
from generator.export import calendar
from generator.export.print_documents import agreement_document, print_link
from generator.load import Content, Loaded
from generator.model import Agreement, Condition, KeyComponent, Notice
from generator.pages.common import CoverageMaps, part_full_texts, source_document
from generator.pages.source_maps import coverage_back_links, coverage_link, fulltext_anchors, fulltext_section_anchor
from generator.quotes import normalise
from generator.render import RECIPIENTS, Page, Renderer, datum, sek


def component_text(c: KeyComponent) -> str:
    """A distribution key component in plain Swedish (text, escaped where it is printed)."""
    basis = c.population or "befolkningsmängd"
    if c.age_band and c.age_band not in (c.population or ""):
        basis += f" ({c.age_band})"
    scb = f", enligt SCB:s data per den {datum(c.scb_reference_date)}" if c.scb_reference_date else ""
    if c.kind == "fixed_per_county":
        return f"{sek(c.amount or 0)} per län"
    if c.kind == "fixed_per_metropolitan_county":
        count = f" {c.count}" if c.count else ""
        return f"{sek(c.amount or 0)} vardera till de{count} storstadslänen i stället"
    if c.kind == "fixed_per_municipality":
        return f"{sek(c.amount or 0)} per kommun"
    if c.kind == "population":
        return f"Fördelas efter {basis}{scb}"
    if c.kind == "population_remainder":
        return f"Resten fördelas efter {basis}{scb}"
    if c.kind == "equal_share":
        count = f" {c.count}" if c.count else ""
        return f"Lika belopp till var och en av de{count} {c.unit}"
    return c.description or ""


def condition_pots(agreement: Agreement, condition: Condition) -> list:
    """The pots a condition governs (none when it governs the whole agreement)."""
    pots = {p.id: p for p in agreement.pots}
    return [pots[t] for t in condition.applies_to if t in pots]


def agreement_page(renderer: Renderer, loaded: Loaded[Agreement], content: Content, reference_date: dt.date, maps: CoverageMaps | None = None, site_url: str | None = None) -> Page:
    a = loaded.item
    items = [i for i in derive.dated_items(content, reference_date) if i.document_id == a.id]
    by_id = {x.item.id: x.item for x in content.agreements}
    signed = {s.party for s in a.signatures}
    here = ids.page("agreement", a.id)
    found = fulltext_anchors(content, a.id)
    read_in_source = {}
    if found is not None:
        page, anchors = found
        for c in a.conditions:
            anchor = anchors.get(normalise(c.heading))
            if anchor:
                read_in_source[c.id] = Md(ids.relative(here, page, anchor))
    def read(ref) -> Md:
        """' [Läs i källan](…)' for a source reference into this agreement's own text, where its section has an anchor there."""
        if found is None or ref.seed != a.source.seed:
            return Md("")
        anchor = fulltext_section_anchor(ref.section, found[1])
        return Md(" [Läs i källan]({})").format(Md(ids.relative(here, found[0], anchor))) if anchor else Md("")

    return renderer.render(
        "agreement.md.j2",
        ids.page("agreement", a.id),
        meta={"title": a.short_title},
        a=a,
        source_file=loaded.doc.file,
        source=source_document(content, a.source.seed),
        supplements=by_id.get(a.supplements) if a.supplements else None,
        rows=derive.pot_rows(a),
        totals=derive.recipient_totals(a),
        subtotals=derive.subtotal_rows(a),
        total=derive.pot_total(a),
        keys={k.id: k for k in a.distribution_keys},
        key_pots=derive.pots_by_key(a),
        parties={p.id: p for p in a.parties},
        unsigned=[p for p in a.parties if p.id not in signed],
        reference_date=reference_date,
        component_text=component_text,
        condition_pots=lambda c: condition_pots(a, c),
        map_link=coverage_link(content, a.source.seed, ids.page("agreement", a.id)),
        map_rows=coverage_back_links(maps or [], a.id, ids.page("agreement", a.id)),
        feed=calendar.feed(a.short_title, ids.page("agreement", a.id), calendar.feed_path(a.id), site_url),
        next_items=derive.upcoming_items(items),
        print_link=print_link(agreement_document(a), ids.page("agreement", a.id)),
        read_in_source=read_in_source,
        read=read,
        fulltext_link=Md(ids.relative(here, found[0])) if found else None,
        part_texts=[(title, Md(ids.relative(here, page))) for title, page in part_full_texts(content, a.id)],
    )


def notice_page(renderer: Renderer, loaded: Loaded[Notice], content: Content, reference_date: dt.date) -> Page:
    n = loaded.item
    return renderer.render(
        "notice.md.j2",
        ids.page("agreement", n.id),
        meta={"title": n.title},
        n=n,
        source_file=loaded.doc.file,
        source=source_document(content, n.source.seed),
        reference_date=reference_date,
        full_texts=[(title, Md(ids.relative(ids.page("agreement", n.id), page))) for title, page in part_full_texts(content, n.id)],
    )


def agreements_index_page(renderer: Renderer, content: Content) -> Page:
    agreements = sorted((a.item for a in content.agreements), key=lambda a: (-a.year, a.id))
    recipients = {a.id: ", ".join(RECIPIENTS[t.recipient] for t in derive.recipient_totals(a)) for a in agreements}
    return renderer.render(
        "agreements.md.j2",
        ids.page("agreements"),
        meta={"title": "Överenskommelser"},
        agreements=agreements,
        notices=[n.item for n in content.notices],
        recipients=recipients,
        signed={a.id: signing_summary(a) for a in agreements},
    )


def signing_summary(a: Agreement) -> str:
    """When the agreement was signed: the last party's date when every party dated its signature, else party by party."""
    names = {p.id: p.name for p in a.parties}
    dated = [s.date for s in a.signatures if s.date is not None]
    if a.parties and len(dated) == len(a.parties):
        return datum(max(dated))
    by_party = {s.party: s for s in a.signatures}
    parts = []
    for party in a.parties:
        s = by_party.get(party.id)
        short = "SKR" if party.id == "skr" else names[party.id].split(" genom ")[0]
        if s is None:
            parts.append(f"{short}: underskrift saknas i källan")
        elif s.date is None:
            parts.append(f"{short}: odaterad i källan")
        else:
            parts.append(f"{short}: {datum(s.date)}")
    return "; ".join(parts)
