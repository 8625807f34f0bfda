"""Tables in a full text: the seed's lines of an amount table or a form, split into rows and cells in reading order.

A row ends at its amount: the text before it is the row's label, the text after it (a recipient) its last cell,
and a last cell that ends in an unfinished phrase ("Regioner via") goes on with the next line. A line without an
amount starts or continues a label; when the next line starts a new row (a capital letter) and the label is
only this line, it is a heading row of its own ("Regioner", "Till kommuner"). Every word stays in the order the
seed prints it, so the full text's word-for-word check covers tables too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

AMOUNT = re.compile(r"(?<![\d.,])(?:\d{1,3}(?: \d{3})+|\d{4,})(?![\d.,])")
"""An amount as the tables print it: "500 000", "1 680 000 000", or unspaced "29000"."""
UNFINISHED = re.compile(r"\b(?:via|och|till|med|för|av)$")
"""A cell that ends in the middle of a phrase goes on with the next line."""
LINE_BREAK_HYPHEN = re.compile(r"(?<=[A-Za-zÅÄÖåäöÉéÜü])-[ \t]*\n\s*(?=[a-zåäöéü])")
"""A hyphen at the end of a line before a word that goes on in lower case: the word is divided, not a compound."""


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


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
            open_tail = bool(UNFINISHED.search(line))
            continue
        match = AMOUNT.search(line)
        if match is None:
            label.append(line)
            following = lines[i + 1] if i + 1 < len(lines) else ""
            if len(label) == 1 and (not following or following[0].isupper()):
                found.append([_joined(label)] + [""] * (columns - 1))
                label = []
            continue
        after = line[match.end() :].strip()
        cells = [_joined(label + [line[: match.start()]]), match.group(0)]
        cells += [after] if columns > 2 else []
        if columns == 2 and after:
            cells[1] = f"{cells[1]} {after}"
        found.append(cells + [""] * (columns - len(cells)))
        label = []
        open_tail = columns > 2 and bool(UNFINISHED.search(after))
    if label:
        found.append([_joined(label)] + [""] * (columns - 1))
    return [tuple(row) for row in found]


def table(header: list[str], lines: list[str]) -> Table:
    body = [line.strip() for line in lines if line.strip()]
    return Table(tuple(header), tuple(rows(body, len(header))))
