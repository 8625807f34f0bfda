"""Checks across objects: ids, references, sums and dates. Reports every problem, never stops at the first."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from typing import get_args

from pydantic import BaseModel

from generator import coverage, fulltext, ids, model, obligations, quotes
from generator.derive import RULEBOOK_ITEMS, SIGNING_ITEM, leaf_pots, uid
from generator.export import print_documents
from generator.export.calendar import feed_path
from generator.issues import Issue
from generator.load import Content, Document, file_problem
from generator.model import (
    Agreement,
    AnswerKind,
    Basis,
    Deadline,
    Discrepancy,
    Guide,
    GuideCell,
    GuideQuestion,
    GuideSituation,
    Notice,
    Rulebook,
    SourceRef,
    ThemeMap,
)
from generator.xref import RuleIndex, unresolved

DEADLINE_YEARS_BEFORE = 1
DEADLINE_YEARS_AFTER = 2


def validate_content(content: Content) -> list[Issue]:
    issues: list[Issue] = []
    seeds = _check_sources(content, issues)
    _check_outputs(content, issues)
    agreement_ids = {a.item.id for a in content.agreements}
    for agreement in content.agreements:
        _check_agreement(agreement.item, agreement.doc, seeds, agreement_ids, issues)
    for notice in content.notices:
        _check_notice(notice.item, notice.doc, seeds, issues)
    if content.rulebook is not None:
        _check_source_refs(content.rulebook.item, content.rulebook.doc, seeds, issues)
        _check_rulebook(content.rulebook.item, content.rulebook.doc, issues)
    if content.themes is not None:
        _check_themes(content.themes.item, content.themes.doc, [a.item for a in content.agreements], issues)
    if content.guide is not None:
        if content.rulebook is None:
            issues.append(content.guide.doc.issue((), "guide.yaml needs samverkansregler.yaml"))
        else:
            _check_guide(content.guide.item, content.guide.doc, RuleIndex(content.rulebook.item), issues)
    if content.changes is not None:
        _check_changes(content.changes.item, content.changes.doc, _document_ids(content), issues)
    if content.glossary is not None:
        _check_glossary(content.glossary.item, content.glossary.doc, issues)
    _check_titles(content, issues)
    issues += coverage.check(content)
    issues += obligations.check(content)
    issues += fulltext.check_tables(content)
    return issues


def _document_ids(content: Content) -> set[str]:
    """Ids of the documents a change log entry may name: agreements, notices and the rulebook."""
    found = {a.item.id for a in content.agreements} | {n.item.id for n in content.notices}
    return found | ({content.rulebook.item.id} if content.rulebook else set())


def _check_changes(log: model.ChangeLog, doc: Document, documents: set[str], issues: list[Issue]) -> None:
    """Unique entry ids, newest first, and every named document exists."""
    _check_unique([c.id for c in log.changes], doc, ("changes",), "id", issues)
    for i, change in enumerate(log.changes):
        if i and change.date > log.changes[i - 1].date:
            issues.append(doc.issue(("changes", i, "date"), f"{change.date.isoformat()} is newer than the entry above it; list the newest first"))
        for j, document in enumerate(change.documents):
            if document not in documents:
                issues.append(doc.issue(("changes", i, "documents", j), f"no document has id {document!r}; known: {', '.join(sorted(documents))}"))


def _check_glossary(glossary: model.Glossary, doc: Document, issues: list[Issue]) -> None:
    """Each abbreviation once: the pages can give it only one explanation."""
    seen: set[str] = set()
    for i, entry in enumerate(glossary.entries):
        if entry.term in seen:
            issues.append(doc.issue(("entries", i, "term"), f"{entry.term!r} is explained twice; keep one entry"))
        seen.add(entry.term)


def _check_titles(content: Content, issues: list[Issue]) -> None:
    """One name per document: where a seed holds one agreement only, sources.yaml names it as the agreement does."""
    if content.sources is None:
        return
    documents = [(a.item.source.seed, a.item.title, a.doc) for a in content.agreements]
    documents += [(n.item.source.seed, n.item.title, n.doc) for n in content.notices]
    for i, source in enumerate(content.sources.item.sources):
        own = [(title, doc) for seed, title, doc in documents if seed == source.id]
        if len(own) == 1 and own[0][0] != source.title:
            issues.append(content.sources.doc.issue(("sources", i, "title"), f"must be the document's title as in {own[0][1].file}: {own[0][0]!r}"))


def _check_title_origin(item: Agreement | model.Source, doc: Document, loc: tuple, issues: list[Issue]) -> None:
    """A site-given name says where it comes from; a document's own name says where the document prints it."""
    if item.title_given_by_site and item.title_note is None:
        issues.append(doc.issue(loc + ("title_note",), "say where the name comes from when title_given_by_site is true"))
    if not item.title_given_by_site and item.title_source is None:
        issues.append(doc.issue(loc + ("title_source",), "cite where the document prints its own name (title_source), or set title_given_by_site"))
    if item.title_given_by_site and item.title_source is not None:
        issues.append(doc.issue(loc + ("title_source",), "a site-given name has no title_source; say where it comes from in title_note"))


