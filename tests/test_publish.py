"""The sample nginx configuration (deploy/nginx.conf): nginx accepts it, and serving the built site
with it gives the headers the README's section "Publicera" promises.

nginx runs as the current user in the foreground (no master process, so no user switching), with its
pid file, logs and temporary folders in a temporary folder, listening on a free local port.
"""

from __future__ import annotations

import gzip
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from generator.export.headers import HEADERS_NAME, write_nginx_headers
from tests.conftest import ROOT

NGINX = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).is_file()), None)
pytestmark = [pytest.mark.slow, pytest.mark.skipif(NGINX is None, reason="nginx is not installed (.ci/run installs it in CI)")]

SERVER_BLOCK = ROOT / "deploy" / "nginx.conf"
PREFIX = "/overenskommelser/"
TEMP_PATHS = {"client_body": "http_core", "proxy": "http_proxy", "fastcgi": "http_fastcgi", "uwsgi": "http_uwsgi", "scgi": "http_scgi"}


def temp_paths(folder: Path) -> str:
    """Temporary folders for the modules this nginx has, so nothing is written under /var."""
    built = subprocess.run([NGINX, "-V"], check=False, capture_output=True, text=True).stderr
    return "".join(f"{name}_temp_path {folder / name};\n" for name, module in TEMP_PATHS.items() if f"--without-{module}_module" not in built)


def wrapper(folder: Path, server_block: Path) -> Path:
    conf = folder / "wrapper.conf"
    conf.write_text(f"events {{}}\nhttp {{\naccess_log off;\n{temp_paths(folder)}include {server_block};\n}}\n", encoding="utf-8")
    return conf


def nginx(folder: Path, *args: str) -> list[str]:
    directives = f"pid {folder / 'nginx.pid'}; error_log {folder / 'error.log'}; daemon off; master_process off;"
    return [NGINX, "-p", str(folder), "-e", str(folder / "error.log"), "-g", directives, *args]


INCLUDE = "/etc/nginx/" + HEADERS_NAME


def with_headers(text: str, headers: Path) -> str:
    """The server block with the generated headers file in place of its deployed path."""
    assert text.count(f"include {INCLUDE};") == 3, "deploy/nginx.conf no longer includes the headers in the server and both locations"
    return text.replace(f"include {INCLUDE};", f"include {headers};")


