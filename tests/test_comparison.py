"""Comparison across years: figures come from the agreements, charts are accessible SVG, open data adds up."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser

from generator import compare, derive
from generator.build import check
from generator.render import RECIPIENTS, mnkr
from tests.conftest import ROOT, read_csv

CONTENT, _ = check(ROOT / "content")
SVG = "{http://www.w3.org/2000/svg}"


def recipient_total(agreement_id: str, recipient: str) -> int:
    agreement = next(a.item for a in CONTENT.agreements if a.item.id == agreement_id)
    return next(t.computed for t in derive.recipient_totals(agreement) if t.recipient == recipient)


def test_recipient_figures_match_the_agreements():
    c = compare.comparison(CONTENT, RECIPIENTS)
    regioner = next(r for r in c.by_recipient if r.key == "regioner")
    assert regioner.amounts == {2021: 784_000_000, 2025: 788_000_000, 2026: 548_000_000}
    assert regioner.amounts[2026] == recipient_total("psykisk-halsa-2026", "regioner")
    difference, percent = compare.change(regioner.amounts[2025], regioner.amounts[2026])
    assert difference == -240_000_000 and round(percent, 1) == -30.5
    assert c.totals == {2021: 1_680_000_000, 2025: 1_560_000_000, 2026: 1_320_000_000}
    for agreement in c.agreements:
        assert c.totals[agreement.year] == agreement.stated_total.amount


def test_every_theme_row_sums_to_the_year_total():
    c = compare.comparison(CONTENT, RECIPIENTS)
    for year in c.years:
        assert sum(row.amounts[year] for row in c.by_theme) == c.totals[year]


def test_comparison_page_shows_change(built_site):
    html = (built_site / "jamforelse" / "index.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", html)  # amounts as read: "mnkr" is an <abbr> with its explanation
    assert "−240\u00a0mnkr (−30,5\u00a0%)" in text
    assert "1\u00a0560\u00a0mnkr" in text and "1\u00a0320\u00a0mnkr" in text
    assert 'href="../avtal/psykisk-halsa-2026.html#pott-regioner-komplexa-behov"' in html


def test_charts_are_wellformed_accessible_svg(built_site):
    html = (built_site / "jamforelse" / "index.html").read_text(encoding="utf-8")
    svgs = re.findall(r"<svg[^>]*class=\"chart\".*?</svg>", html, re.S)
    assert len(svgs) == 2
    for svg in svgs:
        root = ET.fromstring(svg)
        title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
        assert root.get("role") == "img" and title is not None and desc is not None
        assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        assert "2026" in desc.text and "mnkr" in desc.text
        # Every bar has its value as text, so colour is never the only carrier of meaning.
        bars = root.findall(f"{SVG}g")
        assert len(bars) == 3 * len(desc.text.split(";"))
        for bar in bars:
            assert bar.find(f"{SVG}rect") is not None and re.search(r"\d{4}: [\d\u00a0,]+\u00a0mnkr", bar.find(f"{SVG}text").text)
    # The data table is next to the chart.
    assert html.index("diagram-mottagare-title") < html.index("<table", html.index("diagram-mottagare-title"))


def test_open_data_sums_equal_recipient_totals(built_site):
    rows = list(read_csv(built_site / "data" / "jamforelse.csv"))
    sums = defaultdict(int)
    for row in rows:
        sums[(row["agreement_id"], row["recipient"])] += int(row["amount_sek"])
    for loaded in CONTENT.agreements:
        if loaded.item.series != "psykisk-halsa":
            continue
        for total in derive.recipient_totals(loaded.item):
            assert sums[(loaded.item.id, total.recipient)] == total.computed
    assert len({(r["theme"], r["recipient"], r["year"]) for r in rows}) == len(rows)


def test_whats_new_lists_changed_amounts_and_scb_dates(built_site):
    html = (built_site / "jamforelse" / "nytt.html").read_text(encoding="utf-8")
    assert "500\u00a0000\u00a0000\u00a0kr" in html and "400\u00a0000\u00a0000\u00a0kr" in html
    assert "1\u00a0november 2024" in html and "31\u00a0augusti 2025" in html


def test_a_2027_agreement_adds_a_year_column(site_2027):
    html = re.sub(r"<[^>]+>", "", (site_2027 / "jamforelse" / "index.html").read_text(encoding="utf-8"))
    assert "Förändring 2026–2027" in html
    assert "1\u00a0000\u00a0mnkr" in html
    nytt = (site_2027 / "jamforelse" / "nytt.html").read_text(encoding="utf-8")
    assert "Vad är nytt 2027" in nytt


# --- What's new: summary, sources, wording-only changes, unstated values ----------------------


@dataclass
class Cell:
    text: str = ""
    links: list[tuple[str, str]] = field(default_factory=list)
    """(href, link text)"""


class Tables(HTMLParser):
    """Table rows of a page by the id of the h2 section they stand in; the text before the first table too."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: dict[str, list[list[Cell]]] = defaultdict(list)
        self.text: dict[str, str] = defaultdict(str)
        self.section = ""
        self.cell: Cell | None = None
        self.href: str | None = None
        self.in_body = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "h2" and attributes.get("id"):
            self.section = attributes["id"]
        elif tag == "tbody":
            self.in_body = True
        elif tag == "tr" and self.in_body:
            self.rows[self.section].append([])
        elif tag == "td" and self.in_body:
            self.cell = Cell()
        elif tag == "a":
            self.href = attributes.get("href")
            if self.cell is not None:
                self.cell.links.append((self.href, ""))

    def handle_endtag(self, tag):
        if tag == "td" and self.cell is not None:
            self.cell.text = self.cell.text.strip()
            self.rows[self.section][-1].append(self.cell)
            self.cell = None
        elif tag == "tbody":
            self.in_body = False
        elif tag == "a":
            self.href = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.text += data
            if self.href:
                # A link's text may be split by inline elements (an <abbr> the glossary adds): one link, all its text.
                href, text = self.cell.links[-1]
                self.cell.links[-1] = (href, text + data)
        elif self.section:
            self.text[self.section] += data


