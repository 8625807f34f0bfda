"""The change log (page Ändringar) and its Atom feed."""

from __future__ import annotations

from generator import ids
from generator.escape import Md
from generator.export import atom
from generator.load import Content
from generator.pages.common import document_link
from generator.render import Page, Renderer


def document_titles(content: Content) -> dict[str, str]:
    """Document id -> its short title, for every document a change log entry may name."""
    return {d: document_link(content, d)[0] for d in [*(a.item.id for a in content.agreements), *(n.item.id for n in content.notices), *([content.rulebook.item.id] if content.rulebook else [])]}


def change_pages(renderer: Renderer, content: Content, site_url: str | None) -> list[Page]:
    """The change log: a fragment of the page Ändringar, and its Atom feed when the site's address is known.
    Without content/andringar.yaml the fragment still exists (the hand-written page includes it) and says so."""
    if content.changes is None:
        return [renderer.render("changes_fragment.md.j2", ids.FRAGMENTS["changes"], link_from=ids.page("changes"), changes=[], feed=None, documents=None)]
    log = content.changes.item
    titles = document_titles(content)
    feed = atom.feed(log, site_url, titles)
    from_page = ids.page("changes")

    def documents(document_ids: list[str]) -> Md:
        return Md(", ").join(Md("[{}]({})").format(titles[d], Md(ids.relative(from_page, document_link(content, d)[1] or from_page))) for d in document_ids)

    fragment = renderer.render("changes_fragment.md.j2", ids.FRAGMENTS["changes"], link_from=from_page, changes=log.changes, feed=feed.path if feed else None, documents=documents)
    return [fragment, feed] if feed else [fragment]