def _check_title_in_seed(content: Content, title: str, where: SourceRef, doc: Document, loc: tuple, issues: list[Issue]) -> None:
    """A title said to be the document's own is printed in the seed it cites (case aside: it may stand mid-sentence)."""
    seed = coverage.seed_text(content, where.seed)
    if seed is not None and quotes.normalise(title).casefold() not in quotes.normalise(" ".join(seed.lines)).casefold():
        issues.append(doc.issue(loc, f"said to be the document's own name, but seed {where.seed} does not print {title!r}"))


def _check_rulebook(rulebook: Rulebook, doc: Document, issues: list[Issue]) -> None:
    for key in ("principles", "rules", "definitions"):
        _check_unique([x.id for x in getattr(rulebook, key)], doc, (key,), "id", issues)
    _check_unique([c.number for c in rulebook.clauses], doc, ("clauses",), "number", issues)
    numbers = {c.number for c in rulebook.clauses}
    for i, clause in enumerate(rulebook.clauses):
        parent = clause.number.rsplit(".", 1)[0] if "." in clause.number else None
        if parent is not None and parent not in numbers and parent.split(".")[0] not in numbers:
            issues.append(doc.issue(("clauses", i, "number"), f"clause {clause.number} has no section {parent.split('.')[0]}"))
        if clause.title is None and clause.text is None:
            issues.append(doc.issue(("clauses", i), "a clause needs a title, a text or both"))
    index = RuleIndex(rulebook)
    texts = [(("principles", i, "text"), p.text) for i, p in enumerate(rulebook.principles)]
    texts += [(("rules", i, "text"), r.text) for i, r in enumerate(rulebook.rules)]
    texts += [(("definitions", i, "text"), d.text) for i, d in enumerate(rulebook.definitions)]
    texts += [(("clauses", i, "text"), c.text) for i, c in enumerate(rulebook.clauses) if c.text]
    for loc, text in texts:
        for number in unresolved(text, index):
            issues.append(doc.issue(loc, f"reference to {number}, which is not a clause or section of the specification"))


