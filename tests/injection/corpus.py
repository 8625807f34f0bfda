"""The injection corpus: the real content with a payload in every free-text value.

`write_corpus(project)` rewrites `project/content/` (a throw-away copy, see tests.conftest.copy_project)
so that every string typed `Text` or `Line` in generator/model.py carries payloads: markup, Markdown
and extension syntax (attribute lists, admonitions, snippets, abbreviations, tables), attribute
breakouts, entity forms and template syntax. Ids, enum values, seed numbers, dates, amounts and
references are left as they are, so the content stays valid (apart from the load-time blocklist of
generator.model, which the injection build switches off: see build_site.py).

Every payload carries the marker PWN and tries to set `window.__pwned` or call alert(); the
browser test (tests/browser/injection.mjs) asserts that none of them ever fires.

Which fields are free text is read from the model's type hints (`Text`, `Line`, optionally in a
list or `| None`), so a field added to the model later is covered without touching this file.
"""

from __future__ import annotations

import types
import typing
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from generator import model
from generator.coverage import ITEM_KINDS, candidates, derive_carriers
from generator.obligations import OBLIGATION
from generator.load import FOLDERS, SINGLE_FILES, read_document

SECRET = "SECRET-FROM-BUILD-MACHINE-7f3a"
"""Planted in the project before the build; no payload may pull it into a page or the PDF."""
SECRET_FILE = "secret-PWNFILE.txt"
MARKER = "PWN"


@dataclass(frozen=True)
class Payload:
    text: str
    at: typing.Literal["start", "end"]
    """Where in the value it goes: line-start syntax first, trailing syntax (attribute lists) last."""


# One-line payloads: usable in `Line` and `Text` fields alike.
INLINE: list[Payload] = [
    # Attribute lists (attr_list): effective at the end of a block, heading or inline element.
    Payload('PWN {: onclick="window.__pwned=1" data-pwn="1" }', "end"),
    Payload("PWN { #x .pwn onmouseover=alert(1) }", "end"),
    Payload("![PWN](x){: onerror=alert(1)}", "end"),
    Payload('PWN {: style="background:url(javascript:alert(1))" tabindex="1" onfocus="window.__pwned=1" autofocus }', "end"),
    # Raw HTML.
    Payload('<img src=x onerror="window.__pwned=1" alt="PWN">', "end"),
    Payload("<script>window.__pwned=1</script>PWN", "end"),
    Payload("<svg onload=alert(1)>PWN</svg>", "end"),
    Payload('<a href="javascript:window.__pwned=1">PWN</a>', "end"),
    Payload("<details open ontoggle=alert(1)><summary>PWN</summary></details>", "end"),
    Payload("<IMG SRC=x OnError=alert(1)>PWN", "end"),
    Payload("</title></textarea></style></script><img src=x onerror=alert(1)>PWN", "end"),
    Payload("PWN\\<img src=x onerror=alert(1)>", "end"),
    Payload("`<img src=x onerror=alert(1)>`PWN", "end"),
    # Comments: hiding text, and closing a comment the generator might write around text.
    Payload("<!-- PWN -->", "end"),
    Payload("PWN --> <img src=x onerror=alert(1)> <!--", "end"),
    # Markdown links and images.
    Payload("[PWN](javascript:alert(1))", "end"),
    Payload("PWN](javascript:alert(1)) [x", "end"),
    Payload('PWN") [x](javascript:alert(1) "', "end"),
    Payload('PWN <javascript:alert(1)> <http://pwn.invalid/"onmouseover="alert(1)>', "end"),
    # Breaking out of an attribute value (link titles, tooltips, alt texts, meta tags).
    Payload('" onfocus="window.__pwned=1" autofocus x="PWN', "end"),
    Payload("' onmouseover='alert(1)' x='PWN", "end"),
    Payload('PWN" title="x" onmouseover="alert(1)', "end"),
    # Entity forms: must stay visible as typed, never be decoded into markup.
    Payload("&lt;img src=x onerror=alert(1)&gt;PWN", "end"),
    Payload("&#60;svg onload=alert(1)&#62;PWN", "end"),
    Payload("PWN javascript&#58;alert(1) &amp;lt;b&amp;gt;", "end"),
    # Template syntax (Jinja in the generator, macros plugins).
    Payload("{{ 7*7 }}PWN", "end"),
    Payload("{% raw %}PWN{% endraw %}", "end"),
    # Line-start syntax: snippets, admonitions, tables, headings, abbreviations, lists, quotes.
    Payload('--8<-- "/etc/hostname" PWN', "start"),
    Payload(f'--8<-- "{SECRET_FILE}"', "start"),
    Payload('!!! danger "PWN"', "start"),
    Payload("| PWN | x |", "start"),
    Payload("# PWN", "start"),
    Payload("*[PWN]: <b onmouseover=alert(1)>x</b>", "start"),
    Payload("1. PWN", "start"),
    Payload("> PWN", "start"),
    Payload("=== PWN", "start"),
    Payload('??? note "PWN"', "start"),
]

