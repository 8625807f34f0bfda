"""Deadlines as iCalendar feeds (RFC 5545) and CSV, from the same dated items as the timeline page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import quote

from icalendar import Calendar, Event, vText

from generator import ids
from generator.derive import DatedItem
from generator.escape import Md, fold_space
from generator.export.opendata import to_csv
from generator.render import DEADLINE_KINDS, Page

PRODID = "-//Overenskommelser och samverkansregler//Tidsfrister//SV"
UID_DOMAIN = "overenskommelser-och-samverkansregler"
ALL_FEED = "tidsfrister.ics"
CSV_COLUMNS = ["date", "kind", "title", "who", "to_whom", "consequence", "note", "agreement_id", "source"]


def page_url(site_url: str, page: str, anchor: str | None = None) -> str:
    """Public URL of a docs page, e.g. avtal/x.md -> <site>/avtal/x.html (the site has no directory URLs, so it works from file://)."""
    return site_url.rstrip("/") + "/" + ids.html_path(page) + (f"#{anchor}" if anchor else "")


def event(item: DatedItem, site_url: str | None, stamp: dt.date) -> Event:
    """One all-day event; it links to its page (URL and last line of DESCRIPTION) only when the site's address is known."""
    event = Event()
    event.add("uid", f"{item.uid}@{UID_DOMAIN}")
    event.add("dtstamp", dt.datetime.combine(stamp, dt.time(0, 0), tzinfo=dt.UTC))
    event.add("dtstart", item.date)
    event.add("dtend", item.date + dt.timedelta(days=1))
    event.add("summary", fold_space(f"{DEADLINE_KINDS[item.kind]}: {item.title}"))
    lines = [f"Vem: {item.who}"]
    if item.to_whom:
        lines.append(f"Till: {item.to_whom}")
    if item.consequence:
        lines.append(f"Om fristen missas: {item.consequence}")
    if item.note:
        lines.append(f"Obs: {item.note}")
    lines += [f"Dokument: {item.document_title}", f"Avsnitt i källan: {item.source.section}"]
    if site_url is not None:
        url = page_url(site_url, item.page, item.anchor)
        lines.append(url)
        event.add("url", url)
    event.add("description", "\n".join(lines))
    event.add("transp", "TRANSPARENT")
    return event


def calendar(events: list[bytes], name: str) -> bytes:
    """A calendar of already serialised events (each event is serialised once, then shared by several feeds)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    # icalendar escapes the properties it knows as TEXT; an X- property it writes raw unless given as vText
    # (RFC 5545 3.3.11: "," ";" "\\" and line breaks escaped).
    cal.add("x-wr-calname", vText(fold_space(name)))
    head, end = cal.to_ical().rsplit(b"END:VCALENDAR", 1)
    return head + b"".join(events) + b"END:VCALENDAR" + end


def files(items: list[DatedItem], documents: list[tuple[str, str]], site_url: str | None, stamp: dt.date) -> list[Page]:
    """site/tidsfrister.ics (all), site/tidsfrister/<id>.ics (one per document), site/data/tidsfrister.csv."""
    events = {item.uid: event(item, site_url, stamp).to_ical() for item in items}
    result = [Page(ALL_FEED, calendar(list(events.values()), "Tidsfrister: överenskommelser och samverkansregler").decode("utf-8"))]
    for document_id, title in documents:
        own = [events[i.uid] for i in items if i.document_id == document_id]
        if own:
            result.append(Page(feed_path(document_id), calendar(own, f"Tidsfrister: {title}").decode("utf-8")))
    rows = [
        {"date": i.date.isoformat(), "kind": i.kind, "title": i.title, "who": i.who, "to_whom": i.to_whom or "", "consequence": i.consequence or "", "note": i.note or "", "agreement_id": i.document_id, "source": f"{i.source.seed}: {i.source.section}"}
        for i in items
    ]
    result.append(Page("data/tidsfrister.csv", to_csv(rows, CSV_COLUMNS)))
    return result


def feed_path(document_id: str) -> str:
    return f"tidsfrister/{document_id}.ics"


@dataclass(frozen=True)
class Feed:
    """A calendar file as a page offers it: a download always, a subscription only when the site's address is known."""

    title: str
    download: Md
    """Relative link from the page to the file."""
    address: str | None = None
    """Public address of the file as text (None without a site address)."""
    https: Md | None = None
    """Public address of the file (None without a site address)."""
    webcal: Md | None = None
    """The same address with the webcal:// scheme, which calendar programs open as a subscription."""


def feed(title: str, from_page: str, path: str, site_url: str | None) -> Feed:
    download = Md(ids.relative(from_page, path))
    if site_url is None:
        return Feed(title, download)
    https = quote(site_url.rstrip("/") + "/" + path, safe=":/%-._~")
    return Feed(title, download, https, Md(https), Md("webcal://" + https.split("://", 1)[1]))
