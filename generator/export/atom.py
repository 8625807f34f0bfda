"""site/andringar.xml: the change log as an Atom feed (RFC 4287), written only when the site's address is known.

Ids are tag URIs (RFC 4151) on the site's host: they never change once an entry is published. Dates come
from the entries, never from the clock, so the same content gives the same feed.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

from generator import ids
from generator.escape import fold_space
from generator.model import Change, ChangeLog
from generator.render import Page

FEED_PATH = "andringar.xml"
FEED_TITLE = "Ändringar: Överenskommelser och samverkansregler"
FEED_STARTED = "2026-12-04"
"""The day the change log began: the date in the feed's tag URI, fixed so the id never changes."""
ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def tag_uri(site_url: str, date: str, specific: str) -> str:
    """tag:HOST,DATE:PATH…, e.g. tag:vard.test,2026-12-04:/overenskommelser/andringar#x."""
    parts = urlsplit(site_url)
    return f"tag:{parts.hostname},{date}:{parts.path or '/'}{specific}"


def _timestamp(change: Change) -> str:
    return change.date.isoformat() + "T00:00:00Z"


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    element.text = text
    return element


def _entry(feed: ET.Element, change: Change, site_url: str, page_url: str, titles: dict[str, str]) -> None:
    entry = _add(feed, "entry")
    _add(entry, "id", tag_uri(site_url, change.date.isoformat(), f"andringar/{change.id}"))
    _add(entry, "title", change.title)
    _add(entry, "updated", _timestamp(change))
    _add(entry, "link", rel="alternate", type="text/html", href=f"{page_url}#{ids.anchor('change', change.id)}")
    concerns = [titles.get(d, d) for d in change.documents]
    text = fold_space(change.text) + (f" Gäller: {'; '.join(concerns)}." if concerns else "")
    _add(entry, "content", text, type="text")


def feed(log: ChangeLog, site_url: str | None, titles: dict[str, str]) -> Page | None:
    """The Atom feed, or None when the site's address is unknown (a feed needs absolute links and an id on a host)."""
    if site_url is None:
        return None
    page_url = site_url + ids.html_path(ids.page("changes"))
    root = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: "sv"})
    _add(root, "id", tag_uri(site_url, FEED_STARTED, "andringar"))
    _add(root, "title", FEED_TITLE)
    _add(root, "updated", max(_timestamp(c) for c in log.changes))
    _add(root, "link", rel="self", type="application/atom+xml", href=site_url + FEED_PATH)
    _add(root, "link", rel="alternate", type="text/html", href=page_url)
    _add(_add(root, "author"), "name", "Överenskommelser och samverkansregler")
    for change in log.changes:
        _entry(root, change, site_url, page_url, titles)
    ET.register_namespace("", ATOM)
    buffer = io.BytesIO()
    ET.ElementTree(root).write(buffer, encoding="utf-8", xml_declaration=True)
    return Page(FEED_PATH, buffer.getvalue().decode("utf-8") + "\n")
