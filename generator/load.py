"""Read content/*.yaml safely into typed models, remembering the line of every value.

Only regular files inside content/ are read, within a size limit. YAML is read as a stream of
parser events and built into plain data here, without recursion and without PyYAML's constructors:
no tag can run code, aliases and anchors are refused, the nesting depth is checked before anything
deeper is built (libyaml's own flow-nesting limit is reported as the same error, naming the field),
and plain scalars follow the YAML 1.2 core schema (`010` is ten, `no` is text).
Text with hidden characters (bidirectional controls, zero-width characters) is refused. Each value's
line is kept so that schema errors can name file, line and field.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator import model
from generator.issues import Issue

MAX_FILE_BYTES = 8_000_000
"""Far above any real content file (the 100× benchmark rulebook is about 4 MB), far below what would hurt."""
MAX_DEPTH = 30
_TOO_DEEP = f"data nested deeper than {MAX_DEPTH} levels"
MAX_NODES = 200_000
FILE_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,79}\.ya?ml$")
"""Content file names: they are printed in pages and messages, so they are as plain as ids."""

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# YAML 1.2 core schema for plain (unquoted) scalars; anything else is a string. So `010` is ten,
# `yes` and `190:20:30` are strings. Dates (YYYY-MM-DD) are read as dates, as content needs them.
_NULL = re.compile(r"^(?:null|Null|NULL|~|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_INT_OCT = re.compile(r"^0o[0-7]+$")
_INT_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_FLOAT_SPECIAL = {".inf": math.inf, "+.inf": math.inf, "-.inf": -math.inf, ".nan": math.nan}
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_DATE_TIME = re.compile(r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]")
MAX_INT_DIGITS = 20
T = TypeVar("T", bound=BaseModel)

# Which file holds what: (Content attribute, model, required).
SINGLE_FILES: dict[str, tuple[str, type[BaseModel], bool]] = {
    "sources.yaml": ("sources", model.SourceList, True),
    "samverkansregler.yaml": ("rulebook", model.Rulebook, False),
    "guide.yaml": ("guide", model.Guide, False),
    "themes.yaml": ("themes", model.ThemeMap, False),
    "search.yaml": ("search", model.SearchWords, False),
    "andringar.yaml": ("changes", model.ChangeLog, False),
    "forkortningar.yaml": ("glossary", model.Glossary, False),
}
FOLDERS: dict[str, tuple[str, type[BaseModel]]] = {
    "agreements": ("agreements", model.Agreement),
    "notices": ("notices", model.Notice),
    "coverage": ("coverage", model.CoverageMap),
}


@dataclass
class Document:
    """Plain data of one YAML file plus the line of each value, keyed by its path."""

    file: str
    data: Any
    lines: dict[tuple, int] = field(default_factory=dict)

    def line_of(self, loc: tuple) -> int | None:
        for end in range(len(loc), -1, -1):
            if loc[:end] in self.lines:
                return self.lines[loc[:end]]
        return None

    def issue(self, loc: tuple, message: str, level: Literal["error", "warning"] = "error") -> Issue:
        return Issue(self.file, self.line_of(loc), format_loc(loc), message, level)


@dataclass
class Loaded(Generic[T]):
    """A validated model and the document it came from (for line numbers in later checks)."""

    item: T
    doc: Document


@dataclass
class Content:
    sources: Loaded[model.SourceList] | None = None
    agreements: list[Loaded[model.Agreement]] = field(default_factory=list)
    notices: list[Loaded[model.Notice]] = field(default_factory=list)
    rulebook: Loaded[model.Rulebook] | None = None
    guide: Loaded[model.Guide] | None = None
    themes: Loaded[model.ThemeMap] | None = None
    coverage: list[Loaded[model.CoverageMap]] = field(default_factory=list)
    search: Loaded[model.SearchWords] | None = None
    changes: Loaded[model.ChangeLog] | None = None
    glossary: Loaded[model.Glossary] | None = None
    root: Path = Path("content")


class _Reject(Exception):
    def __init__(self, line: int | None, loc: tuple, message: str):
        self.line, self.loc, self.message = line, loc, message


def format_loc(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(file)"


def _scalar(event: yaml.ScalarEvent) -> Any:
    """A scalar's value under the YAML 1.2 core schema (quoted scalars are always strings)."""
    text = event.value
    if event.style:  # quoted, literal (|) or folded (>)
        return text
    if _NULL.match(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.match(text) or _INT_OCT.match(text) or _INT_HEX.match(text):
        digits = text.lstrip("+-")
        if len(digits) > MAX_INT_DIGITS:
            raise ValueError(f"number {text[:30]}… is too long")
        if digits.startswith(("0o", "0x")):
            value = int(digits[2:], 8 if digits[1] == "o" else 16)
            return -value if text.startswith("-") else value
        return int(text, 10)
    if _FLOAT.match(text):
        return float(text)
    if text.lower() in _FLOAT_SPECIAL:
        return _FLOAT_SPECIAL[text.lower()]
    if _DATE.match(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"{text} is not a date") from None
    if _DATE_TIME.match(text):
        raise ValueError("give a date (YYYY-MM-DD), not a date and time")
    return text


_INVISIBLE_CATEGORIES = {
    "Cc": "control character",
    "Cf": "invisible formatting character",
    "Cs": "lone surrogate",
    "Co": "private-use character",
    "Cn": "unassigned character",
    "Zl": "line separator",
    "Zp": "paragraph separator",
}


def hidden_character(text: str) -> str | None:
    """Describe the first character that shows as nothing or something else (bidirectional
    controls, zero-width characters, controls other than line break), or None if there is none."""
    for char in set(text):
        if char == "\n" or (" " <= char <= "~"):
            continue
        kind = _INVISIBLE_CATEGORIES.get(unicodedata.category(char))
        if kind:
            name = unicodedata.name(char, "")
            position = text.index(char) + 1
            return f"U+{ord(char):04X}{' ' + name if name else ''} ({kind}) at character {position}"
    return None


@dataclass
class _Open:
    """A mapping or sequence being composed."""

    value: dict[str, Any] | list[Any]
    loc: tuple
    line: int
    key: str | None = None
    """For a mapping: the key whose value comes next."""


def _events(text: str, here: Callable[[], tuple]) -> Iterator[yaml.Event]:
    """The parser's events; libyaml's own nesting limit is reported as this loader's depth error.

    The libyaml in PyYAML 6.0.4 refuses flow nesting of about 1000 levels by itself, and its scanner
    reads up to a line of brackets ahead before the parser hands out their events, so a line of
    `[[[[…` stops it before MAX_DEPTH is reached here. That is the same fault, so it gets the same
    message, named by the line where the parser stopped and the field path opened so far (here()),
    not a bare "(yaml)" syntax error.
    """
    parsed = yaml.parse(text, Loader=_Loader)
    while True:
        try:
            event = next(parsed)
        except StopIteration:
            return
        except yaml.MarkedYAMLError as exc:
            if "nesting depth" not in (exc.problem or ""):
                raise
            mark = exc.problem_mark or exc.context_mark
            raise _Reject(mark.line + 1 if mark is not None else None, here(), _TOO_DEEP) from None
        yield event


def _compose(text: str, doc: Document) -> Any:
    """Plain data from YAML events, without recursion: the depth is checked before anything is built.

    Refuses aliases, anchors, tags, keys that are not plain text, duplicate keys and hidden characters.
    """
    stack: list[_Open] = []
    result: Any = None
    documents = 0
    nodes = 0

    def place(value: Any, line: int) -> None:
        nonlocal result
        if not stack:
            result = value
            return
        top = stack[-1]
        if isinstance(top.value, list):
            doc.lines[top.loc + (len(top.value),)] = line
            top.value.append(value)
        elif top.key is None:
            if not isinstance(value, str):
                raise _Reject(line, top.loc, "mapping keys must be plain text")
            if value in top.value:
                raise _Reject(line, top.loc + (value,), "key appears twice")
            top.key = value
            doc.lines[top.loc + (value,)] = line
        else:
            top.value[top.key] = value
            top.key = None

    def here() -> tuple:
        if not stack:
            return ()
        top = stack[-1]
        return top.loc + ((len(top.value),) if isinstance(top.value, list) else ((top.key,) if top.key is not None else ()))

    for event in _events(text, here):
        if isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)):
            continue
        line = event.start_mark.line + 1 if event.start_mark is not None else 0
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise _Reject(line, (), "a content file holds one YAML document (found a second '---')")
            continue
        loc = here()
        if isinstance(event, yaml.AliasEvent):
            raise _Reject(line, loc, "YAML aliases (*name) are not allowed in content")
        if getattr(event, "anchor", None):
            raise _Reject(line, loc, "YAML anchors (&name) are not allowed in content")
        tag = getattr(event, "tag", None)
        if tag is not None and not (isinstance(event, yaml.ScalarEvent) and tag == "!"):
            raise _Reject(line, loc, f"YAML tags are not allowed in content (found {tag})")
        nodes += 1
        if nodes > MAX_NODES:
            raise _Reject(line, loc, f"file has more than {MAX_NODES} values")
        if isinstance(event, yaml.ScalarEvent):
            if problem := hidden_character(event.value):
                raise _Reject(line, loc, f"text contains {problem}; remove it")
            try:
                value = _scalar(event)
            except ValueError as exc:
                raise _Reject(line, loc, f"invalid value {event.value[:40]!r}: {exc}") from None
            place(value, line)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if len(stack) >= MAX_DEPTH:
                raise _Reject(line, loc, _TOO_DEEP)
            if stack and isinstance(stack[-1].value, dict) and stack[-1].key is None:
                raise _Reject(line, loc, "mapping keys must be plain text")
            container: dict[str, Any] | list[Any] = {} if isinstance(event, yaml.MappingStartEvent) else []
            if not stack:
                doc.lines[()] = line
            stack.append(_Open(container, loc, line))
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            done = stack.pop()
            place(done.value, done.line)
    return result


