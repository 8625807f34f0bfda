"""Write one of the build's PDFs again, from a project whose docs/ the build has generated, exactly as
`python -m generator pdf` writes it (same documents, pages and template). For tests/test_pdf_fonts.py, which
runs it under a fontconfig without system fonts. Usage: one_pdf.py PROJECT FILE.pdf OUT.pdf"""

from __future__ import annotations

import sys
from pathlib import Path

from generator.build import check
from generator.export.pdf import converted_pages, nav_pages, print_html, print_pages, write_pdf
from generator.export.print_documents import documents
from generator.settings import reference_date_from_env


def main(project: Path, file: str, out: Path) -> None:
    content, _ = check(project / "content")
    document = next(d for d in documents(content) if d.file == file)
    config, docs = project / "mkdocs.yml", project / "docs"
    # As build_pdf converts: every page once, in the same order, with one converter.
    paths = [path for _, path, _ in nav_pages(config, content)]
    paths += [path for d in documents(content) for path in d.pages or () if path not in paths]
    pages = print_pages(config, docs, content, None, document, converted_pages(docs, paths))
    write_pdf(print_html(pages, content, None, reference_date_from_env(), document), out)


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]))
