"""Bad and hostile input: each file in tests/bad_content/ must give one clear error naming file, line and field.

Each file ends with a comment `# expect: FIELD [@ LINE]`. The file is dropped into a copy of the
real content as a new agreement, and the check must report an error in that file at that field
(and line), never a traceback.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest

from generator.build import check
from generator.issues import errors_in
from tests.conftest import ROOT, run_generator

BAD_DIR = Path(__file__).parent / "bad_content"
BAD_FILES = sorted(BAD_DIR.glob("*.yaml"))
EXPECT = re.compile(rb"# expect: (\S+)(?: @ (\d+))?\s*$")


def expectation(path: Path) -> tuple[str, int | None]:
    match = EXPECT.search(path.read_bytes())
    assert match, f"{path.name} has no '# expect:' line"
    return match.group(1).decode(), int(match.group(2)) if match.group(2) else None


def target_of(bad_file: Path) -> str:
    """Where a bad file goes in the content copy: a "-sources-" file replaces sources.yaml, a "-glossary-" file
    forkortningar.yaml; any other is a new agreement."""
    if "-sources-" in bad_file.name:
        return "sources.yaml"
    return "forkortningar.yaml" if "-glossary-" in bad_file.name else "agreements/zz-bad.yaml"


def field_matches(field: str, expected: str) -> bool:
    return field == expected or field.startswith(expected + "[") or field.startswith(expected + ".")


@pytest.fixture()
def content_copy(tmp_path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(ROOT / "content", target)
    return target


def test_corpus_is_large_enough():
    assert len(BAD_FILES) >= 30


@pytest.mark.parametrize("bad_file", BAD_FILES, ids=lambda p: p.stem)
def test_bad_file_reports_file_line_and_field(bad_file, content_copy):
    field, line = expectation(bad_file)
    target = target_of(bad_file)
    shutil.copy(bad_file, content_copy / target)
    _, issues = check(content_copy)
    errors = [e for e in errors_in(issues) if e.file.endswith(target)]
    assert errors, f"no error reported for {bad_file.name}; got {[str(i) for i in issues]}"
    matching = [e for e in errors if field_matches(e.field, field)]
    assert matching, f"expected field {field!r}, got {[str(e) for e in errors]}"
    if line is not None:
        assert any(e.line == line for e in matching), f"expected line {line}, got {[str(e) for e in matching]}"
    assert all(str(e).startswith(f"content/{target}") for e in errors)


def test_huge_string_is_refused_quickly(content_copy):
    text = (ROOT / "tests" / "fixtures" / "agreement-2027.yaml").read_text(encoding="utf-8")
    huge = text.replace("summary: Syntetiskt innehåll för tester.", "summary: " + "a" * 10_000_000)
    (content_copy / "agreements" / "zz-bad.yaml").write_text(huge, encoding="utf-8")
    _, issues = check(content_copy)
    errors = errors_in(issues)
    assert len(errors) == 1 and errors[0].file.endswith("zz-bad.yaml") and "limit" in errors[0].message


def test_long_text_field_is_refused_with_its_field(content_copy):
    text = (ROOT / "tests" / "fixtures" / "agreement-2027.yaml").read_text(encoding="utf-8")
    long = text.replace("summary: Syntetiskt innehåll för tester.", "summary: " + "a" * 100_000)
    (content_copy / "agreements" / "zz-bad.yaml").write_text(long, encoding="utf-8")
    _, issues = check(content_copy)
    assert [(e.field, e.line) for e in errors_in(issues)] == [("summary", 9)]


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(folder)).encode() + path.read_bytes())
    return digest.hexdigest()


CLI_SAMPLES = ["03-amount-as-string", "14-impossible-date", "17-children-do-not-sum", "28-malformed-yaml", "33-alias-bomb", "35-script-in-title"]


@pytest.mark.parametrize("sample", CLI_SAMPLES)
def test_cli_build_fails_cleanly_and_keeps_site(sample, project_with_site):
    project = project_with_site
    before = tree_digest(project / "site")
    docs_before = tree_digest(project / "docs")
    bad = project / "content" / "agreements" / "zz-bad.yaml"
    shutil.copy(BAD_DIR / f"{sample}.yaml", bad)
    try:
        result = run_generator(project, "build")
    finally:
        bad.unlink()
    field, line = expectation(BAD_DIR / f"{sample}.yaml")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr + result.stdout
    assert f"content/agreements/zz-bad.yaml:{line}" in result.stderr if line else "content/agreements/zz-bad.yaml" in result.stderr
    assert field in result.stderr
    assert tree_digest(project / "site") == before
    assert tree_digest(project / "docs") == docs_before


def test_mkdocs_build_alone_aborts_without_touching_site(project_with_site):
    """`mkdocs build` (the hook path) also refuses bad content before cleaning site/."""
    import subprocess
    import sys

    project = project_with_site
    before = tree_digest(project / "site")
    bad = project / "content" / "agreements" / "zz-bad.yaml"
    shutil.copy(BAD_DIR / "05-amount-negative.yaml", bad)
    try:
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, capture_output=True, text=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    finally:
        bad.unlink()
    assert result.returncode != 0
    assert "zz-bad.yaml" in result.stderr and "pots[0].amount" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_digest(project / "site") == before
