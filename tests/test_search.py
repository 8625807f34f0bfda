"""Site search: the worker the site ships, run in Node over the built index, finds the right place first.

tests/search/run_search.mjs loads the worker the pages name in their __config (Material's worker
with the site's Swedish query adapter in front, see generator/search.py) with the lunr language
files it imports itself, sends it the search index the way the browser does, and returns the
result locations for each query in the worker's rank order. Nothing is re-implemented here.

The queries are tasks people have, staff and public, in tests/search/cases.txt: each names the
place a careful reader should land on first.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent / "search"
RUNNER = HERE / "run_search.mjs"


@dataclass(frozen=True)
class Case:
    who: str
    task: str
    query: str
    expected: tuple[str, ...]

    def accepts(self, location: str) -> bool:
        return any(location.startswith(e[:-1]) if e.endswith("*") else location == e for e in self.expected)


def _cases() -> list[Case]:
    cases = []
    for line in (HERE / "cases.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            who, task, query, expected = (part.strip() for part in line.split("|"))
            cases.append(Case(who, task, query, tuple(e.strip() for e in expected.split(" or "))))
    return cases


CASES = _cases()


def test_the_tasks_cover_staff_and_public():
    assert len(CASES) >= 45
    assert sum(1 for c in CASES if c.who == "public") >= 20
    assert {c.who for c in CASES} == {"personal", "public"}
    assert len({c.query for c in CASES}) == len(CASES), "a query is listed twice"


@pytest.fixture(scope="module")
def search_results(built_site: Path) -> dict[str, list[str]]:
    node = shutil.which("node")
    if node is None:
        message = "node is not on PATH: the search tests run Material's search worker in Node"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " (CI=true, so this is a failure, not a skip)")
        pytest.skip(message)
    queries = [case.query for case in CASES]
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


@pytest.mark.parametrize("case", CASES, ids=[c.query for c in CASES])
def test_first_hit(search_results, case):
    locations = search_results[case.query]
    top = "\n".join(f"  {rank}. {location}" for rank, location in enumerate(locations[:8], 1)) or "  (no results)"
    assert locations, f"{case.task}: {case.query!r} found nothing; expected {' or '.join(case.expected)}"
    assert case.accepts(locations[0]), f"{case.task}: {case.query!r}: expected {' or '.join(case.expected)} first, got:\n{top}"