def _check_guide(guide: Guide, doc: Document, index: RuleIndex, issues: list[Issue]) -> None:
    _check_unique([i.id for i in guide.items], doc, ("items",), "id", issues)
    _check_unique([s.id for s in guide.situations], doc, ("situations",), "id", issues)
    _check_unique([q.id for q in guide.questions], doc, ("questions",), "id", issues)
    item_ids = [i.id for i in guide.items]
    _check_unique([k.id for k in guide.kinds], doc, ("kinds",), "id", issues)
    for missing_kind in [k for k in get_args(AnswerKind) if k not in {x.id for x in guide.kinds}]:
        issues.append(doc.issue(("kinds",), f"no legend entry for answer kind {missing_kind!r}"))

    _check_unique([b.id for b in guide.bases], doc, ("bases",), "id", issues)
    for missing_basis in [b for b in get_args(Basis) if b not in {x.id for x in guide.bases}]:
        issues.append(doc.issue(("bases",), f"no legend entry for basis {missing_basis!r}"))

    def check_refs(loc: tuple, refs: list[str]) -> None:
        for j, ref in enumerate(refs):
            if index.resolve(ref) is None:
                issues.append(doc.issue(loc + (j,), f"{ref!r} is not a clause, section, rule, principle or definition in samverkansregler.yaml"))

    for i, situation in enumerate(guide.situations):
        check_refs(("situations", i, "refs"), situation.refs)
        answered = [c.item for c in situation.cells]
        for j, cell in enumerate(situation.cells):
            loc = ("situations", i, "cells", j)
            if cell.item not in item_ids:
                issues.append(doc.issue(loc + ("item",), f"unknown guide item {cell.item!r}"))
            check_refs(loc + ("refs",), cell.refs)
            _check_quotes(cell, doc, loc, index, issues)
            if problem := basis_problem(cell, situation):
                issues.append(doc.issue(loc + ("basis",), problem))
            if problem := foreign_prohibition(situation, cell):
                issues.append(doc.issue(loc + ("answer",), problem))
        _check_unique(answered, doc, ("situations", i, "cells"), "item", issues)
        for missing in [x for x in item_ids if x not in answered]:
            issues.append(doc.issue(("situations", i, "cells"), f"no answer for item {missing!r}"))
    _check_unique([t.id for t in guide.topics], doc, ("topics",), "id", issues)
    topic_ids = {t.id for t in guide.topics}
    for i, question in enumerate(guide.questions):
        if question.topic not in topic_ids:
            issues.append(doc.issue(("questions", i, "topic"), f"unknown topic {question.topic!r}"))
        check_refs(("questions", i, "refs"), question.refs)
        _check_quotes(question, doc, ("questions", i), index, issues)
        if problem := basis_problem(question, None):
            issues.append(doc.issue(("questions", i, "basis"), problem))
    for i, topic in enumerate(guide.topics):
        if not any(q.topic == topic.id for q in guide.questions):
            issues.append(doc.issue(("topics", i), f"topic {topic.id!r} has no questions (its page would be empty)"))


def _check_quotes(answer: GuideCell | GuideQuestion, doc: Document, loc: tuple, index: RuleIndex, issues: list[Issue]) -> None:
    """Every quote (of the answer and of its readings) cites one of the answer's refs and is whole sentences or
    list items of that text, verbatim; a tveksamt answer has at least two readings, and no other answer has any."""
    if answer.answer == "tveksamt" and len(answer.readings) < 2:
        issues.append(doc.issue(loc + ("readings",), "a 'tveksamt' answer needs at least two readings, each with its quotes"))
    if answer.answer != "tveksamt" and answer.readings:
        issues.append(doc.issue(loc + ("readings",), f"only a 'tveksamt' answer has readings (this one is {answer.answer!r})"))
    located = [(loc + ("quotes", k), q) for k, q in enumerate(answer.quotes)]
    located += [(loc + ("readings", r, "quotes", k), q) for r, reading in enumerate(answer.readings) for k, q in enumerate(reading.quotes)]
    for here, quote in located:
        if quote.ref not in answer.refs:
            issues.append(doc.issue(here + ("ref",), f"{quote.ref!r} is quoted but not among the answer's refs"))
        cited = index.texts.get(quote.ref)
        if cited is None:
            issues.append(doc.issue(here + ("ref",), f"{quote.ref!r} has no text of its own to quote (quote a numbered clause, rule, principle or definition)"))
        elif (missing := quotes.missing_part(quote.text, cited)) is not None:
            issues.append(doc.issue(here + ("text",), f"not a verbatim passage of {quote.ref}: {missing[:80]!r} is not in its text"))
        elif (partial := quotes.partial_piece(quote.text, cited)) is not None:
            issues.append(
                doc.issue(here + ("text",), f"{partial[:80]!r} is not whole sentences or list items of {quote.ref}; quote whole sentences and join them only with \"…\"")
            )


