"""Deadlines as iCalendar feeds (RFC 5545) and CSV, from the same dated items as the timeline page."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event

from generator import ids
from generator.derive import DatedItem
from generator.escape import Md, fold_space
from generator.export.opendata import to_csv
from generator.render import DEADLINE_KINDS, Page

PRODID = "-//Overenskommelser och samverkansregler//Tidsfrister//SV"
UID_DOMAIN = "overenskommelser-och-samverkansregler"
CSV_COLUMNS = ["date", "kind", "title", "who", "to_whom", "consequence", "note", "agreement_id", "source"]


def page_url(site_url: str, page: str, anchor: str | None = None) -> str:
    """Public URL of a docs page, e.g. avtal/x.md -> <site>/avtal/x.html (the site has no directory URLs, so it works from file://)."""
    return site_url.rstrip("/") + "/" + ids.html_path(page) + (f"#{anchor}" if anchor else "")


def event(item: DatedItem, site_url: str, stamp: dt.date) -> Event:
    event = Event()
    event.add("uid", f"{item.uid}@{UID_DOMAIN}")
    event.add("dtstamp", dt.datetime.combine(stamp, dt.time(0, 0), tzinfo=dt.UTC))
    event.add("dtstart", item.date)
    event.add("dtend", item.date + dt.timedelta(days=1))
    event.add("summary", fold_space(f"{DEADLINE_KINDS[item.kind]}: {item.title}"))
    url = page_url(site_url, item.page, item.anchor)
    lines = [f"Vem: {item.who}"]
    if item.to_whom:
        lines.append(f"Till: {item.to_whom}")
    if item.consequence:
        lines.append(f"Om fristen missas: {item.consequence}")
    if item.note:
        lines.append(f"Obs: {item.note}")
    lines += [f"Dokument: {item.document_title}", f"Avsnitt i källan: {item.source.section}", url]
    event.add("description", "\n".join(lines))
    event.add("url", url)
    event.add("transp", "TRANSPARENT")
    return event


def calendar(events: list[bytes], name: str) -> bytes:
    """A calendar of already serialised events (each event is serialised once, then shared by several feeds)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", fold_space(name))
    head, end = cal.to_ical().rsplit(b"END:VCALENDAR", 1)
    return head + b"".join(events) + b"END:VCALENDAR" + end


def files(items: list[DatedItem], documents: list[tuple[str, str]], site_url: str, stamp: dt.date) -> list[Page]:
    """site/tidsfrister.ics (all), site/tidsfrister/<id>.ics (one per document), site/data/tidsfrister.csv."""
    events = {item.uid: event(item, site_url, stamp).to_ical() for item in items}
    result = [Page("tidsfrister.ics", calendar(list(events.values()), "Tidsfrister: överenskommelser och samverkansregler").decode("utf-8"))]
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


def feed_link(from_page: str, document_id: str) -> Md:
    return Md(ids.relative(from_page, feed_path(document_id)))
