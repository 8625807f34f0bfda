"""One benchmark stage in its own process, so time and peak memory are its own: generate | mkdocs | pdf.

Usage: python bench/stages.py STAGE PROJECT_DIR   (prints one JSON line: {"seconds": ...})
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.address import legacy_export_url  # noqa: E402
from generator.build import generate  # noqa: E402
from generator.export import pdf  # noqa: E402
from generator.settings import Settings  # noqa: E402


def main(stage: str, project: Path) -> dict:
    settings = Settings.from_env(project)
    if stage == "generate":
        started = time.perf_counter()
        generate(settings)
        return {"seconds": time.perf_counter() - started}
    if stage == "mkdocs":
        # MkDocs alone: the Markdown is already generated; this config has no generator hook.
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs-bench.yml")], check=True, cwd=project)
        return {"seconds": time.perf_counter() - started}
    if stage == "pdf":
        generated = generate(settings)
        started = time.perf_counter()
        pdf.build_pdf(project / "mkdocs.yml", settings.docs_dir, generated.content, legacy_export_url(settings.site_url), settings.reference_date, project / "site")
        return {"seconds": time.perf_counter() - started}
    raise SystemExit(f"unknown stage {stage}")


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], Path(sys.argv[2]))))
