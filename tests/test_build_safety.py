"""The build writes only what it owns, only inside the project, and settles: a second run changes nothing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.build import generate
from generator.export import pdf
from generator.export.opendata import to_csv
from generator.settings import Settings
from tests.conftest import ROOT, copy_project


def test_second_run_writes_nothing(tmp_path, monkeypatch):
    """`mkdocs serve` reloads when docs/ changes: an unchanged build must not touch a file (calendar files have CRLF)."""
    project = copy_project(tmp_path / "project")
    monkeypatch.setenv("OKS_REFERENCE_DATE", "2026-01-15")
    settings = Settings.from_env(project)
    first = generate(settings)
    ics = project / "docs" / "tidsfrister.ics"
    assert first.changed > 20 and b"\r\n" in ics.read_bytes()
    stamps = {p: p.stat().st_mtime_ns for p in (project / "docs").rglob("*") if p.is_file()}
    assert generate(settings).changed == 0
    assert {p: p.stat().st_mtime_ns for p in stamps} == stamps


def test_generator_writes_nothing_to_the_temporary_folder(tmp_path):
    """No cache in a shared temporary folder that others on the machine could plant files in."""
    project = copy_project(tmp_path / "project")
    shared_tmp = tmp_path / "shared-tmp"
    shared_tmp.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(shared_tmp), "OKS_REFERENCE_DATE": "2026-01-15"}
    code = "from pathlib import Path; from generator.build import generate; from generator.settings import Settings; generate(Settings.from_env(Path('.').resolve()))"
    result = subprocess.run([sys.executable, "-c", code], cwd=project, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert list(shared_tmp.iterdir()) == []


@pytest.mark.parametrize(
    "markup",
    [
        '<img src="file:///etc/hostname">',
        '<link rel="attachment" href="file:///etc/hostname">',
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css">',
        '<p style="background: url(file:///etc/hostname)">x</p>',
    ],
)
def test_pdf_loads_nothing_and_keeps_the_previous_file(tmp_path, markup):
    """Even if markup reached the print document, WeasyPrint may not fetch a file or URL, and the old PDF stays."""
    target = tmp_path / "pdf" / "dokument.pdf"
    target.parent.mkdir()
    target.write_bytes(b"previous")
    with pytest.raises(pdf.ExternalResource):
        pdf.write_pdf(f"<!doctype html><html><body><p>Text</p>{markup}</body></html>", target)
    assert target.read_bytes() == b"previous"
    assert [p.name for p in target.parent.iterdir()] == ["dokument.pdf"]


def test_pdf_is_written_whole(tmp_path):
    target = tmp_path / "dokument.pdf"
    pdf.write_pdf("<!doctype html><html><body><p>Text</p></body></html>", target)
    assert target.read_bytes().startswith(b"%PDF") and [p.name for p in tmp_path.iterdir()] == ["dokument.pdf"]


def test_csv_cells_never_start_a_formula():
    text = to_csv([{"a": "=HYPERLINK(\"http://x\")", "b": "+1", "c": "-2", "d": "@SUM(A1)", "e": "Regioner", "f": -5}], list("abcdef"))
    row = text.splitlines()[1]
    assert row == "\"'=HYPERLINK(\"\"http://x\"\")\";'+1;'-2;'@SUM(A1);Regioner;-5"


def test_site_and_pdf_contain_no_snippet_machinery():
    """Pages include generated fragments by name from a fixed table; the snippets extension is gone."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "snippets" not in config
    for page in (ROOT / "docs").glob("*.md"):
        assert "--8<--" not in page.read_text(encoding="utf-8"), page
    assert "snippets" not in Path(pdf.__file__).read_text(encoding="utf-8")


def test_the_offline_zip_goes_beside_the_site_it_was_built_from(tmp_path):
    from generator.cli import ZIP_NAME, zip_path

    project = tmp_path / "project"
    assert zip_path(project / "site", project) == project / "dist" / ZIP_NAME
    assert zip_path(tmp_path / "elsewhere" / "ut", project) == tmp_path / "elsewhere" / "ut.zip"
    assert zip_path(project / "site2", project) == project / "site2.zip"


def test_a_build_elsewhere_leaves_the_projects_zip_alone(project_with_site, tmp_path):
    """Issue 25: `build --site DIR` overwrote the project's dist/ zip with the other build's content."""
    import zipfile

    from generator.cli import ZIP_NAME, ZIP_ROOT
    from tests.conftest import run_generator

    own = project_with_site / "dist" / ZIP_NAME
    before = own.read_bytes()
    (project_with_site / "docs" / "tillganglighet.md").write_text((project_with_site / "docs" / "tillganglighet.md").read_text(encoding="utf-8") + "\nAnnat bygge.\n", encoding="utf-8")
    try:
        result = run_generator(project_with_site, "build", "--no-pdf", "--site", str(tmp_path / "ut"))
    finally:
        shutil.copy2(ROOT / "docs" / "tillganglighet.md", project_with_site / "docs" / "tillganglighet.md")
    assert result.returncode == 0, result.stderr
    assert own.read_bytes() == before
    with zipfile.ZipFile(tmp_path / "ut.zip") as archive:
        assert "Annat bygge." in archive.read(f"{ZIP_ROOT}/tillganglighet.html").decode("utf-8")
