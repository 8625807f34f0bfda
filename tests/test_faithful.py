"""Faithfulness: every amount, date and verbatim text in content can be found in its seed file.

These tests read the seed files themselves (content/seeds/), independently of the generator's
rendering, so a typo in content/ fails here.
"""

from __future__ import annotations

import re
from functools import cache

import pytest

from generator.build import check
from generator.render import MONTHS
from tests.conftest import ROOT

CONTENT, ISSUES = check(ROOT / "content")
SEED_FILES = {s.id: s.file for s in CONTENT.sources.item.sources}
AGREEMENTS = [a.item for a in CONTENT.agreements]


@cache
def seed_text(seed: str) -> str:
    return (ROOT / "content" / "seeds" / SEED_FILES[seed]).read_text(encoding="utf-8")


def squash(text: str) -> str:
    """Drop whitespace, hyphens, dashes and bullet signs, so line-break hyphenation and layout do not matter."""
    return re.sub(r"[\s\-\u2010\u2011\u2012\u2013\u2212\u00ad\u2022]+", "", text)


@cache
def squashed_seed(seed: str) -> str:
    # Footnote markers glued to a word ("samverkansavtal1 för") are layout, not text.
    return squash(re.sub(r"(?<=[a-zåäö])\d(?=\s)", "", seed_text(seed)))


def amount_forms(amount: int) -> list[str]:
    forms = [f"{amount:,}".replace(",", " ")]
    if amount % 1000 == 0:
        forms.append(f"{amount // 1000:,}".replace(",", " "))
    if amount % 1_000_000 == 0:
        millions = amount // 1_000_000
        forms += [f"{millions} miljoner", f"{millions} miljon"]
    return forms


def test_content_is_valid():
    assert [str(i) for i in ISSUES if i.level == "error"] == []


@pytest.mark.parametrize("agreement", AGREEMENTS, ids=lambda a: a.id)
def test_every_pot_amount_is_in_the_seed(agreement):
    text = " ".join(seed_text(agreement.source.seed).split())
    digits_only = re.sub(r"(?<=\d) (?=\d)", "", text)
    missing = []
    for pot in agreement.pots:
        forms = amount_forms(pot.amount)
        if not any(f in text or f.replace(" ", "") in digits_only for f in forms):
            missing.append((pot.id, pot.amount))
    assert missing == []


@pytest.mark.parametrize("agreement", AGREEMENTS, ids=lambda a: a.id)
def test_every_date_is_in_the_seed(agreement):
    text = " ".join(seed_text(agreement.source.seed).split())
    dates = [(d.id, d.date) for d in agreement.deadlines] + [(s.party, s.date) for s in agreement.signatures if s.date is not None]
    corrected = " ".join(c.corrected for c in agreement.corrections)
    missing = [(what, d) for what, d in dates if f"{d.day} {MONTHS[d.month - 1]} {d.year}" not in text + " " + corrected]
    assert missing == []


@pytest.mark.parametrize("agreement", [a for a in AGREEMENTS if not a.corrections], ids=lambda a: a.id)
def test_verbatim_texts_are_in_the_seed(agreement):
    seed = squashed_seed(agreement.source.seed)
    texts = [k.text for k in agreement.distribution_keys]
    texts += [c.intro for c in agreement.conditions] + [item for c in agreement.conditions for item in c.items]
    texts += [d.consequence for d in agreement.deadlines if d.consequence] + [d.quote for d in agreement.deadlines if d.quote]
    texts += [p.text for p in agreement.provisos]
    missing = [t for t in texts if squash(t) not in seed]
    assert missing == []


@pytest.mark.parametrize("agreement", AGREEMENTS, ids=lambda a: a.id)
def test_condition_headings_are_the_sources_own(agreement):
    """A condition stands under a heading the source prints (OCR-damaged headings are given corrected, with a correction)."""
    seed = squashed_seed(agreement.source.seed) + squash(" ".join(c.corrected for c in agreement.corrections))
    assert [c.heading for c in agreement.conditions if squash(c.heading) not in seed] == []


@pytest.mark.parametrize("agreement", AGREEMENTS, ids=lambda a: a.id)
def test_undated_signatures_print_what_the_source_prints(agreement):
    text = " ".join(seed_text(agreement.source.seed).split())
    undated = [s for s in agreement.signatures if s.date is None]
    assert all(s.date_text and f"{s.place} {s.date_text}" in text for s in undated)


@pytest.mark.parametrize("agreement", [a for a in AGREEMENTS if a.corrections], ids=lambda a: a.id)
def test_ocr_agreement_texts_are_in_the_seed_once_its_corrections_are_applied(agreement):
    """Where the source is OCR text, each verbatim text is in the seed after the recorded corrections, and nowhere else comes from."""
    corrected = squashed_seed(agreement.source.seed)
    for c in agreement.corrections:
        for new, old in zip(c.corrected.split(" … "), c.original.split(" … "), strict=True):
            assert squash(old) in corrected, (c.id, old)
            corrected = corrected.replace(squash(old), squash(new))
    texts = [k.text for k in agreement.distribution_keys] + [p.text for p in agreement.provisos]
    texts += [c.intro for c in agreement.conditions] + [item for c in agreement.conditions for item in c.items]
    texts += [d.quote for d in agreement.deadlines if d.quote]
    assert [t for t in texts if squash(t) not in corrected] == []


def test_corrections_quote_the_seed_exactly():
    for agreement in AGREEMENTS:
        seed = squashed_seed(agreement.source.seed)
        for correction in agreement.corrections:
            for part in correction.original.split(" … "):
                assert squash(part) in seed, (agreement.id, correction.id, part)


def test_rulebook_texts_are_in_the_seed():
    rulebook = CONTENT.rulebook.item
    seed = squashed_seed(rulebook.source.seed)
    texts = [p.text for p in rulebook.principles] + [r.text for r in rulebook.rules] + [d.text for d in rulebook.definitions]
    texts += rulebook.intro + rulebook.general_conditions + rulebook.scope + rulebook.specification_intro + rulebook.decision.items
    texts += [c.text for c in rulebook.clauses if c.text] + [c.title for c in rulebook.clauses if c.title]
    missing = [t[:80] for t in texts if squash(t) not in seed]
    assert missing == []
