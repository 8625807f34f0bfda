"""One function per page type: gather a page's context from the model and render it."""

from __future__ import annotations

import datetime as dt

from generator import derive, ids
from generator.export import opendata
from generator.schema_doc import schema_page
from generator.load import Content, Loaded
from generator.model import Agreement, Condition, KeyComponent, Notice
from generator.render import RECIPIENTS, Page, Renderer, datum, md, sek


def component_text(c: KeyComponent) -> str:
    """A distribution key component in plain Swedish."""
    basis = md(c.population or "befolkningsmängd")
    if c.age_band and c.age_band not in (c.population or ""):
        basis += f" ({md(c.age_band)})"
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
    return f"Annan fördelning: {basis}{scb}"


def condition_title(agreement: Agreement, condition: Condition) -> str:
    if agreement.id in condition.applies_to:
        return "Prestationskrav för hela överenskommelsen"
    pots = {p.id: p for p in agreement.pots}
    areas = []
    for target in condition.applies_to:
        area = pots[target].area
        if area not in areas:
            areas.append(area)
    return "Villkor: " + "; ".join(areas)


def source_file(doc_file: str) -> str:
    return doc_file


def agreement_page(renderer: Renderer, loaded: Loaded[Agreement], content: Content, reference_date: dt.date) -> Page:
    a = loaded.item
    by_id = {x.item.id: x.item for x in content.agreements}
    signed = {s.party for s in a.signatures}
    return renderer.render(
        "agreement.md.j2",
        ids.page("agreement", a.id),
        a=a,
        source_file=loaded.doc.file,
        source=_source(content, a.source.seed),
        supplements=by_id.get(a.supplements) if a.supplements else None,
        rows=derive.pot_rows(a),
        totals=derive.recipient_totals(a),
        total=derive.pot_total(a),
        keys={k.id: k for k in a.distribution_keys},
        key_pots=derive.pots_by_key(a),
        parties={p.id: p for p in a.parties},
        unsigned=[p for p in a.parties if p.id not in signed],
        reference_date=reference_date,
        component_text=component_text,
        condition_title=lambda c: condition_title(a, c),
    )


def notice_page(renderer: Renderer, loaded: Loaded[Notice], content: Content, reference_date: dt.date) -> Page:
    n = loaded.item
    return renderer.render(
        "notice.md.j2",
        ids.page("agreement", n.id),
        n=n,
        source_file=loaded.doc.file,
        source=_source(content, n.source.seed),
        reference_date=reference_date,
    )


def agreements_index_page(renderer: Renderer, content: Content) -> Page:
    agreements = sorted((a.item for a in content.agreements), key=lambda a: (-a.year, a.id))
    recipients = {a.id: ", ".join(RECIPIENTS[t.recipient] for t in derive.recipient_totals(a)) for a in agreements}
    return renderer.render(
        "agreements.md.j2",
        ids.page("agreements"),
        agreements=agreements,
        notices=[n.item for n in content.notices],
        recipients=recipients,
    )


def sources_fragment(renderer: Renderer, content: Content) -> Page:
    agreements = [a.item for a in content.agreements]
    return renderer.render(
        "sources_fragment.md.j2",
        "_generated/kallor.md",
        link_from=ids.page("sources"),
        sources=content.sources.item.sources if content.sources else [],
        agreements=agreements,
        corrections=[(a, c) for a in agreements for c in a.corrections],
        discrepancies=[(a, d) for a in agreements for d in a.discrepancies],
    )


def start_fragment(renderer: Renderer, content: Content, reference_date: dt.date) -> Page:
    upcoming = [i for i in derive.dated_items(content, reference_date) if not i.passed]
    return renderer.render(
        "start_fragment.md.j2",
        "_generated/start.md",
        link_from=ids.page("start"),
        agreements=sorted((a.item for a in content.agreements), key=lambda a: (-a.year, a.id)),
        next_items=[i for i in upcoming if i.deadline.date == upcoming[0].deadline.date] if upcoming else [],
        reference_date=reference_date,
    )


def _source(content: Content, seed: str):
    for source in content.sources.item.sources if content.sources else []:
        if source.id == seed:
            return source
    raise KeyError(seed)


def all_pages(renderer: Renderer, content: Content, reference_date: dt.date) -> list[Page]:
    pages = [agreement_page(renderer, a, content, reference_date) for a in content.agreements]
    pages += [notice_page(renderer, n, content, reference_date) for n in content.notices]
    pages.append(agreements_index_page(renderer, content))
    pages.append(sources_fragment(renderer, content))
    pages.append(start_fragment(renderer, content, reference_date))
    pages.append(schema_page())
    pages += opendata.files(content)
    return pages
