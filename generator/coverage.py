"""The source-to-site coverage map: every numbered section and table of a source, and what carries it.

A map lists each heading as the source prints it. What carries a numbered section or a table of an agreement is
derived from the items that cite it (a pot whose source is "4.1, tabell 1; 2.3" carries 4.1, Tabell 1 and 2.3);
a map's carried_by lists only what no citation names (a summary, a correction, an item that cites another
section), and a reason where nothing carries the section. The appendix's form fields, numbered anew, are not
derived. Checks (all reported in one pass):
- every heading is found at the start of a line in the seed text;
- every line of the seed that looks like a numbered heading or a table ("candidate") is matched by a
  heading in the map, by a rulebook clause ("clauses"), or listed in not_sections with a reason;
- every ref resolves to a content item; a section has refs (its own or derived) or a reason, never both, never
  neither; a hand-listed ref is not one the citations already give.
Resolved rows (with links) are what the "Från källa till webbplats" page shows.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator import ids
from generator.issues import Issue
from generator.load import Content, Document, Loaded
from generator.model import Agreement, CoverageMap, FullTextPart, Notice, Rulebook
from generator.quotes import normalise
from generator.render import DEADLINE_KINDS, RECIPIENTS, datum

CANDIDATE = re.compile(r"^\s*(?:(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+[A-ZÅÄÖ]|(\d{1,2}(?:\.\d{1,2}){1,3})\s+\d|(?:Tabell|Bilaga)\b)")
"""A seed line that looks like a numbered heading ("3.2.4 Inbjudan …", "7. Total …", "1.1 2025 års …") or a table or appendix.
(A bare number before a digit is an amount, "1 680 000 000 kronor", so only a dotted one counts there.)"""
SECTION_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s")
"""The number that starts a numbered heading: "2.3 Ekonomiska villkor", "7. Godkännande …"."""
CITED_NUMBER = re.compile(r"(?<![\d:.])(?<!punkt )(?<!tabell )(?<!bilaga )(?<!kap )(?<!kap\. )(\d{1,2}(?:\.\d{1,2}){0,3})(?![\d:])(?!\s*(?:kap\b|§))", re.IGNORECASE)
"""A section number in a citation: "4.1, tabell 1; 2.3" names 4.1 and 2.3 (not "punkt 2", "tabell 1", "4 kap." or "4 §")."""
CITED_TABLE = re.compile(r"\btabell (\d+)\b", re.IGNORECASE)
CITATION_PREFIX = "Tilläggsöverenskommelse 2026, "
"""How the 2026 supplementary agreement's items name their document inside the bundle; not a section."""
APPENDIX = re.compile(r"^(?:\d{1,2}\.?\s+)?Bilaga\b")
"""The appendix heading ("Bilaga Rekvisition …", "4. Bilaga"): its form fields after it are numbered anew."""
DATE_ONLY_REFS = ("deadline:", "correction:")
"""Refs that never carry a section alone: a deadline row shows a date and a title, a correction a reading."""
HEADING_LINES = 4
"""A heading may wrap onto this many lines of the seed."""


@dataclass(frozen=True)
class Target:
    """A content item that carries a section: what to call it and where it is."""

    label: str
    page: str
    anchor: str | None


@dataclass(frozen=True)
class Row:
    heading: str
    lines: tuple[int, ...]
    """Seed lines (1-based) where the heading stands."""
    refs: tuple[str, ...]
    """The map's own refs, then those derived from the items that cite the section."""
    targets: tuple[Target, ...]
    reason: str | None
    anchor: str
    """From the seed line where the heading stands (rad-455), so links survive edits to the map."""


@dataclass(frozen=True, eq=False)
class SeedText:
    lines: tuple[str, ...]
    normalised: tuple[str, ...]
    """Each line normalised as quotes are (NFC, line-break hyphens joined, white space folded)."""