# Multi-line payloads: only for `Text` fields (a `Line` must stay on one line). Each is put on lines
# of its own, so that block syntax would take effect if the text were not escaped.
BLOCK: list[Payload] = [
    Payload('--8<-- "/etc/hostname"\n\n!!! danger "PWN"\n\n    <script>window.__pwned=1</script>', "start"),
    Payload(f'--8<-- "{SECRET_FILE}"\n\n--8<-- "docs/{SECRET_FILE}"\n\nPWN', "start"),
    Payload("---\ntitle: PWN\n---", "start"),
    Payload('"\ntitle: PWN\nsearch: {exclude: true}', "start"),
    Payload("| PWN | x |\n|---|---|\n| <img src=x onerror=alert(1)> | y |", "start"),
    Payload('# PWN {: onclick="window.__pwned=1" }', "start"),
    Payload("*[PWN]: <b onmouseover=alert(1)>x</b>\n\nPWN", "start"),
    Payload('<div markdown="1" onmouseover="alert(1)">\nPWN\n</div>', "start"),
    Payload("[PWN]: javascript:alert(1)\n\n[PWN][PWN]", "start"),
    Payload('- PWN <img src=x onerror=alert(1)>\n- x {: onclick="window.__pwned=1" }', "start"),
    Payload("```\n</code><script>window.__pwned=1</script>PWN\n```", "start"),
    Payload("<!--\nPWN\n-->", "start"),
    Payload('PWN\n===\n{: onclick="window.__pwned=1" }', "start"),
]

ALL_PAYLOADS = INLINE + BLOCK


# --- Which fields are free text ------------------------------------------------------------------


def _strip_optional(hint: Any) -> Any:
    """`X | None` -> X; anything else unchanged."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return hint


def _classify(hint: Any) -> tuple[str, Any] | None:
    """("Text"|"Line", None), ("model", cls), or ("list", inner classification) for a field's type hint."""
    hint = _strip_optional(hint)
    if hint == model.Text:
        return "Text", None
    if hint == model.Line:
        return "Line", None
    if typing.get_origin(hint) is typing.Annotated:
        return _classify(typing.get_args(hint)[0])
    if typing.get_origin(hint) is list:
        inner = _classify(typing.get_args(hint)[0])
        return ("list", inner) if inner else None
    if isinstance(hint, type) and issubclass(hint, BaseModel):
        return "model", hint
    return None


def schema(cls: type[BaseModel]) -> dict[str, tuple[str, Any]]:
    """The fields of a model class that are, or contain, free text or other models."""
    hints = typing.get_type_hints(cls, include_extras=True)
    out = {}
    for name in cls.model_fields:
        kind = _classify(hints[name])
        if kind is not None:
            out[name] = kind
    return out


def text_field_types(root: type[BaseModel]) -> set[tuple[str, str, str]]:
    """(class, field, "Text"|"Line") of every free-text field reachable from a root model."""
    found: set[tuple[str, str, str]] = set()
    seen: set[type] = set()

    def visit(cls: type[BaseModel]) -> None:
        if cls in seen:
            return
        seen.add(cls)
        for name, kind in schema(cls).items():
            while kind[0] == "list":
                kind = kind[1]
            if kind[0] == "model":
                visit(kind[1])
            else:
                found.add((cls.__name__, name, kind[0]))

    visit(root)
    return found


def text_values(obj: Any) -> Iterator[tuple[str, str, str, str]]:
    """(class, field, "Text"|"Line", value) of every free-text value in a validated model."""
    if isinstance(obj, list):
        for item in obj:
            yield from text_values(item)
        return
    if not isinstance(obj, BaseModel):
        return
    for name, kind in schema(type(obj)).items():
        value = getattr(obj, name)
        while kind[0] == "list":
            kind = kind[1]
        if kind[0] == "model":
            yield from text_values(value)
        elif value is not None:
            for item in value if isinstance(value, list) else [value]:
                yield type(obj).__name__, name, kind[0], item


