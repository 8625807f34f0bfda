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
    # Issue 25: SITE_URL parsed as browsers parse it; odd or non-public hosts refused in one line.
    Cli("site-url-ipv4-shorthand-loopback", ("publish",), ("SITE_URL", "127.0.0.1", "placeholder or local"), env=(("SITE_URL", "https://127.1/"),)),
    Cli("site-url-octal-loopback", ("publish",), ("SITE_URL", "127.0.0.1"), env=(("SITE_URL", "https://0177.0.0.1/"),)),
    Cli("site-url-hex-loopback", ("publish",), ("SITE_URL", "127.0.0.1"), env=(("SITE_URL", "https://0x7f.0.0.1/"),)),
    Cli("site-url-shorthand-private", ("publish",), ("SITE_URL", "10.0.0.1"), env=(("SITE_URL", "https://10.1/"),)),
    Cli("site-url-dot-dot-path", (*BUILD,), ("SITE_URL", ". or .. segment"), env=(("SITE_URL", "https://vard.se/../../etc/"),)),
    Cli("site-url-lone-percent", (*BUILD,), ("SITE_URL", "% in its path"), env=(("SITE_URL", "https://vard.se/%"),)),
    Cli("site-url-empty-label", ("check",), ("SITE_URL", "empty label"), env=(("SITE_URL", "https://a..b/"),)),
    Cli("site-url-hyphen-labels", ("check",), ("SITE_URL", "not a valid domain name"), env=(("SITE_URL", "https://-.-/"),)),
    Cli("site-url-port-0", (*BUILD,), ("SITE_URL", "port 0"), env=(("SITE_URL", "https://vard.se:0/"),)),
]
