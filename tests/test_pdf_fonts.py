"""PDFs do not depend on the machine's fonts (issue 25): the print template loads the project's DejaVu files
(generator/fonts/) with @font-face under family names no installed font has, so a build that sees no system
fonts at all (a fontconfig with no font folders) writes the same bytes as a normal build."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.export.pdf import FONT_DIR, FONTS
from tests.conftest import REFERENCE_DATE, ROOT, SOURCE_DATE_EPOCH

NO_FONTS = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig><cachedir>{cache}</cachedir></fontconfig>
"""


def no_system_fonts(tmp_path: Path) -> dict[str, str]:
    """Environment for a fontconfig that knows no font folder (so no system font) and has its own cache."""
    conf = tmp_path / "no-fonts.conf"
    conf.write_text(NO_FONTS.format(cache=tmp_path / "fc-cache"), encoding="utf-8")
    return {"FONTCONFIG_FILE": str(conf)}


def sample_pdf(out: Path, env: dict[str, str] | None = None) -> bytes:
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, **(env or {})}
    result = subprocess.run([sys.executable, str(ROOT / "tests" / "scripts" / "sample_pdf.py"), str(out)], env=environment, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    return out.read_bytes()


def font_names(path: Path) -> set[str]:
    """Base names of every font the PDF uses (the six-letter subset prefix removed)."""
    names = set()
    for page in PdfReader(str(path)).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]).lstrip("/").split("+", 1)[-1])
    return names


def test_the_font_files_and_their_licence_are_in_the_project():
    assert (FONT_DIR / "LICENSE").is_file() and "Bitstream Vera" in (FONT_DIR / "LICENSE").read_text(encoding="utf-8")
    for _, file, _, _ in FONTS:
        assert (FONT_DIR / file).read_bytes()[:4] == b"\x00\x01\x00\x00", file  # TrueType


@pytest.mark.pdf
def test_a_pdf_without_any_system_font_is_the_same_bytes(tmp_path):
    normal = sample_pdf(tmp_path / "normal.pdf")
    bare = sample_pdf(tmp_path / "bare.pdf", no_system_fonts(tmp_path))
    assert bare == normal
    assert font_names(tmp_path / "normal.pdf") == {"OKS-DejaVu-Sans", "OKS-DejaVu-Sans-Bold", "OKS-DejaVu-Sans-Italic", "OKS-DejaVu-Sans-Bold-Italic", "OKS-DejaVu-Sans-Mono"}


@pytest.mark.pdf
def test_every_built_pdf_uses_only_the_projects_fonts(built_site):
    pdfs = sorted((built_site / "pdf").glob("*.pdf"))
    assert len(pdfs) >= 3
    for path in pdfs:
        assert all(name.startswith("OKS-DejaVu-Sans") for name in font_names(path)), (path.name, font_names(path))


@pytest.mark.pdf
@pytest.mark.parametrize("file", ["tillaggsoverenskommelse-psykisk-halsa-2026.pdf"])
def test_a_built_pdf_is_the_same_without_system_fonts(built_site, tmp_path, file):
    """One real PDF of the build (a small one: the whole set takes two minutes), written again under a
    fontconfig that knows no font folder, must be the same bytes."""
    out = tmp_path / file
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "OKS_REFERENCE_DATE": REFERENCE_DATE, **no_system_fonts(tmp_path)}
    script = ROOT / "tests" / "scripts" / "one_pdf.py"
    result = subprocess.run([sys.executable, str(script), str(built_site.parent), file, str(out)], env=environment, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == (built_site / "pdf" / file).read_bytes()