def _regular_file_inside(path: Path, root: Path) -> Path:
    """The resolved path of a regular file inside root; ValueError says why it is not one
    (a link leading out, a link loop, a FIFO, a device, missing)."""
    try:
        resolved = path.resolve()
        if not resolved.is_relative_to(root.resolve()):
            raise ValueError(f"is a link to {resolved}, outside the content folder")
        mode = resolved.stat().st_mode
    except RuntimeError:  # Python 3.11 reports a symbolic link loop this way
        raise ValueError("is a symbolic link loop") from None
    except OSError as exc:
        raise ValueError(f"cannot be read: {exc.strerror}") from None
    if not stat.S_ISREG(mode):
        raise ValueError("is not a regular file")
    return resolved


def file_problem(path: Path, root: Path) -> str | None:
    """Why path is not a regular file inside root, or None."""
    try:
        _regular_file_inside(path, root)
    except ValueError as exc:
        return str(exc)
    return None


def _read_regular_file(path: Path, root: Path) -> bytes:
    """The bytes of a regular file inside root, or OSError/ValueError saying why not.

    No symbolic links leading out of content/, no FIFOs or devices (which could hang or feed the
    build endlessly), and never more than MAX_FILE_BYTES read.
    """
    try:
        resolved = _regular_file_inside(path, root)
    except ValueError as exc:
        raise ValueError(f"file {exc}") from None
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    descriptor = os.open(resolved, flags)
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise ValueError("file is not a regular file")
        if info.st_size > MAX_FILE_BYTES:
            raise ValueError(f"file is {info.st_size} bytes; the limit is {MAX_FILE_BYTES}")
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ValueError(f"file is larger than the limit of {MAX_FILE_BYTES} bytes")
    return data


