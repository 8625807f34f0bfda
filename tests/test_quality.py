"""Quality gates that need no browser: links and anchors, privacy of the built files."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

from generator.build import check
from generator.export import pdf, print_documents

# URL strings inside Material's JavaScript bundles that are never requested by this site:
# licence comments, the GitHub API (only used when repo_url is set; it is not) and CDN
# fallbacks for features we do not use (mermaid diagrams, a ResizeObserver polyfill for old browsers).
# The browser test checks at run time that no request leaves the site.
INERT_JS_HOSTS = {
    "www.mozilla.org", "github.com", "snowball.tartarus.org", "tartarus.org", "code.google.com", "unpkg.com",
    "developer.mozilla.org", "clipboardjs.com", "bit.ly", "api.github.com", "wiki.ecmascript.org",
    "wiki.commonjs.org", "underscorejs.org", "people.mozilla.org", "www.w3.org", "feross.org",
    "chasen.org", "lunrjs.com", "docs.python.org", "en.wikipedia.org", "msdn.microsoft.com", "narwhaljs.org",
}
NOT_FOUND_LINKS = ["/"]
"""The 404 page is shown at any address, so its one link is rooted; built without SITE_URL it is the server's "/"."""


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.refs: list[tuple[str, str, str]] = []  # (tag, attribute, url)

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("id", "name") and value:
                self.ids.add(value)
            if name in ("href", "src") and value is not None:
                self.refs.append((tag, name, value))


def parse_file(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_internal_link_and_anchor_resolves(built_site, with_pdf):
    """Every link between built files resolves. Built without PDFs (make test-quick), a link to a PDF must
    name one of the files the PDF export writes (generator/export/print_documents.py)."""
    cache: dict[Path, Links] = {}
    content, _ = check(built_site.parent / "content")
    pdf_files = {(built_site / document.path).resolve() for document in print_documents.documents(content)}

    def parsed(path: Path) -> Links:
        if path not in cache:
            cache[path] = parse_file(path)
        return cache[path]

    checked, broken = 0, []
    assert [url for _, _, url in parsed(built_site / "404.html").refs] == NOT_FOUND_LINKS
    for page in sorted(p for p in built_site.rglob("*.html") if p.name != "404.html"):
        for tag, attribute, url in parsed(page).refs:
            parts = urlparse(url)
            if parts.scheme or url.startswith("//") or url.startswith("mailto:"):
                continue
            path = unquote(parts.path)
            target = (page.parent / path).resolve() if path else page
            if target.is_dir():
                target = target / "index.html"
            checked += 1
            if not target.exists() and not (not with_pdf and target in pdf_files):
                broken.append(f"{page.relative_to(built_site)}: {url}")
            elif parts.fragment and target.suffix == ".html" and parts.fragment not in parsed(target).ids:
                broken.append(f"{page.relative_to(built_site)}: {url} (no such anchor)")
    assert broken == []
    assert checked > 3000


def test_print_html_links_resolve(built_site):
    project = built_site.parent
    content, _ = check(project / "content")
    pages = pdf.print_pages(project / "mkdocs.yml", project / "docs", content, "https://vard.test/overenskommelser/")
    html = pdf.print_html(pages, content, "https://vard.test/overenskommelser/", __import__("datetime").date(2026, 1, 15))
    parser = Links()
    parser.feed(html)
    internal = [url for _, _, url in parser.refs if url.startswith("#")]
    missing = [url for url in internal if url[1:] not in parser.ids]
    assert missing == [] and len(internal) > 1000
    assert all(urlparse(url).scheme in ("http", "https", "") for _, _, url in parser.refs)


def test_built_files_load_nothing_from_other_hosts(built_site):
    problems = []
    for page in built_site.rglob("*.html"):
        for tag, attribute, url in parse_file(page).refs:
            host = urlparse(url).netloc
            if not host:
                continue  # built without SITE_URL: no link names the site's own host either
            if tag == "a":
                continue  # a plain outbound link in content: followed only if the reader clicks it
            problems.append(f"{page.relative_to(built_site)}: <{tag} {attribute}={url}>")
    for sheet in built_site.rglob("*.css"):
        for url in re.findall(r"(?:url\(|@import\s+)['\"]?((?:https?:)?//[^'\")\s]+)", sheet.read_text(encoding="utf-8")):
            problems.append(f"{sheet.relative_to(built_site)}: {url}")
    for script in built_site.rglob("*.js"):
        if script.name in ("search_index.js", "search_index_full.js"):
            continue  # the search index holds the content's text, whose addresses are links, not requests
        for host in set(re.findall(r"https?://([a-zA-Z0-9.-]+)", script.read_text(encoding="utf-8"))):
            if host not in INERT_JS_HOSTS:
                problems.append(f"{script.relative_to(built_site)}: {host}")
    assert problems == []


# Two builds of the same commit are byte-identical: tests/test_reproducible.py compares the session build
# with one more build (a cold one), site/ and the offline zip, byte for byte.
