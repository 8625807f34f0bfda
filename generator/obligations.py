"""The obligation-sentence rule: every sentence of an agreement that states an obligation or a decision
(ska, skall, måste, får inte, beslut, senast, intygar, ansvarar …) is quoted by a structured item (condition,
proviso, distribution key, deadline consequence) or listed on the coverage map with a reason.

The seed's text between the map's first_line and last_line is read with the map's headings taken out and the
agreement's recorded OCR corrections applied, split into sentences, and each obligation sentence looked up in
the agreement's quoted texts. Comparison ignores white space, hyphens, dashes and bullets (layout), as the
faithfulness tests do.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from generator import coverage
from generator.issues import Issue
from generator.load import Content, Loaded
from generator.model import Agreement, CoverageMap
from generator.quotes import normalise

OBLIGATION = re.compile(r"\b(?:ska|skall|måste|får\s+inte|\w*beslut\w*|senast|intygar|ansvarar)\b", re.IGNORECASE)
"""Words that make a sentence state an obligation or a decision."""
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[−–•-]\s*[A-ZÅÄÖ0-9]|[A-ZÅÄÖ(])")
_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*(?=(?:[−–•-]\s*)?[A-ZÅÄÖ])")
"""A blank line before a capital starts a new paragraph; before a small letter, digit or dash the sentence runs on."""
_FOOTNOTE = re.compile(r"(?<=[a-zåäö])\d(?=\s)")
_LAYOUT = re.compile(r"[\s\-\u2010\u2011\u2012\u2013\u2212\u00ad\u2022:]+")
"""Layout: white space, hyphens, dashes, bullets, and the colon before a list (a quoted lead-in leaves it out)."""
MIN_LISTED = 25
"""A listed sentence gives at least this many characters, so it names one sentence."""


def squash(text: str) -> str:
    return _LAYOUT.sub("", text)


@dataclass(frozen=True)
class Sentence:
    text: str
    line: int
    """Seed line (1-based) where the sentence's paragraph starts."""


@dataclass(frozen=True)
class Found:
    """Where a flexible search found its text (the methods of a regular-expression match that callers use)."""

    haystack: str
    begin: int
    finish: int

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish

    def group(self, _: int = 0) -> str:
        return self.haystack[self.begin : self.finish]


@functools.lru_cache(maxsize=64)
def _without_layout(text: str) -> tuple[str, tuple[int, ...]]:
    """The text with its layout squashed out, and for each kept character its index in the text."""
    positions: list[int] = []
    last = 0
    for match in _LAYOUT.finditer(text):
        positions.extend(range(last, match.start()))
        last = match.end()
    positions.extend(range(last, len(text)))
    return _LAYOUT.sub("", text), tuple(positions)


@dataclass(frozen=True)
class Flexible:
    """Finds a text whatever the layout (white space, line-break hyphens) between its characters. Works on the
    text with its layout squashed out: a regular expression with a character class between every two
    characters costs seconds to compile for the agreements' corrections."""

    needle: str

    def search(self, haystack: str) -> Found | None:
        squashed, positions = _without_layout(haystack)
        if not self.needle:
            return Found(haystack, 0, 0)
        at = squashed.find(self.needle)
        if at < 0:
            return None
        return Found(haystack, positions[at], positions[at + len(self.needle) - 1] + 1)

    def replace_once(self, haystack: str, new: str) -> str:
        """The haystack with the first occurrence replaced by `new`, taken literally."""
        found = self.search(haystack)
        return haystack if found is None else haystack[: found.begin] + new + haystack[found.finish :]


def flexible(text: str) -> Flexible:
    """A finder for text that allows any layout (white space, line-break hyphens) between its characters."""
    return Flexible(squash(text))


def heading_spans(content: Content, loaded: Loaded[CoverageMap]) -> set[int]:
    """Every seed line a mapped heading stands on, including the lines it wraps onto."""
    seed = coverage.seed_text(content, loaded.item.seed)
    if seed is None:
        return set()
    result: set[int] = set()
    for row in coverage.rows(content, loaded):
        wanted = normalise(row.heading)
        for line in row.lines:
            for end in range(line, min(line + coverage.HEADING_LINES, len(seed.lines)) + 1):
                if normalise("\n".join(seed.lines[line - 1 : end])) == wanted:
                    result |= set(range(line, end + 1))
                    break
    return result


