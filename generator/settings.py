"""Build settings: where things are and which date the build speaks of."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

CONTENT_ENV = "OKS_CONTENT_DIR"
REFERENCE_DATE_ENV = "OKS_REFERENCE_DATE"


@dataclass(frozen=True)
class Settings:
    project_dir: Path
    content_dir: Path
    docs_dir: Path
    reference_date: dt.date
    """The build date: deadlines before it are shown as passed; also DTSTAMP and the date printed in exports."""
    site_url: str = "https://example.se/"
    """Public address of the site, for links in calendar feeds and the PDF."""

    @classmethod
    def from_env(cls, project_dir: Path, docs_dir: Path | None = None, site_url: str | None = None) -> Settings:
        content = os.environ.get(CONTENT_ENV)
        return cls(
            project_dir=project_dir,
            content_dir=Path(content).resolve() if content else project_dir / "content",
            docs_dir=docs_dir or project_dir / "docs",
            reference_date=reference_date_from_env(),
            site_url=site_url or "https://example.se/",
        )


def reference_date_from_env() -> dt.date:
    """OKS_REFERENCE_DATE (YYYY-MM-DD), else SOURCE_DATE_EPOCH, else today."""
    if value := os.environ.get(REFERENCE_DATE_ENV):
        return dt.date.fromisoformat(value)
    if epoch := os.environ.get("SOURCE_DATE_EPOCH"):
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
    return dt.date.today()
