"""Printed PDFs: the same generated Markdown as the site, laid out by our own print template and
rendered by WeasyPrint (no browser). The whole reference takes every page in navigation order; the
other documents (generator/export/print_documents.py) take their own pages from the same conversion.

Each page becomes a <section>; its ids and links are prefixed with the page's slug so that anchors
from different pages cannot collide and every internal link works inside the PDF. A link to a page
outside the document points to the site when its address is known, and is left as plain text when not.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from html import escape, unescape
from pathlib import Path

import jinja2
import markdown
import yaml
from markupsafe import Markup

from generator import fragments
from generator.export.calendar import page_url
from generator.export.print_documents import WHOLE, PrintDocument, documents
from generator.load import Content
from generator.navigation import expand_nav
from generator.render import datum

EXCLUDED_PAGES = {"innehallsschema.md", "tillganglighet.md"}
"""Maintainer and website pages that do not belong in the printed reference."""

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_ID = re.compile(r'\bid="(?!diagram-)([^"]+)"')
_HREF = re.compile(r'\bhref="([^"]*)"')


@dataclass(frozen=True)
class PrintPage:
    path: str
    title: str
    depth: int
    """0 for a top-level chapter, 1 for a page inside a nav section, 2 for a page below such a page."""
    slug: str
    html: str
    headings: list[tuple[str, str]]
    """(anchor id, plain text) of the page's h2 headings, for the table of contents."""


def slug(path: str) -> str:
    return "sida-" + path.removesuffix(".md").replace("/", "-")


def nav_pages(config_file: Path, content: Content) -> list[tuple[str, str, int]]:
    """(title, path, depth) in navigation order, with generated pages expanded as on the site.

    Depth 0 is a top-level chapter, 1 a page inside a nav section, 2 a page of a section inside a section
    (the guide's situation and question pages, below its entry page)."""
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    result: list[tuple[str, str, int]] = []

    def walk(items, depth: int) -> None:
        for item in items:
            title, value = next(iter(item.items())) if isinstance(item, dict) else ("", item)
            if isinstance(value, list):
                if depth == 0:
                    # A nav section led by its own index page is a chapter; the pages under it sit one level below.
                    walk(value, 1 if value and isinstance(value[0], str) and value[0].endswith("index.md") else 0)
                else:
                    # A section inside a chapter: its first page (the guide's entry) beside the chapter's pages, the rest below it.
                    first = len(result)
                    walk(value, depth + 1)
                    if len(result) > first:
                        result[first] = (*result[first][:2], depth)
            elif value not in EXCLUDED_PAGES:
                result.append((title, value, depth if not value.endswith("index.md") else 0))

    walk(expand_nav(config["nav"], content), 0)
    return result


def document_order(order: list[tuple[str, str, int]], document: PrintDocument) -> list[tuple[str, str, int]]:
    """The document's pages: all of them for the whole reference; else its own, each a chapter of its own,
    except pages that sit below another page of the chapter (the guide's pages below its entry page)."""
    if document.pages is None:
        return order
    titles = {path: title for title, path, _ in order}
    depths = {path: depth for _, path, depth in order}
    return [(titles.get(path, ""), path, max(depths.get(path, 0) - 1, 0)) for path in document.pages]


def _markdown() -> markdown.Markdown:
    """The site's Markdown extensions (mkdocs.yml), without the permalink icons."""
    return markdown.Markdown(extensions=["abbr", "admonition", "attr_list", "md_in_html", "tables", "toc"])


def _rewrite(html: str, page_path: str, page_slugs: dict[str, str], site_url: str | None) -> str:
    own = page_slugs[page_path]
    html = _ID.sub(lambda m: f'id="{own}--{m.group(1)}"', html)

    def link(match: re.Match) -> str:
        href = match.group(1)
        if re.match(r"^[a-z]+:", href):
            return match.group(0)
        target, _, fragment = href.partition("#")
        path = posixpath.normpath(posixpath.join(posixpath.dirname(page_path), target)) if target else page_path
        if path in page_slugs:
            anchor = f"{page_slugs[path]}--{fragment}" if fragment else page_slugs[path]
            return f'href="#{anchor}"'
        if site_url is None:
            return ""  # no known address for a page outside the document: the link text stays, as text
        if path.endswith(".md"):
            return f'href="{escape(page_url(site_url, path, fragment or None))}"'
        return f'href="{escape(site_url.rstrip("/") + "/" + path)}"'

    return _HREF.sub(link, html)


def converted_pages(docs_dir: Path, paths: list[str]) -> dict[str, str]:
    """Each page's Markdown as HTML (before links are rewritten), converted once for every document."""
    converter = _markdown()
    result = {}
    for path in paths:
        text = fragments.include(_FRONT_MATTER.sub("", (docs_dir / path).read_text(encoding="utf-8")), path, docs_dir)
        result[path] = converter.reset().convert(text)
    return result


def print_pages(
    config_file: Path,
    docs_dir: Path,
    content: Content,
    site_url: str | None,
    document: PrintDocument = WHOLE,
    converted: dict[str, str] | None = None,
) -> list[PrintPage]:
    order = document_order(nav_pages(config_file, content), document)
    converted = converted if converted is not None else converted_pages(docs_dir, [path for _, path, _ in order])
    slugs = {path: slug(path) for _, path, _ in order}
    pages = []
    for title, path, depth in order:
        html = _rewrite(converted[path], path, slugs, site_url)
        headings = [(anchor, _text(text)) for anchor, text in re.findall(r'<h2 id="([^"]+)">(.*?)</h2>', html)]
        page_title = re.search(r"<h1[^>]*>(.*?)</h1>", html)
        pages.append(PrintPage(path, _text(page_title.group(1)) if page_title else unescape(title), depth, slugs[path], Markup(html), headings))
    return pages