def whats_new_tables(site) -> Tables:
    parser = Tables()
    parser.feed((site / "jamforelse" / "nytt.html").read_text(encoding="utf-8"))
    return parser


def last_two() -> tuple:
    series = sorted((a.item for a in CONTENT.agreements if a.item.series == "psykisk-halsa"), key=lambda a: a.year)
    return series[-2], series[-1]


def signed(amount: int) -> str:
    """A change as the site writes it, from first principles: sign, then the amount in mnkr."""
    return ("+" if amount > 0 else "−" if amount < 0 else "±") + mnkr(abs(amount))


def source_refs(value) -> set[tuple[str, str]]:
    """Every (seed, section) cited anywhere in a model object."""
    if isinstance(value, dict):
        here = {(value["seed"], value["section"])} if set(value) == {"seed", "section"} else set()
        return here.union(*(source_refs(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(source_refs(v) for v in value))
    return set()


def one_line(text: str) -> str:
    """Runs of ASCII whitespace as one space; no-break spaces (in amounts) stay."""
    return re.sub(r"[ \t\r\n]+", " ", text)


def squashed(text: str) -> str:
    return re.sub(r"[\W_]+", "", text)


def test_whats_new_summary_figures_equal_the_model(built_site):
    old, new = last_two()
    tables = whats_new_tables(built_site)
    before, after = (sum(p.amount for p in derive.leaf_pots(a)) for a in (old, new))
    assert (before, after) == (old.stated_total.amount, new.stated_total.amount)
    lead = one_line(tables.text["sammanfattning"])
    assert f"från {mnkr(before)} {old.year} till {mnkr(after)} {new.year}: {signed(after - before)}" in lead
    rows = {row[0].text: [c.text for c in row] for row in tables.rows["sammanfattning"]}
    old_totals = {t.recipient: t.computed for t in derive.recipient_totals(old)}
    for total in derive.recipient_totals(new):
        row = rows[RECIPIENTS[total.recipient]]
        assert row[1:3] == [mnkr(old_totals[total.recipient]), mnkr(total.computed)]
        assert row[3].startswith(signed(total.computed - old_totals[total.recipient]))
    assert rows["Totalt"][1:3] == [mnkr(before), mnkr(after)] and rows["Totalt"][3].startswith(signed(after - before))
    old_pots = {p.id: p for p in derive.leaf_pots(old)}
    for pot in derive.leaf_pots(new):
        if pot.id in old_pots and old_pots[pot.id].amount != pot.amount:
            assert f"{mnkr(old_pots[pot.id].amount)} → {mnkr(pot.amount)}, {signed(pot.amount - old_pots[pot.id].amount)}" in lead


def test_themes_absent_both_years_are_neither_new_nor_ended(built_site):
    c = compare.comparison(CONTENT, RECIPIENTS)
    present = {a.year: {p.id for p in a.pots} for a in c.agreements}
    absent = {t.name for t in c.themes if not set(t.pots) & (present[2025] | present[2026])}
    assert absent == {"Traumavård", "Ungdomsmottagningar"}
    html = (built_site / "jamforelse" / "index.html").read_text(encoding="utf-8")
    parser = Tables()
    parser.feed(html)
    theme_rows = {row[0].text: [cell.text for cell in row] for row in parser.rows["teman"]}
    for name in absent:
        assert "(ny)" not in theme_rows[name][-1] and "±" not in theme_rows[name][-1]
        assert "(upphörde)" in theme_rows[name][-2]  # 2021 had money, 2025 none
    for row in c.by_theme:
        last = theme_rows[row.label][-1]
        assert ("(ny)" in last) == (row.amounts[2025] == 0 < row.amounts[2026])
        assert ("(upphörde)" in last) == (row.amounts[2025] > 0 == row.amounts[2026])


def test_delta_labels():
    from generator.pages import delta

    assert "(ny)" not in delta(0, 0) and "(upphörde)" not in delta(0, 0)
    assert delta(0, 5_000_000).endswith("(ny)")
    assert delta(5_000_000, 0).endswith("(upphörde)")


def test_punctuation_only_change_is_listed_only_under_wording(built_site):
    old, new = last_two()
    old_areas = {p.id: p.area for p in old.pots}
    wording = [(old_areas[p.id], p.area) for p in new.pots if p.id in old_areas and old_areas[p.id] != p.area and squashed(old_areas[p.id]) == squashed(p.area)]
    assert wording, "the 2026 agreement adds a comma to an area name"
    tables = whats_new_tables(built_site)
    for earlier, later in wording:
        listed = [row for row in tables.rows["sprakliga-andringar"] if [row[1].text, row[2].text] == [earlier, later]]
        assert listed
        for section, rows in tables.rows.items():
            if section != "sprakliga-andringar":
                assert not any(cell.text == earlier for row in rows for cell in row), section
    real_renames = sum(1 for p in new.pots if p.id in old_areas and squashed(old_areas[p.id]) != squashed(p.area))
    assert f"{real_renames} områden har fått ett annat namn" in one_line(tables.text["sammanfattning"])


def test_unstated_values_are_said_so_not_dashed(built_site):
    tables = whats_new_tables(built_site)
    cells = [cell.text for rows in tables.rows.values() for row in rows for cell in row]
    assert cells and not [c for c in cells if c in {"", "–", "-", "—"}]
    old, new = last_two()
    dropped = {d.title for d in old.deadlines} - {d.title for d in new.deadlines if d.id in {o.id for o in old.deadlines}}
    rekvisition = next(row for row in tables.rows["tidsfrister"] if row[0].text == "Rekvisition av medlen ställd till Kammarkollegiet")
    assert rekvisition[0].text in dropped and rekvisition[2].text == "anges inte i källan"


def test_every_whats_new_row_cites_both_years(built_site):
    old, new = last_two()
    refs = {old.year: source_refs(old.model_dump()), new.year: source_refs(new.model_dump())}
    tables = whats_new_tables(built_site)
    rows = [row for rows in tables.rows.values() for row in rows]
    assert len(rows) > 10
    for row in rows:
        sources = row[-1]
        assert sources.text.startswith(f"{old.year}: ") and f"; {new.year}: " in sources.text, sources.text
        assert len(sources.links) == 2, sources.text
        for year, (href, text) in zip((old.year, new.year), sources.links, strict=True):
            target = re.search(r"kallor\.html#kalla-(\d{3})$", href)
            assert target and ": " in text, (year, href, text)
            seed, section = target.group(1), text.split(": ", 1)[1]
            assert (seed, section) in refs[year], (year, text)
