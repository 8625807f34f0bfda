"""`make bench`: build synthetic content at 1×, 10× and 100× the real size and report what it costs.

Prints a table and writes bench/results.json. Figures are medians of several runs; peak memory is the
largest resident set of any run of that stage (from wait4). This is a measurement, not a test.
"""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.synthetic import make_content  # noqa: E402

FACTORS = [int(f) for f in os.environ.get("BENCH_FACTORS", "1,10,100").split(",")]
RUNS = {1: 5, 10: 3, 100: 1}
PDF_MAX_FACTOR = int(os.environ.get("BENCH_PDF_MAX_FACTOR", "10"))
"""A 100× PDF would have about 9 000 pages (tens of minutes); it is not part of a normal run."""


def run_stage(stage: str, project: Path) -> tuple[float, int]:
    """(seconds, peak RSS in kB) of one stage in a child process."""
    process = subprocess.Popen([sys.executable, str(ROOT / "bench" / "stages.py"), stage, str(project)], stdout=subprocess.PIPE, cwd=project, env={**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"})
    _, status, usage = os.wait4(process.pid, 0)
    output = process.stdout.read().decode()
    if status != 0:
        raise SystemExit(f"stage {stage} failed: {output}")
    return json.loads(output.strip().splitlines()[-1])["seconds"], usage.ru_maxrss


def project_copy(project: Path, *extra: str) -> Path:
    """A copy of the project's hand-written files (and `extra` ones), generator/ and node_modules/ linked."""
    project.mkdir()
    for name in ("mkdocs.yml", "overrides", *extra):
        source = ROOT / name
        shutil.copytree(source, project / name) if source.is_dir() else shutil.copy(source, project / name)
    shutil.copytree(ROOT / "docs", project / "docs", ignore=shutil.ignore_patterns("avtal", "samverkansregler", "tidsfrister", "jamforelse", "data", "_generated", "vendor"))
    (project / "generator").symlink_to(ROOT / "generator")
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    return project


def make_project(folder: Path, factor: int) -> Path:
    project = project_copy(folder / f"x{factor}")
    make_content(project, factor)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"hooks:\n  - generator/hooks.py\n", "", config).replace("strict: true", "strict: false")
    (project / "mkdocs-bench.yml").write_text(config, encoding="utf-8")
    return project


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def start_page_weight(site: Path) -> dict:
    html = (site / "index.html").read_text(encoding="utf-8")
    assets = re.findall(r'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="([^"]+)"', html)
    files = [site / "index.html"] + [site / a.split("?")[0] for a in assets if not a.startswith("http")]
    # The bench's MkDocs stage runs without the project's hooks, so the index is not split into the deferred
    # search_index_full.js (generator/search.py): then the whole index is search_index.json.
    index = next(p for p in (site / "search" / "search_index_full.js", site / "search" / "search_index.json") if p.exists())
    return {"html_css_js_bytes": sum(f.stat().st_size for f in files if f.exists()), "search_index_bytes": index.stat().st_size}


def serve_reload_seconds(project: Path) -> float | None:
    """Edit one YAML file under `mkdocs serve` and time until the served page shows the change."""
    port = 8700 + os.getpid() % 200
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"})
    # mkdocs.yml has no site_url (SITE_URL reaches it only in the hook), so mkdocs serve mounts the site at "/".
    url = f"http://127.0.0.1:{port}/avtal/psykisk-halsa-2025.html"
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(url, timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        path = project / "content" / "agreements" / "psykisk-halsa-2025.yaml"
        marker = "Benchmarkändring"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["summary"] = data["summary"] + " " + marker
        started = time.perf_counter()
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        while time.perf_counter() - started < 30:
            try:
                if marker in urllib.request.urlopen(url, timeout=1).read().decode("utf-8"):
                    return time.perf_counter() - started
            except OSError:
                pass
            time.sleep(0.05)
        return None
    finally:
        process.terminate()
        process.wait(timeout=10)


def measure(factor: int, folder: Path) -> dict:
    project = make_project(folder, factor)
    runs = RUNS.get(factor, 1)
    generate = [run_stage("generate", project) for _ in range(runs)]
    mkdocs = [run_stage("mkdocs", project) for _ in range(runs)]
    pdf = [run_stage("pdf", project) for _ in range(3 if factor == 1 else 1)] if factor <= PDF_MAX_FACTOR else []
    gen_s = statistics.median(t for t, _ in generate)
    mk_s = statistics.median(t for t, _ in mkdocs)
    site = project / "site"
    result = {
        "factor": factor,
        "runs": runs,
        "content_files": len(list((project / "content").rglob("*.yaml"))),
        "markdown_pages": len(list((project / "docs").rglob("*.md"))),
        "generator_seconds": round(gen_s, 3),
        "mkdocs_seconds": round(mk_s, 3),
        "generator_share": round(gen_s / (gen_s + mk_s), 3),
        "pdf_seconds": round(statistics.median(t for t, _ in pdf), 2) if pdf else None,
        "peak_rss_mb": {"generator": round(max(m for _, m in generate) / 1024, 1), "mkdocs": round(max(m for _, m in mkdocs) / 1024, 1), "pdf": round(max(m for _, m in pdf) / 1024, 1) if pdf else None},
        "site_bytes": folder_size(site),
        **start_page_weight(site),
    }
    if factor == 1:
        result["serve_reload_seconds"] = serve_reload_seconds(project)
    return result


def table(results: list[dict]) -> str:
    head = "| Storlek | Generator (s) | MkDocs (s) | Generatorns andel | PDF (s) | Minne gen/mkdocs/pdf (MB) | Webbplats (MB) | Sökindex (kB) | Startsida (kB) |"
    lines = [head, "|---|--:|--:|--:|--:|--:|--:|--:|--:|"]
    for r in results:
        pdf = f"{r['pdf_seconds']:.1f}" if r["pdf_seconds"] is not None else "–"
        mem = r["peak_rss_mb"]
        lines.append(
            f"| {r['factor']}× | {r['generator_seconds']:.2f} | {r['mkdocs_seconds']:.2f} | {r['generator_share'] * 100:.0f} % | {pdf} | "
            f"{mem['generator']:.0f} / {mem['mkdocs']:.0f} / {mem['pdf'] or 0:.0f} | {r['site_bytes'] / 1e6:.1f} | {r['search_index_bytes'] / 1e3:.0f} | {r['html_css_js_bytes'] / 1e3:.0f} |"
        )
    return "\n".join(lines)


def lighthouse(folder: Path) -> list[dict]:
    """Lighthouse (mobile defaults, served with gzip) on seven pages of a real build without PDF (bench/lighthouse.mjs)."""
    project = project_copy(folder / "lighthouse", "content")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "generator", "build", "--no-pdf"], cwd=project, env=env, check=True, capture_output=True)
    result = subprocess.run(["node", str(ROOT / "bench" / "lighthouse.mjs"), str(project / "site")], cwd=ROOT / "bench", capture_output=True, text=True, check=False)
    pages = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode != 0 or not pages:
        print(f"lighthouse failed (exit {result.returncode}): {result.stderr[-2000:]}", file=sys.stderr)
    return pages


