"""Every output is claimed once: two documents that would write the same PDF are a validation error naming
both files (issue 25: a rulebook id equal to an agreement's PDF name silently overwrote one PDF).
In-process checks of a content copy (no build); the hostile corpus runs the same cases through `build`."""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import pytest

from generator import cli
from generator.build import check
from generator.export.print_documents import documents
from generator.issues import errors_in
from tests.conftest import ROOT


def content_with(tmp_path: Path, file: str, old: str, new: str) -> Path:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    path = content / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return content


def test_the_real_content_writes_each_pdf_once():
    content, issues = check(ROOT / "content")
    assert not errors_in(issues)
    files = [d.file for d in documents(content)]
    assert len(files) == len(set(files)) >= 3


@pytest.mark.parametrize(
    ("new_id", "other"),
    [
        ("overenskommelse-psykisk-halsa-2025", "content/agreements/psykisk-halsa-2025.yaml:1 (id)"),
        ("tillaggsoverenskommelse-psykisk-halsa-2026", "content/agreements/psykisk-halsa-2026.yaml:1 (id)"),
        ("overenskommelser-och-samverkansregler", "the PDF of the whole reference"),
    ],
)
def test_two_documents_with_one_pdf_name_are_refused_naming_both(tmp_path, new_id, other):
    content = content_with(tmp_path, "samverkansregler.yaml", "id: samverkansregler-2026", f"id: {new_id}")
    _, issues = check(content)
    pdf_errors = [str(i) for i in errors_in(issues) if "PDF" in i.message]
    assert pdf_errors == [f"content/samverkansregler.yaml:1: error: id: PDF 'pdf/{new_id}.pdf' is already written for {other}"]
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = cli.main(["check", "--content", str(content), "--config", str(ROOT / "mkdocs.yml"), "--reference-date", "2026-01-15"])
    assert code == 2 and pdf_errors[0] in err.getvalue().splitlines() and "Traceback" not in err.getvalue()
