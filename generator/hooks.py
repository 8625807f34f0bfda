"""MkDocs hooks (mkdocs.yml `hooks:`): thin calls into the generator, no logic of its own.

on_config runs on every build, including each rebuild of `mkdocs serve`, so a
changed YAML file (content/ is in `watch:`) is regenerated before MkDocs reads docs/.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import Abort, PluginError

from generator import glossary, search
from generator.build import generate
from generator.issues import ContentError
from generator.navigation import expand_nav
from generator.render import datum
from generator.settings import SettingError, Settings
from generator.vendor import VendorMissing

log = logging.getLogger("mkdocs.generator")

_search_words: search.SearchWords | None = None
"""Set by on_config (from the content just loaded), used by on_post_build."""


def on_config(config):
    global _search_words
    try:
        settings = Settings.from_env(Path(config.config_file_path).parent, Path(config.docs_dir))
        generated = generate(settings)
    except ContentError as exc:
        for issue in exc.issues:
            log.error(str(issue))
        raise Abort(f"Content is invalid: {exc}. Nothing was written.") from None
    except (VendorMissing, SettingError) as exc:
        raise Abort(str(exc)) from None
    # Only warnings can remain here (errors raised above); they are known, documented
    # discrepancies, so they must not fail a strict build.
    for issue in generated.issues:
        log.info(str(issue))
    log.info(f"generator: {generated.changed} generated file(s) changed")
    # The one setting SITE_URL (not mkdocs.yml) gives the address: canonical links and sitemap.xml only with it.
    config.site_url = settings.site_url
    config.nav = expand_nav(config.nav, generated.content)
    _search_words = search.search_words(generated.content)
    # Abbreviations explained where they appear: the abbr extension's own glossary option, so no Markdown is built from content.
    config.mdx_configs.setdefault("abbr", {})["glossary"] = glossary.abbr_titles(generated.content)
    config.extra["build_date"] = datum(settings.reference_date)
    return config


def on_post_build(config):
    """After Material's search plugin wrote the index, before the offline plugin inlines it (priority -100)."""
    site = Path(config.site_dir)
    try:
        if _search_words is not None:
            search.enrich_index(site / "search" / "search_index.json", _search_words)
        search.defer_index(site / "search" / "search_index.json")
        search.write_worker(site)
    except ValueError as exc:
        raise PluginError(str(exc)) from None