def read_document(path: Path, root: Path) -> tuple[Document | None, list[Issue]]:
    rel = _display_path(path, root)
    try:
        text = _read_regular_file(path, root).decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [Issue(rel, None, "(file)", f"not valid UTF-8: {exc.reason}")]
    except ValueError as exc:
        return None, [Issue(rel, None, "(file)", str(exc))]
    except OSError as exc:
        return None, [Issue(rel, None, "(file)", f"cannot read file: {exc.strerror}")]
    doc = Document(rel, None)
    try:
        data = _compose(text, doc)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        return None, [Issue(rel, line, "(yaml)", f"invalid YAML: {exc.problem or exc.context}")]
    except yaml.YAMLError as exc:
        return None, [Issue(rel, None, "(yaml)", f"invalid YAML: {exc}")]
    except _Reject as exc:
        return None, [Issue(rel, exc.line, format_loc(exc.loc), exc.message)]
    if data is None:
        return None, [Issue(rel, None, "(file)", "file is empty")]
    doc.data = data
    return doc, []


def validate_model(doc: Document, cls: type[T]) -> tuple[Loaded[T] | None, list[Issue]]:
    if not isinstance(doc.data, dict):
        return None, [doc.issue((), f"expected a mapping of fields at the top of the file, found {type(doc.data).__name__}")]
    try:
        return Loaded(cls.model_validate(doc.data), doc), []
    except ValidationError as exc:
        return None, [doc.issue(tuple(err["loc"]), _message(err)) for err in exc.errors(include_url=False)]


