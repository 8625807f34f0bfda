"""Third-party browser files the site needs, copied from build-time npm packages (never committed).

The offline plugin would otherwise load the iframe-worker shim from a CDN, which breaks offline use
and leaks visitors to a third party.
"""

from __future__ import annotations

from pathlib import Path

from generator.render import Page

FILES = {
    "assets/vendor/iframe-worker-shim.js": "node_modules/iframe-worker/shim/index.js",
}


class VendorMissing(Exception):
    pass


def vendor_pages(project_dir: Path) -> list[Page]:
    pages = []
    for target, source in FILES.items():
        path = project_dir / source
        if not path.is_file():
            raise VendorMissing(f"{source} is missing: run `make site` (or `npm ci`) to install the build-time npm packages")
        pages.append(Page(target, path.read_text(encoding="utf-8")))
    return pages