@functools.lru_cache(maxsize=16)
def _seed_text(path: str, mtime_ns: int, size: int) -> SeedText:
    lines = tuple(Path(path).read_text(encoding="utf-8").splitlines())
    return SeedText(lines, tuple(normalise(line) for line in lines))


def seed_text(content: Content, seed: str) -> SeedText | None:
    for source in content.sources.item.sources if content.sources else []:
        if source.id == seed:
            path = content.root / "seeds" / source.file
            if not path.is_file():
                return None
            stat = path.stat()
            return _seed_text(str(path), stat.st_mtime_ns, stat.st_size)
    return None


@functools.lru_cache(maxsize=4096)
def heading_lines(seed: SeedText, heading: str, skip: frozenset[int] = frozenset()) -> tuple[int, ...]:
    """1-based lines where the seed prints this heading as whole lines (it may wrap onto the next lines).
    Cached: every page and check that reads a map asks again (a seed compares by identity, one per file version)."""
    wanted = normalise(heading)
    found = []
    for i, line in enumerate(seed.normalised):
        if i + 1 in skip or not line or not wanted.startswith(line.rstrip("- ")):
            continue
        ends = range(i + 1, min(i + HEADING_LINES, len(seed.lines)) + 1)
        if any(normalise("\n".join(seed.lines[i:end])) == wanted for end in ends):
            found.append(i + 1)
    return tuple(found)


def candidates(lines: tuple[str, ...]) -> list[tuple[int, str | None]]:
    """(1-based line, clause number or None) of every line that looks like a heading or a table."""
    result = []
    for i, line in enumerate(lines):
        match = CANDIDATE.match(line)
        if match:
            result.append((i + 1, match.group(1) or match.group(2)))
    return result


def clause_texts(rulebook: Rulebook | None) -> dict[str, str]:
    """Clause number -> its heading and text, normalised, for matching seed lines to clauses."""
    if rulebook is None:
        return {}
    return {c.number: normalise(" ".join(x for x in (c.title, c.text) if x)) for c in rulebook.clauses}


def is_rulebook_clause(line: str, number: str | None, clauses: dict[str, str]) -> bool:
    """The line starts a rulebook clause: same number, and its words (but the last, which may be cut by a hyphen) begin the clause."""
    if number is None or number not in clauses:
        return False
    rest = normalise(line.strip()[len(number) :].lstrip(". "))
    words = rest.split(" ")[:-1] or rest.split(" ")
    return clauses[number].startswith(" ".join(words))


def _agreement_target(a: Agreement, kind: str, key: str) -> Target | None:
    page = ids.page("agreement", a.id)
    # Built only for the kind asked: a map resolves thousands of references.
    by: dict[str, Callable[[], dict[str, tuple[str, str]]]] = {
        "pot": lambda: {p.id: (f"Pott: {p.area}", ids.anchor("pot", p.id)) for p in a.pots},
        "key": lambda: {k.id: (f"Fördelningsnyckel: {k.name}", ids.anchor("distribution_key", k.id)) for k in a.distribution_keys},
        "condition": lambda: {c.id: (f"Villkor: {c.heading}", ids.anchor("condition", c.id)) for c in a.conditions},
        "deadline": lambda: {d.id: (f"Tidsfrist {datum(d.date)}: {DEADLINE_KINDS[d.kind]}", ids.anchor("deadline", d.id)) for d in a.deadlines},
        "correction": lambda: {c.id: (f"Rättad läsning: {c.corrected}", ids.anchor("correction", c.id)) for c in a.corrections},
        "discrepancy": lambda: {d.id: ("Känd avvikelse i källan", ids.anchor("discrepancy", d.id)) for d in a.discrepancies},
        "proviso": lambda: {p.id: ("Förutsättning för överenskommelsen", ids.anchor("proviso", p.id)) for p in a.provisos},
        "signature": lambda: {s.party: (f"Underskrift: {s.signatory}", "underskrifter") for s in a.signatures},
        "diarienummer": lambda: {d.number: (f"Diarienummer {d.number}", "oversikt") for d in a.diarienummer},
        "subtotal": lambda: {t.id: (f"Summa enligt källan: {t.label}", ids.anchor("subtotal", t.id)) for t in a.stated_subtotals},
        "recipient-total": lambda: {t.recipient: (f"Summa till {RECIPIENTS[t.recipient].lower() if t.recipient != 'skr' else 'SKR'}", "mottagare") for t in a.stated_recipient_totals},
        "": lambda: {
            "summary": ("Sammanfattning", "top"),
            "parties": ("Parter", "oversikt"),
            "total": ("Total ram", "oversikt"),
            **({"appropriation": ("Anslag", "oversikt")} if a.appropriation else {}),
        },
    }
    found = by[kind]().get(key) if kind in by else None
    return Target(found[0], page, found[1]) if found else None


