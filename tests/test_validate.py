"""Known discrepancies and odd dates are warnings that the page shows, never silently accepted."""

from __future__ import annotations

import datetime as dt
import shutil

import yaml

from generator import pages
from generator.build import check
from generator.issues import errors_in
from generator.render import Renderer
from tests.conftest import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "agreement-2027.yaml"


def content_with(tmp_path, edit):
    target = tmp_path / "content"
    shutil.copytree(ROOT / "content", target)
    data = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    edit(data)
    (target / "agreements" / "psykisk-halsa-2027.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def test_recorded_discrepancy_is_a_warning_and_shown(tmp_path):
    def edit(data):
        data["pots"][2]["amount"] = 300_000_000  # parts no longer sum to the parent
        data["discrepancies"] = [
            {"id": "varav-summerar-inte", "check": "children_sum", "subject": "lan-nationell-strategi", "note": "Källans delposter summerar till 300 mnkr.", "source": {"seed": "001", "section": "test"}}
        ]

    content, issues = check(content_with(tmp_path, edit))
    assert errors_in(issues) == []
    warnings = [i for i in issues if i.level == "warning"]
    assert len(warnings) == 1 and warnings[0].field == "pots[1].amount" and "varav-summerar-inte" in warnings[0].message
    page = next(p for p in pages.all_pages(Renderer(), content, dt.date(2026, 1, 15)) if p.path == "avtal/psykisk-halsa-2027.md")
    assert "Känd avvikelse i källan" in page.text and "Källans delposter summerar till 300 mnkr." in page.text


def test_unrecorded_discrepancy_is_an_error(tmp_path):
    def edit(data):
        data["pots"][2]["amount"] = 300_000_000

    _, issues = check(content_with(tmp_path, edit))
    assert [(e.file, e.field) for e in errors_in(issues)] == [("content/agreements/psykisk-halsa-2027.yaml", "pots[1].amount")]


def test_deadline_far_from_the_agreement_year_needs_a_note(tmp_path):
    def edit(data):
        data["deadlines"][0]["date"] = dt.date(2035, 12, 1)

    _, issues = check(content_with(tmp_path, edit))
    assert [(i.level, i.field) for i in issues] == [("warning", "deadlines[0].date")]

    def edit_with_note(data):
        edit(data)
        data["deadlines"][0]["note"] = "Fristen gäller ett tioårigt åtagande."

    _, issues = check(content_with(tmp_path / "b", edit_with_note))
    assert issues == []
