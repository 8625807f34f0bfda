"""Is a quote a verbatim passage of the text it cites?

Both sides are compared after the same normalisation: Unicode NFC, a hyphen at a line
break joined ("verk- samhet" -> "verksamhet"), runs of white space as one space.
"…" in a quote marks an omission: the parts must appear in the cited text in order, and each part must be
whole sentences or list items of it (partial_piece), so that an omission cannot change what the text says.
"""

from __future__ import annotations

import re
import unicodedata

OMISSION = "…"
_LINE_BREAK_HYPHEN = re.compile(r"(?<=\w)-\s+(?=\w)")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = _LINE_BREAK_HYPHEN.sub("", text)
    return _SPACE.sub(" ", text).strip()


def parts(quote: str) -> list[str]:
    """The verbatim pieces of a quote, without omission marks."""
    return [p for p in (normalise(x) for x in normalise(quote).split(OMISSION)) if p]


def missing_part(quote: str, cited: str) -> str | None:
    """The first part of the quote that is not found (in order) in the cited text, or None."""
    haystack = normalise(cited)
    position = 0
    pieces = parts(quote)
    if not pieces:
        return quote
    for piece in pieces:
        found = haystack.find(piece, position)
        if found < 0:
            return piece
        position = found + len(piece)
    return None


# --- Whole sentences and list items ---------------------------------------------------------
#
# An omission may not remove meaning: "Sprit får … erbjudas" is a verbatim passage of "Sprit får aldrig
# erbjudas" that says the opposite. So every piece of a quote (the whole quote when it has no "…") must be
# one or more whole, consecutive sentences or list items of the cited text, and "…" may only join such
# pieces. A sentence ends at ".", "!" or "?" followed by a capital letter (so "t.ex. för" goes on), or at the
# end of a paragraph; a list item is a line starting "- " or "• ".

_LIST_ITEM = re.compile(r"^\s*[-•]\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖÉ])")


def units(cited: str) -> list[tuple[str, bool]]:
    """The cited text's sentences and list items, in order, each normalised, with whether it is a list item."""
    text = _LINE_BREAK_HYPHEN.sub("", unicodedata.normalize("NFC", cited))
    blocks: list[tuple[str, bool]] = []
    paragraph: list[str] = []
    for line in text.splitlines():
        if _LIST_ITEM.match(line) or not line.strip():
            blocks.append((" ".join(paragraph), False))
            paragraph = []
            if line.strip():
                blocks.append((_LIST_ITEM.sub("", line), True))
        else:
            paragraph.append(line)
    blocks.append((" ".join(paragraph), False))
    result = []
    for block, item in blocks:
        result += [(u, item) for u in (normalise(s) for s in _SENTENCE_END.split(normalise(block))) if u]
    return result


def _runs(sentences: list[tuple[str, bool]], i: int, j: int) -> set[str]:
    """Units i..j-1 joined, list items with or without their "- "; each also without a final full stop."""
    plain = " ".join(u for u, _ in sentences[i:j])
    marked = " ".join(("- " + u if item else u) for u, item in sentences[i:j])
    return {plain, marked} | {x[:-1] for x in (plain, marked) if x.endswith(".")}


def partial_piece(quote: str, cited: str) -> str | None:
    """The first piece of the quote (as written) that is not whole sentences or list items of the cited
    text, in order after the piece before it; None when every piece is."""
    if normalise(quote) == normalise(cited):
        return None  # the whole text
    sentences = units(cited)
    start = 0
    pieces = [p for p in unicodedata.normalize("NFC", quote).split(OMISSION) if normalise(p)]
    if not pieces:
        return quote
    for piece in pieces:
        wanted = normalise(piece)
        match = next((j for i in range(start, len(sentences)) for j in range(i + 1, len(sentences) + 1) if wanted in _runs(sentences, i, j)), None)
        if match is None:
            return " ".join(piece.split())
        start = match
    return None
