"""One function per page type: gather a page's context from the model and render it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from generator import charts, compare, coverage, derive, glossary, ids
from generator.escape import Md
from generator.export import atom, calendar, datapackage, downloads, opendata, print_documents, seedtexts
from generator.export.print_documents import agreement_document, print_link, rulebook_document
from generator.load import Content, Loaded
from generator.model import Agreement, AnswerKindText, Condition, CoverageMap, KeyComponent, Notice, SourceRef
from generator.render import MONTHS, RECIPIENTS, Page, Renderer, change_percent, datum, mnkr, sek
from generator.schema_doc import schema_page
from generator.xref import RuleIndex, link_text

CoverageMaps = list[tuple[Loaded[CoverageMap], list[coverage.Row]]]
"""Each source map with its resolved rows, computed once per build."""


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
    return renderer.render(
        "agreement.md.j2",
        ids.page("agreement", a.id),
        meta={"title": a.short_title},
        a=a,
        source_file=loaded.doc.file,
        source=_source(content, a.source.seed),
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
    )


def notice_page(renderer: Renderer, loaded: Loaded[Notice], content: Content, reference_date: dt.date) -> Page:
    n = loaded.item
    return renderer.render(
        "notice.md.j2",
        ids.page("agreement", n.id),
        meta={"title": n.title},
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


def sources_fragment(renderer: Renderer, content: Content) -> Page:
    return renderer.render(
        "sources_fragment.md.j2",
        ids.FRAGMENTS["sources"],
        link_from=ids.page("sources"),
        sources=content.sources.item.sources if content.sources else [],
        maps={s.id: ids.page("coverage", coverage.map_page_id(m)) if (m := coverage.map_for(content, s.id)) else None for s in (content.sources.item.sources if content.sources else [])},
        sizes=seedtexts.sizes(content),
    )


def anomalies_fragment(renderer: Renderer, content: Content) -> Page:
    """Everything odd about the sources: corrected readings, sums that do not add up, repeated clauses."""
    agreements = [a.item for a in content.agreements]
    duplicates = derive.duplicate_clause_texts(content.rulebook.item) if content.rulebook else {}
    return renderer.render(
        "anomalies_fragment.md.j2",
        ids.FRAGMENTS["about_sources"],
        link_from=ids.page("about_sources"),
        corrections=[(a, c) for a in agreements for c in a.corrections],
        discrepancies=[(a, d) for a in agreements for d in a.discrepancies],
        duplicates=sorted({tuple(g) for g in duplicates.values()}, key=lambda g: [int(x) for x in g[0].split(".")]),
    )


def start_fragment(renderer: Renderer, content: Content, reference_date: dt.date) -> Page:
    return renderer.render(
        "start_fragment.md.j2",
        ids.FRAGMENTS["start"],
        link_from=ids.page("start"),
        agreements=sorted((a.item for a in content.agreements), key=lambda a: (-a.year, a.id)),
        next_items=derive.upcoming_items(derive.dated_items(content, reference_date)),
        reference_date=reference_date,
    )


def _source(content: Content, seed: str):
    for source in content.sources.item.sources if content.sources else []:
        if source.id == seed:
            return source
    raise KeyError(seed)


def deadline_pages(renderer: Renderer, content: Content, reference_date: dt.date, site_url: str | None) -> list[Page]:
    items = derive.dated_items(content, reference_date)
    documents = [(a.item.id, a.item.short_title) for a in content.agreements] + [(n.item.id, n.item.title) for n in content.notices]
    if content.rulebook is not None:
        documents.append((content.rulebook.item.id, content.rulebook.item.short_title))
    here = ids.page("deadlines")
    feeds = [calendar.feed("Alla tidsfrister", here, calendar.ALL_FEED, site_url)]
    feeds += [calendar.feed(title, here, calendar.feed_path(doc_id), site_url) for doc_id, title in documents if any(i.document_id == doc_id for i in items)]
    page = renderer.render(
        "deadlines.md.j2",
        here,
        meta={"title": "Tidsfrister", "search": {"boost": 1.5}},
        schedule=derive.schedule(items, reference_date),
        next_items=derive.upcoming_items(items),
        upcoming_months=derive.UPCOMING_MONTHS,
        feeds=feeds,
        reference_date=reference_date,
        MONTHS=MONTHS,
    )
    return [page, *calendar.files(items, documents, site_url, reference_date)]


def all_pages(renderer: Renderer, content: Content, reference_date: dt.date, site_url: str | None = None) -> list[Page]:
    renderer = renderer.with_sources(content.sources.item.sources if content.sources else [])
    maps = [(loaded, coverage.rows(content, loaded)) for loaded in content.coverage]
    pages = [agreement_page(renderer, a, content, reference_date, maps, site_url) for a in content.agreements]
    pages += [notice_page(renderer, n, content, reference_date) for n in content.notices]
    pages.append(agreements_index_page(renderer, content))
    pages.append(sources_fragment(renderer, content))
    pages.append(anomalies_fragment(renderer, content))
    pages.append(start_fragment(renderer, content, reference_date))
    pages.append(schema_page())
    pages.append(glossary.fragment(renderer, content))
    pages += rulebook_pages(renderer, content)
    pages += guide_page(renderer, content)
    pages += deadline_pages(renderer, content, reference_date, site_url)
    pages += comparison_pages(renderer, content)
    pages += opendata.files(content)
    pages += seedtexts.files(content)
    pages += coverage_pages(renderer, content, maps)
    pages += change_pages(renderer, content, site_url)
    pages.append(datapackage.datapackage(content, pages))
    pages.append(open_data_fragment(renderer, pages, print_documents.documents(content)))
    return pages


def document_titles(content: Content) -> dict[str, str]:
    """Document id -> its short title, for every document a change log entry may name."""
    return {d: _document_link(content, d)[0] for d in [*(a.item.id for a in content.agreements), *(n.item.id for n in content.notices), *([content.rulebook.item.id] if content.rulebook else [])]}


def change_pages(renderer: Renderer, content: Content, site_url: str | None) -> list[Page]:
    """The change log: a fragment of the page Ändringar, and its Atom feed when the site's address is known."""
    if content.changes is None:
        return []
    log = content.changes.item
    titles = document_titles(content)
    feed = atom.feed(log, site_url, titles)
    from_page = ids.page("changes")

    def documents(document_ids: list[str]) -> Md:
        return Md(", ").join(Md("[{}]({})").format(titles[d], Md(ids.relative(from_page, _document_link(content, d)[1] or from_page))) for d in document_ids)

    fragment = renderer.render("changes_fragment.md.j2", ids.FRAGMENTS["changes"], link_from=from_page, changes=log.changes, feed=feed.path if feed else None, documents=documents)
    return [fragment, feed] if feed else [fragment]


