"""Full text of an agreement (or of a letter or decision in the same seed) as the seed prints it, made readable: every word of the seed's text, in order.

Cleanups (recorded here, checked by tests/test_fulltext.py): lines that hold only a page number are left out,
a word divided by a hyphen at a line break is joined, and white space is folded. The coverage map's headings
become headings with anchors from their numbers (avsnitt-2-3, as the rules' sections; an unnumbered or repeated
heading gets the anchor of its seed line, rad-455). Each recorded OCR correction is shown in place as a marked
correction whose printed reading is in its tooltip and in the correction table it links to. Lines starting
with a dash are list items. The amount tables the map lists under tables are tables (generator.fulltext_tables),
split into rows as their corrected lines read; a correction in a table holds one row and is marked in its cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator import coverage, fulltext_tables, ids, obligations
from generator.fulltext_tables import LINE_BREAK_HYPHEN, Fix, Part, Table
from generator.issues import Issue
from generator.load import Content, Loaded
from generator.model import Agreement, Correction, CoverageMap, FullTextPart, FullTextTable
from generator.quotes import normalise

PAGE_NUMBER = re.compile(r"^\s*\d{1,3}(?:\s*\(\d{1,3}\))?\s*$")
"""A line that holds only a page number ("8", or "3 (3)" with the page count)."""
BULLET = re.compile(r"\n\s*(?=[−–•] )")
_HEADING_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s")
_MARK = "\x01"
_FIX = "\x02"
_TABLE = "T"
_TABLE_END = f"{_MARK}/{_TABLE}{_MARK}"
_TABLE_SPAN = re.compile(f"{_MARK}{_TABLE}(\\d+){_MARK}(?:\n(.*?))?\n{_TABLE_END}", re.DOTALL)
_FIX_TOKEN = re.compile(f"{_FIX}(\\d+){_FIX}")


@dataclass(frozen=True)
class Heading:
    text: str
    """As the seed prints it (line-break hyphenation joined)."""
    anchor: str
    level: int
    key: str
    """The map's heading, normalised as quotes are: what links match against."""


@dataclass(frozen=True)
class Paragraph:
    parts: tuple[Part, ...]
    items: tuple[tuple[Part, ...], ...] = ()
    """List items that follow the lead-in parts."""


Block = Heading | Paragraph | Table


def scope_of(loaded: Loaded[CoverageMap]) -> tuple[int, int] | None:
    scope = loaded.item.obligations
    return (scope.first_line, scope.last_line) if scope else None


def _headings(content: Content, loaded: Loaded[CoverageMap], first: int, last: int) -> dict[int, tuple[str, int]]:
    """Seed line -> (heading text, last line it stands on), for the map's headings inside the range."""
    seed = coverage.seed_text(content, loaded.item.seed)
    assert seed is not None
    found: dict[int, tuple[str, int]] = {}
    for row in coverage.rows(content, loaded):
        wanted = normalise(row.heading)
        for line in row.lines:
            if not first <= line <= last:
                continue
            for end in range(line, min(line + coverage.HEADING_LINES, len(seed.lines)) + 1):
                if normalise("\n".join(seed.lines[line - 1 : end])) == wanted:
                    found[line] = (row.heading, end)
                    break
    return found


def _parts(text: str, fixes: list[Fix]) -> tuple[Part, ...]:
    result: list[Part] = []
    for i, piece in enumerate(text.split(_FIX)):
        if i % 2:
            result.append(fixes[int(piece)])
        elif piece.strip():
            result.append(" ".join(piece.split()))
    return tuple(result)


def blocks(content: Content, loaded: Loaded[CoverageMap], agreement: Agreement) -> list[Block]:
    """The agreement's text (the map's obligation scope), with the agreement's corrections."""
    span = scope_of(loaded)
    return text_blocks(content, loaded, span, agreement.corrections) if span else []


def part_blocks(content: Content, loaded: Loaded[CoverageMap], part: FullTextPart) -> list[Block]:
    """Another document of the seed (a letter, a decision): its lines, no corrections."""
    return text_blocks(content, loaded, (part.first_line, part.last_line), [])


@dataclass(frozen=True)
class _Printed:
    """Where a part of a recorded correction (one of its " … " parts) stands in the seed."""

    correction_id: str
    corrected: str
    first_line: int
    last_line: int


