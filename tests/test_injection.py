"""Safe by construction: the site built from an injection corpus (payloads in every text field) in a real browser.

The corpus (tests/injection/corpus.py) is the real content with markup, Markdown and extension syntax,
attribute breakouts, entity forms, snippet includes and template syntax appended to every `Text` and
`Line` value. It is built with the model's load-time blocklist switched off (tests/injection/build_site.py),
so that escaping alone has to keep the site safe; the normal command line, with the blocklist on,
must refuse the same corpus cleanly.

    (a) every free-text field of the model that the real content uses carries payloads in the corpus;
    (b) in Chromium no payload ever runs (window.__pwned, dialogs, handler attributes) and no element or
        attribute came from content (tests/browser/injection.mjs);
    (c) every payload is shown as literal text on some page (escaping kept the words);
    (d) neither a planted secret file nor /etc/hostname reached a page, another built file or the PDF,
        and the PDF has no attachments;
    (e) `python -m generator build` refuses the corpus with exit 2 and no traceback.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

import pypdf
import pytest

from generator import model
from generator.build import check
from generator.issues import errors_in
from generator.load import FOLDERS, SINGLE_FILES
from tests.background import GLOSSARY, LANE
from tests.conftest import ROOT, copy_project, run_generator
from tests.injection.corpus import ALL_PAYLOADS, MARKER, SECRET, SECRET_FILE, text_field_types, text_values
from tests.test_browser import html_pages, require_browser_tools, run_script, script_report

PDF = Path("pdf/overenskommelser-och-samverkansregler.pdf")


@pytest.fixture(scope="module")
def injection_project() -> Path:
    """A project copy whose content is the injection corpus, built (site/ and PDF) with the blocklist off
    (tests/background.py: started before the first test)."""
    project, result = LANE.result("injection_build")
    if result.returncode != 0:
        print(result.stderr[-20000:], file=sys.stderr)
    assert result.returncode == 0, f"injection build failed (exit {result.returncode}):\n{result.stderr[-6000:]}"
    return project


@pytest.fixture(scope="module")
def site(injection_project) -> Path:
    return injection_project / "site"


def _load_without_blocklist(content: Path):
    """Load content the way build_site.py does: the load-time blocklist off, everything else on."""
    saved = model._UNSAFE_TEXT
    model._UNSAFE_TEXT = re.compile(r"(?!)")
    try:
        return check(content)
    finally:
        model._UNSAFE_TEXT = saved


def _items(content) -> list:
    items = [content.sources, content.rulebook, content.guide, content.themes, content.search, content.changes, content.glossary, *content.agreements, *content.notices, *content.coverage]
    return [loaded.item for loaded in items if loaded is not None]


# --- (a) the corpus reaches every free-text field ---------------------------------------------


OBLIGATION_FIELDS = {("UnquotedSentence", "section", "Line"), ("UnquotedSentence", "text", "Text"), ("UnquotedSentence", "reason", "Text")}
"""Left out of the corpus with the obligation rule (corpus._fit_seeds_to_injected_maps): a listed sentence must be
the seed's own words, which a payload is not. Shown on the coverage maps through the same escaping as every text."""


def test_corpus_reaches_every_text_field(injection_project):
    real, real_issues = check(ROOT / "content")
    assert not errors_in(real_issues)
    corpus, issues = _load_without_blocklist(injection_project / "content")
    assert not errors_in(issues), "the corpus must be valid content apart from the blocklist:\n" + "\n".join(map(str, errors_in(issues)))

    roots = [cls for _, cls, _ in SINGLE_FILES.values()] + [cls for _, cls in FOLDERS.values()]
    declared = set().union(*(text_field_types(cls) for cls in roots))
    assert {("Rulebook", "intro", "Text"), ("Pot", "area", "Line"), ("GuideCell", "text", "Text")} <= declared

    used_in_real = {(cls, name, kind) for cls, name, kind, _ in (v for item in _items(real) for v in text_values(item))}
    assert used_in_real <= declared
    values: dict[tuple, list[str]] = defaultdict(list)
    for item in _items(corpus):
        for cls, name, kind, value in text_values(item):
            values[(cls, name, kind)].append(value)

    missing = sorted(f"{c}.{n} ({k})" for c, n, k in used_in_real - OBLIGATION_FIELDS if not values.get((c, n, k)))
    assert not missing, f"text fields of the real content that are absent from the corpus: {missing}"
    # The corpus also fills in what the real content lacks (see corpus._fill_gaps): every field of the model.
    missing = sorted(f"{c}.{n} ({k})" for c, n, k in declared - OBLIGATION_FIELDS if not values.get((c, n, k)))
    assert not missing, f"text fields of the model that the corpus never reaches: {missing}"
    without = sorted(
        f"{c}.{n}: {sum(MARKER not in v for v in vals)} of {len(vals)} values" for (c, n, k), vals in values.items() if any(MARKER not in v for v in vals)
    )
    assert not without, f"values without a payload: {without}"
    # `Line` values stay on one line; `Text` values got payloads on lines of their own.
    assert all("\n" not in v for (_, _, k), vals in values.items() if k == "Line" for v in vals)
    assert any("\n" in v for (_, _, k), vals in values.items() if k == "Text" for v in vals)

    everything = "\n".join(v for vals in values.values() for v in vals)
    unused = [p.text for p in ALL_PAYLOADS if p.text not in everything]
    assert not unused, f"payloads that never made it into the corpus: {unused}"
    assert all(MARKER in p.text for p in ALL_PAYLOADS), "every payload carries the marker"