def lighthouse_table(pages: list[dict]) -> str:
    lines = ["| Sida | Prestanda | Tillgänglighet | Bästa praxis | SEO | Första visning, överfört (kB) | Uppackat (kB) | Anrop |", "|---|--:|--:|--:|--:|--:|--:|--:|"]
    for page in pages:
        if "error" in page:
            lines.append(f"| {page['page']} | fel: {page['error'][:80]} | | | | | | |")
            continue
        s, b = page["scores"], page.get("bytes", {})
        lines.append(
            f"| {page['page']} | {s['performance']:.2f} | {s['accessibility']:.2f} | {s['best-practices']:.2f} | {s['seo']:.2f} | "
            f"{b.get('transfer', 0) / 1e3:.0f} | {b.get('resources', 0) / 1e3:.0f} | {b.get('requests', 0)} |"
        )
    return "\n".join(lines)


def main() -> None:
    machine = {"python": platform.python_version(), "machine": platform.machine(), "cpus": os.cpu_count(), "system": platform.platform()}
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        for factor in FACTORS:
            results.append(measure(factor, Path(folder)))
            print(f"{factor}× done", file=sys.stderr)
        pages = lighthouse(Path(folder)) if os.environ.get("BENCH_LIGHTHOUSE", "1") == "1" else []
    base = results[0]
    linear = {f"{r['factor']}x_over_1x": round(r["generator_seconds"] / base["generator_seconds"], 1) for r in results[1:]}
    report = {"machine": machine, "results": results, "generator_time_ratio": linear, "lighthouse": pages}
    (ROOT / "bench" / "results.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(table(results))
    print(f"\nGeneratortid i förhållande till 1×: {linear}")
    if base.get("serve_reload_seconds") is not None:
        print(f"mkdocs serve visar en ändrad YAML-fil efter {base['serve_reload_seconds']:.2f} s (1×)")
    if pages:
        print("\nLighthouse (mobil, gzip), verkligt innehåll utan PDF:\n" + lighthouse_table(pages))
    print(f"Maskin: {machine}")


if __name__ == "__main__":
    main()
