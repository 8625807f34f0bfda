"""Valid HTML: the Nu HTML Checker (vnu.jar from npm, run with the system's Java) over every built page.

Every error fails the test unless it is on the short allow-list in tests/html_valid/allowed.json, where each
entry names the message, the element it may appear on and why it remains. Needs `java` (Java 11 or newer;
.ci/run installs Debian's default-jre-headless) and tests/browser/node_modules/vnu-jar (`make test`
installs it). Without them the tests are skipped locally, but fail in CI (CI=true).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

HERE = Path(__file__).resolve().parent
VNU_JAR = HERE / "browser" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ALLOWED = json.loads((HERE / "html_valid" / "allowed.json").read_text(encoding="utf-8"))


def _require_checker() -> str:
    java = shutil.which("java")
    missing = [] if java else ["java (apt-get install default-jre-headless)"]
    if not VNU_JAR.exists():
        missing.append("tests/browser/node_modules/vnu-jar (cd tests/browser && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts --legacy-peer-deps)")
    if missing:
        message = "the HTML checker needs: " + "; ".join(missing)
        if os.environ.get("CI") == "true":
            pytest.fail(message + " (CI=true: failing instead of skipping)", pytrace=False)
        pytest.skip(message)
    assert java is not None
    return java


def check_html(files: list[Path]) -> list[dict]:
    """Run vnu.jar once over `files`; returns its messages (errors, and warnings as type "info")."""
    java = _require_checker()
    command = [java, "-jar", str(VNU_JAR), "--format", "json", *map(str, files)]
    result = subprocess.run(command, check=False, capture_output=True, text=True, timeout=600)
    assert result.returncode in (0, 1), f"vnu.jar did not run (exit {result.returncode}):\n{result.stderr[-4000:]}"
    return json.loads(result.stderr)["messages"]


def _element(message: dict) -> str:
    """The part of the page the checker points at (for attribute errors: the element's start tag)."""
    extract = message.get("extract", "")
    start = message.get("hiliteStart", 0)
    return extract[start:start + message.get("hiliteLength", len(extract))]


def allowed_by(message: dict) -> dict | None:
    for entry in ALLOWED:
        if re.search(entry["message"], message["message"]) and re.fullmatch(entry["element"], _element(message)):
            return entry
    return None


def _problems(messages: list[dict]) -> list[dict]:
    return [m for m in messages if m["type"] != "info" and allowed_by(m) is None]


def _describe(messages: list[dict], root: Path) -> str:
    lines = []
    for m in messages[:40]:
        page = m.get("url", "").removeprefix("file:").removeprefix(str(root) + "/")
        lines.append(f"{page}:{m.get('lastLine', '?')}: {m['message']}\n    {_element(m).strip()[:300]}")
    return "\n".join(lines) + (f"\n… and {len(messages) - 40} more" if len(messages) > 40 else "")


@pytest.fixture(scope="module")
def pages(built_site: Path) -> list[Path]:
    return sorted(built_site.rglob("*.html"))


@pytest.fixture(scope="module")
def messages(pages: list[Path]) -> list[dict]:
    return check_html(pages)


def test_every_page_is_valid_html(messages, pages, built_site):
    assert len(pages) > 20
    problems = _problems(messages)
    assert not problems, f"{len(problems)} HTML error(s) not on tests/html_valid/allowed.json:\n" + _describe(problems, built_site)


def test_checker_read_every_page(messages, pages):
    """No page was unreadable or skipped, and every message is about one of the pages handed over."""
    assert not [m for m in messages if m["type"] == "non-document-error"], messages
    urls = {m["url"] for m in messages}
    assert urls <= {p.as_uri().replace("file:///", "file:/") for p in pages}, urls


def test_every_allowed_entry_is_justified_and_still_needed(messages):
    for entry in ALLOWED:
        assert len(entry["why"]) > 80, entry
        assert any(allowed_by(m) is entry for m in messages), f"no longer needed, remove it: {entry['message']}"


def test_checker_catches_what_the_site_used_to_have(tmp_path):
    """The gate itself: the header's old labels, an empty tabindex, md_in_html's markdown="0", a label for a
    missing control and an autocomplete on a checkbox that is not Material's toggle are all errors here."""
    page = tmp_path / "old.html"
    page.write_text(
        '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Prov</title></head><body>'
        '<input class="md-toggle" type="checkbox" id="__drawer">'
        '<label class="md-header__button" for="__drawer" tabindex="0" role="button" aria-label="Navigering">≡</label>'
        '<input type="checkbox" id="__nav_2"><label class="md-nav__link" for="__nav_2" tabindex="">Avsnitt</label>'
        '<label class="md-nav__title" for="__toc">Innehåll</label>'
        '<input type="checkbox" id="val" autocomplete="off">'
        '<div class="chart-figure" markdown="0">diagram</div>'
        "</body></html>",
        encoding="utf-8",
    )
    problems = _problems(check_html([page]))
    text = "\n".join(m["message"] for m in problems)
    for expected in ("“role” attribute must not be used", "“aria-label” attribute must not be used",
                     "Bad value “” for attribute “tabindex”", "“for” attribute of the “label”",
                     "Attribute “autocomplete” is only allowed", "Attribute “markdown” not allowed"):
        assert expected in text, text
