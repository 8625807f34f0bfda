"""Every page promises only what this build offers: without SITE_URL there is no calendar subscription (the
feeds need the published address), so no page may offer one; the Tidsfrister page says why (issue 25)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

ALLOWED = re.compile(r"Att prenumerera, så att kalendern själv hämtar ändringar, kräver webbplatsens publicerade adress\.")
"""The one sentence that may speak of subscribing without an address: it says that it is not offered."""


class Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self.skip -= tag in ("script", "style") and self.skip > 0

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def page_text(path: Path) -> str:
    parser = Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join(" ".join(parser.parts).split())


def test_without_an_address_no_page_offers_a_subscription(built_site):
    offers = {}
    for page in sorted(built_site.rglob("*.html")):
        text = ALLOWED.sub("", page_text(page))
        found = re.findall(r"[^.]*prenumerera[^.]*", text, re.IGNORECASE)
        if found:
            offers[page.relative_to(built_site).as_posix()] = found
    assert offers == {}
    assert "webcal:" not in (built_site / "tidsfrister" / "index.html").read_text(encoding="utf-8")


def test_without_an_address_the_start_page_still_leads_to_the_calendar_files(built_site):
    text = page_text(built_site / "index.html")
    assert "Alla tidsfrister, också som kalenderfil att hämta" in text


def test_with_an_address_the_start_page_offers_the_subscription():
    import datetime as dt

    from generator.build import check
    from generator.pages.fragments import start_fragment
    from generator.render import Renderer
    from tests.conftest import ROOT

    content, _ = check(ROOT / "content")
    with_address = start_fragment(Renderer(), content, dt.date(2026, 1, 15), "https://vard.se/").text
    without = start_fragment(Renderer(), content, dt.date(2026, 1, 15), None).text
    assert "kalender att prenumerera på" in with_address and "prenumerera" not in without
