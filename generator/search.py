"""Search: hidden search words for Material's index, and the worker that reads Swedish queries.

Material's search plugin writes site/search/search_index.json; after it (and before the offline
plugin inlines the index) this module adds two fields to the documents, both indexed (see `fields`
in mkdocs.yml) and never shown in result previews:
- `keywords`: the curated search words of a clause, rule, principle, definition or section (content/),
  on that item's own search document only;
- `synonyms`: every word of a synonym group (content/search.yaml) on each document that contains
  one of the group's words, compared by Swedish stem, so "hotell" finds the rules on "logi"; and the
  compounds a text writes with a shared part ("brukar- och anhörigmedverkan" adds "brukarmedverkan").
A guide answer's document also gets `verdict` (its badge: kind and label, e.g. nej, "✗ Nej"), not indexed:
the worker shows it in front of the answer's preview, which otherwise holds only the matching paragraphs.

The site's search worker is Material's, unchanged, with search_worker.js in front of it (see there).
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

import snowballstemmer  # type: ignore[import-untyped]

from generator import ids
from generator.load import Content

WORKER_NAME = "search-sv.js"
"""The worker the pages start (overrides/main.html names it); written next to Material's own."""
FULL_WORKER_NAME = "search-sv-full.js"
"""The worker's search code, which search-sv.js loads on the first query (generator/search_loader.js names it)."""
FULL_INDEX_NAME = "search_index_full.js"
"""The index with its documents, next to search_index.json, loaded on the first query (search_loader.js names it)."""

_ADAPTER = Path(__file__).with_name("search_worker.js")
_LOADER = Path(__file__).with_name("search_loader.js")
_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"\w+")
_stemmer = snowballstemmer.stemmer("swedish")
MAX_REPEAT = 5
LIST_BOOST = 0.5
"""Below 1: the site's search worker ranks such a section after the pages it lists, so a question lands on its
answer, not on the list that names it (the entry page's own top keeps the page's weight: "får jag" finds it)."""


@dataclass(frozen=True)
class SearchWords:
    keywords: dict[str, list[str]]
    """Search location (page.html#anchor) -> its curated keywords."""
    synonyms: list[list[str]]
    """Groups of words that find each other."""
    verdicts: tuple[tuple[str, str], ...] = ()
    """The guide's answer kinds: (kind id, badge text as the page writes it, e.g. "✗ Nej")."""
    lists: tuple[str, ...] = ()
    """Pages (page.html) whose sections, after the first, list what other pages answer (the guide's entry page:
    its questions by topic, its situations, the overview of every answer): weighted LIST_BOOST."""


def search_words(content: Content) -> SearchWords:
    groups = [list(g.words) for g in content.search.item.synonyms] if content.search else []
    verdicts = tuple((k.id, f"{k.symbol} {k.label}") for k in content.guide.item.kinds) if content.guide else ()
    lists = (ids.html_path(ids.page("guide")),) if content.guide else ()
    return SearchWords(_keywords_by_location(content), groups, verdicts, lists)


def _keywords_by_location(content: Content) -> dict[str, list[str]]:
    if content.rulebook is None:
        return {}
    r = content.rulebook.item
    items = [
        *((ids.page("principles"), ids.anchor("principle", p.id), p.keywords) for p in r.principles),
        *((ids.page("rules"), ids.anchor("rule", x.id), x.keywords) for x in r.rules),
        *((ids.page("definitions"), ids.anchor("definition", d.id), d.keywords) for d in r.definitions),
        *((ids.clause_page(c.number), _clause_anchor(c.number), c.keywords) for c in r.clauses),
    ]
    return {f"{ids.html_path(page)}#{anchor}": list(words) for page, anchor, words in items if words}


def _clause_anchor(number: str) -> str:
    """A section's number (e.g. "5") heads its own page; deeper numbers are clauses on it."""
    return ids.anchor("section" if "." not in number else "clause", number)


