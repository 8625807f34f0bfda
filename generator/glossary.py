"""Abbreviations explained where they appear: content/forkortningar.yaml -> Python-Markdown's `abbr`.

The glossary goes to the `abbr` extension as its `glossary` option (set by generator/hooks.py in
on_config), so no Markdown text is built from content: the extension wraps each whole-word occurrence
in page text in <abbr title="…">, and the XML serializer escapes the title. Link text gets one too;
code does not. docs/assets/begrepp.js shows the title on tap and focus. The same entries are listed,
escaped like all content, in the fragment "glossary" on the page Om webbplatsen.
"""

from __future__ import annotations

from generator import ids
from generator.load import Content
from generator.render import Page, Renderer


def abbreviations(content: Content) -> dict[str, str]:
    """Abbreviation -> explanation, for the abbr extension (empty without content/forkortningar.yaml)."""
    if content.glossary is None:
        return {}
    return {e.term: e.explanation for e in content.glossary.item.entries}


def abbr_titles(content: Content) -> dict[str, str]:
    """The abbr extension's glossary option: each explanation with "&" written as "&amp;". Python-Markdown's
    serializer escapes an "&" only where it does not start an entity, so an explanation holding "&#58;" or
    "&amp;lt;" would reach the title attribute as an entity and the browser would decode it; escaped here,
    the title reads exactly as the explanation."""
    return {term: explanation.replace("&", "&amp;") for term, explanation in abbreviations(content).items()}


def fragment(renderer: Renderer, content: Content) -> Page:
    return renderer.render(
        "glossary_fragment.md.j2",
        ids.FRAGMENTS["glossary"],
        link_from="om-webbplatsen.md",
        entries=content.glossary.item.entries if content.glossary else [],
    )