# --- Writing the corpus --------------------------------------------------------------------------


KEEP_START = {("Definition", "term")}
"""Fields whose value must keep its first word: a defined term is found in rule texts by its first
word, and the term links (with the definition as tooltip) are a context of their own."""


@dataclass
class Injector:
    inline_turn: int = 0
    start_turn: int = 0
    block_turn: int = 0
    placed: Counter = field(default_factory=Counter)
    """(class, field) -> number of values that got payloads."""
    used: Counter = field(default_factory=Counter)
    """Payload text -> number of times placed."""

    def _next(self, at: str) -> Payload:
        pool = [p for p in INLINE if p.at == at]
        if at == "start":
            payload = pool[self.start_turn % len(pool)]
            self.start_turn += 1
        else:
            payload = pool[self.inline_turn % len(pool)]
            self.inline_turn += 1
        self.used[payload.text] += 1
        return payload

    def _next_block(self) -> Payload:
        payload = BLOCK[self.block_turn % len(BLOCK)]
        self.block_turn += 1
        self.used[payload.text] += 1
        return payload

    def value(self, text: str, kind: str, where: tuple[str, str]) -> str:
        """The text with a line-start payload before it and a trailing payload after it; `Text`
        values also get multi-line payloads on lines of their own, before and after."""
        end = self._next("end")
        out = f"{text} {end.text}" if where in KEEP_START else f"{self._next('start').text} {text} {end.text}"
        if kind == "Text":
            out = f"{self._next_block().text}\n\n{out}\n\n{self._next_block().text}\n"
        self.placed[where] += 1
        return out

    def walk(self, data: Any, cls: type[BaseModel]) -> Any:
        """The plain data of one `cls`, with payloads in its free-text values."""
        if not isinstance(data, dict):
            return data
        fields = schema(cls)
        out = {}
        for name, value in data.items():
            kind = fields.get(name)
            out[name] = value if kind is None or value is None else self._walk_value(value, kind, (cls.__name__, name))
        return out

    def _walk_value(self, value: Any, kind: tuple[str, Any], where: tuple[str, str]) -> Any:
        if kind[0] == "list":
            return [self._walk_value(v, kind[1], where) for v in value] if isinstance(value, list) else value
        if kind[0] == "model":
            return self.walk(value, kind[1])
        return self.value(value, kind[0], where) if isinstance(value, str) else value


def _files(content: Path) -> Iterator[tuple[Path, type[BaseModel]]]:
    for name, (_, cls, _) in SINGLE_FILES.items():
        if (content / name).exists():
            yield content / name, cls
    for folder, (_, cls) in FOLDERS.items():
        for path in sorted((content / folder).glob("*.yaml")):
            if not path.name.startswith(("_", ".")):
                yield path, cls


def _link_terms(rulebook: dict) -> None:
    """Mention every (payload-carrying) defined term in the rule texts, so that the term links and
    their tooltips (the definition text in a title attribute) are part of the corpus too."""
    terms = [d["term"] for d in rulebook.get("definitions", [])]
    if not terms:
        return
    texts = [x for key in ("principles", "rules") for x in rulebook.get(key, [])]
    texts += [c for c in rulebook.get("clauses", []) if c.get("text")]
    for i, item in enumerate(texts):
        item["text"] = f"{item['text']}\n\nSe {terms[i % len(terms)]}."


def _fill_gaps(data: dict, cls: type[BaseModel]) -> dict:
    """Add objects the real content happens not to have, so that their text fields are in the corpus too:
    a distribution key component of kind other (KeyComponent.description), and a known discrepancy
    (Discrepancy.note) on every agreement without one. It names the stated total,
    which validation accepts for any agreement (it only softens a mismatch that is not there); and where an original
    is published (Source.published), which no seed states."""
    if cls is model.SourceList:
        for source in data["sources"]:
            source.setdefault("published", "Uppgift om publicering som bara finns i injektionskorpusen.")
    if cls is model.Agreement and data.get("distribution_keys"):
        data["distribution_keys"][0]["components"].append({"kind": "other", "description": "Annan fördelning som bara finns i injektionskorpusen."})
    if cls is model.Agreement and not data.get("discrepancies"):
        data["discrepancies"] = [
            {
                "id": "injektion",
                "check": "stated_total",
                "subject": data["id"],
                "note": "Avvikelse som bara finns i injektionskorpusen.",
                "source": data["source"],
            }
        ]
    return data


