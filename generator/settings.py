"""Build settings: where things are and which date the build speaks of."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

from generator.address import AddressError, site_url_from_env
from generator.model import FIRST_YEAR, LAST_YEAR

CONTENT_ENV = "OKS_CONTENT_DIR"
REFERENCE_DATE_ENV = "OKS_REFERENCE_DATE"


@dataclass(frozen=True)
class Settings:
    project_dir: Path
    content_dir: Path
    docs_dir: Path
    reference_date: dt.date
    """The build date: deadlines before it are shown as passed; also DTSTAMP and the date printed in exports."""
    site_url: str | None = None
    """Public address of the site (SITE_URL, ending with "/"), for canonical links, sitemap, calendar feeds and the PDF.
    None when SITE_URL is not set: then nothing links to the site with an absolute address."""

    @classmethod
    def from_env(cls, project_dir: Path, docs_dir: Path | None = None) -> Settings:
        content = os.environ.get(CONTENT_ENV)
        return cls(
            project_dir=project_dir,
            content_dir=Path(content).resolve() if content else project_dir / "content",
            docs_dir=docs_dir or project_dir / "docs",
            reference_date=reference_date_from_env(),
            site_url=site_url_setting(),
        )


class SettingError(Exception):
    """A malformed option or environment variable; the message is one line naming it."""


def parse_reference_date(value: str, name: str) -> dt.date:
    """A build date given as YYYY-MM-DD, within the years content may speak of."""
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        raise SettingError(f"{name}: {value[:40]!r} is not a date in the form YYYY-MM-DD")
    try:
        date = dt.date.fromisoformat(value)
    except ValueError:
        raise SettingError(f"{name}: {value!r} is not a date in the calendar") from None
    if not FIRST_YEAR <= date.year <= LAST_YEAR:
        raise SettingError(f"{name}: {value} lies outside {FIRST_YEAR}–{LAST_YEAR}")
    return date


def site_url_setting() -> str | None:
    """SITE_URL as the build uses it; a malformed one stops the build like any other malformed setting."""
    try:
        return site_url_from_env()
    except AddressError as exc:
        raise SettingError(str(exc)) from None


def reference_date_from_env() -> dt.date:
    """OKS_REFERENCE_DATE (YYYY-MM-DD), else SOURCE_DATE_EPOCH (seconds since 1970), else today."""
    if (value := os.environ.get(REFERENCE_DATE_ENV)) is not None:
        return parse_reference_date(value, REFERENCE_DATE_ENV)
    if (epoch := os.environ.get("SOURCE_DATE_EPOCH")) is not None:
        if not re.fullmatch(r"[0-9]{1,11}", epoch):
            raise SettingError(f"SOURCE_DATE_EPOCH: {epoch[:40]!r} is not a whole number of seconds since 1970-01-01")
        date = dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
        if not FIRST_YEAR <= date.year <= LAST_YEAR:
            raise SettingError(f"SOURCE_DATE_EPOCH: {epoch} is the date {date.isoformat()}, outside {FIRST_YEAR}–{LAST_YEAR}")
        return date
    return dt.date.today()
