"""Sources people can open: citations name documents, not file codes; the Källor page says what each
document is and offers the text the site was built from.

Facts (diarienummer, dates, title phrases) are found in the seed texts with this file's own patterns,
not read from content/sources.yaml.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from icalendar import Calendar

from generator import citations
from generator.model import Source, SourceNumber, SourceRef
from tests.conftest import ROOT
from tests.test_hostile import Node, article, fold, parse_html, select

SEED_DIR = ROOT / "content" / "seeds"
SEED_FILES = sorted(SEED_DIR.glob("*.txt"))
MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"]
INTERNAL = re.compile(r"(?i)\bkälla \d{3}\b|\bseed\s*\d|content/seeds|\b\d{3}_[0-9a-f]{16}\b")


def seed(prefix: str) -> str:
    return next(p for p in SEED_FILES if p.name.startswith(prefix + "_")).read_text(encoding="utf-8")


def flat(text: str) -> str:
    return fold(text.replace("\u00a0", " "))


def visible(root: Node) -> str:
    """Text a reader sees or hears: element text plus titles, alt texts and ARIA labels."""
    labels = [n.attr(a) or "" for n in root.iter() for a in ("title", "alt", "aria-label")]
    return root.text() + " " + " ".join(labels)


def source_sections(built_site: Path) -> dict[str, Node]:
    """Källor page: anchor id -> a synthetic node holding the h2 and everything up to the next h2."""
    body = article(parse_html(built_site / "kallor.html"))
    sections: dict[str, Node] = {}
    current: Node | None = None
    for child in body.children:
        if isinstance(child, Node) and child.tag == "h2" and (child.attr("id") or "").startswith("kalla-"):
            current = Node("section", [("id", child.attr("id") or "")])
            sections[child.attr("id") or ""] = current
        if current is not None:
            current.children.append(child)
    return sections


def download_of(section: Node, built_site: Path) -> Path:
    links = [a.attr("href") or "" for a in select(section, "a[href]") if (a.attr("href") or "").startswith("kallor/")]
    assert len(links) == 1, f"{section.attr('id')}: expected one download link, found {links}"
    return built_site / unquote(links[0])


@pytest.fixture(scope="module")
def by_seed(built_site) -> dict[str, Node]:
    """Seed id (file prefix) -> its Källor section, matched by the bytes of the offered download."""
    result = {}
    for section in source_sections(built_site).values():
        data = download_of(section, built_site).read_bytes()
        owners = [p.name[:3] for p in SEED_FILES if p.read_bytes() == data]
        assert len(owners) == 1, f"{section.attr('id')}: download matches {owners}"
        result[owners[0]] = section
    return result


def test_no_internal_codes_on_any_page(built_site):
    offending = []
    for page in sorted(built_site.rglob("*.html")):
        for match in INTERNAL.finditer(visible(parse_html(page))):
            offending.append(f"{page.relative_to(built_site)}: {match.group(0)!r}")
    assert not offending, offending[:20]


def test_no_internal_codes_in_calendar_descriptions(built_site):
    calendar = Calendar.from_ical((built_site / "tidsfrister.ics").read_bytes())
    descriptions = [str(e.get("description")) for e in calendar.walk("VEVENT")]
    assert descriptions and not [d for d in descriptions if INTERNAL.search(d)]


def test_every_seed_is_offered_once_byte_identical_with_a_readable_name(built_site, by_seed):
    assert sorted(by_seed) == sorted(p.name[:3] for p in SEED_FILES)
    for section in by_seed.values():
        name = download_of(section, built_site).name
        assert re.fullmatch(r"[a-z][a-z0-9-]*\.txt", name) and not re.search(r"\d{3}_|[0-9a-f]{16}", name), name
    assert sorted(p.name for p in (built_site / "kallor").iterdir()) == sorted(download_of(s, built_site).name for s in by_seed.values())


def test_diarienummer_from_the_seed_texts_are_on_the_sources_page(by_seed):
    text = seed("000")
    case_number = re.search(r"Ärendenr:\s*(SKR\d{4}/\d{5})", text)
    our_number = re.search(r"Vårt dnr:\s*(SKR\d{4}/\d{5})", text)
    agreement_2025 = re.search(r"suicidprevention\s+för\s+2025\s+\((S\d{4}/\d{5})\)", text)
    assert case_number and our_number and agreement_2025
    bundle = flat(by_seed["000"].text())
    assert f"Diarienummer: {case_number.group(1)}" in bundle and f"Diarienummer: {our_number.group(1)}" in bundle
    assert f"Diarienummer: {agreement_2025.group(1)}" in flat(by_seed["001"].text())
    for prefix in ("003", "004"):
        # Neither text gives its own number (only "Regeringskansliets diarienummer … ska framgå"), so none is shown.
        assert not re.search(r"\b(?:S|SKR)\d{4}/\d{5}\b.{0,40}Regeringskansliets diarienummer för överenskommelsen", seed(prefix))
        assert "Diarienummer: anges inte i källtexten" in flat(by_seed[prefix].text())


def test_signing_dates_from_the_seed_texts_are_on_the_sources_page(by_seed):
    for prefix, section in by_seed.items():
        dates = re.findall(r"Stockholm den\s+(\d{1,2})\s+(" + "|".join(MONTHS) + r")\s+(\d{4})", seed(prefix))
        assert dates, prefix
        shown = flat(section.text())
        for day, month, year in dates:
            assert f"{int(day)} {month} {year}" in shown, (prefix, day, month, year)


def test_titles_match_the_seed_texts(by_seed):
    def title(prefix: str) -> str:
        return flat(select(by_seed[prefix], "h2")[0].text()).lower()

    # The 2025 document prints its own name (the bemyndigande to sign it); Källor uses it and says where it stands.
    assert "överenskommelse mellan staten och sveriges kommuner och regioner om strategiska insatser inom området psykisk hälsa och suicidprevention 2025" in title("001")
    assert "överenskommelse mellan staten och sveriges kommuner och regioner om strategiska insatser inom området psykisk hälsa och suicidprevention 2025" in flat(seed("001")).lower()
    assert "överenskommelse om strategiska insatser inom området psykisk hälsa och suicidprevention för 2025" in flat(seed("000")).lower()
    assert "2025" in title("001")
    phrase = "överenskommelse om insatser inom området psykisk hälsa och suicidprevention"
    assert phrase in flat(seed("003")).lower() and phrase in title("003") and "2021" in title("003")
    assert "patientsäkerhet" in flat(seed("004")).lower() and "patientsäkerhet" in title("004")


def test_every_citation_leads_to_a_document_and_names_it(built_site):
    sections = source_sections(built_site)
    names = {}
    for anchor, section in sections.items():
        said = [p for p in select(section, "p") if flat(p.text()).startswith("Kallas i hänvisningarna på webbplatsen:")]
        assert len(said) == 1, anchor
        names[anchor] = (flat(select(said[0], "em")[0].text()), flat(select(section, "h2")[0].text()))
    cited = 0
    for page in built_site.rglob("*.html"):
        for link in select(parse_html(page), "a[href]"):
            href = link.attr("href") or ""
            target = re.search(r"kallor\.html#(kalla-[\w-]+)$", href)
            if not target or not link.attr("title"):
                continue
            short, title = names[target.group(1)]
            assert flat(link.text()).startswith(short + ": "), (page.name, link.text())
            assert flat(link.attr("title") or "").startswith(title), (page.name, link.attr("title"))
            cited += 1
    assert cited > 100


def test_sources_page_says_where_originals_are_and_what_was_done_with_ocr_errors(built_site, by_seed):
    for section in by_seed.values():
        assert "Var originalet finns:" in flat(section.text())
    page = flat(article(parse_html(built_site / "kallor.html")).text())
    assert "OCR" in page and "Rättade läsningar" in page
    for garbled in ("tilläggsövcrcnskommelse", "21 novembe 025"):
        assert garbled in seed("000") and garbled in page


def test_short_citation_has_no_code_and_escapes_the_section():
    source = Source.model_construct(
        id="001", title='Titel "med" (parentes)', short_title="Kort", diarienummer=[SourceNumber.model_construct(number="S2025/00001")]
    )
    cite = citations.short(SourceRef.model_construct(seed="001", section="4.1 [x](javascript:y)"), source, "../kallor.md#kalla-001")
    assert "001" not in cite.split("](")[0]
    assert cite.startswith("[Kort: 4.1 &#91;x&#93;")
    assert cite.endswith('(../kallor.md#kalla-001 "Titel &#34;med&#34; &#40;parentes&#41; &#40;S2025/00001&#41;")')
    assert citations.joined(["A", "B", "C"]) == "A, B och C" and citations.joined(["A"]) == "A"
