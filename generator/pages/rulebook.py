"""Samverkansregler: the index, principles, rules, definitions and one page per section."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator import derive, ids
from generator.escape import Md
from generator.export.print_documents import print_link, rulebook_document
from generator.load import Content
from generator.pages.common import part_full_texts
from generator.pages.guide import answer_badge
from generator.render import Page, Renderer
from generator.xref import RuleIndex, link_text


@dataclass(frozen=True)
class Entry:
    """A principle, rule or definition as a page shows it."""

    name: str
    anchor: str
    body: str


@dataclass(frozen=True)
class ClauseView:
    number: str
    title: str | None
    level: int
    body: str
    same_as: list[str]


def rulebook_pages(renderer: Renderer, content: Content) -> list[Page]:
    if content.rulebook is None:
        return []
    loaded = content.rulebook
    r = loaded.item
    index = RuleIndex(r)
    kinds = {k.id: k for k in content.guide.item.kinds} if content.guide else {}
    bases = {b.id: b for b in content.guide.item.bases} if content.guide else {}
    common: dict[str, Any] = {
        "r": r,
        "source_file": loaded.doc.file,
        "has_guide": content.guide is not None,
        "badge": lambda kind_id, basis=None: answer_badge(kinds[kind_id], bases[basis] if basis else None),
    }
    sections = [c for c in r.clauses if "." not in c.number]
    questions = content.guide.item.questions if content.guide else []
    document = rulebook_document(content)
    assert document is not None
    result = [
        renderer.render("rulebook_index.md.j2", ids.page("rulebook"), meta={"title": "Samverkansregler", "search": {"boost": 1.5}}, sections=sections, short_questions=[q for q in questions if q.short], print_link=print_link(document, ids.page("rulebook")), decision_texts=[(t, Md(ids.relative(ids.page("rulebook"), p))) for t, p in part_full_texts(content, r.id)], **common),
        _rule_list(renderer, index, "principles", "Principer", r.principles_intro + " Följande principer gäller vid all form av samverkan.", [(p.name, "principle", p.id, p.text) for p in r.principles], **common),
        _rule_list(renderer, index, "rules", "Regler vid all samverkan", "Följande regler gäller vid all form av samverkan.", [(x.name, "rule", x.id, x.text) for x in r.rules], **common),
        _rule_list(renderer, index, "definitions", "Begrepp", "Så definieras begreppen i samverkansreglerna. Där ett begrepp används i regeltexten länkar ordet hit, och definitionen visas när du pekar på ordet.", [(d.term, "definition", d.id, d.text) for d in r.definitions], **common),
    ]
    duplicates = derive.duplicate_clause_texts(r)
    for section in sections:
        path = ids.page("section", section.number)
        members = [c for c in r.clauses if c.number.split(".")[0] == section.number and c.number != section.number]
        views = [
            ClauseView(
                c.number,
                c.title,
                c.number.count(".") + 1,
                link_text(c.text, index, path) if c.text else "",
                [n for n in duplicates.get(c.number, []) if n != c.number],
            )
            for c in members
        ]
        groups = sorted({tuple(g) for n, g in duplicates.items() if n.split(".")[0] == section.number})
        # Keywords are not on the page: generator/search.py adds them to the search index.
        meta: dict[str, object] = {"title": f"{section.number} {section.title}", "search": {"boost": 2}}
        result.append(renderer.render("section.md.j2", path, meta=meta, section=section, clauses=views, duplicates=groups, **common))
    return result


def _rule_list(renderer: Renderer, index: RuleIndex, kind: str, title: str, intro: str, items: list, **common) -> Page:
    path = ids.page(kind)
    entries = [
        Entry(name, ids.anchor(anchor_kind, id), link_text(text, index, path, skip_term=id if anchor_kind == "definition" else None))
        for name, anchor_kind, id, text in items
    ]
    return renderer.render("rule_list.md.j2", path, meta={"title": title, "search": {"boost": 2}}, title=title, intro=intro, entries=entries, **common)