def plant_secret(project: Path) -> None:
    """A file a snippet include could reach, in docs/ and in the project root (the build's cwd)."""
    for folder in (project / "docs", project):
        (folder / SECRET_FILE).write_text(f"{SECRET}\n", encoding="utf-8")


def write_corpus(project: Path) -> Injector:
    """Rewrite project/content/ with payloads in every free-text value; returns what was placed."""
    content = project / "content"
    carriers = _map_carriers(content)
    injector = Injector()
    for path, cls in _files(content):
        # The generator's own reader (YAML 1.2 core schema: "001" stays text, dates stay dates).
        doc, problems = read_document(path, content)
        assert doc is not None, problems
        data = injector.walk(_fill_gaps(doc.data, cls), cls)
        if cls is model.Rulebook:
            _link_terms(data)
        path.write_text(
            f"# Injection corpus written by tests/injection/corpus.py from {path.name}.\n"
            + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000),
            encoding="utf-8",
        )
    _quote_injected_rules(content)
    _one_name_per_document(content)
    _fit_seeds_to_injected_maps(content, carriers)
    _print_injected_numbers(content)
    _unlink_full_text_example(project)
    plant_secret(project)
    return injector


def _unlink_full_text_example(project: Path) -> None:
    """"Länka hit" shows a link to a numbered heading of a full text (#avsnitt-6-1). The corpus's headings are
    payloads, which number nothing, so that anchor does not exist there: the example stays, as text."""
    page = project / "docs" / "lanka-hit.md"
    if page.exists():
        text = page.read_text(encoding="utf-8")
        page.write_text(text.replace("[6.1 i Psykisk hälsa 2025](fran-kalla/text-psykisk-halsa-2025.md#avsnitt-6-1)", "6.1 i Psykisk hälsa 2025"), encoding="utf-8")


def _load_body(path: Path) -> tuple[str, Any]:
    header, _, body = path.read_text(encoding="utf-8").partition("\n")
    return header, yaml.safe_load(body)


def _dump(path: Path, header: str, data: Any) -> None:
    path.write_text(header + "\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")


def _one_name_per_document(content: Path) -> None:
    """Validation wants sources.yaml to name a one-agreement seed as the agreement does: the source takes the agreement's injected title."""
    header, sources = _load_body(content / "sources.yaml")
    agreements = [_load_body(p)[1] for p in sorted((content / "agreements").glob("*.yaml"))]
    for source in sources["sources"]:
        own = [a for a in agreements if a["source"]["seed"] == source["id"]]
        if len(own) == 1:
            source["title"] = own[0]["title"]
            # An injected title is printed by no seed: it is the site's name for the document.
            if source.pop("title_source", None) is not None:
                source["title_given_by_site"] = True
                source.setdefault("title_note", own[0]["title"])
    _dump(content / "sources.yaml", header, sources)


def _citations(content: Path) -> dict[str, list[tuple[str, str, str]]]:
    """Each agreement's (ref, seed, section) citations, read from its YAML as generator.coverage.cited_items does."""
    citations = {}
    for path in sorted((content / "agreements").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))  # before and after injection (the corpus' first line is a comment)
        citations[data["id"]] = [(f"{kind}:{item[key]}", item["source"]["seed"], item["source"]["section"]) for field, kind, key in ITEM_KINDS for item in data.get(field, [])]
    return citations


def _derived(cmap: dict, citations: dict) -> list[tuple[str, ...]]:
    return derive_carriers(cmap["seed"], [(s["heading"], s.get("document") or cmap["document"]) for s in cmap["sections"]], citations)


def _map_carriers(content: Path) -> dict[str, list[list[str]]]:
    """Before injection: per map file, every section's carriers, its own refs and those its items' citations give."""
    citations = _citations(content)
    carriers = {}
    for path in sorted((content / "coverage").glob("*.yaml")) if (content / "coverage").is_dir() else []:
        cmap = yaml.safe_load(path.read_text(encoding="utf-8"))
        carriers[path.name] = [list(s.get("carried_by", [])) + [r for r in derived if r not in s.get("carried_by", [])] for s, derived in zip(cmap["sections"], _derived(cmap, citations), strict=True)]
    return carriers