# --- (b) nothing runs in the browser ------------------------------------------------------------


@pytest.fixture(scope="module")
def browser_report(site, injection_project) -> dict:
    require_browser_tools()
    words = injection_project / GLOSSARY
    assert json.loads(words.read_text(encoding="utf-8")), "the corpus has abbreviations, so <abbr> titles carry payloads"
    run = LANE.result("injection_browser")
    assert run is not None, "the injection browser run did not start"
    process, out = run
    return script_report(process, "injection.mjs", out)


@pytest.fixture(scope="module")
def injection_pdf(site) -> str:
    """The text of the injection build's whole-reference PDF."""
    pages_file = LANE.result("injection_pdf_text")
    assert pages_file is not None, "the injection PDF's text was not extracted"
    return "\n".join(json.loads(pages_file.read_text(encoding="utf-8")))


def _describe(report: dict, limit: int = 6) -> str:
    lines = []
    for hit in report["hits"]:
        lines.append(f"SENTINEL {hit['page']}: {hit['kind']}({hit['detail']}) at {hit['at']}")
    for dialog in report["dialogs"]:
        lines.append(f"DIALOG {dialog['page']}: {dialog['type']} {dialog['message']!r}")
    for key in ("bad_attributes", "bad_elements"):
        groups: dict[str, list[dict]] = defaultdict(list)
        for finding in report[key]:
            groups[finding["problem"]].append(finding)
        for problem, findings in groups.items():
            pages = sorted({f["page"] for f in findings})
            lines.append(f"{key.upper()} {problem}: {len(findings)} on {len(pages)} page(s): {', '.join(pages[:8])}")
            for f in findings[:limit]:
                shown = {k: f[k] for k in ("page", "attribute", "value", "element", "tag", "html", "parsed", "context") if k in f}
                lines.append("    " + json.dumps(shown, ensure_ascii=False)[:900])
    return "\n".join(lines)


@pytest.mark.browser
def test_injection_check_catches_what_it_looks_for(tmp_path):
    """The gate itself: a page with a handler, a script URL, an attribute-list result and a title holding markup must fail it."""
    require_browser_tools()
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Prov</title></head><body>'
        # As Material writes it; with content.tooltips on, a title holding markup is a finding.
        '<script id="__config" type="application/json">{"features": ["content.tooltips"]}</script>'
        '<div class="md-content"><article class="md-content__inner md-typeset">'
        '<p>Text <img src="x" onerror="window.__pwned=1"> <a href="javascript:alert(1)">länk</a></p>'
        '<p><a href="#t" title="&lt;img src=x onerror=alert(1)&gt;">term</a></p>'
        '<p><span onmouseover="alert(2)">hover</span></p>'
        '<p id="x" class="pwn" data-pwn="1">attribut</p>'
        '<div class="chart-figure" markdown="0">md_in_html</div>'
        '<p><abbr title="miljoner kronor">mnkr</abbr> <abbr title="PWN">tkr</abbr></p>'
        "<h2>PWN</h2><!-- PWN -->"
        "</article></div></body></html>",
        encoding="utf-8",
    )
    words = tmp_path / "glossary.json"
    words.write_text(json.dumps({"mnkr": "miljoner kronor", "tkr": "tusen kronor"}), encoding="utf-8")
    report = run_script("injection.mjs", site, tmp_path / "report.json", "--glossary", str(words), timeout=300)
    assert report["pages"] == 1
    kinds = {hit["kind"] for hit in report["hits"]}
    assert {"__pwned", "alert"} <= kinds, report["hits"]
    attributes = {(a["attribute"], a["problem"]) for a in report["bad_attributes"]}
    names = {name for name, _ in attributes}
    assert {"onerror", "onmouseover", "data-pwn", "title", "id", "class", "markdown"} <= names, attributes
    problems = " | ".join(e["problem"] for e in report["bad_elements"])
    for expected in ("<img>", "script URL", "comment made from payload text", "element made by Markdown syntax"):
        assert expected in problems, problems
    # Only the <abbr> whose title is not the glossary's explanation of its word is a finding.
    abbrs = [e["html"] for e in report["bad_elements"] if e["html"].startswith("<abbr")]
    assert abbrs and all('title="PWN"' in html for html in abbrs), abbrs


