"""The "Får jag …?" guide on the built pages, in far-jag.json and in the PDF.

The guide is an entry page (samverkansregler/far-jag.html: questions by topic, situations, legend,
overview) and a page per situation and per topic of worked questions, which carry the answers.

Every answer has a kind, an explanation and at least one verbatim quote of the text it rests on.
The checks here read the built output; tests/guide_cases.txt is a table written from the rule text
alone, independently of content/guide.yaml.
"""

from __future__ import annotations

import json
import posixpath
import re
import shutil
from pathlib import Path

import pytest
import yaml

from generator.build import check
from generator.issues import errors_in
from tests.conftest import ROOT
from tests.test_hostile import Node, article, fold, parse_html, select

KINDS = ["ja", "villkor", "nej", "inte-reglerat", "ej-aktuellt", "tveksamt"]
CASES = ROOT / "tests" / "guide_cases.txt"


def normalise(text: str) -> str:
    """Compare as the issue defines it: a hyphen at a line break joined, white space folded."""
    return " ".join(re.sub(r"(?<=\w)-\s+(?=\w)", "", text).split())


def is_verbatim(quote: str, cited: str) -> bool:
    """Every part of the quote ("…" marks an omission) occurs in the cited text, in order."""
    haystack, position = normalise(cited), 0
    for part in (normalise(p) for p in quote.split("…")):
        if not part:
            continue
        found = haystack.find(part, position)
        if found < 0:
            return False
        position = found + len(part)
    return True


def letters(text: str) -> str:
    """Only letters and digits, lower case: for finding page text in PDF text whatever the line breaks."""
    return "".join(ch for ch in text.lower() if ch.isalnum())


