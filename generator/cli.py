"""Command line: `python -m generator check|build`. Content errors exit with 2 and never show a traceback."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from generator import pages, vendor
from generator.address import publication_problem
from generator.build import check, generate
from generator.doclinks import docs_issues
from generator.export import headers, pdf
from generator.issues import errors_in
from generator.render import Renderer
from generator.settings import CONTENT_ENV, REFERENCE_DATE_ENV, SettingError, Settings, parse_reference_date, reference_date_from_env, site_url_setting

EXIT_CONTENT_ERROR = 2
"""Invalid content, options or environment: the message says what and where."""
EXIT_INTERNAL_ERROR = 3
"""A bug: an exception nobody expected."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description="Generate the site from content/.")
    parser.add_argument("--debug", action="store_true", help="show the traceback of an internal error")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, help_text in [
        ("check", "validate content and print every problem"),
        ("build", "validate, generate Markdown, build site/ and the PDF"),
        ("pdf", "validate, generate Markdown and write site/pdf/ only"),
        ("publish", "build for publication: like build, but SITE_URL must be the public https address"),
    ]:
        cmd = sub.add_parser(name, help=help_text)
        cmd.add_argument("--content", type=Path, help="content folder (default: content/ next to mkdocs.yml)")
        cmd.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="MkDocs config file")
        cmd.add_argument("--reference-date", help="build date YYYY-MM-DD (default: SOURCE_DATE_EPOCH or today)")
        cmd.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="show the traceback of an internal error")
    for name in ("build", "pdf", "publish"):
        sub.choices[name].add_argument("--site", type=Path, help="output folder (default: site/ next to mkdocs.yml)")
    sub.choices["build"].add_argument("--no-pdf", action="store_true", help="skip the PDF (faster local builds)")
    args = parser.parse_args(argv)
    try:
        return run(args)
    except (SettingError, pdf.ExternalResource) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CONTENT_ERROR
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        if args.debug:
            raise
        detail = " ".join(str(exc).split())[:300]
        print(f"internal error: {type(exc).__name__}: {detail}; run with --debug for the traceback", file=sys.stderr)
        return EXIT_INTERNAL_ERROR


def run(args: argparse.Namespace) -> int:
    config = args.config.resolve()
    if not config.is_file():
        raise SettingError(f"--config: {args.config} is not a file")
    project = config.parent
    if args.content is not None and not args.content.is_dir():
        raise SettingError(f"--content: {args.content} is not a folder")
    content_dir = (args.content or project / "content").resolve()
    if args.reference_date is not None:
        os.environ[REFERENCE_DATE_ENV] = parse_reference_date(args.reference_date, "--reference-date").isoformat()
    reference_date_from_env()  # a malformed OKS_REFERENCE_DATE or SOURCE_DATE_EPOCH stops here, before any work
    site_url = site_url_setting()  # so does a malformed SITE_URL
    if args.command == "publish" and (problem := publication_problem(site_url)) is not None:
        raise SettingError(f"{problem}; nothing was built")
    os.environ[CONTENT_ENV] = str(content_dir)

    content, issues = check(content_dir)
    if not errors_in(issues):
        issues += _docs_issues(content, config, site_url)
    for issue in issues:
        print(issue, file=sys.stderr)
    errors = errors_in(issues)
    if errors:
        print(f"{len(errors)} error(s); nothing was built.", file=sys.stderr)
        return EXIT_CONTENT_ERROR
    if args.command == "check":
        print(f"content OK ({len(issues)} warning(s))", file=sys.stderr)
        return 0
    missing = [source for source in vendor.FILES.values() if not (project / source).is_file()]
    if missing:
        print(f"error: {', '.join(missing)} missing: run `make site` (or `npm ci`) to install the build-time npm packages", file=sys.stderr)
        return 1
    site = _site_dir(args.site, project)
    if args.command == "pdf":
        return write_pdf(config, site)
    return build_site(config, site, with_pdf=args.command == "publish" or not args.no_pdf, debug=getattr(args, "debug", False))


def _docs_issues(content, config: Path, site_url: str | None) -> list:
    """Links of the hand-written pages that this content would leave dangling (see generator.doclinks)."""
    written = {page.path for page in pages.all_pages(Renderer(), content, reference_date_from_env(), site_url)}
    return docs_issues(config.parent / "docs", config, written)


