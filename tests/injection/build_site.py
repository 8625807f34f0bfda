"""Build site/ and the PDF of a project copy with the model's load-time blocklist switched off.

    PYTHONPATH=/path/to/repo python tests/injection/build_site.py PROJECT_DIR

The validator refuses HTML tags, script URLs and Markdown links in content as defence in depth
(generator.model._UNSAFE_TEXT). The injection test wants to show that escaping alone keeps the
site safe, so this script replaces that pattern with one that never matches, then builds in this
process (so the MkDocs hook, which validates and generates the Markdown in on_config, sees the patch
too): the site with MkDocs, then the PDF with WeasyPrint, as `python -m generator build` would.

Beside site/ it writes glossary.json, the corpus' abbreviations, for tests/browser/injection.mjs.

Exit 0 when both were written; any exception ends the script with a traceback and exit 1.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator import glossary, model
from generator.build import check
from generator.export import pdf
from generator.issues import errors_in

REFERENCE_DATE = dt.date(2026, 1, 15)
SITE_URL = "https://vard.test/overenskommelser/"
"""A real-looking address (never a placeholder), so the PDF and the pages carry the links a published build has."""


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: build_site.py PROJECT_DIR", file=sys.stderr)
        return 2
    project = Path(argv[0]).resolve()
    os.environ.setdefault("OKS_REFERENCE_DATE", REFERENCE_DATE.isoformat())
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1768435200")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ["OKS_CONTENT_DIR"] = str(project / "content")
    os.environ["SITE_URL"] = SITE_URL  # read by the MkDocs hook, as in a build with `make site SITE_URL=…`

    # Before anything validates; `_safe_text` looks the global up at call time, so the MkDocs hook
    # (which validates again in on_config) sees the patch too.
    model._UNSAFE_TEXT = re.compile(r"(?!)")
    # The blocklist must really be off: a payload with a tag has to pass the model.
    assert model._safe_text("<script>PWN</script>") == "<script>PWN</script>"

    content, issues = check(project / "content")
    errors = errors_in(issues)
    if errors:
        for issue in errors:
            print(issue, file=sys.stderr)
        print(f"{len(errors)} content error(s) with the blocklist off; the corpus is not valid content", file=sys.stderr)
        return 1

    # As `mkdocs build` does it (mkdocs.commands.build is what the CLI calls between these two).
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    # The corpus' abbreviations for tests/browser/injection.mjs: the only <abbr> it allows is one whose title is
    # the glossary's explanation of the very abbreviation it wraps.
    (project / "glossary.json").write_text(json.dumps(glossary.abbreviations(content), ensure_ascii=False), encoding="utf-8")
    targets = pdf.build_pdf(project / "mkdocs.yml", project / "docs", content, SITE_URL, REFERENCE_DATE, project / "site")
    print(f"site and PDFs ({', '.join(t.name for t in targets)}) written", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