def _notice_target(n: Notice, kind: str, key: str) -> Target | None:
    page = ids.page("agreement", n.id)
    if (kind, key) in {("", "summary"), ("notice", n.id)}:
        return Target(n.title, page, None)
    for d in n.deadlines:
        if kind == "deadline" and key == d.id:
            return Target(f"Tidsfrist {datum(d.date)}: {DEADLINE_KINDS[d.kind]}", page, ids.anchor("deadline", d.id))
    return None


def _rulebook_target(r: Rulebook, kind: str, key: str) -> Target | None:
    if (kind, key) == ("", "rulebook"):
        return Target(r.short_title, ids.page("rulebook"), None)
    if (kind, key) == ("", "decision"):
        return Target("SKR:s beslut", ids.page("rulebook"), "beslut")
    if (kind, key) == ("", "clauses"):
        return Target("Specifikation av samverkanssituationer, punkt för punkt", ids.page("rulebook"), None)
    named = {
        "principle": ({p.id: p.name for p in r.principles}, "principles", "principle"),
        "rule": ({x.id: x.name for x in r.rules}, "rules", "rule"),
        "definition": ({d.id: d.term for d in r.definitions}, "definitions", "definition"),
    }
    if kind in named:
        names, page_kind, anchor_kind = named[kind]
        return Target(names[key], ids.page(page_kind), ids.anchor(anchor_kind, key)) if key in names else None
    if kind == "clause" and key in {c.number for c in r.clauses}:
        anchor_kind = "section" if "." not in key else "clause"
        return Target(f"Punkt {key}", ids.clause_page(key), ids.anchor(anchor_kind, key))
    return None


def cited_sections(section: str) -> set[str]:
    """The section numbers and tables a citation names: "4.1, tabell 1 (varav); 2.3" -> {"4.1", "2.3", "Tabell 1"}.
    A parenthesis names a row or a label ("7, tabell (3.1 Regionernas insats)"), never a section."""
    text = re.sub(r"\([^)]*\)", "", section.removeprefix(CITATION_PREFIX))
    return {m.group(1) for m in CITED_NUMBER.finditer(text)} | {f"Tabell {m.group(1)}" for m in CITED_TABLE.finditer(text)}


def section_key(heading: str) -> str | None:
    """What a citation calls a map heading: its number ("2.3") or its table ("Tabell 1")."""
    if match := SECTION_NUMBER.match(heading):
        return match.group(1)
    match = re.match(r"Tabell (\d+)\b", heading)
    return f"Tabell {match.group(1)}" if match else None


ITEM_KINDS: tuple[tuple[str, str, str], ...] = (
    ("conditions", "condition", "id"),
    ("provisos", "proviso", "id"),
    ("pots", "pot", "id"),
    ("stated_subtotals", "subtotal", "id"),
    ("stated_recipient_totals", "recipient-total", "recipient"),
    ("distribution_keys", "key", "id"),
    ("deadlines", "deadline", "id"),
    ("signatures", "signature", "party"),
    ("discrepancies", "discrepancy", "id"),
)
"""(an agreement's field, the ref's kind, the item's key): the items that carry a section by their citation, in the
order a map row names them (what the text requires, then the money, then dates and signatures)."""

