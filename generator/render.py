"""Render views into Markdown pages with Jinja2, and write only the files whose text changed."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from generator import citations, derive, escape, ids
from generator.escape import Md
from generator.model import Source

NBSP = "\u00a0"
MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"]

RECIPIENTS = {
    "regioner": "Regioner",
    "kommuner": "Kommuner",
    "lansgemensamt": "Regioner och kommuner gemensamt (länsvis)",
    "skr": "SKR",
    "other": "Övriga",
}
FUNDERS = {"staten": "Staten", "regioner": "Regionerna", "kommuner": "Kommunerna", "skr": "SKR"}
DEADLINE_KINDS = {
    "rekvisition": "Rekvisition",
    "aterbetalning": "Återbetalning",
    "ekonomisk_redovisning": "Ekonomisk redovisning",
    "delrapport": "Delrapport",
    "verksamhetsrapport": "Verksamhetsrapport",
    "slutrapport": "Slutrapport",
    "redovisning": "Redovisning",
    "anvisning": "Anvisning",
    "ikrafttradande": "Ikraftträdande",
    "utbetalning": "Utbetalning",
    "undertecknande": "Undertecknande",
    "ovrigt": "Övrigt",
}

def sek(amount: int) -> str:
    """1560000000 -> '1 560 000 000 kr' with non-breaking spaces."""
    return f"{amount:,}".replace(",", NBSP) + NBSP + "kr"


def mnkr(amount: int) -> str:
    """1560000000 -> '1 560 mnkr'; 497350000 -> '497,35 mnkr'."""
    whole, rest = divmod(amount, 1_000_000)
    text = f"{whole:,}".replace(",", NBSP)
    if rest:
        text += "," + f"{rest:06d}".rstrip("0")
    return text + NBSP + "mnkr"


def datum(value: dt.date | None) -> str:
    if value is None:
        return "odaterat"
    return f"{value.day}{NBSP}{MONTHS[value.month - 1]} {value.year}"


def frist(date: dt.date, reference_date: dt.date, later: bool = False) -> Md:
    """A date's status ("passerad", "idag", "om N dagar") as of the build, marked with its ISO date so that
    docs/assets/frister.js rewrites it for the day the page is read; the build's text is the fallback.
    `later`: an item of a "Nästa tidsfrist" box that is not the nearest at build time (hidden until it is)."""
    classes = "frist-status frist-senare" if later else "frist-status"
    return Md(f'<span class="{classes}" data-frist="{date.isoformat()}">{derive.status_text(date, reference_date)}</span>')


NOWRAP_CLASSES = frozenset({"belopp", "datum"})
"""Classes of spans whose text never breaks inside (docs/assets/extra.css: white-space: nowrap)."""


def nowrap(value: object, kind: str) -> Md:
    """An amount ("belopp") or a date ("datum") as one unbreakable span: the text escaped as inline
    Markdown, inside span.belopp or span.datum, for table cells that may be narrow (cards on a phone)."""
    if kind not in NOWRAP_CLASSES:
        raise ValueError(f"unknown nowrap class {kind!r}")
    return Md(f'<span class="{kind}">{escape.to_md(value)}</span>')


def change_percent(old: int, new: int) -> str:
    if old == 0:
        return "–"
    value = (new - old) * 100 / old
    if round(value, 1) == 0:
        return "0,0" + NBSP + "%"
    return f"{value:+.1f}".replace(".", ",").replace("-", "−") + NBSP + "%"


@dataclass(frozen=True)
class Page:
    path: str
    """Path under docs/, e.g. avtal/psykisk-halsa-2025.md."""
    text: str


def _join(items: Iterable[object], separator: str = "") -> Md:
    """Jinja's join, made safe: each item is escaped unless it is Md. The separator is template text."""
    return Md(separator).join(items)


@functools.cache
def _environment() -> jinja2.Environment:
    """One Jinja2 environment per process: templates compile once (and `mkdocs serve` rebuilds reuse them).

    `finalize` makes escaping the default: every `{{ value }}` is escaped as inline Markdown text
    unless it is Md, markup the generator built (links, citations, linked rule text).
    """
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        finalize=escape.to_md,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        sek=sek,
        mnkr=mnkr,
        datum=datum,
        frist=frist,
        change_percent=change_percent,
        nowrap=nowrap,
        block=escape.block,
        comment=escape.comment,
        join=_join,
    )
    env.globals.update(RECIPIENTS=RECIPIENTS, FUNDERS=FUNDERS, DEADLINE_KINDS=DEADLINE_KINDS, ids=ids, citations=citations)
    return env


class Renderer:
    def __init__(self, sources: Iterable[Source] = ()) -> None:
        self.env = _environment()
        self.sources = {s.id: s for s in sources}
        """The source documents by id, for citations."""

    def with_sources(self, sources: Iterable[Source]) -> Renderer:
        return Renderer(sources)

    def render(self, template: str, path: str, link_from: str | None = None, meta: Mapping[str, Any] | None = None, **context: Any) -> Page:
        """Render a template into the page at `path`, with `meta` as its front matter.

        Links are made relative to `link_from` (default: the page itself); a fragment included by
        another page links from that page.
        """
        base = link_from or path

        def link(kind: str, id: str = "", anchor: tuple[str, str] | None = None) -> Md:
            fragment = ids.anchor(*anchor) if anchor else None
            return Md(ids.relative(base, ids.page(kind, id), fragment))

        def link_to(to_page: str, fragment: str | None = None) -> Md:
            return Md(ids.relative(base, to_page, fragment))

        def cite(ref: Any) -> Md:
            return citations.short(ref, self.sources[ref.seed], link("sources", anchor=("source", ref.seed)))

        body = self.env.get_template(template).render(page_path=path, link=link, link_to=link_to, cite=cite, **context)
        head = str(escape.front_matter(meta)) if meta else ""
        return Page(path, head + body)


def write_pages(pages: list[Page], docs_dir: Path) -> int:
    """Write pages (and data files) under docs_dir, touching only changed files, and remove stale generated files.

    Files are compared as bytes (calendar files have CRLF line ends), so unchanged files keep their
    mtime and `mkdocs serve` does not rebuild in a loop. Returns the number of files written or removed.
    """
    changed = 0
    wanted = {docs_dir / p.path for p in pages}
    for page in pages:
        target = docs_dir / page.path
        data = page.text.encode("utf-8")
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        changed += 1
    for name in ids.GENERATED_FILES:
        if (docs_dir / name).is_file() and docs_dir / name not in wanted:
            (docs_dir / name).unlink()
            changed += 1
    for folder in ids.GENERATED_DIRS:
        for stale in (docs_dir / folder).rglob("*") if (docs_dir / folder).is_dir() else []:
            if stale.is_file() and stale not in wanted:
                stale.unlink()
                changed += 1
    return changed