def _message(err: ErrorDetails) -> str:
    if err["type"] == "missing":
        return "required field is missing"
    if err["type"] == "extra_forbidden":
        return "unknown field"
    return err["msg"]


def _display_path(path: Path, root: Path) -> str:
    try:
        return str(Path(root.name) / path.relative_to(root))
    except ValueError:
        return str(path)


def load_content(root: Path) -> tuple[Content, list[Issue]]:
    """Read every content file under root. Returns what validated and all issues found."""
    content = Content(root=root)
    issues: list[Issue] = []

    def load(path: Path, cls: type[T]) -> Loaded[T] | None:
        doc, problems = read_document(path, root)
        issues.extend(problems)
        if doc is None:
            return None
        loaded, problems = validate_model(doc, cls)
        issues.extend(problems)
        return loaded

    if not root.is_dir():
        return content, [Issue(str(root), None, "(folder)", "content folder does not exist")]
    for name, (attribute, cls, required) in SINGLE_FILES.items():
        path = root / name
        if path.exists():
            setattr(content, attribute, load(path, cls))
        elif required:
            issues.append(Issue(_display_path(path, root), None, "(file)", f"{name} is missing"))
    for folder, (attribute, cls) in FOLDERS.items():
        for path in _yaml_files(root / folder):
            if not FILE_NAME.match(path.name):
                issues.append(Issue(_display_path(path, root), None, "(file)", "file name may only hold lower-case letters a–z, digits, - and _, and end in .yaml"))
            elif (loaded := load(path, cls)) is not None:
                getattr(content, attribute).append(loaded)
    for path in sorted(root.glob("*.y*ml")):
        if path.name not in SINGLE_FILES and not path.name.startswith("_"):
            issues.append(Issue(_display_path(path, root), None, "(file)", "unknown content file; expected one of " + ", ".join([*SINGLE_FILES, *(f + "/*.yaml" for f in FOLDERS)])))
    content.agreements.sort(key=lambda a: (a.item.series, a.item.year, a.item.id))
    return content, issues


def _yaml_files(folder: Path) -> list[Path]:
    """YAML files in a content folder; names starting with _ or . are drafts and left alone."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in {".yaml", ".yml"} and not p.name.startswith(("_", ".")))
