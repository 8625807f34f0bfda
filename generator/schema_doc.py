"""The content schema as Markdown, made from the model's fields and docstrings (never copied by hand)."""

from __future__ import annotations

import typing

from pydantic import BaseModel

from generator import ids, model
from generator.escape import inline
from generator.render import Page

FILES: list[tuple[str, type[BaseModel]]] = [
    ("content/sources.yaml", model.SourceList),
    ("content/agreements/*.yaml", model.Agreement),
    ("content/notices/*.yaml", model.Notice),
    ("content/samverkansregler.yaml", model.Rulebook),
    ("content/coverage/*.yaml", model.CoverageMap),
    ("content/andringar.yaml", model.ChangeLog),
    ("content/forkortningar.yaml", model.Glossary),
    ("content/search.yaml", model.SearchWords),
]


def _type_name(annotation) -> str:
    text = repr(annotation) if not isinstance(annotation, type) else annotation.__name__
    for prefix in ("typing.", "generator.model.", "datetime."):
        text = text.replace(prefix, "")
    text = text.replace("Annotated[str, StringConstraints", "str[").replace("NoneType", "None")
    if "Annotated[" in text or "StringConstraints" in text or len(text) > 60:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            return _type_name(typing.get_args(annotation)[0])
        if origin is list:
            return f"list[{_type_name(typing.get_args(annotation)[0])}]"
        if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
            return " | ".join(_type_name(a) for a in typing.get_args(annotation))
        if origin is typing.Literal:
            return " | ".join(repr(a) for a in typing.get_args(annotation))
    return text


def _nested_models(cls: type[BaseModel], seen: list[type[BaseModel]]) -> None:
    if cls in seen:
        return
    seen.append(cls)
    for field in cls.model_fields.values():
        for arg in _flatten(field.annotation):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                _nested_models(arg, seen)


def _flatten(annotation) -> list:
    args = typing.get_args(annotation)
    return [annotation] + [x for a in args for x in _flatten(a)]


def schema_markdown() -> str:
    lines = []
    for path, root in FILES:
        lines.append(f"## `{path}` {{ #{root.__name__.lower()} }}\n")
        lines.append(f"Toppnivån är en `{root.__name__}`.\n")
    models: list[type[BaseModel]] = []
    for _, root in FILES:
        _nested_models(root, models)
    for cls in models:
        lines.append(f"### {cls.__name__} {{ #schema-{cls.__name__.lower()} }}\n")
        lines.append("| Fält | Typ | Krävs | Beskrivning |")
        lines.append("|---|---|---|---|")
        for name, field in cls.model_fields.items():
            required = "ja" if field.is_required() else "nej"
            description = inline(field.description or "")
            lines.append(f"| `{name}` | `{_type_name(field.annotation)}` | {required} | {description} |")
        lines.append("")
    return "\n".join(lines)


def schema_page() -> Page:
    return Page(ids.FRAGMENTS["schema"], schema_markdown())
