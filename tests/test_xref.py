"""The reference grammar, tested from tests/xref_cases.txt (input → expected link targets)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import ids
from generator.build import check
from generator.xref import RuleIndex, find_references, link_text, unresolved
from tests.conftest import ROOT

CONTENT, _ = check(ROOT / "content")
INDEX = RuleIndex(CONTENT.rulebook.item)


def cases():
    for line in (Path(__file__).parent / "xref_cases.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            text, expected = line.split(" → ")
            yield text, [] if expected.strip() == "-" else [t.strip() for t in expected.split(",")]


@pytest.mark.parametrize("text, expected", list(cases()))
def test_reference_grammar(text, expected):
    targets = []
    for ref in find_references(text, INDEX):
        page, anchor = INDEX.link(ref)
        targets.append(f"{page}#{anchor}")
    assert targets == expected


def test_unknown_clause_number_is_unresolved():
    assert unresolved("se 3.9.9 och avsnitt 12", INDEX) == ["3.9.9", "12"]
    assert unresolved("se 3.2.4 och avsnitt 4", INDEX) == []


def test_link_text_makes_relative_markdown_links():
    linked = link_text("enligt ovan, 3.2.4, inte", INDEX, ids.page("section", "3"))
    assert linked == "enligt ovan, [3.2.4](#punkt-3-2-4), inte"
    linked = link_text("se 4.5", INDEX, ids.page("section", "3"))
    assert linked == "se [4.5](avsnitt-4.md#punkt-4-5)"


def test_term_link_carries_the_definition_as_tooltip():
    linked = link_text("en sammankomst", INDEX, ids.page("rules"))
    assert linked.startswith("en [sammankomst](begrepp.md#begrepp-sammankomst \"Alla former av möten")
