"""Command line: `python -m generator check|build`. Content errors exit with 2 and never show a traceback."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from generator.build import check
from generator.issues import errors_in
from generator.settings import CONTENT_ENV, REFERENCE_DATE_ENV

EXIT_CONTENT_ERROR = 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description="Generate the site from content/.")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, help_text in [("check", "validate content and print every problem"), ("build", "validate, generate Markdown and build site/")]:
        cmd = sub.add_parser(name, help=help_text)
        cmd.add_argument("--content", type=Path, help="content folder (default: content/ next to mkdocs.yml)")
        cmd.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="MkDocs config file")
        cmd.add_argument("--reference-date", help="build date YYYY-MM-DD (default: SOURCE_DATE_EPOCH or today)")
    sub.choices["build"].add_argument("--site", type=Path, help="output folder (default: site/ next to mkdocs.yml)")
    args = parser.parse_args(argv)

    project = args.config.resolve().parent
    content_dir = (args.content or project / "content").resolve()
    if args.reference_date:
        os.environ[REFERENCE_DATE_ENV] = args.reference_date
    os.environ[CONTENT_ENV] = str(content_dir)

    _, issues = check(content_dir)
    for issue in issues:
        print(issue, file=sys.stderr)
    errors = errors_in(issues)
    if errors:
        print(f"{len(errors)} error(s); nothing was built.", file=sys.stderr)
        return EXIT_CONTENT_ERROR
    if args.command == "check":
        print(f"content OK ({len(issues)} warning(s))", file=sys.stderr)
        return 0
    return build_site(args.config.resolve(), (args.site or project / "site").resolve())


def build_site(config: Path, site: Path) -> int:
    """Build into a temporary folder beside site/, then swap it in: a failed build leaves site/ as it was."""
    site.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site.name}-new-", dir=site.parent))
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--config-file", str(config), "--site-dir", str(staging)]
    result = subprocess.run(command, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print("mkdocs build failed; site/ was left untouched.", file=sys.stderr)
        return result.returncode
    old = site.with_name(f".{site.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    staging.rename(site)
    shutil.rmtree(old, ignore_errors=True)
    return 0