def test_sample_configuration_passes_nginx_syntax_check(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<!doctype html><script>var a = 1;</script>", encoding="utf-8")
    block = tmp_path / "server.conf"
    block.write_text(with_headers(SERVER_BLOCK.read_text(encoding="utf-8"), write_nginx_headers(site, tmp_path / HEADERS_NAME)), encoding="utf-8")
    result = subprocess.run(nginx(tmp_path, "-t", "-c", str(wrapper(tmp_path, block))), check=False, capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(built_site, tmp_path_factory):
    """nginx serving the built site with the sample configuration, only the listen address and root changed."""
    folder = tmp_path_factory.mktemp("nginx")
    (folder / "www").mkdir()
    (folder / "www" / PREFIX.strip("/")).symlink_to(built_site)
    port = free_port()
    text = SERVER_BLOCK.read_text(encoding="utf-8")
    text = re.sub(r"^(\s*)listen 80;", rf"\1listen 127.0.0.1:{port};", text, count=1, flags=re.MULTILINE)
    text = re.sub(r"^(\s*)root /srv/www;", rf"\1root {folder / 'www'};", text, count=1, flags=re.MULTILINE)
    assert str(port) in text and str(folder / "www") in text, "deploy/nginx.conf no longer has 'listen 80;' and 'root /srv/www;'"
    text = with_headers(text, built_site.parent / "dist" / HEADERS_NAME)  # what the build wrote beside its site
    (folder / "www" / "private.txt").write_text("not part of the site", encoding="utf-8")
    block = folder / "server.conf"
    block.write_text(text, encoding="utf-8")
    process = subprocess.Popen(nginx(folder, "-c", str(wrapper(folder, block))), stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            if process.poll() is not None:
                pytest.fail(f"nginx stopped: {process.stderr.read().decode() if process.stderr else ''}")
            time.sleep(0.05)
    yield base
    process.terminate()
    process.wait(timeout=10)


def get(url: str, gzipped: bool = False) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzipped else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


@pytest.mark.parametrize(
    ("path", "mime"),
    [
        ("index.html", "text/html; charset=utf-8"),
        ("tidsfrister.ics", "text/calendar; charset=utf-8"),
        ("data/potter.csv", "text/csv; charset=utf-8"),
        ("data/overenskommelser.json", "application/json; charset=utf-8"),
        ("assets/extra.css", "text/css; charset=utf-8"),
        ("assets/tabeller.js", "application/javascript; charset=utf-8"),
        ("pdf/overenskommelser-och-samverkansregler.pdf", "application/pdf"),
    ],
)
def test_types_and_short_caching(server, built_site, path, mime):
    status, headers, body = get(server + PREFIX + path)
    assert status == 200
    assert headers["content-type"] == mime
    assert headers["cache-control"] == "public, max-age=300"
    assert body == (built_site / path).read_bytes()


@pytest.mark.parametrize("path", ["index.html", "tidsfrister.ics", "data/potter.csv", "data/overenskommelser.json", "assets/extra.css", "search/search_index.js"])
def test_text_is_compressed(server, built_site, path):
    status, headers, body = get(server + PREFIX + path, gzipped=True)
    assert status == 200 and headers.get("content-encoding") == "gzip"
    assert "Accept-Encoding" in headers.get("vary", "")
    assert gzip.decompress(body) == (built_site / path).read_bytes()


def test_pdf_is_not_compressed_again(server):
    _, headers, _ = get(server + PREFIX + "pdf/overenskommelser-och-samverkansregler.pdf", gzipped=True)
    assert "content-encoding" not in headers


def test_hashed_assets_are_cached_for_a_year(server, built_site):
    hashed = sorted(p.relative_to(built_site).as_posix() for p in (built_site / "assets").rglob("*.min.*") if re.search(r"\.[0-9a-f]{8}\.min\.(css|js)$", p.name))
    assert len(hashed) >= 3, hashed  # Material's main and palette CSS and the JS bundle
    for path in hashed:
        status, headers, _ = get(server + PREFIX + path)
        assert status == 200, path
        assert headers["cache-control"] == "public, max-age=31536000, immutable", path


def test_folder_gives_its_index_page(server, built_site):
    status, headers, body = get(server + PREFIX)
    assert status == 200 and body == (built_site / "index.html").read_bytes()
    assert headers["content-type"] == "text/html; charset=utf-8"


def test_missing_page_gives_the_site_404_page(server, built_site):
    status, headers, body = get(server + PREFIX + "avtal/finns-inte.html")
    assert status == 404
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert body == (built_site / "404.html").read_bytes()


SECURITY_HEADERS = ("content-security-policy", "x-content-type-options", "referrer-policy", "permissions-policy")


@pytest.mark.parametrize("path", ["", "index.html", "assets/extra.css", "avtal/finns-inte.html", "../private.txt", "private.txt", "overenskommelser/.hidden"])
def test_security_headers_on_every_response_including_404(server, path):
    url = server + ("/" + path if path in ("private.txt",) else PREFIX + path)
    status, headers, _ = get(url)
    assert status in (200, 404), (url, status)
    missing = [name for name in SECURITY_HEADERS if name not in headers]
    assert not missing, (url, status, missing)
    assert headers["x-content-type-options"] == "nosniff"
    csp = headers["content-security-policy"]
    assert "default-src 'self'" in csp and "'unsafe-inline'" not in csp.split("script-src", 1)[1].split(";", 1)[0]


def test_hashed_assets_carry_the_security_headers(server, built_site):
    path = next(p.relative_to(built_site).as_posix() for p in (built_site / "assets").rglob("*.min.js") if re.search(r"\.[0-9a-f]{8}\.min\.js$", p.name))
    status, headers, _ = get(server + PREFIX + path)
    assert status == 200 and all(name in headers for name in SECURITY_HEADERS)


def test_only_the_site_folder_is_served(server):
    for path in ("/private.txt", "/", "/overenskommelser/../private.txt", "/overenskommelser/%2e%2e/private.txt"):
        status, _, body = get(server + path)
        assert status == 404 and b"not part of the site" not in body, path


def test_the_csp_allows_every_inline_script_of_the_site(built_site):
    """The CSP's hashes cover each executable inline script (the browser check runs in test_csp_in_chromium)."""
    import base64
    import hashlib

    csp = (built_site.parent / "dist" / HEADERS_NAME).read_text(encoding="utf-8")
    bodies = set()
    for page in built_site.rglob("*.html"):
        for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", page.read_text(encoding="utf-8"), re.DOTALL):
            if "src=" not in attrs and "application/json" not in attrs:
                bodies.add(body)
    assert len(bodies) >= 3
    for body in bodies:
        assert "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'" in csp


@pytest.mark.browser
def test_csp_in_chromium_no_violation_on_any_page(server, built_site, tmp_path):
    """Every page through the real nginx with the generated policy: no violation, the search works, the 404
    page too (tests/browser/csp.mjs)."""
    from tests.test_browser import require_browser_tools, run_script

    require_browser_tools()
    report = run_script("csp.mjs", built_site, tmp_path / "csp.json", server + PREFIX, timeout=600)
    assert report["pages"] == len(list(built_site.rglob("*.html"))) and report["without_policy"] == []
    assert report["control"] == {"blocked": True, "directive": "script-src-elem", "ran": False}, report["control"]
    console = [m for m in report["console"] if m["page"] != "control"]  # the control's refusal is logged too
    assert report["violations"] == [] and console == [], (report["violations"][:10], console[:10])
    assert report["search_results"] and report["search_results"] > 0
    assert report["not_found_status"] == 404
    assert report["external"] == []
