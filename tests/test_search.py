"""Site search: Material's own search worker, run in Node over the built index, finds the right place first.

tests/search/run_search.mjs loads the worker shipped in the build
(site/assets/javascripts/workers/search.*.min.js) with the lunr language files it
imports itself, sends it the search index the way the browser does, and returns the
result locations for each query in the worker's rank order. Nothing is re-implemented
here: the query transform (trailing wildcard), the Swedish stop word filter, the
title/text boosts and the post-query boosts are Material's.

Each case names the location a careful reader should land on first. Where Material's
search does not put it first, the case is kept with xfail(strict=True) and the reason,
so a content or markup change that fixes it turns the xfail into a failure that says
"remove the marker".
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

RUNNER = Path(__file__).resolve().parent / "search" / "run_search.mjs"


def _known_miss(reason: str) -> pytest.MarkDecorator:
    """A case Material's search gets wrong today: only a wrong or missing first hit (AssertionError) is expected."""
    return pytest.mark.xfail(strict=True, raises=AssertionError, reason=reason)


def _section(path: str, anchor: str) -> tuple[str, str]:
    """A section page of the rulebook: its page entry and its h1 anchor are the same place."""
    return (f"samverkansregler/{path}.html", f"samverkansregler/{path}.html#{anchor}")


# query -> expected first location (a string, or a tuple of locations that are the same place)
CASES = [
    # Clause numbers
    pytest.param("3.2.4", "samverkansregler/avsnitt-3.html#punkt-3-2-4", id="3.2.4"),
    pytest.param("4.7.1", "samverkansregler/avsnitt-4.html#punkt-4-7-1", id="4.7.1"),
    pytest.param("10.8", "samverkansregler/avsnitt-10.html#punkt-10-8", id="10.8"),
    # Topics that are a section, sub-section, rule, principle or definition
    pytest.param("advisory board", "samverkansregler/avsnitt-4.html#punkt-4-7", id="advisory-board"),
    pytest.param("måltid", "samverkansregler/regler.html#regel-maltider", id="maltid"),
    pytest.param("sponsring", "samverkansregler/regler.html#regel-sponsring", id="sponsring"),
    pytest.param("stipendium", _section("avsnitt-5", "avsnitt-5"), id="stipendium"),  # via the section page's tags
    pytest.param(
        "resor får inte bekostas",
        "samverkansregler/avsnitt-3.html#punkt-3-1-5",
        id="resor-far-inte-bekostas",
        marks=_known_miss(
            (
                "Verbatim start of 3.1.5, but clause headings are bare numbers, so 3.1.5 matches only in text (boost 1). "
                "Terms are OR-ed and prefix-expanded against titles (boost 1000): 'får*' matches the FAQ titles 'Får …?', "
                "'resor*' the rule title 'Resor', and the stop word 'inte' is not removed from the query, so 'inte*' matches "
                "the title 'Integritet'. First hit is an FAQ question; 3.1.5 ranks far down."
            ),
        ),
    ),
    pytest.param(
        '"resor får inte bekostas"',
        "samverkansregler/avsnitt-3.html#punkt-3-1-5",
        id="quoted-resor-far-inte-bekostas",
        marks=_known_miss(
            (
                "Quotes make every word required (+resor +får +inte +bekostas, no wildcard). 'inte' is a Swedish stop word: "
                "dropped from the index but not from the query, so the required term never matches and there are no results."
            ),
        ),
    ),
    pytest.param("alkohol", "samverkansregler/regler.html#regel-alkohol", id="alkohol"),
    pytest.param("donation", _section("avsnitt-6", "avsnitt-6"), id="donation"),
    pytest.param("marknadsundersökning", _section("avsnitt-10", "avsnitt-10"), id="marknadsundersokning"),
    pytest.param("medföljande", "samverkansregler/regler.html#regel-medfoljande", id="medfoljande"),
    pytest.param("verksamhetschef", "samverkansregler/begrepp.html#begrepp-verksamhetschef", id="verksamhetschef"),
    pytest.param("patientstödsprogram", _section("avsnitt-8", "avsnitt-8"), id="patientstodsprogram"),
    pytest.param("referenskund", _section("avsnitt-9", "avsnitt-9"), id="referenskund"),
    pytest.param("transparensprincipen", "samverkansregler/principer.html#princip-transparensprincipen", id="transparensprincipen"),
    pytest.param(
        "logi",
        "samverkansregler/avsnitt-3.html#punkt-3-1-6",
        id="logi",
        marks=_known_miss(
            (
                "3.1.6 (logi may not be paid for) says 'Logi' once plus a hidden keyword, in text only. Material sets lunr b=0 "
                "(no length normalisation), so the long 'Får jag …?' situation tables that repeat 'Logi', and 3.1.5 via "
                "'logi*' -> 'logistiska', score higher."
            ),
        ),
    ),
    # The agreements
    pytest.param("suicidprevention 2026", "avtal/psykisk-halsa-2026.html", id="suicidprevention-2026"),
    pytest.param("bakgrundskontroller", "avtal/bakgrundskontroller-aldreomsorg.html", id="bakgrundskontroller"),
    pytest.param("patientsäkerhet", "avtal/patientsakerhet-2021.html", id="patientsakerhet"),
    pytest.param(
        "rekvisition",
        ("tidsfrister/index.html#2025-12", "avtal/psykisk-halsa-2025.html#tidsfrister"),
        id="rekvisition",
        marks=_known_miss(
            (
                "The latest rekvisition deadline (1 December 2025, psykisk hälsa 2025) should come first. Ranking knows no "
                "dates: 'December 2021' on the Tidsfrister page holds two expired rekvisition deadlines (two 2021 "
                "agreements) and outscores 'December 2025'."
            ),
        ),
    ),
]


@pytest.fixture(scope="module")
def search_results(built_site: Path) -> dict[str, list[str]]:
    node = shutil.which("node")
    if node is None:
        message = "node is not on PATH: the search tests run Material's search worker in Node"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " (CI=true, so this is a failure, not a skip)")
        pytest.skip(message)
    queries = [case.values[0] for case in CASES]
    result = subprocess.run(
        [node, str(RUNNER), str(built_site)],
        input=json.dumps(queries),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"run_search.mjs failed ({result.returncode}):\n{result.stderr}"
    results = json.loads(result.stdout)
    assert set(results) == set(queries), result.stdout
    return results


def test_worker_answers_every_query(search_results):
    # Guards against a runner that silently returns nothing (e.g. a worker that failed to build its index).
    answered = [query for query, locations in search_results.items() if locations]
    assert len(answered) >= len(search_results) - 1, search_results


@pytest.mark.parametrize(("query", "expected"), CASES)
def test_first_hit(search_results, query, expected):
    expected = (expected,) if isinstance(expected, str) else expected
    locations = search_results[query]
    top = "\n".join(f"  {rank}. {location}" for rank, location in enumerate(locations[:8], 1)) or "  (no results)"
    assert locations, f"{query!r}: no results; expected {' or '.join(expected)}"
    assert locations[0] in expected, f"{query!r}: expected {' or '.join(expected)} first, got:\n{top}"