def _text(html: str) -> str:
    """The text of an HTML fragment (tags dropped, character references decoded), to be escaped again where printed."""
    return unescape(re.sub("<[^>]+>", "", html))


def print_html(pages: list[PrintPage], content: Content, site_url: str | None, build_date: dt.date, document: PrintDocument = WHOLE) -> str:
    """The print document. The template escapes every value as HTML; only the pages' own HTML (from Markdown) is Markup.

    Without a site address (SITE_URL unset) the document names no address at all: none is invented."""
    env = jinja2.Environment(loader=jinja2.PackageLoader("generator", "templates"), autoescape=True, undefined=jinja2.StrictUndefined)
    sources = content.sources.item.sources if content.sources else []
    if document.seeds is not None:
        sources = [s for s in sources if s.id in document.seeds]
    html = env.get_template("print.html.j2").render(
        document=document,
        single=len(pages) == 1,
        pages=pages,
        sources=sources,
        site_link=_site_link(site_url, document),
        build_date=datum(build_date),
        build_date_iso=build_date.isoformat(),
        fonts=FONTS,
        font_url=font_url,
        sans=SANS,
        mono=MONO,
    )
    # Charts name the generic "sans-serif" (right on the site); in the PDF their text takes the project's font.
    # WeasyPrint applies no document CSS to inline SVG, so the attribute of each chart's own <svg> tag is changed.
    return _CHART_FONT.sub(lambda m: f'{m.group(1)}{SANS}"', html)


def _site_link(site_url: str | None, document: PrintDocument) -> str | None:
    if site_url is None:
        return None
    return page_url(site_url, document.home) if document.home else site_url


_CHART_FONT = re.compile(r'(<svg [^>]*class="chart"[^>]*font-family=")sans-serif"')
FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
"""DejaVu fonts shipped with the project (Debian's fonts-dejavu-core 2.37; licence in fonts/LICENSE)."""
SANS = "OKS DejaVu Sans"
MONO = "OKS DejaVu Sans Mono"
"""Family names no installed font has: fontconfig cannot substitute a machine's font for the project's."""
FONTS = [
    (SANS, "DejaVuSans.ttf", "normal", "normal"),
    (SANS, "DejaVuSans-Bold.ttf", "bold", "normal"),
    (SANS, "DejaVuSans-Oblique.ttf", "normal", "italic"),
    (SANS, "DejaVuSans-BoldOblique.ttf", "bold", "italic"),
    (MONO, "DejaVuSansMono.ttf", "normal", "normal"),
    (MONO, "DejaVuSansMono-Bold.ttf", "bold", "normal"),
]
"""(family, file, weight, style) of every face the print template declares with @font-face."""


def font_url(file: str) -> str:
    return (FONT_DIR / file).as_uri()


def _is_project_font(url: str) -> bool:
    """The one kind of URL the print document may load: a font file of FONT_DIR."""
    return url in {font_url(file) for _, file, _, _ in FONTS}


class ExternalResource(Exception):
    """The print document asked WeasyPrint for a file or URL; the PDF may only contain the document itself."""


def write_pdf(html: str, target: Path) -> None:
    """Write the PDF atomically (a temporary file beside the target, then renamed), loading nothing from outside."""
    import weasyprint  # imported here: only PDF builds pay for loading it
    from weasyprint.urls import URLFetcher

    requested: list[str] = []

    class NoFetching(URLFetcher):
        def fetch(self, url, headers=None):
            if _is_project_font(url):
                return super().fetch(url, headers)
            requested.append(url)
            raise ValueError("the print document may not load anything but the project's fonts")

    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    try:
        document = weasyprint.HTML(string=html, base_url=str(target.parent), url_fetcher=NoFetching())
        document.write_pdf(str(partial), pdf_tags=True, custom_metadata=True)
        if requested:
            raise ExternalResource(f"the print document asked for {', '.join(sorted(set(requested)))}; nothing outside it may be loaded")
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)


def _write(job: tuple[str, Path]) -> Path:
    html, target = job
    write_pdf(html, target)
    return target


def build_pdf(config_file: Path, docs_dir: Path, content: Content, site_url: str | None, build_date: dt.date, site_dir: Path) -> list[Path]:
    """Write every PDF into site_dir/pdf/, the whole reference first in the returned list.

    The Markdown is converted once for all documents; WeasyPrint, which takes nearly all the time, renders
    the documents side by side in one process per CPU."""
    wanted = documents(content)
    paths = [path for _, path, _ in nav_pages(config_file, content)]
    paths += [path for d in wanted for path in d.pages or () if path not in paths]
    converted = converted_pages(docs_dir, paths)
    jobs = []
    for document in wanted:
        pages = print_pages(config_file, docs_dir, content, site_url, document, converted)
        jobs.append((print_html(pages, content, site_url, build_date, document), site_dir / document.path))
    with ProcessPoolExecutor(max_workers=min(len(jobs), os.cpu_count() or 1)) as pool:
        return list(pool.map(_write, jobs))
