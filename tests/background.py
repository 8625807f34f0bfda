"""A second lane for the test run: slow work that needs nothing from a test (a build of another site variant,
a browser run over it) starts before the first test and runs while the tests use the other core.

The lane is one thread that only waits on subprocesses, so it never holds the interpreter the tests run in.
A fixture asks for its job's result with `LANE.result(name)`: if the job was started early it waits for it,
otherwise the job starts then (a single test run with -k works the same way).
Jobs return plain values; the fixtures and tests make the assertions.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REFERENCE_DATE, ROOT, SOURCE_DATE_EPOCH, copy_project, run_generator


class Lane:
    def __init__(self) -> None:
        self._pool: ThreadPoolExecutor | None = None
        self._jobs: dict[str, Future] = {}
        self.folders: pytest.TempPathFactory | None = None
        self.built_site: Path | None = None
        """The session's plain build (conftest.built_site), for jobs that read it."""

    def start(self, name: str) -> None:
        """Queue a job of JOBS after the jobs it reads (they run one after another, in the order started)."""
        if name in self._jobs:
            return
        for needed in NEEDS.get(name, ()):
            self.start(needed)
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="test-lane")
        assert self.folders is not None, "the session fixture start_background sets the lane's temporary folders"
        self._jobs[name] = self._pool.submit(JOBS[name], self.folders)

    def result(self, name: str) -> Any:
        """The job's result: awaited if it was started early, else started now and awaited."""
        self.start(name)
        return self._jobs[name].result()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)


LANE = Lane()


# --- The jobs ------------------------------------------------------------------------------------

INJECTION_BUILD_SCRIPT = ROOT / "tests" / "injection" / "build_site.py"
REFERENCE_PDF = Path("pdf/overenskommelser-och-samverkansregler.pdf")
GLOSSARY = "glossary.json"
"""Written by the injection build beside its site: the corpus' abbreviations, for injection.mjs."""


def injection_build(folders: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess]:
    """The injection corpus in a project copy, built (site/, PDF, glossary.json) with the blocklist off."""
    from tests.injection.corpus import write_corpus

    project = copy_project(folders.mktemp("injection") / "project")
    write_corpus(project)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OKS_REFERENCE_DATE": REFERENCE_DATE, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    command = [sys.executable, str(INJECTION_BUILD_SCRIPT), str(project)]
    return project, subprocess.run(command, check=False, cwd=project, env=env, capture_output=True, text=True, timeout=900)


def pdf_pages(pdf: Path, target: Path) -> Path | None:
    """The text of each page of a PDF as a JSON list in `target`, extracted with pypdf in a subprocess (tens of
    seconds, kept off the tests' interpreter); None if it failed."""
    script = "import json, sys, pypdf; json.dump([p.extract_text() or '' for p in pypdf.PdfReader(sys.argv[1]).pages], open(sys.argv[2], 'w', encoding='utf-8'))"
    result = subprocess.run([sys.executable, "-c", script, str(pdf), str(target)], check=False, timeout=900)
    return target if result.returncode == 0 else None


def injection_pdf_text(folders: pytest.TempPathFactory) -> Path | None:
    """The page texts of the injection build's whole-reference PDF."""
    project, build = LANE.result("injection_build")
    return pdf_pages(project / "site" / REFERENCE_PDF, project / "pdf-pages.json") if build.returncode == 0 else None


def injection_browser(folders: pytest.TempPathFactory) -> tuple[subprocess.Popen, Path] | None:
    """tests/browser/injection.mjs over the injection build, run to its end (None without a build or the tools);
    the fixture reads the report with test_browser.script_report."""
    from tests.test_browser import _missing_tools, start_script

    project, build = LANE.result("injection_build")
    if build.returncode != 0 or _missing_tools():
        return None
    out = folders.mktemp("injection-report") / "injection.json"
    process = start_script("injection.mjs", project / "site", out, "--glossary", str(project / GLOSSARY))
    process.wait(timeout=1800)
    return process, out


def cold_build(folders: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess]:
    """A second build of the real content (PDF included) with no caches: an empty HOME and XDG_CACHE_HOME and a
    fontconfig whose only cache folder is new (tests/test_reproducible.py)."""
    from tests.test_reproducible import cold_environment

    folder = folders.mktemp("cold")
    project = copy_project(folder / "project")
    return project, run_generator(project, "build", env=cold_environment(folder))


def addressed_build(folders: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess]:
    """The real content built for publication with `make site SITE_URL=…` (PDF included)."""
    from tests.conftest import SITE_URL, make, project_with_makefile

    project = project_with_makefile(folders.mktemp("addressed"))
    return project, make(project, "site", SITE_URL)


def build_2027(folders: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess]:
    """The real content plus tests/fixtures/agreement-2027.yaml, built without PDF."""
    project = copy_project(folders.mktemp("with-2027"))
    shutil.copy(ROOT / "tests" / "fixtures" / "agreement-2027.yaml", project / "content" / "agreements" / "psykisk-halsa-2027.yaml")
    return project, run_generator(project, "build", "--no-pdf")


def reference_pdf_text(folders: pytest.TempPathFactory) -> Path | None:
    """The page texts of the plain build's whole-reference PDF."""
    assert LANE.built_site is not None, "conftest.reference_pdf_pages names the plain build first"
    return pdf_pages(LANE.built_site / REFERENCE_PDF, folders.mktemp("reference-pdf") / "pages.json")


JOBS: dict[str, Callable[[pytest.TempPathFactory], Any]] = {
    "injection_build": injection_build,
    "injection_browser": injection_browser,
    "injection_pdf_text": injection_pdf_text,
    "cold_build": cold_build,
    "addressed_build": addressed_build,
    "build_2027": build_2027,
    "reference_pdf_text": reference_pdf_text,
}
NEEDS = {"injection_browser": ("injection_build",), "injection_pdf_text": ("injection_build",)}
STARTED_BY = {
    "addressed_site": ("addressed_build",),
    "injection_project": ("injection_build",),
    "browser_report": ("injection_build", "injection_browser"),
    "injection_pdf": ("injection_build", "injection_pdf_text"),
    "site_2027": ("build_2027",),
    "cold_site": ("cold_build",),
    "reference_pdf_pages": (),  # started once the plain build is there (conftest.start_background)
}
"""The fixtures that read a job: when a selected test uses one, its jobs start before the first test."""