def _fit_seeds_to_injected_maps(content: Path, carriers: dict[str, list[list[str]]]) -> None:
    """A coverage map names headings as the seed prints them (validation compares the two). With payloads in the
    headings, the corpus's copy of each seed gets every injected heading and not_sections text as a line of its own,
    and the seed's own heading-like lines get a leading dash so that they no longer look like headings.
    Payloads also move the numbers that headings and citations share, so a map lists every carrier it had before
    injection that the corpus's citations no longer give, and a reason gives way where they now name its section."""
    citations = _citations(content)
    _, sources = _load_body(content / "sources.yaml")
    files = {s["id"]: s["file"] for s in sources["sources"]}
    for path in sorted((content / "coverage").glob("*.yaml")) if (content / "coverage").is_dir() else []:
        header, cmap = _load_body(path)
        seed = content / "seeds" / files[cmap["seed"]]
        lines = list(seed.read_text(encoding="utf-8").splitlines())
        if "obligations" in cmap:
            # The obligation rule matches the seed's sentences against the items' quotes, which now hold payloads:
            # the seed's own obligation words are broken by soft hyphens and the map lists no sentence (see
            # OBLIGATION_FIELDS in tests/test_injection.py). The scope stays: it is the full-text page's range.
            cmap["obligations"]["unquoted"] = []
            lines = [OBLIGATION.sub(lambda m: "\u00ad".join(m.group(0)), line) for line in lines]
        for line_number, _ in candidates(tuple(lines)):
            lines[line_number - 1] = "– " + lines[line_number - 1]
        lines += [section["heading"] for section in cmap["sections"]]
        for section, before, derived in zip(cmap["sections"], carriers[path.name], _derived(cmap, citations), strict=True):
            # A diarienummer is named by its (now injected) number, which a ref cannot spell: point at the overview instead.
            section["carried_by"] = ["summary" if ref.startswith("diarienummer:") else ref for ref in before if ref not in derived]
            if derived:
                section.pop("reason", None)
        for skip in cmap.get("not_sections", []):
            lines.append(skip["text"])
            skip["line"] = len(lines)
        for part in cmap.get("full_texts", []):
            # An injected title is printed by no seed: it is the site's name for the document (as for sources).
            if not part.get("title_given_by_site"):
                part["title_given_by_site"] = True
                part.setdefault("title_note", part["title"])
        seed.write_text("\n".join(lines) + "\n", encoding="utf-8")
        _dump(path, header, cmap)


def _print_injected_numbers(content: Path) -> None:
    """sources.yaml records a diarienummer only as a seed prints it (validation checks it): the corpus's copy of the
    cited seed gets each injected number as a line of its own, after a dash so that it never looks like a heading."""
    _, sources = _load_body(content / "sources.yaml")
    files = {s["id"]: s["file"] for s in sources["sources"]}
    for source in sources["sources"]:
        for number in source.get("diarienummer", []):
            seed = content / "seeds" / files[number["source"]["seed"]]
            text = seed.read_text(encoding="utf-8")
            seed.write_text(text + ("" if text.endswith("\n") else "\n") + "– " + number["number"] + "\n", encoding="utf-8")


def _quote_injected_rules(content: Path) -> None:
    """Guide quotes must be verbatim passages of the rule text they cite (validation checks it),
    so each quote becomes the whole injected text it cites: its payloads then reach the page as quotes."""
    guide_path, rulebook_path = content / "guide.yaml", content / "samverkansregler.yaml"
    if not (guide_path.exists() and rulebook_path.exists()):
        return
    rulebook = yaml.safe_load(rulebook_path.read_text(encoding="utf-8"))
    texts = {c["number"]: c["text"] for c in rulebook.get("clauses", []) if c.get("text")}
    for key, prefix in (("principles", "princip"), ("rules", "regel"), ("definitions", "begrepp")):
        texts |= {f"{prefix}:{x['id']}": x["text"] for x in rulebook.get(key, [])}
    header, guide = _load_body(guide_path)
    answers = [c for s in guide.get("situations", []) for c in s.get("cells", [])] + guide.get("questions", [])
    answers += [reading for answer in list(answers) for reading in answer.get("readings", [])]
    for answer in answers:
        for quote in answer.get("quotes", []) + [q for r in answer.get("readings", []) for q in r.get("quotes", [])]:
            quote["text"] = texts[quote["ref"]]
    _dump(guide_path, header, guide)
