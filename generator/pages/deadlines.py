"""The page Tidsfrister and its calendar files."""

from __future__ import annotations

import datetime as dt

from generator import derive, ids
from generator.export import calendar
from generator.load import Content
from generator.render import MONTHS, Page, Renderer


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
        recurring=[(a.item, r) for a in content.agreements for r in a.item.recurring_deadlines],
        MONTHS=MONTHS,
    )
    return [page, *calendar.files(items, documents, site_url, reference_date)]