def _printed(lines: tuple[str, ...], first: int, last: int, corrections: list[Correction]) -> list[_Printed]:
    """The seed lines (1-based, in first..last) that each part of a recorded correction's printed reading stands on."""
    raw = "\n".join(lines[first - 1 : last])
    found: list[_Printed] = []
    for correction in corrections:
        for old, new in zip(correction.original.split(" … "), correction.corrected.split(" … "), strict=False):
            if match := obligations.flexible(old).search(raw):
                start = first + raw.count("\n", 0, match.start())
                found.append(_Printed(correction.id, new, start, start + raw.count("\n", match.start(), match.end())))
    return found


def _corrected_lines(lines: tuple[str, ...], first: int, last: int, corrections: list[Correction]) -> set[int]:
    """Seed lines (1-based) in first..last that a recorded correction's printed reading stands on."""
    return {n for part in _printed(lines, first, last, corrections) for n in range(part.first_line, part.last_line + 1)}


def _row_problem(lines: tuple[str, ...], table: FullTextTable, part: _Printed) -> str | None:
    """Why a correction's part cannot stand in the table's rows, if it cannot: it must lie inside the table's body and
    hold one row (no line after its first starts a row with a capital letter, and its reading has at most one amount)."""
    if part.first_line <= table.first_line or part.last_line > table.last_line:
        return f"runs over the edge of the table (lines {table.first_line + 1}–{table.last_line}); let it end there"
    if starts := [n for n in range(part.first_line + 1, part.last_line + 1) if lines[n - 1].strip()[:1].isupper()]:
        return f"goes on into the next row of the table (line {starts[0]}); give each row its own part, separated by ' … '"
    if len(fulltext_tables.AMOUNT.findall(part.corrected)) > 1:
        return "reads more than one amount; give each row of the table its own part, separated by ' … '"
    return None


def check_tables(content: Content) -> list[Issue]:
    """A recorded correction in a table holds one row of it, so it is marked in that row's cells (see _row_problem)."""
    issues: list[Issue] = []
    agreements = {a.item.id: a.item for a in content.agreements}
    for loaded in content.coverage:
        span, seed = scope_of(loaded), coverage.seed_text(content, loaded.item.seed)
        agreement = agreements.get((loaded.item.obligations.document or loaded.item.document) if loaded.item.obligations else "")
        if agreement is None or seed is None or span is None:
            continue
        printed = _printed(seed.lines, span[0], min(span[1], len(seed.lines)), agreement.corrections)
        for i, table in enumerate(loaded.item.tables):
            for part in printed:
                if part.last_line >= table.first_line and part.first_line <= table.last_line and (problem := _row_problem(seed.lines, table, part)):
                    issues.append(loaded.doc.issue(("tables", i), f"line {part.first_line}: correction {part.correction_id} of {agreement.id} {problem}"))
    return issues


def _tables(text: str, headers: list[list[str]], fixes: list[Fix]) -> tuple[str, list[Table]]:
    """The text with each table's lines taken out (its marker stays), and the tables, split as their corrected lines read."""
    tables: list[Table] = []

    def take(match: re.Match[str]) -> str:
        lines = _FIX_TOKEN.sub(lambda token: fulltext_tables.marked(int(token.group(1)), fixes[int(token.group(1))].corrected), match.group(2) or "")
        tables.append(fulltext_tables.table(headers[int(match.group(1))], lines.split("\n"), fixes))
        return f"{_MARK}{_TABLE}{len(tables) - 1}{_MARK}"

    return _TABLE_SPAN.sub(take, text), tables


