""""Får jag …?": the guide to the rulebook, as pages people land on.

An entry page (samverkansregler/far-jag, the guide's address since it was one page) lists the questions by
topic and the situations, explains the answer kinds and shows the overview matrix; each situation and each
topic of worked questions has a page of its own (addresses in generator/ids.py), so that an answer is a
heading of its own that search and links land on. Old links to an answer on the entry page
(far-jag.html#svar-…) are sent on by docs/assets/far-jag.js, which follows the entry page's own link to that
answer (every answer, situation and question is linked from the entry page).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator import derive, ids
from generator.escape import Md
from generator.export.print_documents import print_link, rulebook_document
from generator.load import Content
from generator.model import AnswerKindText, BasisText, Guide, GuideQuestion, GuideTopic
from generator.render import Page, Renderer
from generator.xref import RuleIndex

GUIDE_TITLE = "Får jag …?"


def answer_badge(kind: AnswerKindText, basis: BasisText | None = None, short: bool = False) -> Md:
    """An answer's label with its sign, and what it rests on where that has a label ("Ja, med villkor – enligt de
    allmänna reglerna"); the sign is hidden from screen readers, which read the label."""
    said = (basis.short or basis.label) if basis and short else basis.label if basis else None
    grund = Md('<span class="svar-grund"> – {}</span>').format(said) if said else Md("")
    return Md('<span class="svar svar-{}"><span class="svar-tecken" aria-hidden="true">{}</span> {}{}</span>').format(kind.id, kind.symbol, kind.label, grund)


@dataclass(frozen=True)
class TopicView:
    topic: GuideTopic
    page: str
    questions: list[GuideQuestion]


def topics(guide: Guide) -> list[TopicView]:
    """Each topic with its questions, in the order guide.yaml lists them."""
    return [TopicView(t, ids.page("guide_topic", t.id), [q for q in guide.questions if q.topic == t.id]) for t in guide.topics]


def guide_pages(renderer: Renderer, content: Content) -> list[Page]:
    if content.guide is None or content.rulebook is None:
        return []
    guide = content.guide.item
    index = RuleIndex(content.rulebook.item)
    entry = ids.page("guide")
    kinds = {k.id: k for k in guide.kinds}
    bases = {b.id: b for b in guide.bases}
    document = rulebook_document(content)
    assert document is not None  # a guide needs the rulebook (checked above)
    answer_pages = derive.guide_answer_pages(guide)

    def common(path: str) -> dict[str, Any]:
        def rule_link(rule_ref: str) -> Md:
            resolved = index.resolve(rule_ref)
            assert resolved is not None, rule_ref  # validation refuses unknown references
            label, page, anchor = resolved
            return Md("[{}]({})").format(label, Md(ids.relative(path, page, anchor)))

        def answer_link(anchor: str) -> Md:
            """Link to an answer, a situation or a question on the page that shows it."""
            return Md(ids.relative(path, answer_pages[anchor], anchor))

        return {
            "source_file": content.guide.doc.file if content.guide else "",
            "guide": guide,
            "items_by_id": {i.id: i for i in guide.items},
            "kinds_by_id": kinds,
            "badge": lambda kind_id, basis=None, short=False: answer_badge(kinds[kind_id], bases[basis] if basis else None, short),
            "rule_link": rule_link,
            "rule_links": lambda rule_refs: Md(", ").join(rule_link(r) for r in rule_refs),
            "answer_link": answer_link,
            "entry": Md(ids.relative(path, entry)),
        }

    views = topics(guide)
    # The answer pages keep the default search weight: higher, their titles (questions naming meals, travel,
    # sponsorship) would outrank the rules a one-word search should find first; below 1 the site's search
    # worker would put them after every other page, and a question would no longer find its answer
    # (tests/search/cases.txt). Answer headings are the questions alone, without the item's name before them.
    result = [
        renderer.render(
            "guide.md.j2",
            entry,
            # No table of contents beside the page: the page lists its situations and topics itself, and the
            # overview matrix needs the width.
            meta={"title": GUIDE_TITLE, "search": {"boost": 1.5}, "hide": ["toc"]},
            topics=[(v, Md(ids.relative(entry, v.page))) for v in views],
            print_link=print_link(document, entry),
            **common(entry),
        )
    ]
    for s in guide.situations:
        path = ids.page("guide_situation", s.id)
        result.append(
            renderer.render("guide_situation.md.j2", path, meta={"title": derive.guide_situation_title(s.name)}, s=s, title=derive.guide_situation_title(s.name), **common(path))
        )
    for v in views:
        result.append(
            renderer.render("guide_topic.md.j2", v.page, meta={"title": derive.guide_topic_title(v.topic.name)}, t=v, title=derive.guide_topic_title(v.topic.name), **common(v.page))
        )
    return result

