"""Problems found in content: one shape for every stage, printed as file:line: field: message."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Issue:
    file: str
    line: int | None
    field: str
    message: str
    level: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        where = f"{printable(self.file)}:{self.line}" if self.line else printable(self.file)
        prefix = "warning: " if self.level == "warning" else "error: "
        return f"{where}: {prefix}{printable(self.field)}: {printable(self.message)}"


def printable(text: str) -> str:
    """Text for a terminal line: control, format and other invisible characters (a file name can hold
    a line break or an escape sequence) are shown as their code, so a message cannot forge or hide lines."""
    return "".join(c if c.isprintable() or unicodedata.category(c) == "Zs" else f"<U+{ord(c):04X}>" for c in text)


class ContentError(Exception):
    """Raised when content has errors; carries every issue found, not just the first."""

    def __init__(self, issues: list[Issue]):
        self.issues = issues
        errors = [i for i in issues if i.level == "error"]
        super().__init__(f"{len(errors)} error(s) in content")


def errors_in(issues: list[Issue]) -> list[Issue]:
    return [i for i in issues if i.level == "error"]
