"""Deadline status in Chromium with the clock moved: the page is never stale (tests/browser/frister.mjs).

Built with the reference date 2026-01-15; the browser's clock is then set to other days.
"""

from __future__ import annotations

import pytest


START, DEADLINES, AGREEMENT = "/", "/tidsfrister/", "/avtal/psykisk-halsa-2026.html"
TEN_DAYS_BEFORE = "2026-03-21T10:00:00Z"
# 22:30 UTC on 30 March is 00:30 on 31 March in Stockholm (summer time): the Swedish date counts.
ON_THE_DAY = "2026-03-30T22:30:00Z"
DAY_AFTER = "2026-04-01T10:00:00Z"


@pytest.fixture(scope="module")
def clock_runs(walk):
    """The walk (tests/browser/walk.mjs) loads these pages under these clocks; see FRISTER_* there."""
    report = walk["frister"]
    assert report["external_requests"] == [] and report["page_errors"] == []
    assert set(report["runs"]) == {"nojs", TEN_DAYS_BEFORE, ON_THE_DAY, DAY_AFTER}
    assert all(set(run) == {START, DEADLINES, AGREEMENT} for run in report["runs"].values())
    return report["runs"]


def statuses(run: dict, date: str) -> set[str]:
    return {text for iso, text in run["statuses"] if iso == date}


@pytest.mark.parametrize("path", [START, DEADLINES, AGREEMENT])
def test_same_deadline_counts_down_then_passes(clock_runs, path):
    assert statuses(clock_runs["nojs"][path], "2026-03-31") == {"om 75 dagar"}, "without JavaScript: the build's text"
    assert statuses(clock_runs[TEN_DAYS_BEFORE][path], "2026-03-31") == {"om 10 dagar"}
    assert statuses(clock_runs[ON_THE_DAY][path], "2026-03-31") == {"idag"}
    assert statuses(clock_runs[DAY_AFTER][path], "2026-03-31") == {"passerad"}


def test_every_status_on_the_deadline_page_is_recounted(clock_runs):
    run = clock_runs[DAY_AFTER][DEADLINES]["statuses"]
    assert run
    assert {text for iso, text in run if iso < "2026-04-01"} == {"passerad"}
    assert ["2026-06-01", "om 61 dagar"] in run and ["2027-03-31", "om 364 dagar"] in run


def test_next_deadline_box_moves_with_the_clock(clock_runs):
    # Built on 2026-01-15 the start page's nearest date is 1 February 2026 (the rules take effect).
    assert clock_runs["nojs"][START]["next_visible"] == [["2026-02-01"]]
    ten_days = clock_runs[TEN_DAYS_BEFORE][START]["next_visible"]
    assert len(ten_days) == 1 and set(ten_days[0]) == {"2026-03-31"} and len(ten_days[0]) == 5
    assert clock_runs[DAY_AFTER][START]["next_visible"] == [["2026-06-01"]]
    # The agreement's own box: after its 31 March 2026 reports, its next date is 31 March 2027.
    assert clock_runs[TEN_DAYS_BEFORE][AGREEMENT]["next_visible"] == [["2026-03-31", "2026-03-31"]]
    assert clock_runs[DAY_AFTER][AGREEMENT]["next_visible"] == [["2027-03-31"]]
