"""Open data files under site/data/: the same model as the pages, as CSV and JSON."""

from __future__ import annotations

import csv
import io
import json

from generator import derive, ids
from generator.load import Content
from generator.model import Agreement, Pot, StatedSubtotal
from generator.render import Page
from generator.xref import RuleIndex

POT_COLUMNS = ["agreement_id", "year", "pot_id", "area", "recipient", "recipient_label", "amount_sek", "parent", "channel", "funder", "distribution_key", "note", "source", "row_kind", "parts"]
"""row_kind is "pot" or "stated_subtotal" (a sum the source states over the pots listed in parts): sum only pot rows."""


def pot_rows(content: Content) -> list[dict]:
    """Each agreement's pots, then the subtotals its source states over several of them."""
    rows = []
    for loaded in content.agreements:
        rows += [_pot_row(loaded.item, p) for p in loaded.item.pots]
        rows += [_subtotal_row(loaded.item, s) for s in loaded.item.stated_subtotals]
    return rows


def _pot_row(a: Agreement, p: Pot) -> dict:
    return {
        "agreement_id": a.id,
        "year": a.year,
        "pot_id": p.id,
        "area": p.area,
        "recipient": p.recipient,
        "recipient_label": p.recipient_label or "",
        "amount_sek": p.amount,
        "parent": p.parent or "",
        "channel": p.channel,
        "funder": p.funder or "",
        "distribution_key": p.distribution_key or "",
        "note": p.note or "",
        "source": f"{p.source.seed}: {p.source.section}",
        "row_kind": "pot",
        "parts": "",
    }


def _subtotal_row(a: Agreement, s: StatedSubtotal) -> dict:
    empty = dict.fromkeys(["recipient", "recipient_label", "parent", "channel", "funder", "distribution_key", "note"], "")
    return {
        **empty,
        "agreement_id": a.id,
        "year": a.year,
        "pot_id": s.id,
        "area": s.label,
        "amount_sek": s.amount,
        "source": f"{s.source.seed}: {s.source.section}",
        "row_kind": "stated_subtotal",
        "parts": " ".join(s.pots),
    }


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""A spreadsheet reads a cell starting with these as a formula (CSV injection)."""


def spreadsheet_safe(value: object) -> object:
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe, as OWASP advises; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


CSV_DELIMITER = ";"
"""Excel in a Swedish locale splits a CSV on its list separator, the semicolon (the comma is the decimal sign there)."""
BOM = "\ufeff"
"""A UTF-8 byte order mark: without it Excel reads a CSV as Windows-1252 and å, ä, ö come out wrong."""


def to_csv(rows: list[dict], columns: list[str]) -> str:
    """CSV for Swedish Excel and for programs alike: UTF-8 with BOM, ";" between cells, CRLF line ends (RFC 4180).

    Amounts are whole kronor and dates ISO 8601 (YYYY-MM-DD), so no cell holds a decimal sign that a locale could misread.
    """
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({key: spreadsheet_safe(value) for key, value in row.items()} for row in rows)
    return BOM + buffer.getvalue()


def agreements_json(content: Content) -> str:
    data = {
        "agreements": [a.item.model_dump(mode="json") for a in content.agreements],
        "notices": [n.item.model_dump(mode="json") for n in content.notices],
        "sources": [s.model_dump(mode="json") for s in content.sources.item.sources] if content.sources else [],
    }
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def rulebook_json(content: Content) -> str:
    assert content.rulebook is not None
    r = content.rulebook.item
    data = {
        "id": r.id,
        "title": r.title,
        "valid_from": r.valid_from.isoformat(),
        "source": r.source.model_dump(mode="json"),
        "principles": [{"id": p.id, "name": p.name, "text": p.text} for p in r.principles],
        "rules": [{"id": x.id, "name": x.name, "text": x.text} for x in r.rules],
        "definitions": [{"id": d.id, "term": d.term, "text": d.text} for d in r.definitions],
        "clauses": [{"number": c.number, "section": c.number.split(".")[0], "title": c.title, "text": c.text} for c in r.clauses],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


GUIDE_PATH = "data/far-jag.json"


def guide_json(content: Content) -> str:
    """The "Får jag …?" guide: every answer with its kind, explanation, citations and verbatim quotes."""
    assert content.guide is not None and content.rulebook is not None
    guide = content.guide.item
    index = RuleIndex(content.rulebook.item)
    pages = derive.guide_answer_pages(guide)

    def citation(rule_ref: str) -> dict:
        resolved = index.resolve(rule_ref)
        assert resolved is not None, rule_ref  # validation refuses unknown references
        label, target, anchor = resolved
        return {"ref": rule_ref, "label": label, "url": ids.html_path(target) + "#" + anchor}

    def answer(kind: str, basis: str, text: str, refs: list[str], quotes: list, readings: list, anchor: str) -> dict:
        return {
            "answer": kind,
            "basis": basis,
            "text": text,
            "citations": [citation(r) for r in refs],
            "quotes": [{"ref": q.ref, "text": q.text} for q in quotes],
            "readings": [{"text": r.text, "quotes": [{"ref": q.ref, "text": q.text} for q in r.quotes]} for r in readings],
            "url": ids.html_path(pages[anchor]) + "#" + anchor,
        }

    items = {i.id: i for i in guide.items}
    data = {
        "title": "Får jag …?",
        "rulebook": content.rulebook.item.id,
        "kinds": [k.model_dump(mode="json") for k in guide.kinds],
        "bases": [b.model_dump(mode="json") for b in guide.bases],
        "items": [i.model_dump(mode="json") for i in guide.items],
        "answers": [
            {
                "situation": s.id,
                "situation_name": s.name,
                "situation_citations": [citation(r) for r in s.refs],
                "item": c.item,
                "question": items[c.item].question,
                **answer(c.answer, c.basis, c.text, c.refs, c.quotes, c.readings, ids.anchor("answer", f"{s.id}--{c.item}")),
            }
            for s in guide.situations
            for c in s.cells
        ],
        "topics": [t.model_dump(mode="json") for t in guide.topics],
        "questions": [
            {"id": q.id, "question": q.question, "topic": q.topic, **answer(q.answer, q.basis, q.text, q.refs, q.quotes, q.readings, ids.anchor("question", q.id))}
            for q in guide.questions
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def files(content: Content) -> list[Page]:
    """Data files, written into docs/data/ so MkDocs copies them to site/data/."""
    result = [
        Page("data/potter.csv", to_csv(pot_rows(content), POT_COLUMNS)),
        Page("data/overenskommelser.json", agreements_json(content)),
    ]
    if content.rulebook is not None:
        result.append(Page("data/samverkansregler.json", rulebook_json(content)))
    if content.rulebook is not None and content.guide is not None:
        result.append(Page(GUIDE_PATH, guide_json(content)))
    return result


COMPARISON_COLUMNS = ["theme", "recipient", "year", "amount_sek", "agreement_id"]


def comparison_files(comparison) -> list[Page]:
    """jamforelse.csv and its JSON twin: one row per theme, recipient and year, no overlapping "varav" rows."""
    data = {"series": comparison.series, "years": comparison.years, "themes": [t.model_dump(mode="json") for t in comparison.themes], "rows": comparison.cells}
    return [
        Page("data/jamforelse.csv", to_csv(comparison.cells, COMPARISON_COLUMNS)),
        Page("data/jamforelse.json", json.dumps(data, ensure_ascii=False, indent=2) + "\n"),
    ]