SILENT = re.compile(r"\b(nämner inte|nämns inte|säger inget|sägs inget|tar inte upp|tas inte upp)\b")
"""How an explanation says that the situation's own rules are silent on the question."""
GENERAL_PREFIXES = ("regel:", "princip:", "begrepp:")


def basis_problem(answer: GuideCell | GuideQuestion, situation: GuideSituation | None) -> str | None:
    """The basis must match the answer: "ingen" exactly for inte-reglerat; "allmanna" quotes a rule, principle or
    definition for all collaboration; "egna" quotes a clause of the specification (for a situation: one of its own
    sections, or a text among the situation's refs); and a "ja" or "villkor" whose explanation says the
    situation's rules are silent rests on the general rules, so its basis must say so."""
    quoted = [q.ref for q in answer.quotes] + [q.ref for r in answer.readings for q in r.quotes]
    if (answer.basis == "ingen") != (answer.answer == "inte-reglerat"):
        return f"basis {answer.basis!r} with answer {answer.answer!r}: 'ingen' is the basis of inte-reglerat and of nothing else"
    if answer.basis == "allmanna" and not any(ref.startswith(GENERAL_PREFIXES) for ref in quoted):
        return "basis 'allmanna' needs a quote of a rule, principle or definition for all collaboration"
    if answer.basis == "egna":
        own = set(situation.refs) if situation else set()
        sections = {r.split(".")[0] for r in own if ":" not in r}
        if not any(ref in own or (":" not in ref and (situation is None or ref.split(".")[0] in sections)) for ref in quoted):
            return "basis 'egna' needs a quote of the situation's own clauses (or, for a question, of a clause of the specification)"
        if answer.answer in ("ja", "villkor") and (said := SILENT.search(answer.text)):
            return f"the text says the rules are silent ({said.group(0)!r}), so a {answer.answer!r} rests on the general rules: basis must be 'allmanna'"
    return None


def foreign_prohibition(situation: GuideSituation, cell: GuideCell) -> str | None:
    """A "nej" may not rest only on clauses written for another situation.

    It must quote its own section or a general rule; borrowing another section's clause needs
    the explanation to say "tillämpas på samma sätt" and a quote of the general rule it rests on.
    """
    if cell.answer != "nej":
        return None
    own_sections = {ref.split(".")[0] for ref in situation.refs if ":" not in ref}
    clause_refs = [q.ref for q in cell.quotes if ":" not in q.ref]
    foreign = [ref for ref in clause_refs if ref.split(".")[0] not in own_sections]
    if not foreign or len(foreign) < len(clause_refs):
        return None
    general = [q.ref for q in cell.quotes if q.ref.startswith(("regel:", "princip:"))]
    if "tillämpas på samma sätt" in cell.text and general:
        return None
    return (
        f"'nej' rests on {', '.join(foreign)}, written for another situation: quote this situation's own section, "
        "or say \"tillämpas på samma sätt\" in the text and quote the general rule"
    )


def _check_sources(content: Content, issues: list[Issue]) -> set[str]:
    if content.sources is None:
        return set()
    doc = content.sources.doc
    sources = content.sources.item.sources
    _check_unique([s.id for s in sources], doc, ("sources",), "id", issues)
    for i, source in enumerate(sources):
        seed = content.root / "seeds" / source.file
        if not seed.exists():
            issues.append(doc.issue(("sources", i, "file"), f"seed file seeds/{source.file} does not exist"))
        elif problem := file_problem(seed, content.root):
            issues.append(doc.issue(("sources", i, "file"), f"seed file seeds/{source.file} {problem}"))
        if not source.file.startswith(source.id + "_"):
            issues.append(doc.issue(("sources", i, "file"), f"file name must start with the seed id {source.id}_"))
    _check_unique([s.download for s in sources], doc, ("sources",), "download", issues)
    _check_unique([s.short_title for s in sources], doc, ("sources",), "short_title", issues)
    for i, source in enumerate(sources):
        _check_title_origin(source, doc, ("sources", i), issues)
        if source.title_source is not None:
            _check_title_in_seed(content, source.title, source.title_source, doc, ("sources", i, "title"), issues)
        for j, number in enumerate(source.diarienummer):
            _check_number_in_seed(content, number, ("sources", i, "diarienummer", j), issues)
    return {s.id for s in sources}


