"""The Tidsfrister page opens with what is coming; calendar feeds link to pages only when the site's address is known."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

from icalendar import Calendar

from generator import derive, pages
from generator.build import check
from generator.render import Renderer
from tests.conftest import REFERENCE_DATE, ROOT

CONTENT, _ = check(ROOT / "content")
REFERENCE = dt.date.fromisoformat(REFERENCE_DATE)
SITE_URL = "https://vard.test/overenskommelser/"
MONTHS = {name: n for n, name in enumerate(["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"], start=1)}


def swedish_date(text: str) -> dt.date:
    day, month, year = text.replace("\u00a0", " ").split()
    return dt.date(int(year), MONTHS[month], int(day))


class Rows(HTMLParser):
    """Each table row of the article: its date (first cell, before the status), status text, the <h2> above it and the folded year block around it."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict] = []
        self.section: str | None = None
        self.block: dict | None = None
        self.cell = -1
        self.capture: str | None = None
        self.text = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "h2":
            self.section = a.get("id")
        elif tag == "details":
            self.block = {"class": a.get("class", ""), "summary": "", "open": "open" in a}
        elif tag == "summary" and self.block is not None:
            self.capture, self.text = "summary", ""
        elif tag == "tr":
            self.rows.append({"section": self.section, "block": self.block, "date": None, "status": None})
            self.cell = -1
        elif tag == "td":
            self.cell += 1
            if self.cell == 0 and self.section != "aterkommande":  # deadlines without a year have no date cell
                self.capture, self.text = "date", ""
        elif tag == "span" and "data-frist" in a and self.rows:
            if self.capture == "date":  # the status stands under the date, in the date's cell
                self.rows[-1]["date"] = swedish_date(self.text.strip())
            self.rows[-1]["frist"] = a["data-frist"]
            self.capture, self.text = "status", ""

    def handle_endtag(self, tag):
        if tag == "details":
            self.block = None
        elif self.capture == "summary" and tag == "summary":
            self.block["summary"] = self.text.strip()
            self.capture = None
        elif self.capture == "date" and tag == "td":
            self.rows[-1]["date"] = swedish_date(self.text.strip())
            self.capture = None
        elif self.capture == "status" and tag == "span":
            self.rows[-1]["status"] = self.text.strip()
            self.capture = None

    def handle_data(self, data):
        if self.capture:
            self.text += data


def page_rows(html: str) -> list[dict]:
    parser = Rows()
    parser.feed(html[html.index('<article'):html.index('</article>')])
    return [r for r in parser.rows if r["date"] is not None]


def expected_status(date: dt.date) -> str:
    days = (date - REFERENCE).days
    return "passerad" if days < 0 else "idag" if days == 0 else f"om {days} dag" + ("ar" if days != 1 else "")


def test_page_opens_with_the_coming_twelve_months_soonest_first(built_site):
    rows = page_rows((built_site / "tidsfrister" / "index.html").read_text(encoding="utf-8"))
    coming = [r for r in rows if r["block"] is None]
    assert coming and rows[: len(coming)] == coming, "the coming dates come before every folded year"
    dates = [r["date"] for r in coming]
    assert dates == sorted(dates) and dates[0] >= REFERENCE
    horizon = dt.date(REFERENCE.year + 1, REFERENCE.month, REFERENCE.day)
    assert {r["section"] for r in coming if r["date"] < horizon} == {"kommande"}
    assert {r["section"] for r in coming if r["date"] >= horizon} <= {"langre-fram"}
    # The source dates the 2026 report for 31 March 2027: beyond twelve months from 15 January 2026.
    assert dt.date(2027, 3, 31) in dates and dt.date(2026, 3, 31) in dates
    for r in coming:
        assert r["frist"] == r["date"].isoformat()
        assert r["status"] == expected_status(r["date"])
    assert coming[0]["date"] == dt.date(2026, 2, 1) and coming[0]["status"] == "om 17 dagar"


def test_past_dates_are_folded_by_year_latest_first(built_site):
    rows = page_rows((built_site / "tidsfrister" / "index.html").read_text(encoding="utf-8"))
    past = [r for r in rows if r["block"] is not None]
    assert past and all(r["date"] < REFERENCE for r in past)
    years = []
    for r in past:
        assert r["block"]["class"] == "frist-ar" and not r["block"]["open"]
        year = int(r["block"]["summary"].split()[0])
        assert r["date"].year == year
        if not years or years[-1] != year:
            years.append(year)
    assert years == sorted(set(years), reverse=True) and years[0] == 2025 and years[-1] == 2020
    for year in years:
        count = sum(1 for r in past if r["date"].year == year)
        summary = next(r["block"]["summary"] for r in past if r["date"].year == year)
        assert summary == f"{year} ({count} datum)"
    every = derive.dated_items(CONTENT, REFERENCE)
    assert len(rows) == len(every), "every dated item is on the page once"