Citation = tuple[str, str, str]
"""(ref, seed, section) of an item: "pot:x", "001", "4.1, tabell 1; 2.3"."""


def cited_items(a: Agreement) -> list[Citation]:
    return [(f"{kind}:{getattr(item, key)}", item.source.seed, item.source.section) for field, kind, key in ITEM_KINDS for item in getattr(a, field)]


def derive_carriers(seed: str, sections: Sequence[tuple[str, str]], citations: Mapping[str, Sequence[Citation]]) -> list[tuple[str, ...]]:
    """Per (heading, document) of a map of `seed`, the refs of the document's items that cite it there, in the items'
    order. Nothing for a document without items, a heading without number or table, or one after the appendix heading."""
    in_appendix: set[str] = set()
    result: list[tuple[str, ...]] = []
    for heading, document in sections:
        key = section_key(heading)
        if key is None or document in in_appendix or document not in citations:
            result.append(())
        else:
            result.append(tuple(ref for ref, cited_seed, section in citations[document] if cited_seed == seed and key in cited_sections(section)))
        if APPENDIX.match(heading):
            in_appendix.add(document)
    return result


def derived_refs(content: Content, cmap: CoverageMap) -> list[tuple[str, ...]]:
    """Per section of the map, the refs of the agreement's items that cite it (see derive_carriers)."""
    citations = {a.item.id: cited_items(a.item) for a in content.agreements}
    return derive_carriers(cmap.seed, [(s.heading, s.document or cmap.document) for s in cmap.sections], citations)


def resolve(content: Content, document: str, ref: str) -> Target | None:
    kind, _, key = ref.partition(":") if ":" in ref else ("", "", ref)
    for a in content.agreements:
        if a.item.id == document:
            return _agreement_target(a.item, kind, key)
    for n in content.notices:
        if n.item.id == document:
            return _notice_target(n.item, kind, key)
    if content.rulebook is not None and content.rulebook.item.id == document:
        return _rulebook_target(content.rulebook.item, kind, key)
    return None


def documents(content: Content) -> set[str]:
    found = {a.item.id for a in content.agreements} | {n.item.id for n in content.notices}
    return found | ({content.rulebook.item.id} if content.rulebook else set())


def rows(content: Content, loaded: Loaded[CoverageMap], issues: list[Issue] | None = None) -> list[Row]:
    """The map's sections with their seed lines and resolved targets; problems go to issues."""
    problems: list[Issue] = [] if issues is None else issues
    cmap, doc = loaded.item, loaded.doc
    seed = seed_text(content, cmap.seed)
    if seed is None:
        problems.append(doc.issue(("seed",), f"unknown seed {cmap.seed!r}; see sources.yaml"))
        return []
    known = documents(content)
    skip = frozenset(s.line for s in cmap.not_sections)
    if cmap.document not in known:
        problems.append(doc.issue(("document",), f"unknown document {cmap.document!r}"))
    result: list[Row] = []
    derived = derived_refs(content, cmap)
    for i, section in enumerate(cmap.sections):
        where = heading_lines(seed, section.heading, skip)
        if not where:
            problems.append(doc.issue(("sections", i, "heading"), f"heading not found as whole lines in seed {cmap.seed}: {section.heading!r}"))
        given = [ref for ref in section.carried_by if ref in derived[i]]
        if given:
            problems.append(doc.issue(("sections", i, "carried_by"), f"{', '.join(given)} already cite(s) this section in their source: leave them out, the map takes them from the citation"))
        refs = tuple(section.carried_by) + tuple(ref for ref in derived[i] if ref not in section.carried_by)
        if section.reason and derived[i]:
            problems.append(doc.issue(("sections", i, "reason"), f"the map gives a reason, but {', '.join(derived[i])} cite(s) this section in their source: remove the reason, or correct the citation"))
        elif bool(refs) == bool(section.reason):
            problems.append(doc.issue(("sections", i), "give either carried_by or a reason, not both and not neither"))
        if refs and all(ref.startswith(DATE_ONLY_REFS) for ref in refs):
            problems.append(doc.issue(("sections", i, "carried_by"), "a deadline's title (or a correction) does not carry a section's contents: name the item that quotes them, or give a reason"))
        document = section.document or cmap.document
        if section.document is not None and section.document not in known:
            problems.append(doc.issue(("sections", i, "document"), f"unknown document {section.document!r}"))
        targets = []
        for j, ref in enumerate(refs):
            target = resolve(content, document, ref)
            if target is None:
                problems.append(doc.issue(("sections", i, "carried_by", j), f"{ref!r} is not an item of {document}"))
            else:
                targets.append(target)
        taken = {row.anchor for row in result}
        free = [ids.anchor("seed_line", str(line)) for line in where if ids.anchor("seed_line", str(line)) not in taken]
        result.append(Row(section.heading, where, refs, tuple(targets), section.reason, free[0] if free else f"rubrik-{i + 1}"))
    return result