def _check_number_in_seed(content: Content, number: model.SourceNumber, loc: tuple, issues: list[Issue]) -> None:
    """A diarienummer is recorded only as a seed prints it: it must occur in the seed it cites."""
    assert content.sources is not None
    seed = coverage.seed_text(content, number.source.seed)
    if seed is None:
        issues.append(content.sources.doc.issue(loc + ("source", "seed"), f"unknown seed {number.source.seed!r}"))
    elif not any(number.number in line for line in seed.lines):
        issues.append(content.sources.doc.issue(loc + ("number",), f"{number.number!r} does not occur in seed {number.source.seed}"))


FIXED_OUTPUTS = {
    **{ids.page(kind): "a page the generator always writes" for kind, pattern in ids.PAGES.items() if "{" not in pattern},
    "tidsfrister.ics": "the calendar feed of all deadlines",
    print_documents.WHOLE.path: "the PDF of the whole reference",
}


def _check_outputs(content: Content, issues: list[Issue]) -> None:
    """Every page, PDF, calendar feed and calendar UID the build writes has one owner; a second claim is an error naming the first."""
    owners: dict[str, str] = dict(FIXED_OUTPUTS)

    def claim(output: str, doc: Document, loc: tuple, what: str) -> None:
        if output in owners:
            issues.append(doc.issue(loc, f"{what} {output!r} is already written for {owners[output]}"))
        else:
            line = doc.line_of(loc)
            owners[output] = f"{doc.file}{':' + str(line) if line else ''} ({'.'.join(map(str, loc))})"

    documents: list[tuple[Document, str, list[Deadline]]] = [(a.doc, a.item.id, a.item.deadlines) for a in content.agreements]
    documents += [(n.doc, n.item.id, n.item.deadlines) for n in content.notices]
    for doc, document_id, _ in documents:
        claim(ids.page("agreement", document_id), doc, ("id",), "page")
    for cmap in content.coverage:
        scope = cmap.item.obligations
        if scope is not None:
            claim(ids.page("fulltext", scope.document or cmap.item.document), cmap.doc, ("obligations",), "page")
        for i, part in enumerate(cmap.item.full_texts):
            claim(ids.page("fulltext", part.id), cmap.doc, ("full_texts", i, "id"), "page")
    for loaded in content.agreements:
        claim(f"{print_documents.PDF_DIR}/{print_documents.agreement_file(loaded.item)}", loaded.doc, ("id",), "PDF")
    if content.rulebook is not None:
        claim(f"{print_documents.PDF_DIR}/{print_documents.rulebook_file(content.rulebook.item)}", content.rulebook.doc, ("id",), "PDF")
        documents.append((content.rulebook.doc, content.rulebook.item.id, []))
        for i, clause in enumerate(content.rulebook.item.clauses):
            if "." not in clause.number:
                claim(ids.page("section", clause.number), content.rulebook.doc, ("clauses", i, "number"), "page")
    for doc, document_id, deadlines in documents:
        claim(feed_path(document_id), doc, ("id",), "calendar feed")
        for i, deadline in enumerate(deadlines):
            claim(uid(document_id, deadline.id), doc, ("deadlines", i, "id"), "calendar event")
    for loaded in content.agreements:
        for i, signature in enumerate(loaded.item.signatures):
            if signature.date is None:
                continue
            claim(uid(loaded.item.id, SIGNING_ITEM.format(party=signature.party)), loaded.doc, ("signatures", i, "party"), "calendar event (signing date)")
    if content.rulebook is not None:
        for item_id in RULEBOOK_ITEMS:
            claim(uid(content.rulebook.item.id, item_id), content.rulebook.doc, ("id",), "calendar event")