TYPE_NAMES = {"string": "text", "integer": "heltal", "date": "datum"}


def open_data_fragment(renderer: Renderer, written: list[Page], pdfs: list[print_documents.PrintDocument]) -> Page:
    """The list of files on "Öppna data", with the sizes of the files this build writes."""
    return renderer.render(
        "open_data_fragment.md.j2",
        ids.FRAGMENTS["open_data"],
        link_from=ids.page("open_data"),
        files=downloads.downloads(written),
        pdfs=pdfs,
        size=downloads.size_text,
        code=lambda name: Md("<code>{}</code>").format(name),
        types=TYPE_NAMES,
    )


def coverage_pages(renderer: Renderer, content: Content, maps: CoverageMaps) -> list[Page]:
    """One "Från källa till webbplats" page per source document."""
    result = []
    for loaded, rows in maps:
        m = loaded.item
        documents = sorted({(s.document or m.document) for s in m.sections})
        seed = coverage.seed_text(content, m.seed)
        path = ids.page("coverage", coverage.map_page_id(loaded))
        result.append(
            renderer.render(
                "coverage.md.j2",
                path,
                # Below the pages that carry the text: the map repeats the source's headings, which would otherwise outrank them.
                meta={"title": f"Från källa till webbplats: {m.title}", "search": {"boost": 0.2}},
                m=m,
                source_file=loaded.doc.file,
                rows=rows,
                carried=sum(1 for r in rows if r.targets),
                clause_count=len(coverage.clause_lines(content, loaded, seed.lines)) if seed else 0,
                documents=[(title, page) for d in documents for title, page in [_document_link(content, d)] if page],
                cite_source=Md("[{}]({})").format(_source_title(content, m.seed), Md(ids.relative(path, ids.page("sources"), ids.anchor("source", m.seed)))),
            )
        )
    return result


