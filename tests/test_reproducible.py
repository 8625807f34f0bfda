"""Reproducible from cold: a build on a machine with no caches gives the same bytes as a warm one.

The session build (conftest.built_site) runs with the machine's caches. Here a second copy of the
project is built with an empty HOME and XDG_CACHE_HOME and a fontconfig setup whose only cache folder
is new, so WeasyPrint's first font discovery happens during this build. site/ (every file, the PDF
included) and the offline zip must be identical byte for byte.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.cli import ZIP_NAME
from tests.background import LANE

pytestmark = pytest.mark.slow

SYSTEM_FONTS_CONF = Path("/etc/fonts/fonts.conf")


def cold_fontconfig(folder: Path) -> dict[str, str]:
    """The system's fontconfig setup with its cache folders replaced by one empty folder."""
    if not SYSTEM_FONTS_CONF.is_file():
        return {}
    text = SYSTEM_FONTS_CONF.read_text(encoding="utf-8")
    text = re.sub(r"<cachedir[^>]*>[^<]*</cachedir>", "", text)
    text = re.sub(r"<include([^>]*)>conf\.d</include>", rf"<include\1>{SYSTEM_FONTS_CONF.parent}/conf.d</include>", text)
    text = text.replace("</fontconfig>", f"<cachedir>{folder / 'fontconfig-cache'}</cachedir>\n</fontconfig>")
    conf = folder / "fonts.conf"
    conf.write_text(text, encoding="utf-8")
    return {"FONTCONFIG_FILE": str(conf)}


def cold_environment(folder: Path) -> dict[str, str]:
    home, cache = folder / "home", folder / "cache"
    home.mkdir()
    cache.mkdir()
    return {"HOME": str(home), "XDG_CACHE_HOME": str(cache), **cold_fontconfig(folder)}


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def differences(warm: Path, cold: Path) -> list[str]:
    """Paths (relative to the two folders) that are missing on one side or differ in any byte."""
    a, b = files(warm), files(cold)
    return sorted(name for name in a.keys() | b.keys() if a.get(name) != b.get(name))


@pytest.fixture(scope="module")
def cold_site() -> Path:
    """The cold build's site/ (tests/background.py: started before the first test, beside the others)."""
    project, result = LANE.result("cold_build")
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def test_cold_build_is_byte_identical_to_warm_build(built_site, cold_site):
    """Two builds of the same commit and build date give the same bytes, the second one without caches."""
    folder = cold_site.parent.parent
    if SYSTEM_FONTS_CONF.is_file():
        assert any((folder / "fontconfig-cache").iterdir()), "fontconfig did not use the empty cache folder: the build was not cold"
    assert (cold_site / "pdf" / "overenskommelser-och-samverkansregler.pdf").is_file()
    assert differences(built_site, cold_site) == []
    warm_zip, cold_zip = built_site.parent / "dist" / ZIP_NAME, cold_site.parent / "dist" / ZIP_NAME
    assert warm_zip.read_bytes() == cold_zip.read_bytes(), f"{ZIP_NAME} differs"


def test_differences_names_changed_and_missing_files(tmp_path):
    warm, cold = tmp_path / "warm", tmp_path / "cold"
    for folder in (warm, cold):
        (folder / "pdf").mkdir(parents=True)
        (folder / "same.html").write_bytes(b"<p>x</p>")
    (warm / "pdf" / "a.pdf").write_bytes(b"%PDF-1 A")
    (cold / "pdf" / "a.pdf").write_bytes(b"%PDF-1 B")
    (warm / "only-warm.csv").write_bytes(b"")
    assert differences(warm, cold) == ["only-warm.csv", "pdf/a.pdf"]
