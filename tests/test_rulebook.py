"""Samverkansreglerna: complete and verbatim, anchored, cross-linked, with a guide that always cites its clauses."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import yaml

from generator.build import check
from generator.issues import errors_in
from tests.conftest import ROOT

CONTENT, _ = check(ROOT / "content")
RULEBOOK = CONTENT.rulebook.item
SEED = (ROOT / "content" / "seeds" / "000_aa54de41c754c204.txt").read_text(encoding="utf-8")


def source_clause_numbers() -> list[str]:
    """Numbered clauses as they start lines in the specification part of seed 000."""
    start = SEED.index("SPECIFIKATION AV SAMVERKANSSITUATIONER")
    end = SEED.index("Förbundsstyrelsens beslut", start)
    return re.findall(r"(?m)^\s*(\d{1,2}(?:\.\d{1,2}){1,3})\s", SEED[start:end])


def test_clause_count_per_section_equals_the_source():
    in_source = Counter(n.split(".")[0] for n in source_clause_numbers())
    in_content = Counter(c.number.split(".")[0] for c in RULEBOOK.clauses if "." in c.number)
    assert in_content == in_source
    assert sorted(in_source) == [str(n) for n in sorted(range(1, 11), key=str)]


def test_principles_rules_and_definitions_are_complete():
    assert [p.name for p in RULEBOOK.principles] == [
        "Förtroendeprincipen", "Nyttoprincipen", "Transparensprincipen", "Proportionalitetsprincipen", "Måttfullhetsprincipen", "Dokumentationsprincipen",
    ]
    assert [r.name for r in RULEBOOK.rules] == [
        "Grundregel", "Godkännande av deltagande", "Måltider", "Alkohol", "Sociala aktiviteter", "Resor", "Medföljande", "Sponsring", "Val av ort och lokal",
    ]
    assert len(RULEBOOK.definitions) == 11 and RULEBOOK.valid_from.isoformat() == "2026-02-01"


class Anchors(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and "href" in attrs:
            self.links.append(attrs["href"])


def parse(path: Path) -> Anchors:
    parser = Anchors()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_clause_has_its_anchor_and_a_link_icon(built_site):
    for clause in RULEBOOK.clauses:
        section = clause.number.split(".")[0]
        page = built_site / "samverkansregler" / f"avsnitt-{section}.html"
        html = page.read_text(encoding="utf-8")
        anchor = f"avsnitt-{section}" if "." not in clause.number else "punkt-" + clause.number.replace(".", "-")
        assert f'id="{anchor}"' in html, clause.number
        if "." in clause.number:
            assert f'<a class="headerlink" href="#{anchor}"' in html, clause.number


def resolve(site: Path, page: Path, href: str) -> tuple[Path, str]:
    target, _, fragment = href.partition("#")
    path = (page.parent / target).resolve() if target else page
    if path.is_dir():
        path = path / "index.html"
    return path, fragment


def test_cross_references_and_terms_link_to_existing_anchors(built_site):
    page = built_site / "samverkansregler" / "avsnitt-3.html"
    html = page.read_text(encoding="utf-8")
    assert '<a href="#punkt-3-2-4">3.2.4</a>' in html
    assert 'title="Alla former av möten där medarbetare och chefer' in html  # tooltip of "sammankomst"
    checked = 0
    for href in parse(page).links:
        if "#punkt-" in href or "#begrepp-" in href or "#avsnitt-" in href:
            path, fragment = resolve(built_site, page, href)
            assert fragment in parse(path).ids, href
            checked += 1
    assert checked > 20


def test_guide_cells_cite_existing_clauses(built_site):
    guide = CONTENT.guide.item
    numbers = {c.number for c in RULEBOOK.clauses}
    for situation in guide.situations:
        assert [c.item for c in situation.cells] == [i.id for i in guide.items]
        for cell in situation.cells:
            assert cell.refs and all(":" in r or r in numbers for r in cell.refs)
    # Every page of the guide: the entry page and the situation and question pages it leads to.
    pages = sorted((built_site / "samverkansregler").glob("far-jag*.html"))
    assert len(pages) == 1 + len(guide.situations) + len(guide.topics)
    links = [(page, h) for page in pages for h in parse(page).links if "#" in h and not h.startswith("#")]
    assert len(links) >= 130
    for page, href in links:
        path, fragment = resolve(built_site, page, href)
        assert fragment in parse(path).ids, (page.name, href)
    assert len(guide.questions) >= 10


def test_duplicate_clauses_are_detected_and_noted(built_site):
    html = (built_site / "samverkansregler" / "avsnitt-6.html").read_text(encoding="utf-8")
    assert "Upprepad text i källan" in html
    assert "Punkterna 6.3, 6.4, 6.6, 6.7 har ordagrant samma text" in html
    assert "Punkterna 6.5, 6.8 har ordagrant samma text" in html
    about = (built_site / "om-kallorna.html").read_text(encoding="utf-8")
    assert "6.3" in about and "6.8" in about


def test_open_data_json(built_site):
    data = json.loads((built_site / "data" / "samverkansregler.json").read_text(encoding="utf-8"))
    assert {"principles", "rules", "definitions", "clauses"} <= set(data)
    clause = next(c for c in data["clauses"] if c["number"] == "3.1.5")
    assert clause["section"] == "3" and clause["text"].startswith("Resor får inte bekostas av industrin")


def _content_with(tmp_path, edit) -> Path:
    target = tmp_path / "content"
    shutil.copytree(ROOT / "content", target)
    for name in ("samverkansregler.yaml", "guide.yaml"):
        data = yaml.safe_load((target / name).read_text(encoding="utf-8"))
        edit(name, data)
        (target / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def test_unresolved_reference_in_rule_text_fails(tmp_path):
    def edit(name, data):
        if name == "samverkansregler.yaml":
            data["clauses"][5]["text"] += " Se 3.9.9."

    _, issues = check(_content_with(tmp_path, edit))
    assert [(e.file, e.field) for e in errors_in(issues)] == [("content/samverkansregler.yaml", "clauses[5].text")]


def test_guide_answer_citing_a_missing_clause_fails(tmp_path):
    def edit(name, data):
        if name == "guide.yaml":
            data["situations"][0]["cells"][0]["refs"].insert(0, "9.9.9")
            data["situations"][2]["cells"][3]["refs"].insert(0, "regel:finns-inte")

    _, issues = check(_content_with(tmp_path, edit))
    fields = sorted(e.field for e in errors_in(issues))
    assert fields == ["situations[0].cells[0].refs[0]", "situations[2].cells[3].refs[0]"]


def test_guide_answer_without_any_clause_fails(tmp_path):
    def edit(name, data):
        if name == "guide.yaml":
            data["situations"][1]["cells"][1]["refs"] = []

    _, issues = check(_content_with(tmp_path, edit))
    assert [(e.file, e.field) for e in errors_in(issues)] == [("content/guide.yaml", "situations[1].cells[1].refs")]