def _document_link(content: Content, document: str) -> tuple[str, str | None]:
    for a in content.agreements:
        if a.item.id == document:
            return a.item.short_title, ids.page("agreement", document)
    for n in content.notices:
        if n.item.id == document:
            return n.item.title, ids.page("agreement", document)
    if content.rulebook is not None and content.rulebook.item.id == document:
        return content.rulebook.item.short_title, ids.page("rulebook")
    return document, None


def _source_title(content: Content, seed: str) -> str:
    source = _source(content, seed)
    return source.title if source else seed


def coverage_back_links(maps: CoverageMaps, document: str, from_page: str) -> dict[str, Md]:
    """ref ("condition:x") -> link to the first row of the source map that names it, for links from items back to the map."""
    links: dict[str, Md] = {}
    for loaded, rows in maps:
        page = ids.page("coverage", coverage.map_page_id(loaded))
        for section, row in zip(loaded.item.sections, rows, strict=True):
            if (section.document or loaded.item.document) == document:
                for ref in section.carried_by:
                    links.setdefault(ref, Md(ids.relative(from_page, page, row.anchor)))
    return links


def coverage_link(content: Content, seed: str, from_page: str) -> Md | None:
    """Link from a document's page to the map of its source, if there is one."""
    loaded = coverage.map_for(content, seed)
    return Md(ids.relative(from_page, ids.page("coverage", coverage.map_page_id(loaded)))) if loaded else None


# --- Samverkansregler ------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """A principle, rule or definition as a page shows it."""

    name: str
    anchor: str
    body: str


@dataclass(frozen=True)
class ClauseView:
    number: str
    title: str | None
    level: int
    body: str
    same_as: list[str]


def rulebook_pages(renderer: Renderer, content: Content) -> list[Page]:
    if content.rulebook is None:
        return []
    loaded = content.rulebook
    r = loaded.item
    index = RuleIndex(r)
    kinds = {k.id: k for k in content.guide.item.kinds} if content.guide else {}
    common: dict[str, Any] = {"r": r, "source_file": loaded.doc.file, "has_guide": content.guide is not None, "badge": lambda kind_id: answer_badge(kinds[kind_id])}
    sections = [c for c in r.clauses if "." not in c.number]
    questions = content.guide.item.questions if content.guide else []
    document = rulebook_document(content)
    assert document is not None
    result = [
        renderer.render("rulebook_index.md.j2", ids.page("rulebook"), meta={"title": "Samverkansregler", "search": {"boost": 1.5}}, sections=sections, short_questions=[q for q in questions if q.short], print_link=print_link(document, ids.page("rulebook")), **common),
        _rule_list(renderer, index, "principles", "Principer", r.principles_intro + " Följande principer gäller vid all form av samverkan.", [(p.name, "principle", p.id, p.text) for p in r.principles], **common),
        _rule_list(renderer, index, "rules", "Regler vid all samverkan", "Följande regler gäller vid all form av samverkan.", [(x.name, "rule", x.id, x.text) for x in r.rules], **common),
        _rule_list(renderer, index, "definitions", "Begrepp", "Så definieras begreppen i samverkansreglerna. Där ett begrepp används i regeltexten länkar ordet hit, och definitionen visas när du pekar på ordet.", [(d.term, "definition", d.id, d.text) for d in r.definitions], **common),
    ]
    duplicates = derive.duplicate_clause_texts(r)
    for section in sections:
        path = ids.page("section", section.number)
        members = [c for c in r.clauses if c.number.split(".")[0] == section.number and c.number != section.number]
        views = [
            ClauseView(
                c.number,
                c.title,
                c.number.count(".") + 1,
                link_text(c.text, index, path) if c.text else "",
                [n for n in duplicates.get(c.number, []) if n != c.number],
            )
            for c in members
        ]
        groups = sorted({tuple(g) for n, g in duplicates.items() if n.split(".")[0] == section.number})
        # Keywords are not on the page: generator/search.py adds them to the search index.
        meta: dict[str, object] = {"title": f"{section.number} {section.title}", "search": {"boost": 2}}
        result.append(renderer.render("section.md.j2", path, meta=meta, section=section, clauses=views, duplicates=groups, **common))
    return result