def clause_lines(content: Content, loaded: Loaded[CoverageMap], lines: tuple[str, ...]) -> set[int]:
    """Candidate lines that are rulebook clauses, where the map says the clauses carry them ("clauses")."""
    if not any("clauses" in s.carried_by for s in loaded.item.sections) or content.rulebook is None:
        return set()
    clauses = clause_texts(content.rulebook.item)
    return {line for line, number in candidates(lines) if is_rulebook_clause(lines[line - 1], number, clauses)}


def _check_candidates(content: Content, loaded: Loaded[CoverageMap], lines: tuple[str, ...], result: list[Row], problems: list[Issue]) -> None:
    cmap, doc = loaded.item, loaded.doc
    covered = {line for row in result for line in row.lines} | clause_lines(content, loaded, lines)
    explained = set()
    for i, skip in enumerate(cmap.not_sections):
        if skip.line > len(lines) or not normalise(lines[skip.line - 1]).startswith(normalise(skip.text)):
            problems.append(doc.issue(("not_sections", i, "text"), f"line {skip.line} of seed {cmap.seed} does not start with {skip.text!r}"))
        explained.add(skip.line)
    for line, _ in candidates(lines):
        if line in covered or line in explained:
            continue
        problems.append(doc.issue(("sections",), f"seed {cmap.seed} line {line} looks like a section or table but is neither mapped nor explained: {lines[line - 1].strip()[:80]!r}"))


def check(content: Content) -> list[Issue]:
    issues: list[Issue] = []
    seen: dict[str, Document] = {}
    for loaded in content.coverage:
        if loaded.item.seed in seen:
            issues.append(loaded.doc.issue(("seed",), f"seed {loaded.item.seed} already has a map in {seen[loaded.item.seed].file}"))
        seen[loaded.item.seed] = loaded.doc
        result = rows(content, loaded, issues)
        seed = seed_text(content, loaded.item.seed)
        if seed is not None:
            _check_candidates(content, loaded, seed.lines, result, issues)
            _check_numbering(loaded, result, issues)
            _check_full_texts(content, loaded, seed.lines, issues)
            _check_tables(loaded, seed.lines, issues)
    return issues


