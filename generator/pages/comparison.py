"""Jämförelse mellan åren and Vad är nytt."""

from __future__ import annotations

from generator import charts, compare, ids
from generator.escape import Md
from generator.export import opendata
from generator.load import Content
from generator.model import Agreement, SourceRef
from generator.pages.agreements import component_text
from generator.render import RECIPIENTS, Page, Renderer, change_percent, datum, mnkr, sek


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
