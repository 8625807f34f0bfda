"""Deadlines: every dated item is in the calendar once, with stable unique UIDs; the timeline marks past and future."""

from __future__ import annotations

import datetime as dt
import re

from generator import derive
from generator.build import check
from tests.conftest import REFERENCE_DATE, ROOT, read_csv

CONTENT, _ = check(ROOT / "content")


def parse_ics(text: str) -> list[dict[str, str]]:
    """A deliberately small RFC 5545 reader, independent of the library that writes the feed."""
    assert "\r\n" in text, "lines must end with CRLF"
    unfolded = re.sub(r"\r\n[ \t]", "", text)
    events, current = [], None
    for line in unfolded.split("\r\n"):
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None and line:
            name, _, value = line.partition(":")
            current[name] = value.replace("\\,", ",").replace("\\;", ";").replace("\\n", "\n")
    return events


def all_deadlines():
    documents = [a.item for a in CONTENT.agreements] + [n.item for n in CONTENT.notices]
    return [(doc.id, d) for doc in documents for d in doc.deadlines]


def test_every_deadline_is_in_the_feed_once(built_site):
    events = parse_ics((built_site / "tidsfrister.ics").read_bytes().decode("utf-8"))
    uids = [e["UID"] for e in events]
    assert len(uids) == len(set(uids))
    by_uid = {e["UID"]: e for e in events}
    for doc_id, deadline in all_deadlines():
        event = by_uid[f"{doc_id}--{deadline.id}@overenskommelser-och-samverkansregler"]
        assert event["DTSTART;VALUE=DATE"] == deadline.date.strftime("%Y%m%d")
        assert event["DTEND;VALUE=DATE"] == (deadline.date + dt.timedelta(days=1)).strftime("%Y%m%d")
        assert deadline.title in event["SUMMARY"]
        assert f"Vem: {deadline.who}" in event["DESCRIPTION"]
        assert event["DTSTAMP"] == REFERENCE_DATE.replace("-", "") + "T000000Z"


def test_feed_has_required_calendar_properties(built_site):
    text = (built_site / "tidsfrister.ics").read_bytes().decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))


def test_one_feed_per_agreement_holds_only_its_items(built_site):
    for loaded in CONTENT.agreements:
        events = parse_ics((built_site / "tidsfrister" / f"{loaded.item.id}.ics").read_bytes().decode("utf-8"))
        assert events and all(e["UID"].startswith(loaded.item.id + "--") for e in events)
        # An undated signature ("Stockholm den xx") has no calendar event.
        assert len(events) == len(loaded.item.deadlines) + len([s for s in loaded.item.signatures if s.date is not None])


def test_csv_lists_every_deadline(built_site):
    rows = list(read_csv(built_site / "data" / "tidsfrister.csv"))
    keys = {(r["agreement_id"], r["date"], r["title"]) for r in rows}
    for doc_id, deadline in all_deadlines():
        assert (doc_id, deadline.date.isoformat(), deadline.title) in keys


def test_past_and_future_for_a_fixed_reference_date():
    items = derive.dated_items(CONTENT, dt.date(2026, 3, 31))
    assert all(i.passed == (i.date < dt.date(2026, 3, 31)) for i in items)
    nxt = derive.next_items(items)
    assert nxt and all(i.date == dt.date(2026, 3, 31) for i in nxt)
    assert {i.uid for i in nxt} >= {"psykisk-halsa-2025--ekonomisk-redovisning", "psykisk-halsa-2026--skr-delrapport"}


def test_timeline_page_marks_passed_items(built_site):
    html = (built_site / "tidsfrister" / "index.html").read_text(encoding="utf-8")
    # Reference date 2026-01-15: the 2025 rekvisition (2025-12-01) has passed and is folded into the 2025 block;
    # the 2026-03-31 reports have not, and are listed with the days left.
    block = html[html.rindex("<details", 0, html.index('id="2025-12"')) :]
    block = block[: block.index("</details>")]
    assert "<summary>2025 " in block and "1\u00a0december 2025" in block and "data-frist" not in block
    coming = html[html.index('id="kommande"') : html.index('id="kalender"')]
    assert '<span class="frist-status" data-frist="2026-03-31">om 75 dagar</span>' in coming and "passerad" not in coming


def test_start_page_shows_next_deadline(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert "Nästa tidsfrist" in html
    assert "1\u00a0februari 2026" in html  # samverkansreglerna börjar gälla, the first item after 2026-01-15
