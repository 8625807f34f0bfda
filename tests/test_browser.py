"""The built site in a real browser: WCAG 2.1 AA (axe-core), privacy (no request leaves the site)
and keyboard use. Drives Debian's Chromium through tests/browser/*.mjs (puppeteer-core).

Needs node, /usr/bin/chromium and tests/browser/node_modules (`make test` installs them). Without
them the tests are skipped locally, but fail in CI (CI=true), where a skip would hide a missing install.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

BROWSER_DIR = Path(__file__).resolve().parent / "browser"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
NODE_MODULES = ["puppeteer-core", "@axe-core/puppeteer", "axe-core"]


def _missing_tools() -> list[str]:
    missing = []
    node = shutil.which("node")
    if node is None:
        missing.append("node (Node.js 18 or newer)")
    else:
        version = subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip()
        try:
            major = int(version.lstrip("v").split(".")[0])
        except ValueError:
            major = 0
        if major < 18:
            missing.append(f"Node.js 18 or newer (found {version or 'unknown'})")
    if not (Path(CHROMIUM).exists() and os.access(CHROMIUM, os.X_OK)):
        missing.append(f"Chromium at {CHROMIUM} (apt-get install chromium)")
    for package in NODE_MODULES:
        if not (BROWSER_DIR / "node_modules" / package / "package.json").exists():
            missing.append(f"tests/browser/node_modules/{package} (cd tests/browser && PUPPETEER_SKIP_DOWNLOAD=1 npm ci)")
    return missing


def require_browser_tools() -> None:
    missing = _missing_tools()
    if not missing:
        return
    message = "browser tests need: " + "; ".join(missing)
    if os.environ.get("CI") == "true":
        pytest.fail(message + " (CI=true: failing instead of skipping)", pytrace=False)
    pytest.skip(message)


def start_script(script: str, site: Path, out: Path, *extra: str) -> subprocess.Popen:
    """Start tests/browser/<script> on `site` without waiting; its output goes to files beside `out`."""
    require_browser_tools()
    with out.with_suffix(".stdout").open("w") as stdout, out.with_suffix(".stderr").open("w") as stderr:
        return subprocess.Popen(
            ["node", str(BROWSER_DIR / script), str(site), *extra, "--out", str(out)],
            cwd=BROWSER_DIR, stdout=stdout, stderr=stderr, text=True,
        )


def script_report(process: subprocess.Popen, script: str, out: Path, timeout: int = 900) -> dict:
    """Wait for a started script; returns its JSON report (exit 0 clean, 1 findings)."""
    try:
        returncode = process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        returncode = f"timeout after {timeout} s"
    stderr = out.with_suffix(".stderr").read_text(errors="replace")
    if returncode not in (0, 1) or not out.exists():
        pytest.fail(f"{script} did not run (exit {returncode}):\n{stderr[-4000:]}", pytrace=False)
    return json.loads(out.read_text(encoding="utf-8"))


def run_script(script: str, site: Path, out: Path, *extra: str, timeout: int = 900) -> dict:
    """Run tests/browser/<script> on `site`; returns its JSON report (exit 0 clean, 1 findings)."""
    return script_report(start_script(script, site, out, *extra), script, out, timeout)


def html_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def url_path(relative: str) -> str:
    """How audit.mjs names a page served over HTTP: "a/index.html" -> "/a/", "b.html" -> "/b.html"."""
    if relative == "index.html":
        return "/"
    if relative.endswith("/index.html"):
        return "/" + relative[: -len("index.html")]
    return "/" + relative


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        targets = ", ".join(n["target"] for n in v["nodes"][:5])
        more = f" (+{len(v['nodes']) - 5} more)" if len(v["nodes"]) > 5 else ""
        lines.append(f"{v['page']}: {v['id']} ({v['impact']}) {v['help']}: {targets}{more}")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def site(request) -> Path:
    """The built site, once the browser tools are known to be there (no build just to skip)."""
    require_browser_tools()
    return request.getfixturevalue("built_site")


# The parts of the one browser walk over the built site (conftest.walk, tests/browser/walk.mjs).
@pytest.fixture(scope="module")
def audit(walk) -> dict:
    return walk["audit"]


@pytest.fixture(scope="module")
def audit_from_disk(walk) -> dict:
    return walk["audit_file"]


@pytest.fixture(scope="module")
def keyboard(walk) -> dict:
    return walk["keyboard"]


def test_axe_exceptions_are_justified():
    data = json.loads((BROWSER_DIR / "axe-exceptions.json").read_text(encoding="utf-8"))
    for rule in data["rules"]:
        assert rule.get("id") and rule.get("justification", "").strip(), rule


def test_audit_catches_violations_and_external_requests(tmp_path):
    """The gate itself: a page with a third-party image, font and script and faint text must fail it."""
    require_browser_tools()
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Prov</title>'
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Roboto">'
        '</head><body><main><h1>Prov</h1>'
        '<p style="color:#bbb;background:#fff">Blek text</p>'
        '<img src="https://tracker.invalid/pixel.gif" alt="">'
        '<script src="https://cdn.invalid/analytics.js"></script>'
        '<a href="sida.html">Nästa sida</a></main></body></html>',
        encoding="utf-8",
    )
    (site / "sida.html").write_text(
        '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Sida</title></head>'
        '<body><main><h1>Sida</h1><img src="bild.png"></main></body></html>',
        encoding="utf-8",
    )
    report = run_script("audit.mjs", site, tmp_path / "audit.json", timeout=300)
    assert report["pages"] == 2
    found = {(v["page"], v["id"]) for v in report["violations"]}
    assert ("/", "color-contrast") in found
    assert ("/sida.html", "image-alt") in found
    hosts = {r["url"].split("/")[2] for r in report["external_requests"]}
    assert {"fonts.googleapis.com", "tracker.invalid", "cdn.invalid"} <= hosts


def test_every_page_is_audited(audit, site):
    expected = [url_path(p) for p in html_pages(site)]
    assert audit["pages"] == len(expected)
    assert sorted(audit["audited"]) == sorted(expected)
    assert audit["state_errors"] == []
    assert audit["states"] == 3  # search open, search highlight, mobile drawer open
    assert audit["http_errors"] == []


def test_no_wcag_violations(audit):
    assert audit["tags"] == ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
    assert audit["violations"] == [], "axe-core found WCAG 2.1 A/AA violations:\n" + describe_violations(audit["violations"])


def test_no_external_requests(audit):
    assert audit["external_requests"] == [], json.dumps(audit["external_requests"], indent=1, ensure_ascii=False)


def test_every_visit_ran_the_checks_and_no_script_of_the_site_misbehaved(walk, site):
    """One visit per page and viewport (file:// leaves out 404.html), each with the injection sentinel installed:
    no script of the real site sets window.__pwned, calls alert/confirm/prompt/print or opens a dialog."""
    pages = len(html_pages(site))
    assert walk["tables"]["pages_per_width"] == {"390": pages, "768": pages - 1, "1366": pages}
    assert walk["sentinel"]["pages"] == 3 * pages - 1
    assert walk["sentinel"]["hits"] == []


def test_offline_copy_from_disk(audit_from_disk, site):
    """Opened from file:// as the zip is used: every page but 404.html, no violation, nothing fetched."""
    assert audit_from_disk["mode"] == "file"
    assert audit_from_disk["pages"] == len([p for p in html_pages(site) if p != "404.html"])
    assert audit_from_disk["violations"] == [], describe_violations(audit_from_disk["violations"])
    assert audit_from_disk["external_requests"] == [], json.dumps(audit_from_disk["external_requests"], indent=1)
    # Search works from file:// too: the "search open with results" state needs Material's search
    # worker (through the local iframe-worker shim) to answer a query on the start page.
    assert audit_from_disk["state_errors"] == [] and audit_from_disk["states"] == 3


def test_keyboard_only(keyboard):
    failed = [f"{c['name']}: {c['detail']}" for c in keyboard["checks"] if c["status"] == "failed"]
    assert not failed, "keyboard checks failed:\n" + "\n".join(failed)
    names = {c["name"] for c in keyboard["checks"] if c["status"] == "passed"}
    assert {"search", "navigation", "mobile-drawer", "mobile-search", "focus-visible"} <= names


def test_focus_always_visible(keyboard):
    assert keyboard["focus_checked"] > 100
    problems = [f"{f['page']}: {f['element']}: {f['problem']} ({f['style']})" for f in keyboard["focus_failures"]]
    assert not problems, "\n".join(problems)


def test_keyboard_run_makes_no_external_requests(keyboard):
    assert keyboard["external_requests"] == [], json.dumps(keyboard["external_requests"], indent=1)


@pytest.fixture(scope="module")
def guide_view(walk) -> dict:
    return walk["guide"]


def test_guide_answers_and_quotes_are_readable_on_a_phone_and_a_laptop(guide_view, site):
    expected = len(json.loads((site / "data" / "far-jag.json").read_text(encoding="utf-8"))["answers"])
    for width in ("390", "1366"):
        view = guide_view["widths"][width]
        assert view["answers"] >= expected and view["quotes"] >= view["answers"], width
        assert view["problems"] == [], (width, view["problems"][:5])


def test_guide_answer_kinds_differ_by_more_than_colour(guide_view):
    kinds = guide_view["kinds"]
    assert sorted(kinds) == sorted(f"svar-{k}" for k in ["ja", "villkor", "nej", "inte-reglerat", "ej-aktuellt", "tveksamt"])
    assert guide_view["kinds_distinct_without_colour"]
    assert all(k["sign"] and k["label"] and k["sign_hidden_from_screen_readers"] for k in kinds.values())
    assert guide_view["external_requests"] == []


@pytest.fixture(scope="module")
def tables_view(walk) -> dict:
    return walk["tables"]


def test_tables_fit_a_laptop_and_scroll_with_a_cue_on_phones_and_tablets(tables_view, site):
    """Every table wrapper of every page at 390, 768 and 1366 px (tests/browser/tables.mjs)."""
    summary = {w: {k: v[k] for k in ("wrappers", "overflowing", "max_overflow_px")} for w, v in tables_view["widths"].items()}
    print("table wrappers per width:", json.dumps(summary))
    assert tables_view["pages"] == len(html_pages(site))  # from disk (768 px) without 404.html: see the walk test
    assert sorted(tables_view["widths"]) == ["1366", "390", "768"]
    assert all(v["wrappers"] > 50 for v in tables_view["widths"].values()), summary
    assert tables_view["widths"]["1366"]["overflowing"] == 0, tables_view["widths"]["1366"]["scrolling"]
    problems = [f"{p['width']} px {p['page']} table {p.get('table', '-')}: {p['problem']}" for p in tables_view["problems"]]
    assert not problems, "\n".join(problems[:40])
    assert tables_view["external_requests"] == []


# --- Page checks of tests/browser/checks/ (run by the walk on every visit at their widths) ------

PAGE_CHECKS = sorted(p.stem for p in (BROWSER_DIR / "checks").glob("*.mjs") if re.search(r"export (async )?function check\(", p.read_text(encoding="utf-8")))
"""Checks that look at pages (a module may bring only scenarios, as checks/search_first_view.mjs)."""


@pytest.mark.parametrize("name", PAGE_CHECKS)
def test_page_checks_find_nothing(walk, name):
    report = walk["checks"][name]
    assert report["pages"] > 0, f"{name} ran on no page"
    problems = [f"{p['width']} px {p['page']}: {p['problem']} {p.get('detail', '')}"[:400] for p in report["problems"]]
    assert not problems, f"{len(problems)} finding(s) of checks/{name}.mjs:\n" + "\n".join(problems[:30])


def test_cards_are_checked_on_every_page_at_phone_width(walk, site):
    assert walk["checks"]["cards"]["widths"] == [390]
    assert walk["checks"]["cards"]["pages"] == len(html_pages(site))


def test_cards_check_catches_squeezed_cells_and_wrapped_amounts(tmp_path):
    """The gate itself: a narrow table whose words break and whose amount and date wrap must fail it."""
    require_browser_tools()
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<!doctype html><html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">'
        "<title>Prov</title><style>td{width:60px;max-width:60px;overflow-wrap:anywhere;font-size:16px}</style></head>"
        '<body><main><article><h1>Prov</h1><table style="table-layout:fixed;width:130px"><tbody><tr>'
        "<td>rättspsykiatrisk vård och undertecknad</td><td>400 000 000 kr den 31 mars 2026</td>"
        "</tr></tbody></table></article></main></body></html>",
        encoding="utf-8",
    )
    report = run_script("walk.mjs", site, tmp_path / "walk.json", "--only", "pages", timeout=300)
    found = {p["problem"] for p in report["checks"]["cards"]["problems"]}
    assert {"word broken across lines in a table cell", "amount wraps in a table cell", "date wraps in a table cell"} <= found, found


SCENARIO_CHECKS = sorted(p.stem for p in (BROWSER_DIR / "checks").glob("*.mjs") if "export async function scenarios" in p.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", SCENARIO_CHECKS)
def test_interactive_scenarios_pass(walk, name):
    """The scenarios of a page check (tapping a term, copying a link, old guide links, the start page's search …)."""
    scenarios = walk["scenarios"][name]
    assert scenarios, f"checks/{name}.mjs ran no scenario"
    failed = [f"{s['name']}: {s['detail']}"[:1500] for s in scenarios if s["status"] != "passed"]
    assert not failed, "\n".join(failed)
