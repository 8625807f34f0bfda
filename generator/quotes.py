"""Is a quote a verbatim passage of the text it cites?

Both sides are compared after the same normalisation: Unicode NFC, a hyphen at a line
break joined ("verk- samhet" -> "verksamhet"), runs of white space as one space.
"…" in a quote marks an omission: the parts must appear in the cited text in order.
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
