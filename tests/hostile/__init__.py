"""Hostile input corpus: case tables, one module per class (see README.md).

The tables are data; tests/test_hostile.py runs them. Three kinds of case:

- `Case`: content that must be refused. The case writes one content file (or sets up a special
  file); the build must exit 2 with a message naming file, line and field, no traceback, and leave
  site/ and docs/ as they were.
- `Legal`: text that validation accepts although it looks like markup. All legal payloads are built
  into one site, and each must show there exactly as text.
- `Cli`: a bad option or environment variable: exit 2 and one error line naming it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
TESTS = HERE.parent

FIXTURE = (TESTS / "fixtures" / "agreement-2027.yaml").read_text(encoding="utf-8")
"""A small valid agreement (id psykisk-halsa-2027); most cases edit a copy of it."""
NOTICE = (HERE / "notice.yaml").read_text(encoding="utf-8")
"""A small valid notice (id hostile-notice)."""
CONTENT = None
"""As `base`: start from the file as it is in content/ (edit a real content file)."""

AGREEMENT_FILE = "agreements/zz-hostile.yaml"
NOTICE_FILE = "notices/zz-hostile.yaml"


@dataclass(frozen=True)
class At:
    """Expected line relative to where the replacement text starts in the written file."""

    offset: int = 0


AT = At(0)
"""The error is on the line where the new text starts."""


def at(offset: int) -> At:
    return At(offset)


@dataclass(frozen=True)
class Case:
    """Content the build must refuse.

    The written file is `base` with the first occurrence of `old` replaced by `new` (`old` must
    occur), or `new` as the whole file when `old` is None. With `setup`, nothing is written: the
    function prepares the content folder itself (FIFOs, links, odd file names).
    """

    group: str
    name: str
    field: str
    """Expected field, exact or as a prefix followed by "[" or "."."""
    message: str
    """A fragment of the expected message."""
    line: int | At | None = AT
    """Expected line; None: the message need not have one (whole-file problems)."""
    file: str = AGREEMENT_FILE
    """Content file to write, relative to content/."""
    old: str | None = None
    new: str | bytes | None = None
    base: str | None = FIXTURE
    extra: tuple[tuple[str, str], ...] = ()
    """More files to write: (path relative to content/, text)."""
    setup: Callable[[Path, Path], None] | None = None
    """setup(content_dir, scratch_dir) for cases that are not a text edit."""
    reported_in: str | None = None
    """The file the error names, when it is not `file` (relative to content/)."""
    file_prefix: bool = False
    """The named file need only start with the expected one (for file names that must be shown escaped)."""

    @property
    def id(self) -> str:
        return f"{self.group}/{self.name}"

    @property
    def error_file(self) -> str:
        return "content/" + (self.reported_in or self.file)


@dataclass(frozen=True)
class Legal:
    """Markup-like text that validation accepts: built into the site, it must show as text.

    `marker`: the value replaces the string "@@<name>" in legal-agreement.yaml or legal-notice.yaml.
    `replace`: (content file, old text): the value, as a JSON string (valid YAML), replaces that text
    in a real content file; `field` says which field that is.

    `shows`: where the text must be visible, as "CONTEXT:PAGE" with PAGE relative to site/:
    text (the article), heading, cell, li, blockquote, admonition, link (link text in the article),
    tooltip (an a[title] anywhere), title (<title>), nav (navigation links), ics-summary and
    ics-description (events of a calendar file).
    `forbid`: elements that must not exist on the pages of `shows`, as "SELECTOR" or
    "SELECTOR=TEXT" (exact text after folding white space); SELECTOR is tag, tag.class, h* (any
    heading), tag[attr] or tag[attr=value], with * for any tag.
    """

    name: str
    value: str
    shows: tuple[str, ...]
    forbid: tuple[str, ...] = ()
    needle: str | None = None
    """What must be visible; default: the value with runs of white space folded to one space."""
    replace: tuple[str, str] | None = None
    field: str | None = None

    group = "markup"

    @property
    def id(self) -> str:
        return f"{self.group}/{self.name}"


@dataclass(frozen=True)
class Cli:
    """A bad command line or environment: exit 2, one error line naming `names`, nothing built."""

    name: str
    args: tuple[str, ...]
    """Arguments after `python -m generator`, run in the project folder."""
    names: tuple[str, ...]
    """Fragments the error line must contain (the option or variable, the bad value)."""
    env: tuple[tuple[str, str | None], ...] = ()
    """Environment changes; None removes the variable."""

    group = "cli"

    @property
    def id(self) -> str:
        return f"{self.group}/{self.name}"


def agreement(group: str, name: str, old: str, new: str, field: str, message: str, line: int | At | None = AT, **more) -> Case:
    """A case that edits the fixture agreement, written as content/agreements/zz-hostile.yaml."""
    return Case(group, name, field, message, line, old=old, new=new, **more)


def all_cases():
    """Every case of every class, in table order."""
    from tests.hostile import cli, collisions, invisible, markup, nesting, one_line, ranges, special_files, yaml_forms

    return [
        *markup.LEGAL,
        *markup.REFUSED,
        *one_line.CASES,
        *invisible.CASES,
        *yaml_forms.CASES,
        *special_files.CASES,
        *nesting.CASES,
        *ranges.CASES,
        *collisions.CASES,
        *cli.CASES,
    ]