def _check_unique(values: list[str], doc: Document, loc: tuple, key: str, issues: list[Issue]) -> None:
    seen: set[str] = set()
    for i, value in enumerate(values):
        if value in seen:
            issues.append(doc.issue(loc + (i, key), f"duplicate id {value!r}"))
        seen.add(value)


def _walk_source_refs(obj, loc: tuple):
    """Yield (loc, SourceRef) for every source reference inside a model."""
    if isinstance(obj, SourceRef):
        yield loc, obj
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            yield from _walk_source_refs(item, loc + (i,))
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from _walk_source_refs(getattr(obj, name), loc + (name,))


def _check_source_refs(item, doc: Document, seeds: set[str], issues: list[Issue]) -> None:
    for loc, ref in _walk_source_refs(item, ()):
        if ref.seed not in seeds:
            issues.append(doc.issue(loc + ("seed",), f"unknown seed {ref.seed!r}; see sources.yaml"))


def _check_agreement(agreement: Agreement, doc: Document, seeds: set[str], agreement_ids: set[str], issues: list[Issue]) -> None:
    _check_source_refs(agreement, doc, seeds, issues)
    for key in ("parties", "stated_subtotals", "pots", "distribution_keys", "conditions", "deadlines", "corrections", "discrepancies"):
        _check_unique([x.id for x in getattr(agreement, key)], doc, (key,), "id", issues)

    party_ids = {p.id for p in agreement.parties}
    for i, signature in enumerate(agreement.signatures):
        if signature.party not in party_ids:
            issues.append(doc.issue(("signatures", i, "party"), f"unknown party {signature.party!r}"))
    if agreement.supplements is not None and agreement.supplements not in agreement_ids:
        issues.append(doc.issue(("supplements",), f"unknown agreement {agreement.supplements!r}"))
    if agreement.supplements == agreement.id:
        issues.append(doc.issue(("supplements",), "an agreement cannot supplement itself"))

    pots = {p.id: p for p in agreement.pots}
    parent_ids = {p.parent for p in agreement.pots if p.parent}
    key_ids = {k.id for k in agreement.distribution_keys}
    for i, pot in enumerate(agreement.pots):
        if pot.parent is not None and pot.parent not in pots:
            issues.append(doc.issue(("pots", i, "parent"), f"unknown pot {pot.parent!r}"))
        if pot.distribution_key is not None and pot.distribution_key not in key_ids:
            issues.append(doc.issue(("pots", i, "distribution_key"), f"unknown distribution key {pot.distribution_key!r}"))
        if pot.funder is None and pot.id not in parent_ids:
            issues.append(doc.issue(("pots", i, "funder"), "only a pot with parts may leave out its funder"))
        if pot.recipient == "other" and pot.recipient_label is None:
            issues.append(doc.issue(("pots", i, "recipient_label"), "required when recipient is other"))
    _check_parent_cycles(agreement, doc, issues)

    targets = set(pots) | {agreement.id}
    for i, condition in enumerate(agreement.conditions):
        for j, target in enumerate(condition.applies_to):
            if target not in targets:
                issues.append(doc.issue(("conditions", i, "applies_to", j), f"unknown pot or agreement {target!r}"))

    _check_sums(agreement, doc, issues)
    _check_deadline_years(agreement.deadlines, agreement.year, doc, issues)
    _check_title_origin(agreement, doc, (), issues)
    for i, pot in enumerate(agreement.pots):
        if pot.area_uncertain and pot.note is None:
            issues.append(doc.issue(("pots", i, "note"), "an uncertain area name needs a note saying how it was read"))
    for i, distribution_key in enumerate(agreement.distribution_keys):
        for j, component in enumerate(distribution_key.components):
            if component.kind == "equal_share" and (component.unit is None or component.count is None):
                issues.append(doc.issue(("distribution_keys", i, "components", j, "unit"), "equal_share needs count and unit"))
            if component.kind == "other" and component.description is None:
                issues.append(doc.issue(("distribution_keys", i, "components", j, "description"), "required when kind is other"))
    for i, signature in enumerate(agreement.signatures):
        if (signature.date is None) == (signature.date_text is None):
            issues.append(doc.issue(("signatures", i, "date"), "give either date or date_text (the date as printed when the source has none)"))
        if signature.date is not None and abs(signature.date.year - agreement.year) > 1:
            issues.append(doc.issue(("signatures", i, "date"), f"signed {signature.date.isoformat()}, more than a year from the agreement year {agreement.year}", "warning"))


