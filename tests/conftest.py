"""Shared fixtures: the real content, and throw-away copies of the project for builds."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REFERENCE_DATE = "2026-01-15"
SOURCE_DATE_EPOCH = "1768435200"  # 2026-01-15T00:00:00Z, so MkDocs' sitemap dates are fixed too
HAND_WRITTEN = ["mkdocs.yml", "docs", "overrides", "content"]


def read_csv(path: Path) -> list[dict[str, str]]:
    """A CSV from site/data as Swedish Excel reads it: UTF-8 with a byte order mark, cells separated by ";"."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f, delimiter=";"))


def copy_project(target: Path) -> Path:
    """A copy of the project without generated files, with generator/ linked (not copied)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in HAND_WRITTEN:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("avtal", "samverkansregler", "tidsfrister", "jamforelse", "data", "_generated"))
        elif source.exists():
            shutil.copy2(source, target / name)
    (target / "generator").symlink_to(ROOT / "generator")
    (target / "node_modules").symlink_to(ROOT / "node_modules")
    return target


def run_generator(project: Path, *args: str, content: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "generator", *args, "--config", str(project / "mkdocs.yml"), "--reference-date", REFERENCE_DATE]
    if content is not None:
        command += ["--content", str(content)]
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, **(env or {})}
    return subprocess.run(command, cwd=project, env=environment, capture_output=True, text=True, timeout=1200)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real content built once into a temporary project; returns its site/ folder."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    result = run_generator(project, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"