def _site_dir(option: Path | None, project: Path) -> Path:
    """The output folder; never the project, a folder holding it, or a folder of sources (the build replaces it whole)."""
    site = (option or project / "site").resolve()
    if site == project or project.is_relative_to(site):
        raise SettingError(f"--site: {option} would replace the project folder")
    for source in ("content", "docs", "generator", "overrides", "tests"):
        if site.is_relative_to((project / source).resolve()):
            raise SettingError(f"--site: {option} lies inside {source}/, which the build must not overwrite")
    if site.exists() and not site.is_dir():
        raise SettingError(f"--site: {option} exists and is not a folder")
    return site


def write_pdf(config: Path, site: Path) -> int:
    """Generate the Markdown (as a build would) and write the PDF into site/pdf/."""
    started = time.perf_counter()
    settings, generated = _generate(config)
    targets = pdf.build_pdf(config, settings.docs_dir, generated.content, settings.site_url, settings.reference_date, site)
    names = ", ".join(t.name for t in targets)
    print(f"{len(targets)} PDFs written to {site / 'pdf'} in {time.perf_counter() - started:.1f} s: {names}", file=sys.stderr)
    return 0


def _generate(config: Path):
    settings = Settings.from_env(config.parent)
    return settings, generate(settings)


def mkdocs_failure(output: str, debug: bool = False) -> str:
    """What to print when MkDocs failed: its own error and warning lines (one line each), or, when it ended in
    a traceback, one line naming the exception (the whole output with --debug). Content problems never get
    here: check() and the hand-written pages' links are checked first."""
    lines = output.splitlines()
    if debug:
        kept = lines
    elif any(line.startswith("Traceback") for line in lines):
        last = next((line for line in reversed(lines) if line.strip() and not line.startswith(" ")), "unknown error")
        kept = [f"internal error: mkdocs: {' '.join(last.split())[:300]}; run with --debug for the traceback"]
    else:
        kept = [" ".join(line.split()) for line in lines if line.startswith(("ERROR", "WARNING", "Aborted", "Error"))]
    return "\n".join([*kept, "mkdocs build failed; site/ was left untouched."])


def build_site(config: Path, site: Path, with_pdf: bool = True, debug: bool = False) -> int:
    """Build into a temporary folder beside site/, then swap it in: a failed build leaves site/ as it was."""
    site.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site.name}-new-", dir=site.parent))
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--config-file", str(config), "--site-dir", str(staging)]
    result = subprocess.run(command, check=False, cwd=config.parent, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace")
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print(mkdocs_failure(result.stdout, debug), file=sys.stderr)
        return result.returncode
    sys.stderr.write(result.stdout)
    if with_pdf:
        try:
            write_pdf(config, staging)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    old = site.with_name(f".{site.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    staging.rename(site)
    shutil.rmtree(old, ignore_errors=True)
    archive = offline_zip(site, zip_path(site, config.parent))
    print(f"Offline copy written to {archive}", file=sys.stderr)
    headers_file = headers.write_nginx_headers(site, headers_path(site, config.parent))
    print(f"nginx headers (CSP with the inline scripts' hashes) written to {headers_file}", file=sys.stderr)
    return 0


ZIP_NAME = "overenskommelser-och-samverkansregler-site.zip"


def zip_path(site: Path, project: Path) -> Path:
    """Where the offline zip of a build goes: dist/ of the project for its own site/, else beside the --site
    folder it was built from (<folder>.zip), so a build elsewhere never overwrites the project's zip."""
    if site.resolve() == (project / "site").resolve():
        return project / "dist" / ZIP_NAME
    return site.with_name(f"{site.name}.zip")


def headers_path(site: Path, project: Path) -> Path:
    """The nginx include with the site's security headers: beside the zip (dist/ for the project's own site/)."""
    if site.resolve() == (project / "site").resolve():
        return project / "dist" / headers.HEADERS_NAME
    return site.with_name(f"{site.name}.{headers.HEADERS_NAME}")


def offline_zip(site: Path, target: Path) -> Path:
    """The built site as a zip that works when unpacked and opened from the file system.

    Entries are sorted and time-stamped with the build date, so the same site gives the same zip.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    stamp = reference_date_from_env().timetuple()[:6]
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{ZIP_ROOT}/{path.relative_to(site).as_posix()}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return target


ZIP_ROOT = "overenskommelser-och-samverkansregler"
