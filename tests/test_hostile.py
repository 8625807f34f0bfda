"""Safe by construction: the hostile input corpus in tests/hostile/ (see its README.md).

- Content that must be refused (`Case`): `build --no-pdf` per case against one project with a built
  site (through generator.cli.main in this process; special files in a subprocess with a timeout); exit 2, a message naming file, line and field, no traceback, every line
  of stderr an issue line, and site/ and docs/ unchanged.
- Markup-like text that is legal (`Legal`): all payloads built into one site; each must be visible
  exactly as text where it lands, and no element, attribute or calendar event may come from it.
- Bad options and environment variables (`Cli`): exit 2 and one error line naming them.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from icalendar import Calendar

from generator import cli
from generator.build import check
from generator.issues import errors_in
from generator.load import format_loc
from tests.conftest import REFERENCE_DATE, ROOT, SOURCE_DATE_EPOCH, copy_project, run_generator
from tests.hostile import CONTENT, HERE, At, Case, Cli, Legal, all_cases
from tests.test_bad_content import tree_digest

CASES = all_cases()
ERROR_CASES = [c for c in CASES if isinstance(c, Case)]
LEGAL_CASES = [c for c in CASES if isinstance(c, Legal)]
CLI_CASES = [c for c in CASES if isinstance(c, Cli)]
TIMEOUT = 60
"""Seconds for one generator run: a FIFO or an endless file must not hang the build."""


def test_corpus_is_large_and_covers_every_class():
    groups: dict[str, int] = {}
    for case in CASES:
        groups[case.group] = groups.get(case.group, 0) + 1
    assert len(CASES) >= 80, groups
    assert all(count >= 3 for count in groups.values()), groups
    assert set(groups) >= {"markup", "refused-markup", "one-line", "invisible", "yaml", "special-files", "nesting", "ranges", "collisions", "cli"}
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids)), "case ids must be unique"


# --- Content that must be refused ----------------------------------------

ISSUE_LINE = re.compile(r"^(?P<file>.+?)(?::(?P<line>\d+))?: (?P<level>error|warning): (?P<field>.+?): (?P<message>.*)$")
SUMMARY_LINE = re.compile(r"^\d+ error\(s\); nothing was built\.$")


@dataclass(frozen=True)
class Reported:
    file: str
    line: int | None
    level: str
    field: str
    message: str


def reported(stderr: str) -> list[Reported]:
    issues = []
    for text in stderr.splitlines():
        if match := ISSUE_LINE.match(text):
            line = int(match["line"]) if match["line"] else None
            issues.append(Reported(match["file"], line, match["level"], match["field"], match["message"]))
    return issues


def field_matches(field: str, expected: str) -> bool:
    return field == expected or field.startswith((expected + "[", expected + "."))


def base_text(case: Case) -> str:
    return (ROOT / "content" / case.file).read_text(encoding="utf-8") if case.base is CONTENT else case.base


def expected_line(case: Case) -> int | None:
    if not isinstance(case.line, At):
        return case.line
    if case.old is None:
        return 1 + case.line.offset
    text = base_text(case)
    return text[: text.index(case.old)].count("\n") + 1 + case.line.offset


def apply(case: Case, content: Path, scratch: Path) -> None:
    if case.setup is not None:
        case.setup(content, scratch)
        return
    if case.old is None:
        data = case.new
    else:
        text = base_text(case)
        assert case.old in text, f"{case.id}: {case.old!r} does not occur in the base text"
        data = text.replace(case.old, case.new, 1)
    target = content / case.file
    if isinstance(data, bytes):
        target.write_bytes(data)
    else:
        target.write_text(data, encoding="utf-8")
    for path, text in case.extra:
        (content / path).write_text(text, encoding="utf-8")


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()


def restore_content(project: Path) -> None:
    """Make project/content exactly the real content again: remove what a case added (FIFOs, links,
    folders, files) and copy back every file whose bytes or kind changed."""
    original = ROOT / "content"
    content = project / "content"
    for dirpath, dirnames, filenames in os.walk(content, topdown=False):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            source = original / path.relative_to(content)
            same_kind = (path.is_dir() and source.is_dir()) or (path.is_file() and source.is_file())
            if path.is_symlink() or not same_kind:
                _remove(path)
    for source in sorted(original.rglob("*")):
        target = content / source.relative_to(original)
        if source.is_dir():
            target.mkdir(exist_ok=True)
        elif not target.is_file() or target.read_bytes() != source.read_bytes():
            shutil.copy2(source, target)


def run_build(project: Path) -> subprocess.CompletedProcess:
    """What tests.conftest.run_generator(project, "build", "--no-pdf") runs, with a short timeout."""
    command = [sys.executable, "-m", "generator", "build", "--no-pdf", "--config", str(project / "mkdocs.yml"), "--reference-date", REFERENCE_DATE]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    return subprocess.run(command, check=False, cwd=project, env=env, capture_output=True, text=True, timeout=TIMEOUT)


def run_build_in_process(project: Path) -> subprocess.CompletedProcess:
    """The same command line through generator.cli.main in this process (no interpreter start per case).

    Exit code, stdout and stderr are what `python -m generator` gives: main() catches every exception and
    prints one line, so an exception that escaped it would fail the test here just as a traceback would.
    Not for cases that could block a read (FIFOs, endless files): those run in a subprocess with a timeout.
    """
    argv = ["build", "--no-pdf", "--config", str(project / "mkdocs.yml"), "--reference-date", REFERENCE_DATE]
    saved = dict(os.environ)
    os.environ["SOURCE_DATE_EPOCH"] = SOURCE_DATE_EPOCH
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(argv)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return subprocess.CompletedProcess(argv, code, out.getvalue(), err.getvalue())


@pytest.fixture(scope="module")
def error_project(project_with_site):
    """The project with a built site, and digests of its site/ and docs/ to compare after each case."""
    project = project_with_site
    restore_content(project)
    return project, tree_digest(project / "site"), tree_digest(project / "docs")


def hidden_characters(text: str) -> list[str]:
    return [f"U+{ord(c):04X}" for c in text if c != "\n" and unicodedata.category(c) in {"Cc", "Cf", "Zl", "Zp"}]


@pytest.mark.parametrize("case", ERROR_CASES, ids=lambda c: c.id)
def test_refused_with_file_line_and_field(case: Case, error_project, tmp_path):
    project, site_before, docs_before = error_project
    try:
        apply(case, project / "content", tmp_path)
        result = run_build(project) if case.id.startswith("special-files/") else run_build_in_process(project)
    finally:
        restore_content(project)
    output = f"exit {result.returncode}\n--- stderr ---\n{result.stderr}--- stdout ---\n{result.stdout}"
    assert result.returncode == 2, output
    assert "Traceback" not in result.stderr + result.stdout, output
    assert "internal error" not in result.stderr, output
    assert not hidden_characters(result.stderr), f"stderr carries control or format characters {hidden_characters(result.stderr)}:\n{output}"
    stray = [line for line in result.stderr.splitlines() if line and not ISSUE_LINE.match(line) and not SUMMARY_LINE.match(line)]
    assert not stray, f"lines that are not file:line: error: field: message:\n{stray}\n{output}"
    line = expected_line(case)

    def wanted(issue: Reported) -> bool:
        file_ok = issue.file.startswith(case.error_file) if case.file_prefix else issue.file == case.error_file
        return (
            issue.level == "error"
            and file_ok
            and field_matches(issue.field, case.field)
            and (line is None or issue.line == line)
            and case.message in issue.message
        )

    where = f"{case.error_file}{':' + str(line) if line else ''}: error: {case.field}: …{case.message}…"
    assert any(wanted(issue) for issue in reported(result.stderr)), f"expected {where}\n{output}"
    assert tree_digest(project / "site") == site_before, "site/ changed"
    assert tree_digest(project / "docs") == docs_before, "docs/ changed"


# --- Bad options and environment -------------------------------------------

ERROR_LINE = re.compile(r"(^|: )error: ")


@pytest.mark.parametrize("case", CLI_CASES, ids=lambda c: c.id)
def test_bad_option_or_environment(case: Cli, error_project):
    project, site_before, docs_before = error_project
    env = {k: v for k, v in os.environ.items() if not k.startswith("OKS_")}
    env.update(PYTHONPATH=str(ROOT), SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH)
    for name, value in case.env:
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    result = subprocess.run([sys.executable, "-m", "generator", *case.args], check=False, cwd=project, env=env, capture_output=True, text=True, timeout=TIMEOUT)
    output = f"exit {result.returncode}\n--- stderr ---\n{result.stderr}--- stdout ---\n{result.stdout}"
    assert result.returncode == 2, output
    assert "Traceback" not in result.stderr + result.stdout, output
    assert "internal error" not in result.stderr, output
    errors = [line for line in result.stderr.splitlines() if ERROR_LINE.search(line)]
    assert len(errors) == 1, f"expected one error line\n{output}"
    missing = [name for name in case.names if name not in errors[0]]
    assert not missing, f"the error line does not name {missing}\n{output}"
    assert tree_digest(project / "site") == site_before, "site/ changed"
    assert tree_digest(project / "docs") == docs_before, "docs/ changed"


# --- Legal markup-like text: built, shown as text ---------------------------

PLACEHOLDER = "Ersatt text"
"""Written instead of a legal payload that validation refused, so the other payloads still build."""
LEGAL_BY_NAME = {c.name: c for c in LEGAL_CASES}
BUILDS = {
    "main": {"agreements/hostile-2027.yaml": HERE / "legal-agreement.yaml", "notices/hostile-brev.yaml": HERE / "legal-notice.yaml"},
    "discrepancies": {"agreements/hostile-avvikelse-2027.yaml": HERE / "legal-discrepancies.yaml"},
}
"""Projects built for the legal cases: content files added (from templates with "@@NAME" markers).
Cases with `replace` edit real content files in the main build."""


def markers(node) -> list[str]:
    if isinstance(node, dict):
        return [m for v in node.values() for m in markers(v)]
    if isinstance(node, list):
        return [m for v in node for m in markers(v)]
    return [node[2:]] if isinstance(node, str) and node.startswith("@@") else []


BUILD_OF = {
    name: build for build, files in BUILDS.items() for template in files.values() for name in markers(yaml.safe_load(template.read_text(encoding="utf-8")))
}
BUILD_OF.update({c.name: "main" for c in LEGAL_CASES if c.replace is not None})


def test_every_legal_case_has_one_place():
    placed = [name for build, files in BUILDS.items() for template in files.values() for name in markers(yaml.safe_load(template.read_text(encoding="utf-8")))]
    placed += [c.name for c in LEGAL_CASES if c.replace is not None]
    assert sorted(placed) == sorted(LEGAL_BY_NAME), "each legal case needs exactly one marker or replace"


def write_legal(content: Path, build: str, placeholders: set[str]) -> dict[tuple[str, str], str]:
    """Write the legal payloads of one build into content; returns (file, field) -> case name."""
    places: dict[tuple[str, str], str] = {}

    def value(name: str) -> str:
        return PLACEHOLDER if name in placeholders else LEGAL_BY_NAME[name].value

    def fill(node, loc: tuple, file: str):
        if isinstance(node, dict):
            return {k: fill(v, loc + (k,), file) for k, v in node.items()}
        if isinstance(node, list):
            return [fill(v, loc + (i,), file) for i, v in enumerate(node)]
        if isinstance(node, str) and node.startswith("@@"):
            places[("content/" + file, format_loc(loc))] = node[2:]
            return value(node[2:])
        return node

    for file, template in BUILDS[build].items():
        data = fill(yaml.safe_load(template.read_text(encoding="utf-8")), (), file)
        (content / file).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000), encoding="utf-8")
    edited: dict[str, str] = {}
    for case in LEGAL_CASES:
        if case.replace is None or BUILD_OF[case.name] != build:
            continue
        file, old, template = case.replace
        text = edited.get(file, (ROOT / "content" / file).read_text(encoding="utf-8"))
        assert text.count(old) == 1, f"{case.id}: {old!r} must occur once in {file}"
        edited[file] = text.replace(old, template.format(json.dumps(value(case.name), ensure_ascii=False)))
        places[("content/" + file, case.field)] = case.name
    for file, text in edited.items():
        (content / file).write_text(text, encoding="utf-8")
    if "samverkansregler.yaml" in edited:
        requote_guide(content)
    return places


def requote_guide(content: Path) -> None:
    """A guide quote must be whole sentences of the rule text it cites: where a payload replaced a text that the
    guide quotes (a definition, say), the quote becomes the whole new text, as in the injection corpus."""
    rulebook = yaml.safe_load((content / "samverkansregler.yaml").read_text(encoding="utf-8"))
    original = yaml.safe_load((ROOT / "content" / "samverkansregler.yaml").read_text(encoding="utf-8"))

    def texts(book: dict) -> dict[str, str]:
        found = {c["number"]: c["text"] for c in book.get("clauses", []) if c.get("text")}
        for key, prefix in (("principles", "princip"), ("rules", "regel"), ("definitions", "begrepp")):
            found |= {f"{prefix}:{x['id']}": x["text"] for x in book.get(key, [])}
        return found

    now, before = texts(rulebook), texts(original)
    changed = {ref for ref, text in now.items() if before.get(ref) != text}
    if not changed:
        return
    path = content / "guide.yaml"
    guide = yaml.safe_load(path.read_text(encoding="utf-8"))
    answers = [c for s in guide.get("situations", []) for c in s.get("cells", [])] + guide.get("questions", [])
    for answer in answers:
        for quote in answer.get("quotes", []) + [q for r in answer.get("readings", []) for q in r.get("quotes", [])]:
            if quote["ref"] in changed:
                quote["text"] = now[quote["ref"]]
    path.write_text(yaml.safe_dump(guide, allow_unicode=True, sort_keys=False, width=1_000_000), encoding="utf-8")


@dataclass
class LegalSite:
    site: Path
    refused: dict[str, str] = field(default_factory=dict)
    """Legal case -> the validation message that refused it (it was built with a placeholder)."""
    failure: str | None = None
    """Why the build failed, if it did."""


def build_legal(project: Path, build: str) -> LegalSite:
    content = project / "content"
    places = write_legal(content, build, set())
    _, issues = check(content)
    refused: dict[str, str] = {}
    unexplained = []
    for issue in errors_in(issues):
        owner = next((name for (file, loc), name in places.items() if file == issue.file and field_matches(issue.field, loc)), None)
        if owner is None:
            unexplained.append(str(issue))
        else:
            refused[owner] = str(issue)
    if unexplained:
        return LegalSite(project / "site", refused, "the legal content has errors that no payload explains:\n" + "\n".join(unexplained))
    if refused:
        write_legal(content, build, set(refused))
    result = run_generator(project, "build", "--no-pdf")
    failure = None if result.returncode == 0 else f"build {build!r} failed (exit {result.returncode}):\n{result.stderr}"
    return LegalSite(project / "site", refused, failure)


@pytest.fixture(scope="module")
def legal_sites(tmp_path_factory) -> dict[str, LegalSite]:
    return {build: build_legal(copy_project(tmp_path_factory.mktemp(f"hostile-{build}")), build) for build in BUILDS}


class Node:
    def __init__(self, tag: str, attrs: list[tuple[str, str | None]]):
        self.tag = tag
        self.attrs = attrs
        self.children: list[Node | str] = []

    def attr(self, name: str) -> str | None:
        for key, value in self.attrs:
            if key == name:
                return value or ""
        return None

    @property
    def classes(self) -> list[str]:
        return (self.attr("class") or "").split()

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def text(self) -> str:
        if self.tag in ("script", "style"):
            return ""
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", [])
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs)
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, attrs))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse_html(path: Path) -> Node:
    builder = TreeBuilder()
    builder.feed(path.read_text(encoding="utf-8"))
    builder.close()
    return builder.root


def fold(text: str) -> str:
    """Runs of white space to one space, and no permalink signs (headings end in a "¶" link)."""
    return " ".join(text.replace("¶", "").split())


SELECTOR = re.compile(r"^(?P<tag>[\w*]+)(?:\.(?P<cls>[\w-]+))?(?:\[(?P<attr>[\w-]+)(?:=(?P<value>[^\]]*))?\])?(?:=(?P<text>.*))?$")


def select(root: Node, selector: str) -> list[Node]:
    """Elements matching tag, tag.class, h*, tag[attr], tag[attr=value], each optionally =TEXT (exact, folded)."""
    match = SELECTOR.match(selector)
    assert match, selector
    tag, cls, attr, value, text = match.group("tag", "cls", "attr", "value", "text")
    found = []
    for node in root.iter():
        if tag == "h*":
            if not re.fullmatch(r"h[1-6]", node.tag):
                continue
        elif tag != "*" and node.tag != tag:
            continue
        if cls and cls not in node.classes:
            continue
        if attr and (node.attr(attr) is None or (value is not None and node.attr(attr) != value)):
            continue
        if text is not None and fold(node.text()) != text:
            continue
        found.append(node)
    return found


def article(root: Node) -> Node:
    found = [n for n in select(root, "article") if "md-content__inner" in n.classes]
    assert len(found) == 1, "page has no single <article class='md-content__inner'>"
    return found[0]


CONTEXTS = {
    "text": ("article", None),
    "heading": ("article", "h*"),
    "cell": ("article", "td"),
    "li": ("article", "li"),
    "blockquote": ("article", "blockquote"),
    "admonition": ("article", "div.admonition"),
    "link": ("article", "a"),
    "title": ("document", "title"),
    "nav": ("document", "*.md-nav__link"),
}


def calendar_events(path: Path) -> list:
    return list(Calendar.from_ical(path.read_bytes()).walk("VEVENT"))


@pytest.mark.parametrize("case", LEGAL_CASES, ids=lambda c: c.id)
def test_legal_markup_shows_as_text(case: Legal, legal_sites: dict[str, LegalSite]):
    legal_site = legal_sites[BUILD_OF[case.name]]
    assert legal_site.failure is None, legal_site.failure
    assert case.name not in legal_site.refused, f"legal text {case.value!r} was refused by validation:\n{legal_site.refused.get(case.name)}"
    needle = fold(case.needle if case.needle is not None else case.value)
    for show in case.shows:
        context, page = show.split(":", 1)
        path = legal_site.site / page
        assert path.is_file(), f"{page} was not built"
        if context.startswith("ics-"):
            events = calendar_events(path)
            prop = context.removeprefix("ics-").upper()
            values = [fold(str(event.get(prop, ""))) for event in events]
            assert any(needle in v for v in values), f"{show}: no event {prop} contains {needle!r}; {prop}s: {values}"
            for forbidden in case.forbid:
                match = SELECTOR.match(forbidden)
                if match and match["tag"].isupper():
                    clash = [e for e in events if str(e.get(match["attr"], "")) == match["value"]]
                    assert not clash, f"{show}: an event {forbidden} came from the text: {[e.to_ical() for e in clash]}"
            continue
        root = parse_html(path)
        if context == "tooltip":
            titles = [fold(n.attr("title") or "") for n in select(root, "a[title]")]
            assert any(needle in t for t in titles), f"{show}: no link title (tooltip) contains {needle!r}"
        else:
            scope, selector = CONTEXTS[context]
            where = article(root) if scope == "article" else root
            candidates = [where] if selector is None else select(where, selector)
            texts = [fold(n.text()) for n in candidates]
            assert any(needle in t for t in texts), f"{show}: no {selector or 'article'} shows {needle!r} as text; seen: {[t for t in texts if t][:40]}"
        body = article(root)
        for forbidden in case.forbid:
            if forbidden.split("[")[0].isupper():
                continue
            scope = root if "[" in forbidden else body
            found = [n for n in select(scope, forbidden) if not glossary_abbr(n)]
            assert not found, f"{show}: the text made a {forbidden} element: {[(n.tag, n.attrs, fold(n.text())[:80]) for n in found]}"


ON_ATTRIBUTE = re.compile(r"^on[a-z]+$")
GLOSSARY = {entry["term"]: entry["explanation"] for entry in yaml.safe_load((ROOT / "content" / "forkortningar.yaml").read_text(encoding="utf-8"))["entries"]}
"""content/forkortningar.yaml: the abbreviations the site explains itself (<abbr> with exactly this title)."""


def glossary_abbr(node) -> bool:
    """An <abbr> the site's own glossary made: its word is a glossary term and its title that term's explanation."""
    return node.tag == "abbr" and GLOSSARY.get(node.text()) == node.attr("title")


@pytest.mark.parametrize("build", BUILDS)
def test_legal_site_has_no_markup_from_content(build: str, legal_sites: dict[str, LegalSite]):
    """Over every page: no event handler attribute, no link to the payloads' host, no abbreviation but the glossary's,
    no image, no script running a payload, no danger admonition, no table of contents, no snippet."""
    legal_site = legal_sites[build]
    assert legal_site.failure is None, legal_site.failure
    problems = []
    for path in sorted(legal_site.site.rglob("*.html")):
        page = path.relative_to(legal_site.site)
        root = parse_html(path)
        for node in root.iter():
            handlers = [k for k, _ in node.attrs if ON_ATTRIBUTE.match(k)]
            if handlers:
                problems.append(f"{page}: <{node.tag}> has {handlers}")
            if node.tag == "a" and "evil.invalid" in (node.attr("href") or ""):
                problems.append(f"{page}: link to {node.attr('href')}")
            if node.tag == "script" and "alert(" in "".join(c for c in node.children if isinstance(c, str)):
                problems.append(f"{page}: script runs a payload")
            if (node.tag == "abbr" and not glossary_abbr(node)) or (node.tag == "img" and node.attr("src") == "x"):
                problems.append(f"{page}: <{node.tag}> {node.attrs}")
            if node.tag == "div" and ({"danger", "toc"} & set(node.classes)):
                problems.append(f"{page}: <div class='{node.attr('class')}'>")
    passwd_head = Path("/etc/passwd").read_text(encoding="utf-8", errors="replace").splitlines()[0] if Path("/etc/passwd").is_file() else "root:x:0:0"
    for path in legal_site.site.rglob("*"):
        if path.is_file() and passwd_head.encode() in path.read_bytes():
            problems.append(f"{path.relative_to(legal_site.site)}: holds /etc/passwd")
    assert not problems, "\n".join(problems)


def test_legal_calendars_parse_with_only_their_own_events(legal_sites: dict[str, LegalSite]):
    """Every calendar file parses, and the agreement's feed holds its three deadlines and one signing date."""
    legal_site = legal_sites["main"]
    assert legal_site.failure is None, legal_site.failure
    for path in [legal_site.site / "tidsfrister.ics", *sorted((legal_site.site / "tidsfrister").glob("*.ics"))]:
        calendar_events(path)
    uids = sorted(str(e["UID"]) for e in calendar_events(legal_site.site / "tidsfrister" / "hostile-2027.ics"))
    assert uids == sorted(
        f"hostile-2027--{item}@overenskommelser-och-samverkansregler" for item in ("frist-emfas", "frist-jinja", "frist-kalender", "undertecknande-staten")
    )
