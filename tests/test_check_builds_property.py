"""Property: for content made of any subset of the content files (sources.yaml and the seeds always there),
`check` and `build --no-pdf` agree: what check passes, build builds; what check refuses, build refuses with
the same lines (one per problem, no traceback) and leaves site/ as it was. Builds: outside `make test-quick`."""

from __future__ import annotations

import shutil

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.conftest import REFERENCE_DATE, ROOT, copy_project
from tests.test_bad_content import tree_digest
from tests.test_check_builds import ISSUE_LINE, SUMMARY, run_cli

pytestmark = pytest.mark.slow

OPTIONAL = sorted(p.relative_to(ROOT / "content").as_posix() for p in (ROOT / "content").rglob("*.yaml") if "seeds" not in p.parts and p.name != "sources.yaml")
LEAVE_OUT_SAFELY = frozenset({"andringar.yaml", "forkortningar.yaml", "search.yaml"})


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("subsets"))
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("förra bygget", encoding="utf-8")
    return project


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(left_out=st.frozensets(st.sampled_from(OPTIONAL)))
@example(left_out=frozenset(OPTIONAL))  # only sources.yaml (issue 25)
@example(left_out=LEAVE_OUT_SAFELY)  # checks and builds
def test_check_and_build_agree(project, tmp_path_factory, left_out):
    content = tmp_path_factory.mktemp("content") / "content"
    shutil.copytree(ROOT / "content", content)
    for name in left_out:
        (content / name).unlink()
    common = ["--content", str(content), "--config", str(project / "mkdocs.yml"), "--reference-date", REFERENCE_DATE]
    check_code, check_err = run_cli("check", *common)
    site_before = tree_digest(project / "site")
    build_code, build_err = run_cli("build", "--no-pdf", *common)
    if check_code == 0:
        assert build_code == 0, f"check passed, build failed without {sorted(left_out)}:\n{build_err}"
        assert (project / "site" / "index.html").read_text(encoding="utf-8") != "förra bygget"
        shutil.rmtree(project / "site")
        (project / "site").mkdir()
        (project / "site" / "index.html").write_text("förra bygget", encoding="utf-8")
    else:
        assert (check_code, build_code) == (2, 2)
        assert build_err == check_err
        assert all(ISSUE_LINE.match(line) or SUMMARY.match(line) for line in check_err.splitlines()), check_err
        assert tree_digest(project / "site") == site_before
