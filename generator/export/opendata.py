"""Open data files under site/data/: the same model as the pages, as CSV and JSON."""

from __future__ import annotations

import csv
import io
import json

from generator.load import Content
from generator.render import Page

POT_COLUMNS = ["agreement_id", "year", "pot_id", "area", "recipient", "recipient_label", "amount_sek", "parent", "channel", "funder", "distribution_key", "source"]


def pot_rows(content: Content) -> list[dict]:
    rows = []
    for loaded in content.agreements:
        a = loaded.item
        for p in a.pots:
            rows.append(
                {
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
                    "source": f"{p.source.seed}: {p.source.section}",
                }
            )
    return rows


def to_csv(rows: list[dict], columns: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def agreements_json(content: Content) -> str:
    data = {
        "agreements": [a.item.model_dump(mode="json") for a in content.agreements],
        "notices": [n.item.model_dump(mode="json") for n in content.notices],
        "sources": [s.model_dump(mode="json") for s in content.sources.item.sources] if content.sources else [],
    }
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def files(content: Content) -> list[Page]:
    """Data files, written into docs/data/ so MkDocs copies them to site/data/."""
    return [
        Page("data/potter.csv", to_csv(pot_rows(content), POT_COLUMNS)),
        Page("data/overenskommelser.json", agreements_json(content)),
    ]
