"""Read content/*.yaml safely into typed models, remembering the line of every value.

YAML is composed into nodes (never constructed into objects), so no tag can run
code; then the nodes are turned into plain data under limits that defuse alias
bombs, deep nesting and huge files. Each value's line is kept so that schema
errors can name file, line and field.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from generator import model
from generator.issues import Issue

MAX_FILE_BYTES = 8_000_000
"""Far above any real content file (the 100× benchmark rulebook is about 4 MB), far below what would hurt."""
MAX_DEPTH = 30
MAX_NODES = 200_000

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_constructor = yaml.constructor.SafeConstructor()

T = TypeVar("T", bound=BaseModel)

# Which file holds what: (Content attribute, model, required).
SINGLE_FILES = {
    "sources.yaml": ("sources", model.SourceList, True),
    "samverkansregler.yaml": ("rulebook", model.Rulebook, False),
    "guide.yaml": ("guide", model.Guide, False),
    "themes.yaml": ("themes", model.ThemeMap, False),
}
FOLDERS = {
    "agreements": ("agreements", model.Agreement),
    "notices": ("notices", model.Notice),
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

    def issue(self, loc: tuple, message: str, level: str = "error") -> Issue:
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


def _to_data(node: yaml.Node, doc: Document, loc: tuple, depth: int, seen: set[int]) -> Any:
    line = node.start_mark.line + 1
    if id(node) in seen:
        # An alias shares its anchor's node (and line); report where the alias is used instead.
        raise _Reject(doc.lines.get(loc[:-1], line), loc, "YAML aliases (*name) are not allowed in content")
    doc.lines[loc] = line
    seen.add(id(node))
    if len(seen) > MAX_NODES:
        raise _Reject(line, loc, f"file has more than {MAX_NODES} values")
    if depth > MAX_DEPTH:
        raise _Reject(line, loc, f"data nested deeper than {MAX_DEPTH} levels")
    if isinstance(node, yaml.MappingNode):
        if node.tag != "tag:yaml.org,2002:map":
            raise _Reject(line, loc, f"unsupported YAML tag {node.tag}")
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                raise _Reject(key_node.start_mark.line + 1, loc, "mapping keys must be plain text")
            key = key_node.value
            if key in result:
                raise _Reject(key_node.start_mark.line + 1, loc + (key,), "key appears twice")
            result[key] = _to_data(value_node, doc, loc + (key,), depth + 1, seen)
            doc.lines[loc + (key,)] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        if node.tag != "tag:yaml.org,2002:seq":
            raise _Reject(line, loc, f"unsupported YAML tag {node.tag}")
        return [_to_data(item, doc, loc + (i,), depth + 1, seen) for i, item in enumerate(node.value)]
    if node.tag not in _SCALAR_TAGS:
        raise _Reject(line, loc, f"unsupported YAML tag {node.tag}")
    try:
        value = _constructor.construct_object(node, deep=True)
    except (ValueError, yaml.YAMLError) as exc:
        raise _Reject(line, loc, f"invalid value {node.value!r}: {exc}") from None
    if isinstance(value, dt.datetime):
        raise _Reject(line, loc, "give a date (YYYY-MM-DD), not a date and time")
    return value


def read_document(path: Path, root: Path) -> tuple[Document | None, list[Issue]]:
    rel = _display_path(path, root)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [Issue(rel, None, "(file)", f"file is {size} bytes; the limit is {MAX_FILE_BYTES}")]
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return None, [Issue(rel, None, "(file)", f"not valid UTF-8: {exc.reason}")]
    except OSError as exc:
        return None, [Issue(rel, None, "(file)", f"cannot read file: {exc.strerror}")]
    doc = Document(rel, None)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        return None, [Issue(rel, line, "(yaml)", f"invalid YAML: {exc.problem or exc.context}")]
    except yaml.YAMLError as exc:
        return None, [Issue(rel, None, "(yaml)", f"invalid YAML: {exc}")]
    if node is None:
        return None, [Issue(rel, None, "(file)", "file is empty")]
    try:
        doc.data = _to_data(node, doc, (), 0, set())
    except _Reject as exc:
        return None, [Issue(rel, exc.line, format_loc(exc.loc), exc.message)]
    except RecursionError:
        return None, [Issue(rel, None, "(yaml)", "data nested too deeply")]
    return doc, []


def validate_model(doc: Document, cls: type[T]) -> tuple[Loaded[T] | None, list[Issue]]:
    if not isinstance(doc.data, dict):
        return None, [doc.issue((), f"expected a mapping of fields at the top of the file, found {type(doc.data).__name__}")]
    try:
        return Loaded(cls.model_validate(doc.data), doc), []
    except ValidationError as exc:
        return None, [doc.issue(tuple(err["loc"]), _message(err)) for err in exc.errors(include_url=False)]


def _message(err: dict) -> str:
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
            if (loaded := load(path, cls)) is not None:
                getattr(content, attribute).append(loaded)
    for path in sorted(root.glob("*.y*ml")):
        if path.name not in SINGLE_FILES and not path.name.startswith("_"):
            issues.append(Issue(_display_path(path, root), None, "(file)", "unknown content file; expected one of " + ", ".join([*SINGLE_FILES, *(f + "/*.yaml" for f in FOLDERS)])))
    content.agreements.sort(key=lambda a: (a.item.series, a.item.year, a.item.id))
    return content, issues


def _yaml_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in {".yaml", ".yml"} and not p.name.startswith("_"))