def text_blocks(content: Content, loaded: Loaded[CoverageMap], span: tuple[int, int], corrections: list[Correction]) -> list[Block]:
    """The seed's lines in span (1-based, inclusive) made readable, with the map's headings and the corrections marked."""
    seed = coverage.seed_text(content, loaded.item.seed)
    if seed is None:
        return []
    first, last = span[0], min(span[1], len(seed.lines))
    corrected_lines = _corrected_lines(seed.lines, first, last, corrections)
    heading_at = {line: value for line, value in _headings(content, loaded, first, last).items() if line not in corrected_lines}
    table_at = {t.first_line: t for t in loaded.item.tables if first <= t.first_line <= t.last_line <= last}
    headers: list[list[str]] = []
    headings: list[Heading] = []
    used: set[str] = set()
    lines: list[str] = []
    skip_to = 0
    for n in range(first, last + 1):
        if n <= skip_to:
            continue
        if n in heading_at:
            text, skip_to = heading_at[n]
            number = _HEADING_NUMBER.match(text)
            anchor = ids.anchor("section", number.group(1)) if number else ids.anchor("seed_line", str(n))
            if anchor in used:
                anchor = ids.anchor("seed_line", str(n))
            used.add(anchor)
            level = 2 if not number or "." not in number.group(1) else min(2 + number.group(1).count("."), 4)
            level = min(level, (headings[-1].level if headings else 1) + 1)  # never skip a level
            lines += ["", f"{_MARK}{len(headings)}{_MARK}", ""]
            printed = " ".join(LINE_BREAK_HYPHEN.sub("", "\n".join(seed.lines[n - 1 : skip_to])).split())
            headings.append(Heading(printed, anchor, level, normalise(text)))
        elif n in table_at:
            # The table's lines stay in the text until the corrections are in place (see _tables).
            skip_to = table_at[n].last_line
            body = [line for line in seed.lines[n : skip_to] if not PAGE_NUMBER.match(line)]
            lines += ["", f"{_MARK}{_TABLE}{len(headers)}{_MARK}", *body, _TABLE_END, ""]
            headers.append(table_at[n].header)
        elif not PAGE_NUMBER.match(seed.lines[n - 1]):
            lines.append(seed.lines[n - 1])
    text = "\n".join(lines)
    fixes: list[Fix] = []
    for correction in corrections:
        for old, new in zip(correction.original.split(" … "), correction.corrected.split(" … "), strict=False):
            pattern = obligations.flexible(old)
            match = pattern.search(text)
            if match is None:
                continue
            fixes.append(Fix(new, normalise(match.group(0)), correction.id))
            text = text[: match.start()] + f" {_FIX}{len(fixes) - 1}{_FIX} " + text[match.end() :]
    text, tables = _tables(text, headers, fixes)
    text = LINE_BREAK_HYPHEN.sub("", text)
    result: list[Block] = []
    chunks: list[str] = []
    for chunk in re.split(r"\n[ \t]*\n", text):
        chunk = chunk.strip()
        if not chunk:
            continue
        # A blank line inside a sentence (OCR text has one after every line) does not end the paragraph.
        runs_on = chunks and not chunks[-1].startswith(_MARK) and not chunk.startswith((_MARK, "−", "–", "•")) and not re.search(r"[.!?:)]$", chunks[-1])
        if runs_on:
            chunks[-1] += "\n" + chunk
        else:
            chunks.append(chunk)
    for paragraph in chunks:
        if paragraph.startswith(_MARK + _TABLE):
            result.append(tables[int(paragraph.strip(_MARK)[1:])])
            continue
        if paragraph.startswith(_MARK):
            result.append(headings[int(paragraph.strip(_MARK))])
            continue
        lead, *items = BULLET.split("\n" + paragraph)
        result.append(Paragraph(_parts(lead, fixes), tuple(_parts(item.strip()[1:], fixes) for item in items)))
    return result


def anchors_by_heading(found: list[Block]) -> dict[str, str]:
    """Heading text (normalised) -> anchor of its first occurrence, for links from items into the full text."""
    result: dict[str, str] = {}
    for block in found:
        if isinstance(block, Heading):
            result.setdefault(block.key, block.anchor)
    return result


def words(found: list[Block]) -> list[str]:
    """The full text's words in order (a correction counts with its corrected reading)."""
    out: list[str] = []

    def add(parts: tuple[Part, ...]) -> None:
        for part in parts:
            out.extend((part.corrected if isinstance(part, Fix) else part).split())

    for block in found:
        if isinstance(block, Heading):
            out.extend(block.text.split())
        elif isinstance(block, Table):
            out.extend(" ".join(block.header).split())
            for row in block.rows:
                for cell in row:
                    add(cell)
        else:
            add(block.parts)
            for item in block.items:
                add(item)
    return out
