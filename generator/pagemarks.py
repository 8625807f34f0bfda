"""Marks for the phone layout on every page's HTML tree, as a Python-Markdown extension (mkdocs.yml).

Cards: a table with a "Källa" or "Dokument" column is marked `data-kort`, and each body cell gets its column's
name (`data-etikett`; `data-etikett-ovan` when the name is longer than one short word). extra.css then
shows such a table as one card per row below its breakpoint, each value under or beside its label, so
the source is never a column off-screen (issues 14 and 21). Marked here, at build time, and laid out by
CSS alone: the phone's first paint already shows the cards (when a script decided after load, the page
jumped: a layout shift of 0.26 on Tidsfrister), and they work without JavaScript. The ARIA roles that keep such a
table's semantics once it is no longer displayed as a table are set by assets/tabeller.js (the HTML standard does
not allow row and cell roles in a table's markup).

Frames: every table stands in a div.tabell-ram after a hidden swipe hint, for assets/tabeller.js to use when the
table scrolls sideways (see frame()).

Hidden headings: a heading inside a closed <details> is left out of the page's table of contents. Material
re-reads the position of every heading in the contents whenever the page's height changes, and for one in a
closed <details> Chromium lays the hidden content out anew on each read: one layout per heading (profiled on
Tidsfrister, whose past years are closed blocks: ~180 ms of main thread on a throttled phone at load). A hidden
heading is no place to jump to from the contents anyway; its anchor still works (frister.js opens the block).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
SOURCE_COLUMNS = frozenset({"Källa", "Dokument"})
SHORT_LABEL = re.compile(r"\S{1,11}")
"""A column name that fits the label column of a card (6.5em, extra.css) whole: one word."""


def column_names(table: etree.Element) -> list[str]:
    """The header's cell texts; raw HTML in a header (stashed by Python-Markdown until the end) is left out."""
    head_row = table.find("thead/tr")
    if head_row is None:
        return []
    return [" ".join(HTML_PLACEHOLDER_RE.sub("", "".join(cell.itertext())).split()) for cell in head_row]


def mark_cards(table: etree.Element) -> bool:
    """Mark a table with a source column as cards and label its body cells; False for any other table."""
    names = column_names(table)
    if not SOURCE_COLUMNS & set(names):
        return False
    table.set("data-kort", "")
    for row in table.iterfind("tbody/tr"):
        for name, cell in zip(names, row, strict=False):
            if cell.tag != "td" or not name:
                continue
            cell.set("data-etikett", name)
            if not SHORT_LABEL.fullmatch(name):
                cell.set("data-etikett-ovan", "")
    return True


SWIPE_HINT = "Svep för att se fler kolumner"
"""Shown above a table that scrolls sideways (assets/tabeller.js unhides it and points the table at it)."""


def frame(parent: etree.Element, table: etree.Element, number: int) -> None:
    """Put the table in the frame that holds its edge shadows (div.tabell-ram), after its hidden swipe hint.
    Material later wraps the table in its scrolling div inside this frame; framed here, no script has to move a
    table after load, which made the browser restyle and lay out the whole table again."""
    index = list(parent).index(table)
    # Out of the search index: the same words on every page with a table would match everywhere.
    hint = etree.Element("p", {"class": "tabell-svep", "id": f"tabell-svep-{number}", "hidden": "hidden", "data-search-exclude": ""})
    hint.text = SWIPE_HINT
    hint.tail = "\n"
    box = etree.Element("div", {"class": "tabell-ram"})
    box.tail, table.tail = table.tail, None
    parent.remove(table)
    box.append(table)
    parent.insert(index, hint)
    parent.insert(index + 1, box)


class CardTables(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        parents = [(parent, table) for parent in root.iter() for table in parent if table.tag == "table"]
        for number, (parent, table) in enumerate(parents, start=1):
            mark_cards(table)
            frame(parent, table, number)


def hidden_heading_ids(root: etree.Element) -> set[str]:
    """The ids of the headings inside a <details> that is closed when the page loads."""
    return {
        heading.get("id", "")
        for details in root.iter("details")
        if details.get("open") is None
        for heading in details.iter()
        if heading.tag in HEADINGS and heading.get("id")
    }


def without(tokens: list[dict], hidden: set[str]) -> list[dict]:
    """The toc extension's tokens (nested through "children") without the hidden headings."""
    return [{**token, "children": without(token["children"], hidden)} for token in tokens if token["id"] not in hidden]


class HiddenHeadings(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        hidden = hidden_heading_ids(root)
        if hidden and hasattr(self.md, "toc_tokens"):
            self.md.toc_tokens = without(self.md.toc_tokens, hidden)


class PageMarksExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After the inline patterns (20), the abbreviations (7) and the table of contents (5): a column name is its
        # final text, and the contents' tokens exist.
        md.treeprocessors.register(CardTables(md), "card_tables", 4)
        md.treeprocessors.register(HiddenHeadings(md), "hidden_headings", 3)


def makeExtension(**kwargs) -> PageMarksExtension:
    return PageMarksExtension(**kwargs)
