"""Problems found in content: one shape for every stage, printed as file:line: field: message."""

from __future__ import annotations

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
        where = f"{self.file}:{self.line}" if self.line else self.file
        prefix = "warning: " if self.level == "warning" else "error: "
        return f"{where}: {prefix}{self.field}: {self.message}"


class ContentError(Exception):
    """Raised when content has errors; carries every issue found, not just the first."""

    def __init__(self, issues: list[Issue]):
        self.issues = issues
        errors = [i for i in issues if i.level == "error"]
        super().__init__(f"{len(errors)} error(s) in content")


def errors_in(issues: list[Issue]) -> list[Issue]:
    return [i for i in issues if i.level == "error"]