def sentences(content: Content, loaded: Loaded[CoverageMap], agreement: Agreement) -> list[Sentence]:
    """The obligation sentences of the agreement's text in the seed, corrections applied."""
    scope = loaded.item.obligations
    seed = coverage.seed_text(content, loaded.item.seed)
    if scope is None or seed is None:
        return []
    last = min(scope.last_line, len(seed.lines))
    raw = "\n".join(seed.lines[scope.first_line - 1 : last])
    corrected_lines: set[int] = set()
    for correction in agreement.corrections:
        for old in correction.original.split(" … "):
            if match := flexible(old).search(raw):
                first = scope.first_line + raw.count("\n", 0, match.start())
                corrected_lines |= set(range(first, first + raw.count("\n", match.start(), match.end()) + 1))
    # Headings are not sentences; a heading inside a recorded correction stays, for the correction to apply.
    headings = heading_spans(content, loaded) - corrected_lines
    lines = ["" if n in headings else seed.lines[n - 1] for n in range(scope.first_line, last + 1)]
    text = "\n".join(lines)
    for correction in agreement.corrections:
        for old, new in zip(correction.original.split(" … "), correction.corrected.split(" … "), strict=False):
            text = flexible(old).replace_once(text, new)
    result = []
    offset = 0
    for paragraph in _PARAGRAPH.split(text):
        start = text.find(paragraph, offset)
        offset = start + len(paragraph)
        line = scope.first_line + text.count("\n", 0, start) + (len(paragraph) - len(paragraph.lstrip("\n")))
        flat = _FOOTNOTE.sub("", normalise(paragraph))
        for sentence in _SENTENCE_END.split(flat):
            if OBLIGATION.search(sentence):
                result.append(Sentence(sentence, line))
    return result


def quoted_texts(agreement: Agreement) -> str:
    """Everything the agreement's structured items quote verbatim, squashed; a condition's heading, lead-in and items run on."""
    parts = [c.heading + " " + c.intro + " " + " ".join(c.items) for c in agreement.conditions]
    parts += [k.text for k in agreement.distribution_keys] + [p.text for p in agreement.provisos]
    parts += [d.consequence for d in agreement.deadlines if d.consequence] + [d.quote for d in agreement.deadlines if d.quote]
    return "|".join(squash(p) for p in parts)


def unquoted(content: Content, loaded: Loaded[CoverageMap]) -> tuple[Agreement | None, list[Sentence]]:
    """The agreement and its obligation sentences that no structured item quotes."""
    scope = loaded.item.obligations
    if scope is None:
        return None, []
    document = scope.document or loaded.item.document
    agreement = next((a.item for a in content.agreements if a.item.id == document), None)
    if agreement is None:
        return None, []
    haystack = quoted_texts(agreement)
    return agreement, [s for s in sentences(content, loaded, agreement) if squash(s.text) not in haystack]


def check(content: Content) -> list[Issue]:
    issues: list[Issue] = []
    for loaded in content.coverage:
        scope, doc = loaded.item.obligations, loaded.doc
        if scope is None:
            continue
        agreement, missing = unquoted(content, loaded)
        if agreement is None:
            issues.append(doc.issue(("obligations", "document"), f"obligations need an agreement; {scope.document or loaded.item.document!r} is none"))
            continue
        listed = [squash(u.text) for u in scope.unquoted]
        used = [False] * len(listed)
        for sentence in missing:
            hits = [i for i, text in enumerate(listed) if text and text in squash(sentence.text)]
            for i in hits:
                used[i] = True
            if not hits:
                issues.append(doc.issue(("obligations", "unquoted"), f"seed {loaded.item.seed} line {sentence.line}: this sentence states an obligation or a decision but no structured item quotes it and the map does not list it: {sentence.text[:300]!r}"))
        for i, entry in enumerate(scope.unquoted):
            if len(normalise(entry.text)) < MIN_LISTED:
                issues.append(doc.issue(("obligations", "unquoted", i, "text"), f"give at least {MIN_LISTED} characters of the sentence"))
            elif not used[i]:
                issues.append(doc.issue(("obligations", "unquoted", i, "text"), f"no unquoted obligation sentence of the seed matches {entry.text[:80]!r} (quoted by an item now, or not the seed's words)"))
    return issues