def _check_numbering(loaded: Loaded[CoverageMap], result: list[Row], problems: list[Issue]) -> None:
    """The full text's numbered sections have no gaps on the map: before 2.3 the map has 2 and 2.2, so a section
    the seed prints in a way no candidate pattern catches (and the map forgets) is named by its number.
    numbers_lost lists the numbers the seed does not print at all."""
    scope = loaded.item.obligations
    if scope is None:
        return
    found: list[tuple[int, tuple[int, ...]]] = []
    for row in result:
        if match := SECTION_NUMBER.match(row.heading):
            found += [(line, tuple(int(x) for x in match.group(1).split("."))) for line in row.lines if scope.first_line <= line <= scope.last_line]
    lost = {tuple(int(x) for x in number.split(".")) for number in loaded.item.numbers_lost}
    for i, printed in enumerate(loaded.item.numbers_lost):
        if any(n == tuple(int(x) for x in printed.split(".")) for _, n in found):
            problems.append(loaded.doc.issue(("numbers_lost", i), f"section {printed} is on the map with its number; it is not lost"))
    seen = set(lost)
    for line, number in sorted(found):
        wanted = ([number[:-1]] if len(number) > 1 else []) + ([number[:-1] + (number[-1] - 1,)] if number[-1] > 1 else [])
        for missing in (w for w in wanted if w not in seen):
            name = ".".join(map(str, missing))
            problems.append(loaded.doc.issue(("sections",), f"section {name} of the full text is not on the map, but {'.'.join(map(str, number))} (seed {loaded.item.seed} line {line}) is: add its heading with carried_by or a reason (or list it under numbers_lost if the seed does not print it)"))
        seen.add(number)


def _check_full_texts(content: Content, loaded: Loaded[CoverageMap], lines: tuple[str, ...], problems: list[Issue]) -> None:
    """Each extra full text is a range of the seed's lines and belongs to a known document; a site-given title says why."""
    known = documents(content)
    for i, part in enumerate(loaded.item.full_texts):
        if not 1 <= part.first_line <= part.last_line <= len(lines):
            problems.append(loaded.doc.issue(("full_texts", i, "last_line"), f"lines {part.first_line}–{part.last_line} are not a range of seed {loaded.item.seed} (lines 1–{len(lines)})"))
            continue
        if part.document not in known:
            problems.append(loaded.doc.issue(("full_texts", i, "document"), f"unknown document {part.document!r}"))
        printed = normalise(" ".join(lines[part.first_line - 1 : part.last_line])).casefold()
        if not part.title_given_by_site and normalise(part.title).casefold() not in printed:
            problems.append(loaded.doc.issue(("full_texts", i, "title"), f"said to be the document's own name, but lines {part.first_line}–{part.last_line} of seed {loaded.item.seed} do not print {part.title!r}"))
        if part.title_given_by_site and part.title_note is None:
            problems.append(loaded.doc.issue(("full_texts", i, "title_note"), "say where the name comes from when title_given_by_site is true"))


def _check_tables(loaded: Loaded[CoverageMap], lines: tuple[str, ...], problems: list[Issue]) -> None:
    """Each table is a range of the seed's lines whose first line prints the header, and no two tables overlap."""
    taken: set[int] = set()
    for i, table in enumerate(loaded.item.tables):
        if not 1 <= table.first_line < table.last_line <= len(lines):
            problems.append(loaded.doc.issue(("tables", i, "last_line"), f"lines {table.first_line}–{table.last_line} are not a range of seed {loaded.item.seed} (lines 1–{len(lines)})"))
            continue
        header = normalise(" ".join(cell for cell in table.header if cell))
        if normalise(lines[table.first_line - 1]) != header:
            problems.append(loaded.doc.issue(("tables", i, "header"), f"line {table.first_line} of seed {loaded.item.seed} is {lines[table.first_line - 1].strip()!r}, not the header {header!r}"))
        span = set(range(table.first_line, table.last_line + 1))
        if span & taken:
            problems.append(loaded.doc.issue(("tables", i, "first_line"), f"overlaps another table at line {min(span & taken)}"))
        taken |= span


def map_for(content: Content, seed: str) -> Loaded[CoverageMap] | None:
    return next((m for m in content.coverage if m.item.seed == seed), None)


def map_page_id(loaded: Loaded[CoverageMap]) -> str:
    """The map page is named after its file (content/coverage/<name>.yaml -> fran-kalla/<name>.md)."""
    return Path(loaded.doc.file).stem


def full_text_parts(content: Content) -> list[tuple[Loaded[CoverageMap], FullTextPart]]:
    """Every document that a map gives a full-text page of its own (a letter, a decision), in map order."""
    return [(loaded, part) for loaded in content.coverage for part in loaded.item.full_texts]