def _check_parent_cycles(agreement: Agreement, doc: Document, issues: list[Issue]) -> None:
    parents = {p.id: p.parent for p in agreement.pots}
    for i, pot in enumerate(agreement.pots):
        seen = {pot.id}
        current = pot.parent
        while current is not None and current in parents:
            if current in seen:
                issues.append(doc.issue(("pots", i, "parent"), "pots form a cycle of parents"))
                break
            seen.add(current)
            current = parents[current]


def _check_sums(agreement: Agreement, doc: Document, issues: list[Issue]) -> None:
    known: dict[tuple[str, str], Discrepancy] = {(d.check, d.subject): d for d in agreement.discrepancies}

    def report(check: str, subject: str, loc: tuple, message: str) -> None:
        discrepancy = known.get((check, subject))
        if discrepancy is None:
            issues.append(doc.issue(loc, message))
        else:
            issues.append(doc.issue(loc, f"{message} (known discrepancy {discrepancy.id!r}: {discrepancy.note})", "warning"))

    children: dict[str, list] = defaultdict(list)
    for pot in agreement.pots:
        if pot.parent is not None:
            children[pot.parent].append(pot)
    for i, pot in enumerate(agreement.pots):
        if pot.id in children:
            parts = sum(child.amount for child in children[pot.id])
            if parts != pot.amount:
                report("children_sum", pot.id, ("pots", i, "amount"), f"parts sum to {parts} kr but pot {pot.id!r} is {pot.amount} kr")

    top_level = [p for p in agreement.pots if p.parent is None]
    total = sum(p.amount for p in top_level)
    if total != agreement.stated_total.amount:
        report("stated_total", agreement.id, ("stated_total", "amount"), f"top-level pots sum to {total} kr but the stated total is {agreement.stated_total.amount} kr")
    leaves = [p for p in agreement.pots if p.id not in children]
    for i, stated in enumerate(agreement.stated_recipient_totals):
        actual = sum(p.amount for p in leaves if p.recipient == stated.recipient)
        if actual != stated.amount:
            report("recipient_total", stated.recipient, ("stated_recipient_totals", i, "amount"), f"pots for {stated.recipient} sum to {actual} kr but the stated total is {stated.amount} kr")
    _check_stated_subtotals(agreement, doc, report, issues)

    subjects: dict[str, set[str]] = {
        "children_sum": set(children),
        "stated_total": {agreement.id},
        "recipient_total": {r.recipient for r in agreement.stated_recipient_totals},
        "stated_subtotal": {s.id for s in agreement.stated_subtotals},
    }
    for i, discrepancy in enumerate(agreement.discrepancies):
        if discrepancy.subject not in subjects[discrepancy.check]:
            issues.append(doc.issue(("discrepancies", i, "subject"), f"{discrepancy.subject!r} is not something a {discrepancy.check} check applies to"))


def _check_stated_subtotals(agreement: Agreement, doc: Document, report: Callable[[str, str, tuple, str], None], issues: list[Issue]) -> None:
    """Each stated subtotal names known pots, none of them twice or inside another listed pot, and they sum to it."""
    pots = {p.id: p for p in agreement.pots}
    for i, subtotal in enumerate(agreement.stated_subtotals):
        loc = ("stated_subtotals", i)
        problems = _subtotal_part_problems(subtotal.pots, pots)
        for j, problem in problems:
            issues.append(doc.issue(loc + ("pots", j), problem))
        if problems:
            continue
        parts = sum(pots[pot_id].amount for pot_id in subtotal.pots)
        if parts != subtotal.amount:
            report("stated_subtotal", subtotal.id, loc + ("amount",), f"pots {', '.join(subtotal.pots)} sum to {parts} kr but the stated subtotal {subtotal.id!r} is {subtotal.amount} kr")