def _rule_list(renderer: Renderer, index: RuleIndex, kind: str, title: str, intro: str, items: list, **common) -> Page:
    path = ids.page(kind)
    entries = [
        Entry(name, ids.anchor(anchor_kind, id), link_text(text, index, path, skip_term=id if anchor_kind == "definition" else None))
        for name, anchor_kind, id, text in items
    ]
    return renderer.render("rule_list.md.j2", path, meta={"title": title, "search": {"boost": 2}}, title=title, intro=intro, entries=entries, **common)


def answer_badge(kind: AnswerKindText) -> Md:
    """An answer's label with its sign; the sign is hidden from screen readers, which read the label."""
    return Md('<span class="svar svar-{}"><span class="svar-tecken" aria-hidden="true">{}</span> {}</span>').format(kind.id, kind.symbol, kind.label)


def guide_page(renderer: Renderer, content: Content) -> list[Page]:
    if content.guide is None or content.rulebook is None:
        return []
    guide = content.guide.item
    index = RuleIndex(content.rulebook.item)
    path = ids.page("guide")

    def rule_link(rule_ref: str) -> Md:
        resolved = index.resolve(rule_ref)
        assert resolved is not None, rule_ref  # validation refuses unknown references
        label, page, anchor = resolved
        return Md("[{}]({})").format(label, Md(ids.relative(path, page, anchor)))

    def rule_links(rule_refs: list[str]) -> Md:
        return Md(", ").join(rule_link(r) for r in rule_refs)

    kinds = {k.id: k for k in guide.kinds}
    document = rulebook_document(content)
    assert document is not None  # a guide needs the rulebook (checked above)

    return [
        renderer.render(
            "guide.md.j2",
            path,
            # No table of contents beside the page: the page lists its situations itself, and the
            # overview matrix needs the width.
            meta={"title": "Får jag …?", "search": {"boost": 1.5}, "hide": ["toc"]},
            source_file=content.guide.doc.file,
            guide=guide,
            items_by_id={i.id: i for i in guide.items},
            kinds_by_id=kinds,
            badge=lambda kind_id: answer_badge(kinds[kind_id]),
            rule_link=rule_link,
            rule_links=rule_links,
            print_link=print_link(document, path),
        )
    ]


# --- Comparison ------------------------------------------------------------


def delta(old: int, new: int) -> str:
    """A change between two years: "ny" where only the later year has money, "upphörde" where only the earlier has."""
    if old == 0 and new == 0:
        return "saknas båda åren"
    difference, _ = compare.change(old, new)
    sign = "+" if difference > 0 else ("−" if difference < 0 else "±")
    text = sign + mnkr(abs(difference))
    if old == 0:
        return text + " (ny)"
    if new == 0:
        return text + " (upphörde)"
    return f"{text} ({change_percent(old, new)})"


def direction(change: compare.AmountChange) -> str:
    """The verb for a total that changed from one year to the next."""
    if change.after == change.before:
        return "är oförändrad,"
    return "minskar" if change.after < change.before else "ökar"


