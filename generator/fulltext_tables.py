"""Tables in a full text: the seed's lines of an amount table or a form, split into rows and cells in reading order.

A row ends at its amount: the text before it is the row's label, the text after it (a recipient) its last cell,
and a last cell that ends in an unfinished phrase ("Regioner via") goes on with the next line. A line without an
amount starts or continues a label; when the next line starts a new row (a capital letter) and the label is
only this line, it is a heading row of its own ("Regioner", "Till kommuner"). Every word stays in the order the
seed prints it, so the full text's word-for-word check covers tables too.

A recorded correction in a table stands in its lines as its corrected reading between markers (`marked`), so the
rows are split as the corrected text reads; each cell is then a tuple of parts, and a correction whose reading
runs from a label into its amount is marked in both cells (the link to its row follows its last piece).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

AMOUNT = re.compile(r"(?<![\d.,])(?:\d{1,3}(?: \d{3})+|\d{4,})(?![\d.,])")
"""An amount as the tables print it: "500 000", "1 680 000 000", or unspaced "29000"."""
UNFINISHED = re.compile(r"\b(?:via|och|till|med|för|av)$")
"""A cell that ends in the middle of a phrase goes on with the next line."""
LINE_BREAK_HYPHEN = re.compile(r"(?<=[A-Za-zÅÄÖåäöÉéÜü])-[ \t]*\n\s*(?=[a-zåäöéü])")
"""A hyphen at the end of a line before a word that goes on in lower case: the word is divided, not a compound."""
_OPEN = 0xF0000
"""chr(_OPEN + n) opens the reading of correction n: characters of a private-use plane that content refuses
(generator.load) and that no PDF font maps text to (symbol fonts use U+F0xx)."""
_CLOSE = "\U000ffffd"
_MARKER = re.compile("([\U000f0000-\U000ffffd])")


@dataclass(frozen=True)
class Fix:
    """A recorded correction in place: the corrected reading shown, the printed one available."""

    corrected: str
    printed: str
    correction_id: str
    linked: bool = True
    """False for a piece of a correction that goes on in the next cell: its link is given once, after its last piece."""


Part = str | Fix
Cell = tuple[Part, ...]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


def marked(n: int, corrected: str) -> str:
    """Correction n's corrected reading as it stands in a table's lines (on one line, between markers)."""
    return f"{chr(_OPEN + n)}{' '.join(corrected.split())}{_CLOSE}"


def _plain(text: str) -> str:
    return _MARKER.sub("", text)


def _joined(lines: list[str]) -> str:
    return " ".join(LINE_BREAK_HYPHEN.sub("", "\n".join(lines)).split())


def rows(lines: list[str], columns: int) -> list[tuple[str, ...]]:
    """The table's body lines (no header, no blank lines) as rows of `columns` cells (2: label, amount; 3: … recipient)."""
    found: list[list[str]] = []
    label: list[str] = []
    open_tail = False
    for i, line in enumerate(lines):
        if open_tail:
            found[-1][-1] = _joined([found[-1][-1], line])
            open_tail = bool(UNFINISHED.search(_plain(line)))
            continue
        match = AMOUNT.search(line)
        if match is None:
            label.append(line)
            following = _plain(lines[i + 1]).strip() if i + 1 < len(lines) else ""
            if len(label) == 1 and (not following or following[0].isupper()):
                found.append([_joined(label)] + [""] * (columns - 1))
                label = []
            continue
        after = line[match.end() :].strip()
        cells = [_joined(label + [line[: match.start()]]), match.group(0)]
        if columns == 2 or not _plain(after).strip():
            cells[1] = f"{cells[1]} {after}".strip()  # markers that close a correction stay with the amount
        else:
            cells.append(after)
        found.append(cells + [""] * (columns - len(cells)))
        label = []
        open_tail = columns > 2 and bool(UNFINISHED.search(_plain(after)))
    if label:
        found.append([_joined(label)] + [""] * (columns - 1))
    return [tuple(row) for row in found]


def _row_parts(row: tuple[str, ...], fixes: Sequence[Fix]) -> tuple[Cell, ...]:
    """A row's cells as parts: text, and a piece of a correction wherever its markers enclose text."""
    cells: list[list[Part]] = []
    current: int | None = None
    last: tuple[int, int] | None = None
    for text in row:
        cells.append([])
        for i, piece in enumerate(_MARKER.split(text)):
            if i % 2:
                if piece == _CLOSE and last is not None:
                    cell, at = last
                    fix = cells[cell][at]
                    assert isinstance(fix, Fix)
                    cells[cell][at] = replace(fix, linked=True)
                current, last = (None, None) if piece == _CLOSE else (ord(piece) - _OPEN, None)
            elif words := " ".join(piece.split()):
                if current is None:
                    cells[-1].append(words)
                else:
                    cells[-1].append(replace(fixes[current], corrected=words, linked=False))
                    last = (len(cells) - 1, len(cells[-1]) - 1)
    return tuple(tuple(cell) for cell in cells)


def table(header: list[str], lines: list[str], fixes: Sequence[Fix] = ()) -> Table:
    """The table of these lines; a correction in them stands `marked` with its index in `fixes`."""
    body = [line.strip() for line in lines if line.strip()]
    return Table(tuple(header), tuple(_row_parts(row, fixes) for row in rows(body, len(header))))