def _subtotal_part_problems(part_ids: list[str], pots: dict[str, model.Pot]) -> list[tuple[int, str]]:
    """(index, message) for each listed part that is unknown, listed twice, or a "varav" part of another listed pot."""
    problems: list[tuple[int, str]] = []
    for j, pot_id in enumerate(part_ids):
        if pot_id not in pots:
            problems.append((j, f"unknown pot {pot_id!r}"))
        elif pot_id in part_ids[:j]:
            problems.append((j, f"pot {pot_id!r} is listed twice"))
        elif listed_ancestor := next((a for a in _ancestors(pot_id, pots) if a in part_ids), None):
            problems.append((j, f"pot {pot_id!r} is part of {listed_ancestor!r}, also listed; it would be counted twice"))
    return problems


def _ancestors(pot_id: str, pots: dict[str, model.Pot]) -> list[str]:
    """The pots a pot is a "varav" part of, nearest first (stops at an unknown id or a cycle)."""
    result: list[str] = []
    current = pots[pot_id].parent
    while current is not None and current in pots and current not in result and current != pot_id:
        result.append(current)
        current = pots[current].parent
    return result


def _check_deadline_years(deadlines, year: int | None, doc: Document, issues: list[Issue]) -> None:
    if year is None:
        return
    for i, deadline in enumerate(deadlines):
        if not year - DEADLINE_YEARS_BEFORE <= deadline.date.year <= year + DEADLINE_YEARS_AFTER and deadline.note is None:
            issues.append(doc.issue(("deadlines", i, "date"), f"{deadline.date.isoformat()} lies far outside the agreement year {year}; add a note explaining it", "warning"))


def _check_notice(notice: Notice, doc: Document, seeds: set[str], issues: list[Issue]) -> None:
    _check_source_refs(notice, doc, seeds, issues)
    _check_unique([d.id for d in notice.deadlines], doc, ("deadlines",), "id", issues)
    year = notice.date.year if notice.date else None
    _check_deadline_years(notice.deadlines, year, doc, issues)



def _check_themes(themes: ThemeMap, doc: Document, agreements: list[Agreement], issues: list[Issue]) -> None:
    """Every pot without parts in the series is in exactly one theme; nothing else is."""
    _check_unique([t.id for t in themes.themes], doc, ("themes",), "id", issues)
    series = [a for a in agreements if a.series == themes.series]
    if not series:
        issues.append(doc.issue(("series",), f"no agreement has series {themes.series!r}"))
        return
    years = Counter(a.year for a in series)
    for year, count in years.items():
        if count > 1:
            issues.append(doc.issue(("series",), f"{count} agreements in series {themes.series!r} have year {year}; a comparison needs one per year"))
    leaves = {p.id for a in series for p in leaf_pots(a)}
    parents = {p.parent for a in series for p in a.pots if p.parent}
    seen: dict[str, str] = {}
    for i, theme in enumerate(themes.themes):
        for j, pot_id in enumerate(theme.pots):
            loc = ("themes", i, "pots", j)
            if pot_id in seen:
                issues.append(doc.issue(loc, f"pot {pot_id!r} is mapped twice (also in theme {seen[pot_id]!r})"))
            elif pot_id in parents and pot_id not in leaves:
                issues.append(doc.issue(loc, f"pot {pot_id!r} has parts; map its parts instead so nothing is counted twice"))
            elif pot_id not in leaves:
                issues.append(doc.issue(loc, f"no agreement in series {themes.series!r} has a pot {pot_id!r}"))
            seen[pot_id] = theme.id
    for agreement in series:
        for pot in leaf_pots(agreement):
            if pot.id not in seen:
                issues.append(doc.issue(("themes",), f"pot {pot.id!r} of {agreement.id} is not mapped to any theme"))
