"""The site's address (SITE_URL) on built output: nothing invented without it, used everywhere with it,
`make publish` refusing a wrong one, and the 404 page wherever the site is served."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import SITE_URL, make, project_with_makefile
from tests.test_browser import run_script

ZIP = Path("dist") / "overenskommelser-och-samverkansregler-site.zip"
PDF = Path("pdf") / "overenskommelser-och-samverkansregler.pdf"
MATERIAL = Path(__import__("material").__file__).parent / "templates"
"""Material's own files are copied into site/ unchanged; their source maps quote "for example." in comments."""


@pytest.fixture(scope="module")
def plain_project(tmp_path_factory) -> Path:
    """A project copy that is never built (the refusals happen before anything is)."""
    return project_with_makefile(tmp_path_factory.mktemp("plain"))


def built_files(site: Path) -> dict[str, bytes]:
    """Every file of the site, and every file of its offline zip (as zip:<name>)."""
    files = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    with zipfile.ZipFile(site.parent / ZIP) as archive:
        files |= {f"zip:{name}": archive.read(name) for name in archive.namelist()}
    return files


def vendor_copy(name: str, data: bytes) -> bool:
    """A file copied unchanged from Material (the zip holds the same files under one folder)."""
    relative = name.removeprefix("zip:").split("/", 1)[1] if name.startswith("zip:") else name
    original = MATERIAL / relative
    return original.is_file() and original.read_bytes() == data


def placeholders(site: Path) -> list[str]:
    found = []
    for name, data in built_files(site).items():
        text = data.decode("latin-1").lower()
        if "example." in text and not vendor_copy(name, data):
            found.append(name)
    return found


def html_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def canonical(site: Path, page: str) -> list[str]:
    return re.findall(r'<link rel="canonical" href="([^"]*)"', (site / page).read_text(encoding="utf-8"))


def test_without_site_url_nothing_names_a_placeholder(built_site):
    assert placeholders(built_site) == []
    assert len(built_files(built_site)) > 200


def test_without_site_url_there_is_no_absolute_self_link(built_site):
    assert not (built_site / "sitemap.xml").exists() and not (built_site / "sitemap.xml.gz").exists()
    assert [page for page in html_pages(built_site) if canonical(built_site, page)] == []
    for feed in [built_site / "tidsfrister.ics", *(built_site / "tidsfrister").glob("*.ics")]:
        unfolded = re.sub(r"\r?\n[ \t]", "", feed.read_text(encoding="utf-8"))
        assert [line for line in unfolded.splitlines() if "://" in line] == []


def test_with_site_url_nothing_names_a_placeholder(addressed_site):
    assert placeholders(addressed_site) == []


def test_with_site_url_every_page_has_its_canonical_address(addressed_site):
    pages = [page for page in html_pages(addressed_site) if page != "404.html"]
    assert len(pages) > 30
    assert {page: canonical(addressed_site, page) for page in pages} == {page: [SITE_URL + page] for page in pages}


def test_with_site_url_the_sitemap_lists_every_page(addressed_site):
    locs = re.findall(r"<loc>([^<]+)</loc>", (addressed_site / "sitemap.xml").read_text(encoding="utf-8"))
    pages = [page for page in html_pages(addressed_site) if page != "404.html"]
    assert sorted(locs) == sorted(SITE_URL + page for page in pages)


def test_with_site_url_calendar_links_lead_to_the_site(addressed_site):
    unfolded = re.sub(r"\r?\n[ \t]", "", (addressed_site / "tidsfrister.ics").read_text(encoding="utf-8"))  # RFC 5545 3.1
    urls = re.findall(r"^URL:(.*?)\r?$", unfolded, re.M)
    assert urls and all(url.startswith(SITE_URL) for url in urls)
    page, _, anchor = urls[0].removeprefix(SITE_URL).partition("#")
    assert (addressed_site / page).is_file() and f'id="{anchor}"' in (addressed_site / page).read_text(encoding="utf-8")


