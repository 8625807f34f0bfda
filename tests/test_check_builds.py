"""What `check` passes, `build` builds; what it refuses, `build` refuses the same way, one line per problem.

Quick part: content with only sources.yaml (issue 25: `check` passed it, `build` then failed inside MkDocs
with a traceback), and MkDocs' own failures reduced to one line. The property over content subsets, which
builds, is in tests/test_check_builds_property.py."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
from pathlib import Path

import pytest

from generator import cli
from tests.conftest import REFERENCE_DATE, ROOT, SOURCE_DATE_EPOCH, copy_project
from tests.test_bad_content import tree_digest

ISSUE_LINE = re.compile(r"^.+?(?::\d+)?: (?:error|warning): .+?: .*$")
SUMMARY = re.compile(r"^\d+ error\(s\); nothing was built\.$")


def run_cli(*argv: str) -> tuple[int, str]:
    saved = dict(os.environ)
    os.environ["SOURCE_DATE_EPOCH"] = SOURCE_DATE_EPOCH
    err = io.StringIO()
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = cli.main(list(argv))
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return code, err.getvalue()


def content_of(tmp_path: Path, files: list[str]) -> Path:
    content = tmp_path / "content"
    content.mkdir()
    shutil.copytree(ROOT / "content" / "seeds", content / "seeds")
    for name in files:
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / "content" / name, content / name)
    return content


def test_only_sources_fails_check_and_build_alike_with_one_line_per_problem(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("förra bygget", encoding="utf-8")
    before = tree_digest(project / "site"), tree_digest(project / "docs")
    content = content_of(tmp_path, ["sources.yaml"])
    common = ["--content", str(content), "--config", str(project / "mkdocs.yml"), "--reference-date", REFERENCE_DATE]
    check_code, check_err = run_cli("check", *common)
    build_code, build_err = run_cli("build", "--no-pdf", *common)
    assert (check_code, build_code) == (2, 2), check_err + build_err
    assert check_err == build_err
    lines = check_err.splitlines()
    assert all(ISSUE_LINE.match(line) or SUMMARY.match(line) for line in lines), check_err
    assert "docs/lanka-hit.md:21: error: link: 'avtal/psykisk-halsa-2025.md' is not written by this build: the content it comes from is missing" in lines
    assert "mkdocs.yml: error: nav: 'samverkansregler/index.md' is not written by this build: the content it comes from is missing" in lines
    assert (tree_digest(project / "site"), tree_digest(project / "docs")) == before


def test_the_real_content_passes_the_link_check():
    code, err = run_cli("check", "--config", str(ROOT / "mkdocs.yml"), "--reference-date", REFERENCE_DATE)
    assert code == 0 and "error" not in err, err


TRACEBACK = """INFO    -  Building documentation...
Traceback (most recent call last):
  File "/x/mkdocs/__main__.py", line 1, in <module>
    raise FileNotFoundError(2, 'No such file')
FileNotFoundError: [Errno 2] No such file or directory: '/p/docs/_generated/andringar.md'
"""


def test_a_mkdocs_traceback_becomes_one_line():
    lines = cli.mkdocs_failure(TRACEBACK).splitlines()
    assert lines == [
        "internal error: mkdocs: FileNotFoundError: [Errno 2] No such file or directory: '/p/docs/_generated/andringar.md'; run with --debug for the traceback",
        "mkdocs build failed; site/ was left untouched.",
    ]
    assert "Traceback" in cli.mkdocs_failure(TRACEBACK, debug=True)


def test_mkdocs_warnings_are_kept_one_line_each():
    output = "INFO    -  Cleaning site directory\nWARNING -  Doc file 'a.md' contains a link 'b.md', but the target is not found.\n\nAborted with 1 warnings in strict mode!\n"
    assert cli.mkdocs_failure(output).splitlines() == [
        "WARNING - Doc file 'a.md' contains a link 'b.md', but the target is not found.",
        "Aborted with 1 warnings in strict mode!",
        "mkdocs build failed; site/ was left untouched.",
    ]


@pytest.mark.parametrize("missing", [{"andringar.yaml"}, {"andringar.yaml", "forkortningar.yaml", "search.yaml"}], ids=["changes", "all-optional"])
def test_optional_files_may_be_left_out(tmp_path, missing):
    """The property test (tests/test_check_builds_property.py) builds this set: check must pass it."""
    files = [p.relative_to(ROOT / "content").as_posix() for p in (ROOT / "content").rglob("*.yaml") if "seeds" not in p.parts]
    content = content_of(tmp_path, [f for f in files if f not in missing])
    code, err = run_cli("check", "--content", str(content), "--config", str(ROOT / "mkdocs.yml"), "--reference-date", REFERENCE_DATE)
    assert code == 0, err
