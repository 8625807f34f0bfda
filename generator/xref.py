"""References inside rulebook text, and defined terms, turned into links.

Grammar (tested from tests/xref_cases.txt):
- a clause number with at least one dot, e.g. "3.2.4", "se 3.2, 3.3 och 3.4", "enligt ovan, 3.2.4";
- "avsnitt N" (optionally "avsnitt N i specifikationen"), a whole section of the specification;
- a defined term, whole word, case-insensitive, with common Swedish endings (sammankomst, sammankomsten,
  sammankomster); only its first occurrence in a text is linked, with the definition as a tooltip.
Grammar, matching and link formatting are separate steps: find_references() -> Reference,
then link_text() formats. A reference to a number that does not exist is an Issue, never a dead link.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from generator import ids
from generator.escape import Md, attribute, fold_space, inline
from generator.model import Rulebook

CLAUSE = re.compile(r"(?<![\d.,/:])(\d{1,2}(?:\.\d{1,2}){1,3})(?!\.?\d)")
SECTION = re.compile(r"\b(?:avsnitt|kapitel)\s+(\d{1,2})(?![\d.])")
ENDINGS = ("", "erna", "arna", "en", "et", "er", "ar", "na", "n", "s")
"""Swedish endings a defined term may carry in running text (sammankomst-en, -er, -erna …)."""
ENDINGS_LONGEST_FIRST = sorted(ENDINGS, key=len, reverse=True)
WORD = re.compile(r"(?<![\w-])\w+-?")


def _ends_word(text: str, position: int) -> bool:
    return position >= len(text) or not (text[position].isalnum() or text[position] in "_-")


@dataclass(frozen=True)
class Reference:
    start: int
    end: int
    kind: str
    """clause, section or definition."""
    key: str
    """Clause/section number or definition id."""


@dataclass(frozen=True)
class Term:
    id: str
    term: str
    definition: str


class RuleIndex:
    """Everything in the rulebook that text can point at."""

    def __init__(self, rulebook: Rulebook):
        self.clauses = {c.number for c in rulebook.clauses}
        self.sections = {n for n in self.clauses if "." not in n}
        self.terms = [Term(d.id, d.term, " ".join(d.text.split())) for d in rulebook.definitions]
        self.named = {
            "princip": {p.id: p.name for p in rulebook.principles},
            "regel": {r.id: r.name for r in rulebook.rules},
            "begrepp": {d.id: d.term for d in rulebook.definitions},
        }
        self._by_lower = {t.term.lower(): t for t in self.terms}
        # Terms of several words ("Hälso- och sjukvård"), found from their first word, longest first.
        self._phrases: dict[str, list[Term]] = defaultdict(list)
        for term in sorted(self.terms, key=lambda t: -len(t.term)):
            words = term.term.lower().split()
            if len(words) > 1:
                self._phrases[words[0]].append(term)
        self.term_by_id = {t.id: t for t in self.terms}
        # What a guide quote may cite: every reference that has text of its own.
        self.texts = {c.number: c.text for c in rulebook.clauses if c.text}
        self.texts |= {f"princip:{p.id}": p.text for p in rulebook.principles}
        self.texts |= {f"regel:{r.id}": r.text for r in rulebook.rules}
        self.texts |= {f"begrepp:{d.id}": d.text for d in rulebook.definitions}

    def term_for(self, word: str) -> Term | None:
        """The one-word defined term that a word is a form of ("sammankomsten" -> Sammankomst)."""
        lowered = word.lower()
        for ending in ENDINGS:
            if lowered.endswith(ending) and (term := self._by_lower.get(lowered[: len(lowered) - len(ending)])):
                return term
        return None

    def term_at(self, text: str, start: int, word: str) -> tuple[int, Term] | None:
        """The defined term starting at text[start] (whose first word is `word`), and where it ends.

        Looks words up in a dict instead of trying every term at every position, so the cost
        grows with the length of the text, not with the number of terms.
        """
        lowered = word.lower()
        for term in self._phrases.get(lowered, []):
            base = term.term.lower()
            if text[start : start + len(base)].lower() == base:
                for ending in ENDINGS_LONGEST_FIRST:
                    end = start + len(base) + len(ending)
                    if text[start + len(base) : end].lower() == ending and _ends_word(text, end):
                        return end, term
        single = None if word.endswith("-") else self.term_for(word)
        if single is not None and " " not in single.term:
            return start + len(word), single
        return None

    def resolve(self, rule_ref: str) -> tuple[str, str, str] | None:
        """A guide reference ("3.1.5", "4", "regel:resor") -> (label, page, anchor), or None if unknown."""
        if ":" not in rule_ref:
            if rule_ref not in self.clauses:
                return None
            page, anchor = self.link(Reference(0, 0, "clause", rule_ref))
            return (f"avsnitt {rule_ref}" if "." not in rule_ref else rule_ref), page, anchor
        kind, key = rule_ref.split(":", 1)
        named = self.named.get(kind, {})
        if key not in named:
            return None
        page_kind, anchor_kind = {"princip": ("principles", "principle"), "regel": ("rules", "rule"), "begrepp": ("definitions", "definition")}[kind]
        return named[key], ids.page(page_kind), ids.anchor(anchor_kind, key)

    def link(self, ref: Reference) -> tuple[str, str]:
        """(page, anchor) for a resolved reference."""
        if ref.kind == "definition":
            return ids.page("definitions"), ids.anchor("definition", ref.key)
        if ref.kind == "section":
            return ids.page("section", ref.key), ids.anchor("section", ref.key)
        if "." not in ref.key:
            return ids.page("section", ref.key), ids.anchor("section", ref.key)
        return ids.clause_page(ref.key), ids.anchor("clause", ref.key)


def find_references(text: str, index: RuleIndex, with_terms: bool = True) -> list[Reference]:
    refs = [Reference(m.start(1), m.end(1), "clause", m.group(1)) for m in CLAUSE.finditer(text)]
    refs += [Reference(m.start(), m.end(), "section", m.group(1)) for m in SECTION.finditer(text)]
    if with_terms:
        seen: set[str] = set()
        for m in WORD.finditer(text):
            found = index.term_at(text, m.start(), m.group())
            if found and found[1].id not in seen:
                seen.add(found[1].id)
                refs.append(Reference(m.start(), found[0], "definition", found[1].id))
    return _without_overlaps(sorted(refs, key=lambda r: (r.start, -r.end)))


def _without_overlaps(refs: list[Reference]) -> list[Reference]:
    kept: list[Reference] = []
    for ref in refs:
        if not kept or ref.start >= kept[-1].end:
            kept.append(ref)
    return kept


def unresolved(text: str, index: RuleIndex) -> list[str]:
    """Clause or section numbers in text that do not exist in the rulebook."""
    missing = []
    for ref in find_references(text, index, with_terms=False):
        known = index.sections if ref.kind == "section" else index.clauses
        if ref.key not in known:
            missing.append(ref.key)
    return missing


def link_text(text: str, index: RuleIndex, from_page: str, skip_term: str | None = None) -> Md:
    """Escape text as Markdown and turn its references into links relative to from_page.

    Paragraph breaks and "- " list lines are kept (as escape.block keeps them); every piece of
    text is escaped, and the links are the only markup. skip_term avoids a definition linking to itself.
    """
    out_lines = []
    for line in text.split("\n"):
        prefix = ""
        if line.startswith("- ") and line[2:].strip():
            prefix, line = "- ", line[2:]
        out_lines.append(prefix + _link_line(fold_space(line), index, from_page, skip_term))
    return Md("\n").join(Md(line) for line in out_lines)


def _link_line(line: str, index: RuleIndex, from_page: str, skip_term: str | None) -> str:
    """One line: text escaped piece by piece, references linked."""
    parts: list[str] = []
    position = 0
    for ref in find_references(line, index):
        if ref.kind == "definition" and ref.key == skip_term:
            continue
        page, anchor = index.link(ref)
        target = ids.relative(from_page, page, anchor)
        parts.append(inline(line[position : ref.start]))
        label = inline(line[ref.start : ref.end])
        if ref.kind == "definition":
            parts.append(f'[{label}]({target} "{attribute(index.term_by_id[ref.key].definition)}")')
        else:
            parts.append(f"[{label}]({target})")
        position = ref.end
    parts.append(inline(line[position:]))
    return "".join(parts)

