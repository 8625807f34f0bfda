"""Page scripts on a link with a malformed fragment: decoding it must not throw (an uncaught URIError would stop
the script's other work on that page). Run in Node with a minimal stand-in for the page (tests/scripts/)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.conftest import ROOT

ASSETS = ROOT / "docs" / "assets"
HASH_READERS = sorted(p for p in ASSETS.glob("*.js") if "location.hash" in p.read_text(encoding="utf-8"))
MALFORMED = ["#%E0%A4%A", "#%", "#%ZZ", "#a%FFb"]


def test_the_scripts_that_read_the_fragment_are_found():
    assert {p.name for p in HASH_READERS} >= {"frister.js", "far-jag.js"}


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node")
@pytest.mark.parametrize("fragment", MALFORMED)
@pytest.mark.parametrize("script", HASH_READERS, ids=lambda p: p.name)
def test_a_malformed_fragment_does_not_throw(script, fragment):
    result = subprocess.run(["node", str(ROOT / "tests" / "scripts" / "malformed_hash.js"), str(script), fragment], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok", f"{script.name} with {fragment}: {result.stdout}"