@pytest.fixture(scope="module")
def guide(built_site) -> dict:
    return json.loads((built_site / "data" / "far-jag.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def rule_texts(built_site) -> dict[str, str]:
    """Every quotable text of the built samverkansregler.json, by the reference syntax the guide uses."""
    data = json.loads((built_site / "data" / "samverkansregler.json").read_text(encoding="utf-8"))
    texts = {c["number"]: c["text"] for c in data["clauses"] if c["text"]}
    texts |= {f"princip:{p['id']}": p["text"] for p in data["principles"]}
    texts |= {f"regel:{r['id']}": r["text"] for r in data["rules"]}
    texts |= {f"begrepp:{d['id']}": d["text"] for d in data["definitions"]}
    return texts


ENTRY = "samverkansregler/far-jag.html"


@pytest.fixture(scope="module")
def page(built_site) -> Node:
    """The entry page."""
    return article(parse_html(built_site / ENTRY))


@pytest.fixture(scope="module")
def guide_pages(built_site) -> dict[str, Node]:
    """Every page of the guide (the entry page and the pages it leads to), site path -> article."""
    return {f"samverkansregler/{p.name}": article(parse_html(p)) for p in sorted((built_site / "samverkansregler").glob("far-jag*.html"))}


def blocks(page: Node) -> list[Node]:
    return [c for c in page.children if isinstance(c, Node)]


def answer_block(pages: dict[str, Node], answer: dict) -> tuple[Node, Node, list[Node]]:
    """On the page far-jag.json names for the answer: the paragraph holding the answer (after the heading with
    the anchor), its quote block, and its "Bygger på" line."""
    path, anchor = answer["url"].split("#")
    children = blocks(pages[path])
    start = next(i for i, node in enumerate(children) if node.attr("id") == anchor)
    heading, answer_paragraph, quotes = children[start], children[start + 1], children[start + 2]
    # A tveksamt answer's readings (a paragraph and a quote block each) stand between its quotes and "Bygger på".
    based_on = children[start + 3 + 2 * len(answer.get("readings", []))]
    # Each answer is a heading section of its own, so that search and links land on it.
    assert heading.tag == "h2", (anchor, heading.tag)
    assert answer_paragraph.tag == "p" and quotes.tag == "blockquote" and fold(based_on.text()).startswith("Bygger på:"), anchor
    return answer_paragraph, quotes, [based_on]


def badge_kind(node: Node) -> str:
    badges = [n for n in select(node, "span.svar") if n is not node]
    assert len(badges) == 1, fold(node.text())[:80]
    return next(c.removeprefix("svar-") for c in badges[0].classes if c.startswith("svar-"))


def all_answers(guide: dict) -> list[dict]:
    return guide["answers"] + guide["questions"]


# --- far-jag.json --------------------------------------------------------------------------


def test_every_quote_is_verbatim_in_the_text_it_cites(guide, rule_texts):
    checked = 0
    for answer in all_answers(guide):
        cited = {c["ref"] for c in answer["citations"]}
        assert answer["quotes"], answer["url"]
        for quote in answer["quotes"]:
            assert quote["ref"] in cited, (answer["url"], quote["ref"])
            assert is_verbatim(quote["text"], rule_texts[quote["ref"]]), (answer["url"], quote)
            checked += 1
    assert checked >= len(all_answers(guide))


def test_the_verbatim_check_can_fail(rule_texts):
    text = rule_texts["3.1.5"]
    assert is_verbatim(text[:40], text)
    assert not is_verbatim(text[:40].replace("inte", "gärna"), text)
    assert not is_verbatim("bekostas … Resor", text)  # parts out of order


def test_every_situation_and_item_is_answered_exactly_once(guide):
    situations = list(dict.fromkeys(a["situation"] for a in guide["answers"]))
    items = [i["id"] for i in guide["items"]]
    pairs = [(a["situation"], a["item"]) for a in guide["answers"]]
    assert len(situations) >= 13 and len(items) == 10
    assert sorted(pairs) == sorted((s, i) for s in situations for i in items)
    assert len(set(pairs)) == len(pairs)


def test_answer_kinds_and_legend(guide):
    assert [k["id"] for k in guide["kinds"]] == KINDS
    assert all(k["label"] and k["symbol"] and k["meaning"] for k in guide["kinds"])
    assert {a["answer"] for a in all_answers(guide)} <= set(KINDS)
    assert len(guide["questions"]) >= 45


def test_citations_point_at_existing_anchors(guide, built_site):
    for answer in all_answers(guide):
        for citation in answer["citations"] + answer.get("situation_citations", []):
            path, anchor = citation["url"].split("#")
            assert f'id="{anchor}"' in (built_site / path).read_text(encoding="utf-8"), citation


def test_no_nej_rests_only_on_another_situations_section(guide):
    """A prohibition from another section's clause is only borrowed when the text says so and quotes the general rule."""
    for answer in guide["answers"]:
        if answer["answer"] != "nej":
            continue
        own = {c["ref"].split(".")[0] for c in answer["situation_citations"] if ":" not in c["ref"]}
        clause_quotes = [q["ref"] for q in answer["quotes"] if ":" not in q["ref"]]
        general_quotes = [q["ref"] for q in answer["quotes"] if q["ref"].startswith(("regel:", "princip:"))]
        if clause_quotes and all(ref.split(".")[0] not in own for ref in clause_quotes):
            assert "tillämpas på samma sätt" in answer["text"] and general_quotes, (answer["situation"], answer["item"])


# --- The independent table ---------------------------------------------------------------


def independent_cases() -> list[tuple[str, str, str, str, str]]:
    cases = []
    for line in CASES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            situation, item, kind, clause, words = (part.strip() for part in line.split("|"))
            cases.append((situation, item, kind, clause, words))
    return cases


def test_the_independent_table_is_broad_and_quotes_the_rules(rule_texts):
    cases = independent_cases()
    assert len(cases) >= 20
    assert len({c[0] for c in cases}) >= 9 and len({c[2] for c in cases}) >= 4
    for situation, item, kind, clause, words in cases:
        assert kind in KINDS, (situation, item)
        assert is_verbatim(words, rule_texts[clause]), (situation, item, clause)


@pytest.mark.parametrize("case", independent_cases(), ids=lambda c: f"{c[0]}-{c[1]}")
def test_independent_case_on_the_page_and_in_the_json(case, guide, guide_pages):
    situation, item, kind, clause, _ = case
    answer = find_answer(guide, None if situation == "fraga" else situation, item)
    assert answer["answer"] == kind
    assert clause in {c["ref"] for c in answer["citations"]}
    paragraph, _, _ = answer_block(guide_pages, answer)
    assert badge_kind(paragraph) == kind


# --- The pages ----------------------------------------------------------------------------


def test_pages_show_every_answer_with_its_kind_text_and_quotes(guide, guide_pages):
    kinds = {k["id"]: k for k in guide["kinds"]}
    for answer in all_answers(guide):
        paragraph, quotes, based_on = answer_block(guide_pages, answer)
        assert badge_kind(paragraph) == answer["answer"], answer["url"]
        shown = fold(paragraph.text())
        assert fold(answer["text"]) in shown
        note = kinds[answer["answer"]].get("note")
        if note:
            assert fold(note) in shown
        quoted = fold(quotes.text())
        for quote in answer["quotes"]:
            assert fold(quote["text"]) in quoted, (answer["url"], quote["text"])
        quote_links = [a.attr("href") for a in select(quotes, "a")]
        assert len(quote_links) == len(answer["quotes"])
        links = [a.attr("href") for block in based_on for a in select(block, "a")]
        assert len(links) == len(answer["citations"])


def on_site(from_page: str, href: str) -> str:
    """A link on a page as a site path with its fragment (samverkansregler/x.html#a)."""
    path, _, fragment = href.partition("#")
    target = posixpath.normpath(posixpath.join(posixpath.dirname(from_page), path)) if path else from_page
    return f"{target}#{fragment}" if fragment else target


def test_overview_matrix_links_every_cell_to_its_answer(guide, page):
    table = next(t for t in select(page, "table") if fold(t.text()).startswith("Situation"))
    links = {on_site(ENTRY, a.attr("href")): badge_kind(a) for a in select(table, "a") if select(a, "span.svar")}
    expected = {a["url"]: a["answer"] for a in guide["answers"]}
    assert links == expected


def test_every_answer_is_on_exactly_one_page_and_no_guide_page_holds_every_answer(guide, guide_pages):
    """The answers are spread over the situation and topic pages; each anchor exists once, where far-jag.json says."""
    where: dict[str, list[str]] = {}
    for path, node in guide_pages.items():
        for element in node.iter():
            anchor = element.attr("id")
            if anchor and anchor.startswith(("svar-", "fraga-", "situation-")):
                where.setdefault(anchor, []).append(path)
    for answer in all_answers(guide):
        path, anchor = answer["url"].split("#")
        assert where.get(anchor) == [path], (anchor, where.get(anchor))
    assert not any(a.startswith(("svar-", "fraga-")) for a in where if ENTRY in where[a]), "answers left on the entry page"
    situations = {a["situation"] for a in guide["answers"]}
    assert len(guide_pages) == 1 + len(situations) + len(guide["topics"])
    assert max(sum(1 for a in where if path in where[a]) for path in guide_pages) <= 2 * len(guide["items"])


def test_entry_page_links_every_answer_question_and_situation(guide, page):
    """Without JavaScript the entry page leads to everything, and every old anchor of the one-page guide
    (#svar-…, #fraga-…, #situation-…) has a link on it that the forwarding script can follow."""
    linked = {on_site(ENTRY, a.attr("href")) for a in select(page, "a") if a.attr("href")}
    situation_pages = {a["situation"]: a["url"].split("#")[0] for a in guide["answers"]}
    old_anchors = {a["url"] for a in all_answers(guide)} | {f"{p}#situation-{s}" for s, p in situation_pages.items()}
    assert old_anchors <= linked, sorted(old_anchors - linked)[:5]
    questions = next(n for n in select(page, "h2") if n.attr("id") == "fragor")
    assert fold(questions.text()) == "Vanliga frågor"
    topic_headings = [fold(n.text()) for n in select(page, "h3") if (n.attr("id") or "").startswith("amne-")]
    assert topic_headings == [t["name"] for t in guide["topics"]]
    assert {n.attr("id") for n in select(page, "h2")} >= {"fragor", "situationer", "svarstyper", "oversikt"}


def test_guide_page_titles_say_what_the_page_answers(guide, guide_pages):
    titles = {path: fold(select(node, "h1")[0].text()) for path, node in guide_pages.items()}
    assert titles[ENTRY] == "Får jag …?"
    for answer in guide["answers"]:
        path = answer["url"].split("#")[0]
        assert path == f"samverkansregler/far-jag-situation-{answer['situation']}.html"
        assert titles[path] == f"{answer['situation_name']}: vad får industrin betala eller erbjuda?"
    names = {t["id"]: t["name"] for t in guide["topics"]}
    for question in guide["questions"]:
        path = question["url"].split("#")[0]
        assert path == f"samverkansregler/far-jag-fragor-{question['topic']}.html"
        assert titles[path] == f"Vanliga frågor: {names[question['topic']]}"


def test_legend_names_every_kind_with_sign_and_label(guide, page):
    table = next(t for t in select(page, "table") if fold(t.text()).startswith("Svar Betyder"))
    rows = [r for r in select(table, "tr") if select(r, "td")]
    assert [badge_kind(r) for r in rows] == KINDS
    for row, kind in zip(rows, guide["kinds"]):
        sign = select(row, "span.svar-tecken")[0]
        assert sign.attr("aria-hidden") == "true" and fold(sign.text()) == kind["symbol"]
        assert fold(kind["label"]) in fold(row.text()) and fold(kind["meaning"]) in fold(row.text())


# --- The PDF ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf_text(reference_pdf_pages, guide) -> str:
    """The PDF's letters (see letters()) page after page, without the running header and footer, which the text
    extraction puts after the page's body and which land inside a paragraph split by a page break: the page's
    chapter (a guide page's title, which may wrap), the document's title and "Sida N av M"."""
    chapters = ["Får jag …?"] + [f"{a['situation_name']}: vad får industrin betala eller erbjuda?" for a in guide["answers"]]
    chapters += [f"Vanliga frågor: {t['name']}" for t in guide["topics"]]
    running = [letters(c) for c in dict.fromkeys(chapters)]
    pages = []
    for page in reference_pdf_pages:
        flat = re.sub(r"sida\d+av\d+$", "", letters(page)).removesuffix(letters("Överenskommelser och samverkansregler"))
        pages.append(next((flat.removesuffix(c) for c in running if flat.endswith(c)), flat))
    return "".join(pages)


def test_pdf_prints_the_legend_every_answer_and_every_quote(guide, pdf_text):
    flat = pdf_text
    assert letters("Så läser du svaren") in flat
    for kind in guide["kinds"]:
        assert letters(kind["meaning"]) in flat
    for answer in all_answers(guide):
        assert letters(answer["text"]) in flat, answer["url"]
        for reading in answer["readings"]:
            assert letters(reading["text"]) in flat, answer["url"]
        for quote in answer["quotes"] + [q for r in answer["readings"] for q in r["quotes"]]:
            for part in quote["text"].split("…"):
                assert letters(part) in flat, (answer["url"], part)
    # What an answer rests on is printed with it: the general-rules label after each such answer (and in the
    # legend), the short label in the overview matrix.
    bases = {b["id"]: b for b in guide["bases"]}
    general = [a for a in all_answers(guide) if a["basis"] == "allmanna"]
    assert flat.count(letters(bases["allmanna"]["label"])) >= 1 + len(general)
    in_matrix = [a for a in guide["answers"] if a["basis"] == "allmanna"]
    # The long label holds the short one ("enligt de allmänna reglerna"), so count the short ones beyond it.
    assert flat.count(letters(bases["allmanna"]["short"])) - flat.count(letters(bases["allmanna"]["label"])) >= len(in_matrix)
    for kind in guide["kinds"]:
        label = letters(kind["label"])
        if len(label) < 8:
            continue  # "Ja" and "Nej" are inside too many other words to count
        used = sum(a["answer"] == kind["id"] for a in guide["answers"])
        asked = sum(a["answer"] == kind["id"] for a in guide["questions"])
        # Legend, matrix, the answer itself; worked questions once each.
        assert flat.count(label) >= 1 + 2 * used + asked, kind["id"]


# --- Bad content --------------------------------------------------------------------------


def content_with(tmp_path: Path, edit) -> Path:
    target = tmp_path / "content"
    shutil.copytree(ROOT / "content", target)
    path = target / "guide.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def errors(tmp_path: Path, edit) -> list[tuple[str, str, str]]:
    _, issues = check(content_with(tmp_path, edit))
    return [(e.file, e.field, e.message) for e in errors_in(issues)]


def test_a_quote_with_one_word_changed_is_refused(tmp_path):
    def edit(data):
        quote = data["situations"][0]["cells"][0]["quotes"][0]
        words = quote["text"].split()
        words[len(words) // 2] = "inte" if words[len(words) // 2] != "inte" else "gärna"
        quote["text"] = " ".join(words)

    found = errors(tmp_path, edit)
    assert [f[:2] for f in found] == [("content/guide.yaml", "situations[0].cells[0].quotes[0].text")]
    assert "not a verbatim passage" in found[0][2]


def test_a_quote_of_a_text_the_answer_does_not_cite_is_refused(tmp_path):
    rules = yaml.safe_load((ROOT / "content" / "samverkansregler.yaml").read_text(encoding="utf-8"))["rules"]
    question = yaml.safe_load((ROOT / "content" / "guide.yaml").read_text(encoding="utf-8"))["questions"][0]
    uncited = next(r for r in rules if f"regel:{r['id']}" not in question["refs"])
    verbatim = " ".join(uncited["text"].split())  # whole sentences: only the missing citation is wrong

    def edit(data):
        data["questions"][0]["quotes"].append({"ref": f"regel:{uncited['id']}", "text": verbatim})

    found = errors(tmp_path, edit)
    assert [f[:2] for f in found] == [("content/guide.yaml", f"questions[0].quotes[{len(question['quotes'])}].ref")]
    assert "not among the answer's refs" in found[0][2]


def test_a_nej_borrowed_from_another_section_is_refused(tmp_path):
    def edit(data):
        situation = next(s for s in data["situations"] if s["id"] == "referenskund")
        cell = next(c for c in situation["cells"] if c["item"] == "resa")
        quote = {"ref": "3.1.5", "text": "Resor får inte bekostas av industrin eller begäras av enskilda deltagare."}
        cell.update(answer="nej", basis="egna", text="Industrin får inte bekosta resan.", refs=["3.1.5"], quotes=[quote])

    # Besides the borrowed prohibition, the basis is wrong too: 3.1.5 is not the situation's own clause.
    found = errors(tmp_path, edit)
    assert sorted(f[1].rsplit(".", 1)[1] for f in found) == ["answer", "basis"]
    assert "3.1.5" in next(f[2] for f in found if f[1].endswith(".answer"))


def test_an_unknown_answer_kind_is_refused(tmp_path):
    def edit(data):
        data["situations"][1]["cells"][2]["answer"] = "kanske"

    assert [f[1] for f in errors(tmp_path, edit)] == ["situations[1].cells[2].answer"]


def test_a_kind_without_a_legend_entry_is_refused(tmp_path):
    def edit(data):
        data["kinds"] = [k for k in data["kinds"] if k["id"] != "ej-aktuellt"]

    found = errors(tmp_path, edit)
    assert [f[1] for f in found] == ["kinds"] and "ej-aktuellt" in found[0][2]


def test_an_answer_without_a_quote_is_refused(tmp_path):
    def edit(data):
        data["situations"][3]["cells"][4]["quotes"] = []

    assert [f[1] for f in errors(tmp_path, edit)] == ["situations[3].cells[4].quotes"]


def test_a_question_of_an_unknown_topic_and_a_topic_without_questions_are_refused(tmp_path):
    def edit(data):
        data["questions"][2]["topic"] = "finns-inte"
        data["topics"].append({"id": "tomt", "name": "Ett ämne utan frågor"})

    found = errors(tmp_path, edit)
    assert [f[1] for f in found] == ["questions[2].topic", f"topics[{len(yaml.safe_load((ROOT / 'content' / 'guide.yaml').read_text(encoding='utf-8'))['topics'])}]"]


def quote_errors(tmp_path: Path, situation: int, cell: int, text: str) -> list:
    def edit(data):
        data["situations"][situation]["cells"][cell]["quotes"][0]["text"] = text

    _, issues = check(content_with(tmp_path, edit))
    return errors_in(issues)


def alkohol_cell() -> tuple[int, int]:
    data = yaml.safe_load((ROOT / "content" / "guide.yaml").read_text(encoding="utf-8"))
    for i, situation in enumerate(data["situations"]):
        for j, cell in enumerate(situation["cells"]):
            if cell["quotes"][0]["ref"] == "regel:alkohol":
                return i, j
    raise AssertionError("no answer quotes regel:alkohol first")


@pytest.mark.parametrize(
    "text",
    [
        "Sprit får … erbjudas",  # a verbatim passage of "Sprit får aldrig erbjudas" that drops the negation
        "S … p … a",  # single letters joined by omissions
        "S",  # one letter
        "Får endast erbjudas måttligt … i samband med måltid.",  # an omission inside a sentence
    ],
)
def test_a_quote_that_is_not_whole_sentences_is_refused_with_one_line(tmp_path, text):
    i, j = alkohol_cell()
    found = quote_errors(tmp_path, i, j, text)
    assert len(found) == 1, [str(e) for e in found]
    error = found[0]
    assert (error.file, error.field) == ("content/guide.yaml", f"situations[{i}].cells[{j}].quotes[0].text")
    line = str(error)
    assert "\n" not in line and line.startswith(f"content/guide.yaml:{error.line}: error: situations[{i}].cells[{j}].quotes[0].text: ")
    assert error.line and "not whole sentences or list items of regel:alkohol" in line


def test_whole_sentences_joined_by_an_omission_pass(tmp_path):
    i, j = alkohol_cell()
    assert quote_errors(tmp_path / "a", i, j, "Får endast erbjudas måttligt och enbart i samband med måltid. … ") == []
    assert quote_errors(tmp_path / "b", i, j, "Sprit får aldrig erbjudas och alkoholfria alternativ ska alltid finnas.") == []


def test_list_items_are_whole_pieces():
    from generator import quotes

    cited = "Donationer får inte ges om syftet är att finansiera:\n\n- Interna aktiviteter\n- Ordinarie verksamhet\n- Sociala aktiviteter"
    assert quotes.partial_piece("Donationer får inte ges om syftet är att finansiera: … Sociala aktiviteter", cited) is None
    assert quotes.partial_piece("Donationer får inte ges om syftet är att finansiera: - Interna aktiviteter", cited) is None
    assert quotes.partial_piece("Donationer får inte ges … Sociala aktiviteter", cited) == "Donationer får inte ges"
    assert quotes.partial_piece("t.ex. för tung utrustning", "Avsteg ska kunna redovisas, t.ex. för tung utrustning. Nästa mening.") == "t.ex. för tung utrustning"


# --- Answers fixed after an independent re-reading (issue 22) --------------------------------

CONSULT_TERMS = ["skriftlig överenskommelse", "marknadsvärdet", "art, tidsomfattning och ersättning", "jävsdeklaration"]
CONSULT_REFS = {"4.4", "4.5.1", "4.5.2", "princip:proportionalitetsprincipen"}

# (situation or None, item or question id, kind, basis, words the explanation must hold, refs it must quote)
FIXED = [
    ("utvecklingsprojekt", "logi", "nej", "egna", ["Logi under en sådan resa hör till resan"], {"7.7"}),
    ("utvecklingsprojekt", "registreringsavgift", "inte-reglerat", "ingen", ["7.7 omfattar troligen"], {"7.7"}),
    ("sammankomst-varden", "maltid", "villkor", "egna", ["får inte sponsras alls", "enskild verksamhets utbildning"], {"3.4.6", "3.4.5"}),
    ("sammankomst-industrin", "arvode", "nej", "egna", ["konsultuppdrag", "skälig ersättning"], {"3.1.8", "begrepp:konsultuppdrag", "4.3"}),
    ("rmi-serviceinformation", "resa", "villkor", "egna", ["ekonomiklass", "så nära uppdraget som praktiskt möjligt", "särskilt viktigt"], {"regel:resor", "1.1.5", "1.1.7", "1.2.4"}),
    ("sammankomst-varden", "resa", "nej", "egna", ["gäller bara sammankomster som industrin arrangerar"], {"3.1.5"}),
    ("referenskund", "sponsring", "nej", "allmanna", ["ordinarie verksamhet"], {"regel:sponsring", "9.1", "begrepp:ordinarie-verksamhet"}),
    (None, "arvode-advisory-board", "villkor", "egna", CONSULT_TERMS, CONSULT_REFS | {"4.7.1"}),
    (None, "betalt-for-att-forelasa", "villkor", "egna", CONSULT_TERMS, CONSULT_REFS),
    (None, "betalt-for-att-skriva", "villkor", "egna", CONSULT_TERMS, CONSULT_REFS),
    (None, "sponsring-forenings-utbildningsdag", "villkor", "egna", ["dominerande", "avgifter, resor och logi får inte sponsras", "måltiden är den enda faktiska kostnaden"], {"3.1.3", "3.4.5", "regel:sponsring"}),
    (None, "serviceinformation-utbildningscenter", "villkor", "egna", ["särskilt viktigt", "säkerhets- eller handhavandeskäl", "ekonomiklass"], {"1.1.4", "1.1.7", "regel:resor"}),
    (None, "lunch-digital-forelasning", "nej", "allmanna", ["vid distansdeltagande får måltid inte erbjudas"], {"regel:maltider"}),
]


# Answers fixed after the second independent review: same shape as FIXED.
CONSULT_FOR_UNREGULATED = ["bisyssla", "skriftlig överenskommelse", "marknadsvärdet", "betalas till arbetsgivaren", "art, tidsomfattning och ersättning"]
CONSULT_FOR_UNREGULATED_REFS = {"4.2", "4.4", "4.5.1", "4.5.2", "princip:proportionalitetsprincipen"}
STIPEND_REFS = {"5.4", "5.5", "5.6"}
STIPEND_BAN = "vars enda syfte är att finansiera resa, logi och/eller deltagaravgift till t.ex. en utbildning eller kongress är inte tillåtet"
"""Said outright in the answer text, not only inside a reading: 5.6 bans such a stipend whatever the readings."""
REVIEWED = [
    (None, "resa-till-kongress", "nej", "egna", ["så nära uppdraget som praktiskt möjligt", "ekonomiklass", "inte heller sponsra din resa"], {"3.1.5", "regel:resor", "regel:sponsring"}),
    (None, "utbildning-utomlands", "villkor", "egna", ["När deltagarna är svenska medarbetare", "logi eller registreringsavgifter", "rimligt i relation till syftet", "vintersportorter"], {"3.1.5", "3.1.6", "regel:val-av-ort-och-lokal"}),
    (None, "inbjudan-utan-kopia", "nej", "egna", ["deltagande på distans", "distansdeltagande i andra sammankomster", "(3.2 och 3.3)", "produktinformation har inget sådant undantag"], {"3.2.5", "3.3.6", "2.5"}),
    (None, "utvecklingsprojekt-krav", "villkor", "egna", ["Både vården och företaget ska bidra", "redovisas i projektplanen"], {"7.7"}),
    (None, "sammankomst-i-kopenhamn", "villkor", "egna", ["ensam eller tillsammans med vården", "fritidsorter under säsong", "större internationella evenemang"], {"regel:val-av-ort-och-lokal", "3.2.2"}),
    (None, "partner-pa-middagen", "nej", "allmanna", ["inte heller bjuda på hens måltid eller resa"], {"regel:medfoljande", "regel:grundregel"}),
    (None, "skattepliktig-maltid", "villkor", "allmanna", ["ingen måltid vid distansdeltagande", "skattepliktig förmån"], {"regel:maltider"}),
    (None, "stipendium-enskild", "villkor", "egna", ["ersättning för arbete för arbetsgivarens räkning"], {"5.5"}),
    ("rmi-serviceinformation", "logi", "villkor", "egna", ["särskilt viktigt"], {"1.1.5", "1.1.7", "1.2.4"}),
    ("rmi-serviceinformation", "registreringsavgift", "villkor", "egna", ["kurs eller kongress", "andra produkter marknadsföras"], {"1.1.7", "1.2.4"}),
    ("rmi-serviceinformation", "sponsring", "nej", "egna", ["finansiera annan samverkan", "särskilt viktigt", "andra produkter marknadsföras"], {"1.1.7", "1.2.4"}),
    ("produktinformation", "maltid", "villkor", "allmanna", ["Avsnitt 2 nämner inte måltider"], {"regel:maltider"}),
    ("sammankomst-varden", "alkohol", "tveksamt", "egna", ["att alkohol är en sådan kostnad säger reglerna inte", "personalfest"], {"regel:alkohol", "3.4.6", "3.1.4", "3.4.4", "regel:sponsring"}),
    ("sammankomst-varden", "sponsring", "villkor", "egna", ["egen personal"], {"3.4.7"}),
    ("sammankomst-varden", "sponsring", "villkor", "egna", ["marknadsvärdet", "fullständig budget", "betalas tillbaka", "i god tid före sammankomsten", "Inom tre månader"], {"3.4.2", "3.4.3", "3.4.4", "3.4.8"}),
    ("stipendier", "maltid", "villkor", "allmanna", ["nämner inte måltider", "distansdeltagande", "bara hålls för att dela ut stipendiet"], {"regel:maltider", "begrepp:sammankomst", "3.1.3"}),
    ("stipendier", "resa", "tveksamt", "egna", [STIPEND_BAN, "forskning kan resan ingå", "fråga din arbetsgivare först"], STIPEND_REFS | {"3.1.2", "3.1.5"}),
    ("stipendier", "logi", "tveksamt", "egna", [STIPEND_BAN, "forskning kan logi ingå", "fråga din arbetsgivare först"], STIPEND_REFS | {"3.1.2", "3.1.6"}),
    ("stipendier", "registreringsavgift", "tveksamt", "egna", [STIPEND_BAN, "utbildning eller kongress", "fråga din arbetsgivare först"], STIPEND_REFS | {"3.1.2", "3.1.6"}),
    ("patientstodsprogram", "arvode", "inte-reglerat", "ingen", CONSULT_FOR_UNREGULATED, CONSULT_FOR_UNREGULATED_REFS),
    ("referenskund", "arvode", "inte-reglerat", "ingen", CONSULT_FOR_UNREGULATED, CONSULT_FOR_UNREGULATED_REFS),
    ("patientstodsprogram", "medfoljande", "nej", "allmanna", ["säger inget om patienter eller deras anhöriga"], {"regel:medfoljande"}),
    ("sammankomst-industrin", "resa", "nej", "egna", ["arbetsgivaren står för kostnader"], {"3.1.2", "3.1.5"}),
    ("sammankomst-gemensam", "resa", "nej", "egna", ["arbetsgivaren står för kostnader"], {"3.1.2", "3.1.5"}),
    ("sammankomst-industrin", "utlandet", "villkor", "egna", ["rimligt i relation till syftet", "vintersportorter"], {"3.2.2", "regel:val-av-ort-och-lokal"}),
    ("sammankomst-gemensam", "utlandet", "villkor", "egna", ["rimligt i relation till syftet", "vintersportorter"], {"3.3.3", "regel:val-av-ort-och-lokal"}),
]

# Quotes that must hold the whole clause (or its first sentences), so that no condition or antecedent is left out.
WHOLE_QUOTES = [
    (None, "resa-till-kongress", "3.1.5", None),
    (None, "utvecklingsprojekt-krav", "7.7", None),
    (None, "stipendium-enskild", "5.5", None),
    ("rmi-serviceinformation", "resa", "1.1.7", None),
    ("rmi-serviceinformation", "resa", "1.2.4", None),
    ("rmi-serviceinformation", "logi", "1.1.5", None),
    ("rmi-serviceinformation", "logi", "1.1.7", None),
    ("rmi-serviceinformation", "registreringsavgift", "1.1.7", None),
    ("rmi-serviceinformation", "registreringsavgift", "1.2.4", None),
    ("rmi-serviceinformation", "sponsring", "1.1.7", None),
    ("rmi-serviceinformation", "sponsring", "1.2.4", None),
    ("sammankomst-varden", "sponsring", "3.4.4", None),
    ("sammankomst-varden", "sponsring", "3.4.8", 1),  # and its last sentence (surplus repaid); the middle one eases the form only
    ("patientstodsprogram", "arvode", "4.5.2", 1),
    ("referenskund", "arvode", "4.5.2", 1),
    (None, "sammankomst-i-kopenhamn", "regel:val-av-ort-och-lokal", None),
    ("sammankomst-varden", "alkohol", "3.4.6", None),
    (None, "inbjudan-utan-kopia", "3.2.5", 2),
    (None, "inbjudan-utan-kopia", "3.3.6", 2),
]


def find_answer(guide: dict, situation: str | None, key: str) -> dict:
    if situation is None:
        return next(q for q in guide["questions"] if q["id"] == key)
    return next(a for a in guide["answers"] if (a["situation"], a["item"]) == (situation, key))


@pytest.mark.parametrize("fixed", FIXED + REVIEWED, ids=lambda f: f"{f[0] or 'fraga'}-{f[1]}")
def test_a_fixed_answer_on_the_page_and_in_the_json(fixed, guide, guide_pages):
    situation, key, kind, basis, words, quoted = fixed
    answer = find_answer(guide, situation, key)
    assert (answer["answer"], answer["basis"]) == (kind, basis)
    assert quoted <= {q["ref"] for q in answer["quotes"]} | {q["ref"] for r in answer["readings"] for q in r["quotes"]}, answer["url"]
    paragraph, quotes, _ = answer_block(guide_pages, answer)
    assert badge_kind(paragraph) == kind
    shown = fold(paragraph.text())
    for word in words:
        assert fold(word) in fold(answer["text"]) and fold(word) in shown, (answer["url"], word)
    for quote in answer["quotes"]:
        assert fold(quote["text"]) in fold(quotes.text())


def test_reviewed_quotes_are_whole_and_the_reworded_texts(guide, rule_texts):
    for situation, key, ref, sentences in WHOLE_QUOTES:
        answer = find_answer(guide, situation, key)
        cited = normalise(rule_texts[ref])
        if sentences:
            cited = " ".join(re.split(r"(?<=\.) (?=[A-ZÅÄÖ])", cited)[:sentences])
        assert any(normalise(q["text"]).startswith(cited) for q in answer["quotes"]), (answer["url"], ref)
    assert find_answer(guide, None, "skattepliktig-maltid")["question"] == "Får företaget bjuda på måltid, och kan den bli en skattepliktig förmån?"
    assert guide["kinds"][0]["id"] == "ja" and guide["kinds"][0]["meaning"] == "Tillåtet, eller gäller, enligt den citerade texten."


def test_the_travel_ban_is_not_quoted_so_that_its_exception_seems_to_limit_it(guide, rule_texts):
    """3.1.5's "Detta gäller möten enligt 3.2 och 3.3" refers to the exception; a quote that joins it straight to
    the ban reads as if the ban applied to those meetings only."""
    for answer in all_answers(guide):
        for quote in answer["quotes"]:
            if quote["ref"] == "3.1.5" and "Detta gäller" in quote["text"]:
                assert "Undantaget är" in quote["text"], answer["url"]
    varden = find_answer(guide, "sammankomst-varden", "resa")
    assert any(normalise(q["text"]) == normalise(rule_texts["3.1.5"]) for q in varden["quotes"])


# --- The basis of every answer ------------------------------------------------------------

SILENT = re.compile(r"\b(nämner inte|nämns inte|säger inget|sägs inget|tar inte upp|tas inte upp)\b")


def test_every_answer_has_a_basis_that_agrees_with_its_kind_text_and_quotes(guide):
    bases = {b["id"] for b in guide["bases"]}
    assert bases == {"egna", "allmanna", "ingen"}
    counts = {b: 0 for b in bases}
    for answer in all_answers(guide):
        basis = answer["basis"]
        counts[basis] += 1
        assert (basis == "ingen") == (answer["answer"] == "inte-reglerat"), answer["url"]
        if answer["answer"] in ("ja", "villkor") and SILENT.search(answer["text"]):
            assert basis == "allmanna", (answer["url"], answer["text"][:80])
        if basis == "allmanna":
            assert any(q["ref"].startswith(("regel:", "princip:", "begrepp:")) for q in answer["quotes"]), answer["url"]
        if basis == "egna":
            assert any(":" not in q["ref"] or q["ref"] in {c["ref"] for c in answer.get("situation_citations", [])} for q in answer["quotes"]), answer["url"]
    assert all(counts.values()), counts


def test_the_badge_says_the_basis_on_every_answer_and_in_the_matrix(guide, guide_pages, page):
    bases = {b["id"]: b for b in guide["bases"]}
    for answer in all_answers(guide):
        paragraph, _, _ = answer_block(guide_pages, answer)
        grund = [fold(n.text()) for n in select(paragraph, "span.svar-grund")]
        label = bases[answer["basis"]].get("label")
        assert grund == ([f"– {fold(label)}"] if label else []), (answer["url"], grund)
    table = next(t for t in select(page, "table") if fold(t.text()).startswith("Situation"))
    cells = {on_site(ENTRY, a.attr("href")): fold(a.text()) for a in select(table, "a") if select(a, "span.svar")}
    for answer in guide["answers"]:
        short = bases[answer["basis"]].get("short")
        assert (short is not None and fold(short) in cells[answer["url"]]) == (answer["basis"] == "allmanna"), answer["url"]


def test_a_silent_rule_with_a_yes_and_own_basis_is_refused(tmp_path):
    def edit(data):
        situation = next(s for s in data["situations"] if s["id"] == "patientstodsprogram")
        cell = next(c for c in situation["cells"] if c["item"] == "maltid")
        cell["basis"] = "egna"
        cell["quotes"].append({"ref": "8.1", "text": "Patientstödsprogram (PSP) är aktiviteter eller erbjudanden som är utformade för att stödja patienter i deras behandling och/eller hanteringen av deras sjukdom."})
        cell["refs"].append("8.1")

    found = errors(tmp_path, edit)
    assert len(found) == 1 and found[0][1].endswith(".basis") and "'allmanna'" in found[0][2], found


def test_basis_ingen_is_only_for_inte_reglerat(tmp_path):
    def edit(data):
        data["questions"][0]["basis"] = "ingen"

    found = errors(tmp_path, edit)
    assert [f[1] for f in found] == ["questions[0].basis"]


# --- Honest doubt: the sixth kind -----------------------------------------------------------


def reading_blocks(pages: dict[str, Node], answer: dict) -> list[tuple[Node, Node]]:
    """A tveksamt answer's readings on its page: (the reading's paragraph, its quote block) each."""
    path, anchor = answer["url"].split("#")
    children = blocks(pages[path])
    start = next(i for i, node in enumerate(children) if node.attr("id") == anchor) + 3
    return [(children[start + 2 * k], children[start + 2 * k + 1]) for k in range(len(answer["readings"]))]


def test_a_doubtful_answer_shows_both_readings_with_their_quotes(guide, guide_pages, rule_texts):
    doubtful = [a for a in all_answers(guide) if a["answer"] == "tveksamt"]
    assert doubtful, "no answer of kind tveksamt"
    assert all(not a["readings"] for a in all_answers(guide) if a["answer"] != "tveksamt")
    for answer in doubtful:
        assert len(answer["readings"]) >= 2, answer["url"]
        cited = {c["ref"] for c in answer["citations"]}
        for (paragraph, quotes), reading in zip(reading_blocks(guide_pages, answer), answer["readings"]):
            assert paragraph.tag == "p" and quotes.tag == "blockquote", answer["url"]
            assert fold(reading["text"]) in fold(paragraph.text()) and "läsningen" in fold(paragraph.text())
            assert len(select(quotes, "a")) == len(reading["quotes"])
            for quote in reading["quotes"]:
                assert quote["ref"] in cited and is_verbatim(quote["text"], rule_texts[quote["ref"]])
                assert fold(quote["text"]) in fold(quotes.text())
        paragraph, _, _ = answer_block(guide_pages, answer)
        assert badge_kind(paragraph) == "tveksamt"
    # The congress case of issue 22: sponsorship of the speakers' travel, where 3.1.4 and the Sponsring rule disagree.
    congress = find_answer(guide, None, "sponsring-forelasares-resa")
    readings = [{q["ref"] for q in r["quotes"]} for r in congress["readings"]]
    assert readings == [{"3.1.4", "3.4.4"}, {"regel:sponsring", "3.1.6"}]
    assert "3.4.7" in {q["ref"] for q in congress["quotes"]} and "arbetsgivare" in congress["text"]
    # A stipend paying travel, lodging or a fee: 5.4/5.6 against the participant rules of 3.1 and Sponsring.
    for item, ban in [("resa", "3.1.5"), ("logi", "3.1.6"), ("registreringsavgift", "3.1.6")]:
        stipend = find_answer(guide, "stipendier", item)
        readings = [{q["ref"] for q in r["quotes"]} for r in stipend["readings"]]
        # A stipend is not sponsorship (5.2, the definition): the No reading rests on the participant rules alone.
        assert readings == [{"5.4", "5.6"}, {"3.1.1", ban, "3.1.2"}], item
        assert [q["ref"] for q in stipend["quotes"]] == ["5.6", "5.5"] and "arbetsgivare" in stipend["text"]
    # Alcohol paid by a sponsor at a meeting arranged by the health service: the rules do not say.
    alcohol = find_answer(guide, "sammankomst-varden", "alkohol")
    assert [{q["ref"] for q in r["quotes"]} for r in alcohol["readings"]] == [{"3.1.4", "regel:alkohol"}, {"3.1.4", "3.4.4", "3.4.1", "regel:sponsring"}]


def test_a_doubtful_answer_without_two_readings_and_readings_on_a_plain_answer_are_refused(tmp_path):
    def edit(data):
        question = next(q for q in data["questions"] if q["id"] == "sponsring-forelasares-resa")
        question["readings"] = question["readings"][:1]
        data["questions"][0]["readings"] = [{"text": "En läsning.", "quotes": [dict(data["questions"][0]["quotes"][0])]}]

    found = errors(tmp_path, edit)
    assert sorted(f[1].split(".")[-1] for f in found) == ["readings", "readings"]
    assert any("at least two readings" in f[2] for f in found) and any("only a 'tveksamt'" in f[2] for f in found)


# --- The questions staff ask (issue 22) ---------------------------------------------------

NEW_QUESTIONS = {
    "spara-dokumentation": ("nej", "princip:dokumentationsprincipen"),
    "privat-vardgivare": ("ja", "begrepp:halso-och-sjukvard"),
    "student-eller-praktikant": ("ja", "begrepp:medarbetare"),
    "inhyrd-konsult": ("ja", "begrepp:medarbetare"),
    "foretag-utan-branschorganisation": ("ja", "begrepp:industri"),
    "konsultarvode-publiceras": ("villkor", "4.6.2"),
    "business-class": ("villkor", "regel:resor"),
    "skattepliktig-maltid": ("villkor", "regel:maltider"),
    "serviceinformation-under-upphandling": ("ja", "1.1.9"),
    "marknadsforing-vid-rmi": ("nej", "1.2.4"),
    "sponsring-forelasares-resa": ("tveksamt", "regel:sponsring"),
    "utvecklingsprojekt-krav": ("villkor", "7.4"),
    "marknadsundersokning-kontakt": ("villkor", "10.4"),
    "inbjudan-utan-kopia": ("nej", "3.2.4"),
    "forelasare-internutbildning": ("nej", "3.4.6"),
    "sammankomst-i-kopenhamn": ("villkor", "regel:val-av-ort-och-lokal"),
    "sponsring-utan-budget": ("nej", "3.4.3"),
}


@pytest.mark.parametrize("question_id", sorted(NEW_QUESTIONS))
def test_a_new_question_on_its_topic_page_and_in_the_json(question_id, guide, guide_pages):
    kind, decisive = NEW_QUESTIONS[question_id]
    question = find_answer(guide, None, question_id)
    assert question["answer"] == kind
    quoted = {q["ref"] for q in question["quotes"]} | {q["ref"] for r in question["readings"] for q in r["quotes"]}
    assert decisive in quoted
    assert question["topic"] in {t["id"] for t in guide["topics"]}
    paragraph, _, _ = answer_block(guide_pages, question)
    assert badge_kind(paragraph) == kind and fold(question["text"]) in fold(paragraph.text())
