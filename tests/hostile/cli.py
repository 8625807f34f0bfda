"""Class "cli": malformed options and environment variables. Each must exit 2 with one error line
naming the option or variable, no traceback, and nothing built or removed. Run in the project folder
with SOURCE_DATE_EPOCH set (see test_hostile.py), so the default config is ./mkdocs.yml."""

from __future__ import annotations

from tests.hostile import Cli

DATE = "--reference-date"
BUILD = ("build", "--no-pdf")

CASES = [
    Cli("reference-date-month-13", (*BUILD, DATE, "2026-13-01"), (DATE, "2026-13-01")),
    Cli("reference-date-word", ("check", DATE, "x"), (DATE, "'x'")),
    Cli("reference-date-1800", (*BUILD, DATE, "1800-01-01"), (DATE, "1800-01-01")),
    Cli("reference-date-full-width-digits", ("check", DATE, "２０２６-01-01"), (DATE,)),
    Cli("reference-date-trailing-newline", ("check", DATE, "2026-01-01\n"), (DATE,)),
    Cli("oks-reference-date-slashes", ("check",), ("OKS_REFERENCE_DATE", "31/12/2026"), env=(("OKS_REFERENCE_DATE", "31/12/2026"),)),
    Cli("source-date-epoch-negative", ("check",), ("SOURCE_DATE_EPOCH", "-1"), env=(("SOURCE_DATE_EPOCH", "-1"),)),
    Cli("source-date-epoch-word", ("check",), ("SOURCE_DATE_EPOCH", "abc"), env=(("SOURCE_DATE_EPOCH", "abc"),)),
    Cli("source-date-epoch-year-5138", BUILD, ("SOURCE_DATE_EPOCH", "99999999999"), env=(("SOURCE_DATE_EPOCH", "99999999999"),)),
    Cli("config-missing", ("check", "--config", "missing.yml"), ("--config", "missing.yml")),
    Cli("site-is-the-project", (*BUILD, "--site", "."), ("--site",)),
    Cli("site-holds-the-project", (*BUILD, "--site", ".."), ("--site",)),
    Cli("site-inside-content", (*BUILD, "--site", "content/x"), ("--site", "content")),
    Cli("site-is-a-file", (*BUILD, "--site", "mkdocs.yml"), ("--site", "mkdocs.yml")),
    Cli("content-missing", ("check", "--content", "/nonexistent"), ("--content", "/nonexistent", "not a folder")),
    Cli("debug-does-not-turn-bad-option-into-internal-error", ("--debug", "check", DATE, "x"), (DATE,)),
    Cli("pdf-with-bad-reference-date", ("pdf", DATE, "2026-02-30"), (DATE, "2026-02-30")),
    Cli("reference-date-empty", ("check", DATE, ""), (DATE,)),
    Cli("reference-date-with-time", ("check", DATE, "2026-01-01T00:00"), (DATE,)),
    Cli("source-date-epoch-float", ("check",), ("SOURCE_DATE_EPOCH", "1e9"), env=(("SOURCE_DATE_EPOCH", "1e9"),)),
    Cli("site-is-docs", (*BUILD, "--site", "docs"), ("--site", "docs")),
    Cli("config-is-a-folder", ("check", "--config", "content"), ("--config", "content")),
]