def test_status_on_agreement_page_and_start_page(built_site):
    agreement = (built_site / "avtal" / "psykisk-halsa-2026.html").read_text(encoding="utf-8")
    assert '<span class="frist-status" data-frist="2026-03-31">om 75 dagar</span>' in agreement
    assert '<span class="frist-status" data-frist="2027-03-31">om 440 dagar</span>' in agreement
    start = (built_site / "index.html").read_text(encoding="utf-8")
    box = start[start.index("frist-nasta") : start.index("</div>", start.index("frist-nasta"))]
    # The nearest date is shown, the later ones are in the box but hidden until they are the nearest.
    assert '<span class="frist-status" data-frist="2026-02-01">om 17 dagar</span>' in box
    assert '<span class="frist-status frist-senare" data-frist="2026-03-31">om 75 dagar</span>' in box


def renderer() -> Renderer:
    """As pages.all_pages makes it: citations name the source documents."""
    return Renderer().with_sources(CONTENT.sources.item.sources if CONTENT.sources else [])


def ics_events(text: str) -> list:
    return Calendar.from_ical(text).walk("VEVENT")


def feed_files(site_url):
    deadline_pages = pages.deadline_pages(renderer(), CONTENT, REFERENCE, site_url)
    return {p.path: p.text for p in deadline_pages}


def test_feeds_without_a_site_address_have_no_links():
    files = feed_files(None)
    feeds = [path for path in files if path.endswith(".ics")]
    assert "tidsfrister.ics" in feeds and "tidsfrister/psykisk-halsa-2025.ics" in feeds
    for path in feeds:
        assert "http" not in files[path] and "example." not in files[path]
        for event in ics_events(files[path]):
            assert "URL" not in event
            assert "http" not in str(event["DESCRIPTION"])
    page = files["tidsfrister/index.md"]
    assert "webcal:" not in page and "http" not in page
    assert "kräver webbplatsens publicerade adress" in page
    assert "[Alla tidsfrister](../tidsfrister.ics)" in page


def test_feeds_with_a_site_address_link_each_event_to_its_page(built_site):
    files = feed_files(SITE_URL)
    events = ics_events(files["tidsfrister.ics"])
    assert events
    for event in events:
        url = str(event["URL"])
        assert url.startswith(SITE_URL) and str(event["DESCRIPTION"]).endswith(url)
        path, _, anchor = url[len(SITE_URL):].partition("#")
        html = (built_site / path).read_text(encoding="utf-8")
        assert f'id="{anchor}"' in html, url
        assert event["DTSTAMP"].dt == dt.datetime(2026, 1, 15, tzinfo=dt.UTC)
    by_uid = {str(e["UID"]): e for e in events}
    rekvisition = by_uid["psykisk-halsa-2025--rekvisition@overenskommelser-och-samverkansregler"]
    assert str(rekvisition["URL"]) == "https://vard.test/overenskommelser/avtal/psykisk-halsa-2025.html#frist-rekvisition"
    assert files["tidsfrister.ics"] == feed_files(SITE_URL)["tidsfrister.ics"], "the same build writes the same feed"


def test_pages_offer_subscription_only_with_a_site_address():
    page = feed_files(SITE_URL)["tidsfrister/index.md"]
    assert "[prenumerera](webcal://vard.test/overenskommelser/tidsfrister.ics){: .frist-webcal }" in page
    assert "(https://vard.test/overenskommelser/tidsfrister/psykisk-halsa-2025.ics)" in page
    assert "publicerade adress" not in page
    agreement = next(a for a in CONTENT.agreements if a.item.id == "psykisk-halsa-2025")
    with_url = pages.agreement_page(renderer(), agreement, CONTENT, REFERENCE, site_url=SITE_URL).text
    assert "webcal://vard.test/overenskommelser/tidsfrister/psykisk-halsa-2025.ics" in with_url
    without = pages.agreement_page(renderer(), agreement, CONTENT, REFERENCE, site_url=None).text
    assert "webcal:" not in without and "[Psykisk hälsa och suicidprevention 2025](../tidsfrister/psykisk-halsa-2025.ics)" in without
    assert re.search(r"kräver webbplatsens publicerade adress", without)


def test_upcoming_window_ends_on_the_same_day_a_year_later():
    assert derive.months_later(dt.date(2026, 1, 15), 12) == dt.date(2027, 1, 15)
    assert derive.months_later(dt.date(2028, 2, 29), 12) == dt.date(2029, 2, 28)
    assert derive.months_later(dt.date(2026, 8, 31), 1) == dt.date(2026, 9, 30)
