"""Shared fixtures: the real content, and throw-away copies of the project for builds."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REFERENCE_DATE = "2026-01-15"
SOURCE_DATE_EPOCH = "1768435200"  # 2026-01-15T00:00:00Z, so MkDocs' sitemap dates are fixed too
HAND_WRITTEN = ["mkdocs.yml", "docs", "overrides", "content"]


def read_csv(path: Path) -> list[dict[str, str]]:
    """A CSV from site/data as Swedish Excel reads it: UTF-8 with a byte order mark, cells separated by ";"."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f, delimiter=";"))


def copy_project(target: Path) -> Path:
    """A copy of the project without generated files, with generator/ linked (not copied)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in HAND_WRITTEN:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("avtal", "samverkansregler", "tidsfrister", "jamforelse", "data", "_generated"))
        elif source.exists():
            shutil.copy2(source, target / name)
    (target / "generator").symlink_to(ROOT / "generator")
    (target / "node_modules").symlink_to(ROOT / "node_modules")
    return target


def run_generator(project: Path, *args: str, content: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "generator", *args, "--config", str(project / "mkdocs.yml"), "--reference-date", REFERENCE_DATE]
    if content is not None:
        command += ["--content", str(content)]
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, **(env or {})}
    return subprocess.run(command, cwd=project, env=environment, capture_output=True, text=True, timeout=1200)


# One build per variant of the site, shared by every test that reads it (tests that only read a
# built site must never build their own): plain (with PDFs), with SITE_URL (with PDFs), plain with a
# 2027 agreement added (no PDF), and a plain site that bad-content tests try to overwrite (no PDF).
# The injection corpus, the hostile cases and the cold build are built where they are used, once each.

SITE_URL = "https://vard.test/overenskommelser/"
"""A real-looking public address (never a placeholder) for the addressed variant."""


QUICK_OPTION = "--quick"
SLOW_MARKERS = ("browser", "pdf", "slow")
SLOW_FIXTURES = {
    "walk": "browser", "site": "slow", "addressed_site": "slow", "injection_project": "slow", "legal_sites": "slow",
    "error_project": "slow", "project_with_site": "slow", "site_2027": "slow", "server": "slow", "pdf_text": "pdf", "reference_pdf_pages": "pdf",
}
"""Fixtures that put a test outside the quick loop, with the marker it gets: a browser, or a build of its own."""


def pytest_addoption(parser):
    parser.addoption(QUICK_OPTION, action="store_true", help="the inner loop: no browser, no PDF, no extra builds (make test-quick)")


QUICK_ENV = "OKS_QUICK_TESTS"
"""Set for the inner loop, so that a property test can draw fewer examples there (all of them in `make test`)."""


def pytest_configure(config):
    if config.getoption(QUICK_OPTION):
        os.environ[QUICK_ENV] = "1"
    for name, meaning in (("browser", "runs Chromium"), ("pdf", "reads a PDF"), ("slow", "builds a site variant of its own or runs a server")):
        config.addinivalue_line("markers", f"{name}: {meaning}; left out by {QUICK_OPTION}")


WANTED = pytest.StashKey[set[str]]()
"""The fixtures the selected tests use: those that read early work (the walk, tests/background.py) start it."""
EARLY = {"walk"}
"""Fixtures whose work starts before the first test (besides tests/background.STARTED_BY)."""


def pytest_collection_finish(session):
    session.config.stash[WANTED] = {name for item in session.items for name in getattr(item, "fixturenames", ())}


def reads_early_work(item) -> bool:
    from tests.background import STARTED_BY

    return any(name in EARLY or name in STARTED_BY for name in getattr(item, "fixturenames", ()))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Mark tests by the fixtures they use; with --quick leave out every marked test. The tests that read work
    started before the first test (the browser walk, the lane's builds) run last, so that work runs beside
    the other tests."""
    items.sort(key=reads_early_work)
    for item in items:
        for fixture in getattr(item, "fixturenames", ()):
            if fixture in SLOW_FIXTURES:
                item.add_marker(SLOW_FIXTURES[fixture])
    if not config.getoption(QUICK_OPTION):
        return
    kept = [item for item in items if not any(item.get_closest_marker(m) for m in SLOW_MARKERS)]
    left_out = [item for item in items if item not in kept]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept


@pytest.fixture(scope="session")
def with_pdf(pytestconfig) -> bool:
    """Whether built_site has its PDFs (not with --quick)."""
    return not pytestconfig.getoption(QUICK_OPTION)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, pytestconfig) -> Path:
    """The real content built once into a temporary project (with --quick without PDFs); returns its site/ folder."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    result = run_generator(project, "build", *(["--no-pdf"] if pytestconfig.getoption(QUICK_OPTION) else []))
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def project_with_makefile(target: Path) -> Path:
    project = copy_project(target)
    shutil.copy2(ROOT / "Makefile", project / "Makefile")
    return project


def make(project: Path, target: str, site_url: str | None) -> subprocess.CompletedProcess:
    """`make TARGET [SITE_URL=…]` in a project copy, with this interpreter and without (re)installing anything."""
    command = ["make", "-s", "-o", ".venv/.installed", "-o", "node_modules/.installed", target, f"PY={sys.executable}"]
    if site_url is not None:
        command.append(f"SITE_URL={site_url}")
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    env |= {"PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "OKS_REFERENCE_DATE": REFERENCE_DATE}
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=1200)


@pytest.fixture(scope="session")
def reference_pdf_pages(built_site) -> list[str]:
    """The text of each page of the whole reference PDF, extracted once, in the second lane (tests/background.py)."""
    import json

    from tests.background import LANE

    LANE.built_site = built_site
    pages_file = LANE.result("reference_pdf_text")
    assert pages_file is not None, "the reference PDF's text was not extracted"
    return json.loads(pages_file.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def addressed_site() -> Path:
    """The real content built for publication with `make site SITE_URL=…` (PDF included; tests/background.py);
    returns site/."""
    from tests.background import LANE

    project, result = LANE.result("addressed_build")
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


@pytest.fixture(scope="session")
def site_2027() -> Path:
    """The real content plus tests/fixtures/agreement-2027.yaml, built without PDF (tests/background.py); returns site/."""
    from tests.background import LANE

    project, result = LANE.result("build_2027")
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="session")
def project_with_site(tmp_path_factory) -> Path:
    """A project copy with a built site/ (no PDF), for builds that must fail and leave it untouched."""
    project = copy_project(tmp_path_factory.mktemp("badproject"))
    result = run_generator(project, "build", "--no-pdf")
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture(scope="session")
def walk_process(built_site, tmp_path_factory):
    """The browser walk, started (not awaited): it runs beside the tests that follow, on the second core."""
    from tests.test_browser import start_script

    out = tmp_path_factory.mktemp("walk") / "walk.json"
    process = start_script("walk.mjs", built_site, out)
    yield process, out
    if process.poll() is None:
        process.kill()
        process.wait()


@pytest.fixture(scope="session", autouse=True)
def start_background(request, tmp_path_factory):
    """Before the first test: the lane's jobs that the selected tests read (tests/background.py), then the
    browser walk when a selected test reads it and the browser tools are here."""
    from tests.background import LANE, STARTED_BY
    from tests.test_browser import _missing_tools

    wanted = request.config.stash.get(WANTED, set())
    LANE.folders = tmp_path_factory
    for fixture, jobs in STARTED_BY.items():
        if fixture in wanted:
            for job in jobs:
                LANE.start(job)
    if "walk" in wanted and not _missing_tools():
        request.getfixturevalue("walk_process")
    if "reference_pdf_pages" in wanted:
        LANE.built_site = request.getfixturevalue("built_site")
        LANE.start("reference_pdf_text")
    yield
    LANE.close()


@pytest.fixture(scope="session")
def walk(request) -> dict:
    """One browser walk over the plain build (tests/browser/walk.mjs): every page once per viewport with all
    page-level checks, then the interactive states, keyboard, deadline clock and scenarios. Its report's parts
    are read by tests/test_browser.py, tests/test_deadline_clock.py and the page checks' tests."""
    from tests.test_browser import require_browser_tools, script_report

    require_browser_tools()
    process, out = request.getfixturevalue("walk_process")
    return script_report(process, "walk.mjs", out, timeout=1800)