def enrich_index(index_file: Path, words: SearchWords) -> None:
    """Add the hidden fields to the built index in place. A keyword whose item is not in the index is a generator bug."""
    index = json.loads(index_file.read_text(encoding="utf-8"))
    docs = index["docs"]
    missing = sorted(set(words.keywords) - {doc["location"] for doc in docs})
    if missing:
        raise ValueError("search keywords for locations that are not in the search index: " + ", ".join(missing))
    group_stems = [[_stems(word) for word in group] for group in words.synonyms]
    vocabulary = {w for doc in docs for w in _words(" ".join([doc.get("title", ""), doc.get("text", "")]))}
    # Longest badge first: "✓* Ja, med villkor" before "✓ Ja".
    verdicts = sorted(words.verdicts, key=lambda v: -len(v[1]))
    ends: dict[str, str | None] = {}
    for doc in docs:
        if doc["location"] in words.keywords:
            doc["keywords"] = " ".join(words.keywords[doc["location"]])
        page, _, anchor = doc["location"].partition("#")
        if page in words.lists and anchor not in ("", "top"):
            doc["boost"] = LIST_BOOST
        verdict = _verdict(doc.get("text", ""), verdicts) if anchor else None
        if verdict is not None:
            doc["verdict"] = {"kind": verdict[0], "label": verdict[1]}
        title = _stems(doc.get("title", ""))
        stems = _stems(" ".join([doc.get("text", ""), doc.get("keywords", "")]))
        found = [
            # Repeated as often as the document uses the group's words, so the page about CSV outranks a passing
            # mention; a group word in the title counts fully (the page "Öppna data" is the one about downloads).
            " ".join(group * min(count, MAX_REPEAT))
            for group, members in zip(words.synonyms, group_stems)
            if (count := MAX_REPEAT * sum(_count(title, m) for m in members) + sum(_count(stems, m) for m in members))
        ]
        found += _compounds(" ".join([doc.get("title", ""), doc.get("text", "")]), vocabulary, ends)
        if found:
            doc["synonyms"] = " ".join(found)
    index_file.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _stems(text: str) -> list[str]:
    plain = html.unescape(_TAG.sub(" ", text)).lower()
    return _stemmer.stemWords(_WORD.findall(plain))


def _words(text: str) -> list[str]:
    return _WORD.findall(html.unescape(_TAG.sub(" ", text)).lower())


_SHARED = re.compile(r"\b(\w+)- (?:och|eller|samt|respektive) (\w+)")
MIN_PART = 4


def _compounds(text: str, vocabulary: set[str], ends: dict[str, str | None]) -> list[str]:
    """The compounds a text writes with a shared part, whole: "brukar- och anhörigmedverkan" is "brukarmedverkan
    och anhörigmedverkan". The shared part is the longest end of the second word (at least MIN_PART letters, after
    at least three of its own) that the site also uses as a word ("vården" in "hälso- och sjukvården"), else the
    longest that ends another word ("medverkan" in "patient- och brukarmedverkan"); without one, nothing is added."""
    plain = html.unescape(_TAG.sub(" ", text)).lower()
    found = []
    for first, second in _SHARED.findall(plain):
        if second not in ends:  # the shared part of each second word, found once per build: a word of its own first
            starts = range(3, len(second) - MIN_PART + 1)
            ends[second] = next((second[i:] for i in starts if second[i:] in vocabulary), None) or next(
                (second[i:] for i in starts if _is_end(second[i:], second, vocabulary)), None
            )
        if ends[second] is not None:
            found.append(first + ends[second])
    return found


def _is_end(end: str, word: str, vocabulary: set[str]) -> bool:
    return end in vocabulary or any(w != word and w.endswith(end) for w in vocabulary)


def _verdict(text: str, verdicts: list[tuple[str, str]]) -> tuple[str, str] | None:
    """The badge a guide answer's text opens with (the page writes it first in the answer's first paragraph)."""
    plain = html.unescape(_TAG.sub(" ", text)).strip()
    return next((v for v in verdicts if plain.startswith(v[1] + " ") or plain == v[1]), None)


def _count(stems: list[str], phrase: list[str]) -> int:
    """How often the stems hold the phrase's stems in a row."""
    size = len(phrase)
    return sum(1 for i in range(len(stems) - size + 1) if stems[i : i + size] == phrase)


def defer_index(index_file: Path) -> None:
    """Move the index's documents to search_index_full.js, loaded by the worker on the first query; the file
    Material fetches on every page (and the offline plugin inlines after this) keeps only the config."""
    index = json.loads(index_file.read_text(encoding="utf-8"))
    full = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    index_file.with_name(FULL_INDEX_NAME).write_text(f"self.__searchIndex = {full};\n", encoding="utf-8")
    index_file.write_text(json.dumps({"config": index["config"], "docs": []}, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def write_worker(site_dir: Path) -> None:
    """The site's search worker: the small loader the pages start (search-sv.js), and what it loads on the
    first query: the adapter, then Material's worker as shipped (one file each, so they also run from file://)."""
    workers = site_dir / "assets" / "javascripts" / "workers"
    material = [path for path in workers.glob("search.*.min.js")]
    if len(material) != 1:
        raise ValueError(f"expected exactly one Material search worker in {workers}, found {[p.name for p in material]}")
    adapter = _ADAPTER.read_text(encoding="utf-8")
    (workers / FULL_WORKER_NAME).write_text(adapter + "\n" + material[0].read_text(encoding="utf-8"), encoding="utf-8")
    (workers / WORKER_NAME).write_text(_LOADER.read_text(encoding="utf-8"), encoding="utf-8")