def test_browser_run_reached_everything(browser_report, site):
    assert browser_report["pages"] == len(html_pages(site))
    assert browser_report["state_errors"] == [], browser_report["state_errors"]
    assert browser_report["http_errors"] == [], browser_report["http_errors"]
    assert browser_report["external_requests"] == [], json.dumps(browser_report["external_requests"], indent=1)
    searches = [s for s in browser_report["states"] if "results" in s]
    assert searches and all(s["results"] > 0 for s in searches), browser_report["states"]
    assert any(s.get("marks", 0) > 0 for s in browser_report["states"]), "a followed search result highlights the query"
    assert browser_report["hovered"] > 0 and browser_report["events_sent"] > 10_000


def test_no_payload_runs_and_no_markup_from_content(browser_report):
    findings = (browser_report["hits"], browser_report["dialogs"], browser_report["bad_attributes"], browser_report["bad_elements"])
    assert not any(findings), "content became markup or code in the browser:\n" + _describe(browser_report)


# --- (c) payloads are shown as text ---------------------------------------------------------------


class _Text(HTMLParser):
    """The visible text of a page: text nodes outside script, style and template."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def _fold(text: str) -> str:
    return " ".join(text.split())


def test_every_payload_is_shown_as_literal_text(site):
    texts = {}
    for page in html_pages(site):
        parser = _Text()
        parser.feed((site / page).read_text(encoding="utf-8"))
        texts[page] = _fold(" ".join(parser.parts))
    everything = "\n".join(texts.values())
    missing = []
    for payload in ALL_PAYLOADS:
        # A multi-line payload is shown line by line (paragraphs, "- " list items stay lists).
        for line in payload.text.split("\n"):
            line = _fold(line.removeprefix("- "))
            if line and line not in everything:
                missing.append(line)
    assert not missing, "payload text that no page shows literally (it was interpreted, or dropped):\n" + "\n".join(missing)


# --- (d) no file from the build machine leaks ---------------------------------------------------


def _machine_secrets() -> list[str]:
    secrets = [SECRET]
    try:
        hostname = Path("/etc/hostname").read_text(encoding="utf-8").strip()
    except OSError:
        hostname = ""
    if len(hostname) >= 4:
        secrets.append(hostname)
    return secrets


def test_no_secret_in_pages_or_built_files(site):
    leaks = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        if path.name == SECRET_FILE or path.suffix in {".pdf", ".gz", ".png", ".woff", ".woff2", ".ico", ".zip"}:
            continue  # the planted file itself (MkDocs publishes docs/ files as they are); binaries below
        text = path.read_text(encoding="utf-8", errors="replace")
        leaks += [f"{path.relative_to(site)}: {secret!r}" for secret in _machine_secrets() if secret in text]
    assert not leaks, "a file from the build machine reached the site:\n" + "\n".join(leaks)
    assert any(p.suffix == ".html" for p in site.rglob("*")), "no pages were checked"


def test_no_secret_and_no_attachment_in_pdf(site, injection_pdf):
    reader = pypdf.PdfReader(site / PDF)
    text = injection_pdf
    assert MARKER in text, "the PDF shows the payloads as text"
    leaks = [secret for secret in _machine_secrets() if secret in text or secret in _fold(text)]
    assert not leaks, f"the PDF contains {leaks}"
    assert not reader.attachments, f"the PDF has attachments: {list(reader.attachments)}"
    names = reader.root_object.get("/Names")
    names = names.get_object() if names is not None else {}
    assert "/EmbeddedFiles" not in names, "the PDF catalog names embedded files"


# --- (e) the normal path refuses the corpus -----------------------------------------------------


def test_cli_with_blocklist_refuses_the_corpus(injection_project, tmp_path):
    project = copy_project(tmp_path / "project")
    result = run_generator(project, "build", "--no-pdf", content=injection_project / "content")
    assert result.returncode == 2, f"exit {result.returncode}\n{result.stderr[-3000:]}"
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr[-3000:]
    assert "may not contain markup" in result.stderr
    assert "nothing was built" in result.stderr
    assert not (project / "site").exists()
