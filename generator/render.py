"""Render views into Markdown pages with Jinja2, and write only the files whose text changed."""

from __future__ import annotations

import datetime as dt
import functools
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import jinja2

from generator import ids

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

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}|])")


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


def md(text: str) -> str:
    """Escape Markdown inline syntax in content text so it renders as the words it is."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def md_block(text: str) -> str:
    """Escape a multi-paragraph text, keeping its paragraphs and '- ' list items."""
    lines = []
    for line in text.split("\n"):
        if line.startswith("- "):
            lines.append("- " + md(line[2:]))
        else:
            lines.append(re.sub(r"^(\d+)\.(\s)", r"\1\\.\2", md(line)))
    return "\n".join(lines)


def cell(text: str) -> str:
    """Text for a Markdown table cell: one line, pipes escaped."""
    return md(re.sub(r"[ \t\r\n]+", " ", text).strip())


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


@functools.cache
def _environment() -> jinja2.Environment:
    """One Jinja2 environment per process: templates compile once (and `mkdocs serve` rebuilds reuse them).

    The on-disk bytecode cache spares each new process (CLI, tests) the compile step.
    """
    cache = Path(tempfile.gettempdir()) / "overenskommelser-jinja-cache"
    cache.mkdir(exist_ok=True)
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(cache)),
    )
    env.filters.update(sek=sek, mnkr=mnkr, datum=datum, md=md, md_block=md_block, cell=cell, change_percent=change_percent)
    env.globals.update(RECIPIENTS=RECIPIENTS, FUNDERS=FUNDERS, DEADLINE_KINDS=DEADLINE_KINDS, ids=ids)
    return env


class Renderer:
    def __init__(self) -> None:
        self.env = _environment()

    def render(self, template: str, path: str, link_from: str | None = None, **context) -> Page:
        """Render a template into the page at `path`. Links are made relative to `link_from`
        (default: the page itself); a snippet included by another page links from that page."""
        base = link_from or path

        def link(kind: str, id: str = "", anchor: tuple[str, str] | None = None) -> str:
            fragment = ids.anchor(*anchor) if anchor else None
            return ids.relative(base, ids.page(kind, id), fragment)

        def link_to(to_page: str, fragment: str | None = None) -> str:
            return ids.relative(base, to_page, fragment)

        def cite(ref) -> str:
            return f"[källa {ref.seed}: {md(ref.section)}]({link('sources', anchor=('source', ref.seed))})"

        text = self.env.get_template(template).render(page_path=path, link=link, link_to=link_to, cite=cite, **context)
        return Page(path, text)


def write_pages(pages: list[Page], docs_dir: Path) -> int:
    """Write pages (and data files) under docs_dir, touching only changed files, and remove stale generated files.

    Unchanged files keep their mtime so `mkdocs serve` does not rebuild in a loop.
    Returns the number of files written or removed.
    """
    changed = 0
    wanted = {docs_dir / p.path for p in pages}
    for page in pages:
        target = docs_dir / page.path
        if target.is_file() and target.read_text(encoding="utf-8") == page.text:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.text, encoding="utf-8")
        changed += 1
    for folder in ids.GENERATED_DIRS:
        for stale in (docs_dir / folder).rglob("*") if (docs_dir / folder).is_dir() else []:
            if stale.is_file() and stale not in wanted:
                stale.unlink()
                changed += 1
    return changed
