""""Får jag …?": the guide to the rulebook."""

from __future__ import annotations

from generator import ids
from generator.escape import Md
from generator.export.print_documents import print_link, rulebook_document
from generator.load import Content
from generator.model import AnswerKindText
from generator.render import Page, Renderer
from generator.xref import RuleIndex


def answer_badge(kind: AnswerKindText) -> Md:
    """An answer's label with its sign; the sign is hidden from screen readers, which read the label."""
    return Md('<span class="svar svar-{}"><span class="svar-tecken" aria-hidden="true">{}</span> {}</span>').format(kind.id, kind.symbol, kind.label)


def guide_page(renderer: Renderer, content: Content) -> list[Page]:
    if content.guide is None or content.rulebook is None:
        return []
    guide = content.guide.item
    index = RuleIndex(content.rulebook.item)
    path = ids.page("guide")

    def rule_link(rule_ref: str) -> Md:
        resolved = index.resolve(rule_ref)
        assert resolved is not None, rule_ref  # validation refuses unknown references
        label, page, anchor = resolved
        return Md("[{}]({})").format(label, Md(ids.relative(path, page, anchor)))

    def rule_links(rule_refs: list[str]) -> Md:
        return Md(", ").join(rule_link(r) for r in rule_refs)

    kinds = {k.id: k for k in guide.kinds}
    document = rulebook_document(content)
    assert document is not None  # a guide needs the rulebook (checked above)

    return [
        renderer.render(
            "guide.md.j2",
            path,
            # No table of contents beside the page: the page lists its situations itself, and the
            # overview matrix needs the width.
            meta={"title": "Får jag …?", "search": {"boost": 1.5}, "hide": ["toc"]},
            source_file=content.guide.doc.file,
            guide=guide,
            items_by_id={i.id: i for i in guide.items},
            kinds_by_id=kinds,
            badge=lambda kind_id: answer_badge(kinds[kind_id]),
            rule_link=rule_link,
            rule_links=rule_links,
            print_link=print_link(document, path),
        )
    ]