def test_with_site_url_the_pdf_names_it(addressed_site):
    reader = PdfReader(str(addressed_site / PDF))
    for page in (reader.pages[0], reader.pages[-1]):
        assert SITE_URL in "".join(page.extract_text().split())


def test_with_site_url_the_404_page_leads_to_the_start_page(addressed_site, built_site):
    links = re.findall(r'<a href="([^"]*)"', (addressed_site / "404.html").read_text(encoding="utf-8"))
    assert links == [SITE_URL]
    # Without the address the page cannot know where the site lives: it offers the server's own start page.
    assert re.findall(r'<a href="([^"]*)"', (built_site / "404.html").read_text(encoding="utf-8")) == ["/"]


@pytest.mark.parametrize(
    ("site_url", "reason"),
    [
        (None, "SITE_URL is not set"),
        ("http://vard.test/overenskommelser/", "is not an https address"),
        ("https://example.se/overenskommelser/", "placeholder or local"),
        ("https://www.example.org/", "placeholder or local"),
        (SITE_URL, "placeholder or local"),
        ("https://localhost:8000/", "placeholder or local"),
        ("https://intranat.local/", "placeholder or local"),
        ("https://192.168.1.10/", "placeholder or local"),
        ("https://vard.test/a b/", "white space"),
        ("https://127.1/", "placeholder or local"),
        ("https://0x7f.0.0.1/", "placeholder or local"),
        ("https://10.1/", "placeholder or local"),
        ("https://vard.se:0/", "port 0"),
    ],
)
def test_publish_refuses_an_address_unfit_for_publication(plain_project, site_url, reason):
    project = plain_project
    shutil.rmtree(project / "site", ignore_errors=True)
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("förra bygget", encoding="utf-8")
    result = make(project, "publish", site_url)
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and reason in errors[0] and "Traceback" not in result.stderr
    assert sorted(p.name for p in project.iterdir() if p.name.startswith((".site", "site", "dist"))) == ["site"]
    assert [p.name for p in (project / "site").iterdir()] == ["index.html"]
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "förra bygget"


@pytest.mark.parametrize("site_url", ["ftp://vard.test/", "https://vard.test/?a=1", "vard.test/overenskommelser/", 'https://vard.test/"x', "https://vard.test/../../etc/", "https://vard.test/%", "https://a..b/", "https://-.-/"])
def test_build_refuses_a_malformed_address(plain_project, site_url):
    project = plain_project
    shutil.rmtree(project / "site", ignore_errors=True)
    result = make(project, "site", site_url)
    assert result.returncode != 0 and "error: SITE_URL:" in result.stderr and "Traceback" not in result.stderr
    assert not (project / "site").exists()


@pytest.mark.browser
@pytest.mark.parametrize("which", ["built_site", "addressed_site"])
def test_404_page_is_styled_and_accessible_at_any_base_path(which, request, tmp_path):
    """Served from "/" and from "/a/b/", at missing addresses one and three levels deep, and opened from disk."""
    report = run_script("notfound.mjs", request.getfixturevalue(which), tmp_path / "notfound.json", timeout=300)
    visits = [*report["served"], report["from_disk"]]
    assert sorted({visit["base"] for visit in report["served"]}) == ["/", "/a/b/"] and len(visits) == 5
    for visit in visits:
        where = visit["url"]
        assert visit["status"] == (200 if where.startswith("file:") else 404), where
        assert visit["h1"] == "Sidan finns inte", where
        # Browser defaults are an 8px body margin and a transparent header; the site's header is its own colour.
        assert visit["body_margin"] == "0px", where
        assert visit["header_background"] == report["start_header_background"] != "rgba(0, 0, 0, 0)", where
        assert visit["violations"] == [], where
        assert visit["failed_requests"] == [] and visit["external_requests"] == [] and visit["page_errors"] == [], where
        assert visit["scripts"] == 0, where
    assert report["proxy_requests"] == []