def count_text(counts: compare.Counts, gender: str, years: tuple[int, int]) -> str:
    """E.g. "3 ändrade, 1 nytt och 4 anges inte i källan för 2026"; gender "n" (ett villkor) or "c" (en tidsfrist)."""
    changed = "ändrat" if gender == "n" else "ändrad"
    added = "nytt" if gender == "n" else "ny"
    parts = [
        f"{counts.changed} {changed if counts.changed == 1 else 'ändrade'}" if counts.changed else "",
        f"{counts.only_after} {added if counts.only_after == 1 else 'nya'}" if counts.only_after else "",
        f"{counts.only_before} från {years[0]} anges inte i källan för {years[1]}" if counts.only_before else "",
    ]
    parts = [p for p in parts if p]
    if not parts:
        return "inga skillnader"
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " och " + parts[-1]


def recipient_source(agreement: Agreement, recipient: str) -> SourceRef:
    """Where the agreement states a recipient's total; the whole document where it states none."""
    return next((t.source for t in agreement.stated_recipient_totals if t.recipient == recipient), agreement.source)


def describe(kind: str, value) -> str:
    """Swedish text for a value in the what's-new table."""
    if kind == "amount":
        return f"{sek(value.amount)} ({RECIPIENTS[value.recipient]})"
    if kind == "recipient":
        return RECIPIENTS[value.recipient]
    if kind == "sek":
        return sek(value)
    if kind == "key":
        return "; ".join(component_text(c) for c in value.components)
    if kind == "deadline":
        return f"{datum(value.date)}: {value.title} ({value.who})"
    raise ValueError(kind)


WHATS_NEW_ANCHORS = {"Belopp": "belopp", "Områdets namn": "namn", "Total ram": "total", "Fördelningsnyckel": "fordelningsnycklar", "Villkor": "villkor", "Tidsfrist": "tidsfrister"}


def whats_new_page(renderer: Renderer, c: compare.Comparison) -> Page:
    """What changed between the last two agreements of the series: a summary, then every difference with both sources."""
    old, new = c.agreements[-2], c.agreements[-1]
    differences = compare.agreement_differences(old, new, describe)
    groups: dict[str, list[compare.Difference]] = {}
    for d in differences:
        if not d.wording_only:
            groups.setdefault(d.what, []).append(d)
    return renderer.render(
        "whats_new.md.j2",
        ids.page("whats_new"),
        meta={"title": f"Vad är nytt {new.year}"},
        old=old,
        new=new,
        s=compare.summary(c, differences, RECIPIENTS),
        groups=list(groups.items()),
        wording=[d for d in differences if d.wording_only],
        anchors=WHATS_NEW_ANCHORS,
        delta=delta,
        direction=direction,
        count_text=lambda counts, gender: count_text(counts, gender, (old.year, new.year)),
        recipient_source=recipient_source,
    )


def comparison_pages(renderer: Renderer, content: Content) -> list[Page]:
    c = compare.comparison(content, RECIPIENTS)
    if c is None or not c.agreements:
        return []
    table_template = renderer.env.get_template("_compare_table.md.j2")

    year_links = {a.year: Md(ids.relative(ids.page("comparison"), ids.page("agreement", a.id), "potter")) for a in c.agreements}

    def table(rows, heading: str) -> Md:
        return Md(table_template.render(rows=rows, heading=heading, years=c.years, totals=c.totals, delta=delta, year_links=year_links))

    def chart(chart_id: str, title: str, rows) -> str:
        series = [charts.Series(str(year), [row.amounts[year] for row in rows]) for year in c.years]
        description = "; ".join(f"{row.label}: " + ", ".join(f"{y} {mnkr(row.amounts[y])}" for y in c.years) for row in rows)
        return charts.bar_chart(chart_id, title, description, [row.label for row in rows], series, mnkr)

    pages_out = [
        renderer.render(
            "comparison.md.j2",
            ids.page("comparison"),
            meta={"title": "Jämförelse mellan åren", "search": {"boost": 1.5}},
            c=c,
            table=table,
            recipient_chart=chart("diagram-mottagare", f"Medel per mottagare {', '.join(map(str, c.years))}", c.by_recipient),
            theme_chart=chart("diagram-teman", f"Medel per tema {', '.join(map(str, c.years))}", c.by_theme),
        )
    ]
    if len(c.agreements) >= 2:
        pages_out.append(whats_new_page(renderer, c))
    pages_out += opendata.comparison_files(c)
    return pages_out
