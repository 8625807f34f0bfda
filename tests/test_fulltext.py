"""Full text of the agreements (issue 24): the page's words are the seed's words, in order, after the recorded
cleanups (page-number lines out, line-break hyphenation joined) and OCR corrections; facts link into it.

The expected words are computed here from the seed file, independently of generator.fulltext.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.build import check
from tests.conftest import ROOT
from tests.test_faithful import squash
from tests.test_hostile import article, fold, parse_html, select

CONTENT, _ = check(ROOT / "content")
SEEDS = {s.id: ROOT / "content" / "seeds" / s.file for s in CONTENT.sources.item.sources}
SCOPES = {
    (m.item.obligations.document or m.item.document): (m.item.seed, m.item.obligations.first_line, m.item.obligations.last_line)
    for m in CONTENT.coverage
    if m.item.obligations is not None
}
AGREEMENTS = {a.item.id: a.item for a in CONTENT.agreements}
BULLETS = {"−", "–", "•", "-", "—"}


def flexible(text: str) -> re.Pattern[str]:
    return re.compile(r"[\s\-\u2010\u2011\u2012\u2013\u2212\u00ad\u2022:]*".join(re.escape(ch) for ch in squash(text).replace(":", "")))


def expected_words(agreement_id: str) -> list[str]:
    seed, first, last = SCOPES[agreement_id]
    lines = SEEDS[seed].read_text(encoding="utf-8").splitlines()[first - 1 : last]
    text = "\n".join(line for line in lines if not re.fullmatch(r"\s*\d{1,3}\s*", line))
    for correction in AGREEMENTS[agreement_id].corrections:
        for old, new in zip(correction.original.split(" … "), correction.corrected.split(" … "), strict=True):
            match = flexible(old).search(text)
            assert match, (correction.id, old)
            text = text[: match.start()] + " " + new + " " + text[match.end() :]
    text = re.sub(r"(?<=[A-Za-zÅÄÖåäöÉéÜü])-[ \t]*\n\s*(?=[a-zåäöéü])", "", text)
    return [w for w in text.split() if w not in BULLETS]


def page_words(built_site: Path, agreement_id: str) -> list[str]:
    root = parse_html(built_site / "fran-kalla" / f"text-{agreement_id}.html")
    body = next(n for n in article(root).iter() if "fulltext" in (n.attr("class") or "").split())
    for node in list(body.iter()):
        # Not the source's words: the links to a correction's row, to what the site made of a section, permalinks.
        node.children = [c for c in node.children if isinstance(c, str) or not {"rattelse-not", "pa-webbplatsen", "headerlink"} & set(c.classes)]
    return [w for w in body.text().replace("¶", " ").split() if w not in BULLETS]


@pytest.mark.parametrize("agreement_id", sorted(SCOPES))
def test_full_text_is_the_seed_word_for_word(built_site, agreement_id):
    got, want = page_words(built_site, agreement_id), expected_words(agreement_id)
    first = next((i for i, (a, b) in enumerate(zip(got, want)) if a != b), min(len(got), len(want)))
    assert got == want, f"first difference at word {first}: page {got[first - 5 : first + 5]} seed {want[first - 5 : first + 5]}"


@pytest.mark.parametrize("agreement_id", sorted(SCOPES))
def test_every_read_in_source_link_lands_on_a_full_text_anchor(built_site, agreement_id):
    html = (built_site / "avtal" / f"{agreement_id}.html").read_text(encoding="utf-8")
    target = (built_site / "fran-kalla" / f"text-{agreement_id}.html").read_text(encoding="utf-8")
    links = re.findall(rf'href="\.\./fran-kalla/text-{agreement_id}\.html#([\w-]+)"[^>]*>Läs i källan<', html)
    assert len(links) >= len([c for c in AGREEMENTS[agreement_id].conditions]) // 2, agreement_id
    assert [a for a in links if f'id="{a}"' not in target] == []


def test_corrections_are_marked_in_place_with_the_printed_reading(built_site):
    root = parse_html(built_site / "fran-kalla" / "text-psykisk-halsa-2026.html")
    marks = select(article(root), "ins.rattelse")
    assert len(marks) >= len(AGREEMENTS["psykisk-halsa-2026"].corrections)
    first = next(m for m in marks if "regeringsbeslut ställt till Kammarkollegiet" in fold(m.text()))
    assert "regeringsbcslut" in first.attr("title")


def test_full_text_sections_link_back_to_what_the_site_made_of_them(built_site):
    html = (built_site / "fran-kalla" / "text-patientsakerhet-2021.html").read_text(encoding="utf-8")
    assert 'id="avsnitt-6-6-2"' in html
    section = html.split('id="avsnitt-6-6-2"')[1].split("<h")[1]
    assert "../avtal/patientsakerhet-2021.html#villkor-psv-rapportering" in html.split('id="avsnitt-6-6-2"')[1][:3000], section[:200]
