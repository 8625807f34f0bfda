"""Every obligation in the sources, and nothing more: the source-to-site map and the fixes of issue 15, on built output.

The coverage tests find the seed's numbered headings and tables with their own pattern, independently of
the generator, and look for each on the built "Från källa till webbplats" pages.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from icalendar import Calendar

from generator.build import check
from generator.issues import errors_in
from tests.conftest import ROOT, read_csv
from tests.test_faithful import squash
from tests.test_hostile import article, fold, parse_html, select

CONTENT, _ = check(ROOT / "content")
AGREEMENTS = {a.item.id: a.item for a in CONTENT.agreements}
SEEDS = {s.id: ROOT / "content" / "seeds" / s.file for s in CONTENT.sources.item.sources}
HEADING = re.compile(r"^\s*(?:(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+[A-ZÅÄÖ]|(\d{1,2}(?:\.\d{1,2}){1,3})\s+\d|(?:Tabell|Bilaga)\b)")


def page_text(built_site: Path, page: str) -> str:
    return fold(article(parse_html(built_site / page)).text())



def map_page(built_site: Path, seed: str) -> Path:
    pages = [p for p in (built_site / "fran-kalla").glob("*.html") if not p.name.startswith("text-") and f"#kalla-{seed}" in p.read_text(encoding="utf-8")]
    assert len(pages) == 1, f"seed {seed} should have exactly one map page, found {pages}"
    return pages[0]


def table_rows(root, heading_id: str) -> list[list[str]]:
    """Cells of the first table after the heading with this id."""
    body = article(root)
    nodes = list(body.iter())
    start = next(i for i, n in enumerate(nodes) if n.attr("id") == heading_id)
    table = next(n for n in nodes[start:] if n.tag == "table")
    return [[fold(td.text()) for td in select(tr, "td")] for tr in select(table, "tr") if select(tr, "td")]


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_every_numbered_section_and_table_of_the_seed_is_on_its_map(built_site, seed):
    lines = SEEDS[seed].read_text(encoding="utf-8").splitlines()
    candidates = [(i + 1, m.group(1) or m.group(2)) for i, line in enumerate(lines) if (m := HEADING.match(line))]
    root = parse_html(map_page(built_site, seed))
    mapped = set()
    for row in table_rows(root, "avsnitt"):
        where = re.search(r"rad(?:er)? ([\d, ]+) i källtexten$", row[0])
        assert where, row[0]
        mapped |= {int(n) for n in re.findall(r"\d+", where.group(1))}
    explained = {int(row[0]) for row in table_rows(root, "inte-rubriker")} if any(n.attr("id") == "inte-rubriker" for n in root.iter()) else set()
    clause_anchors = set()
    for page in (built_site / "samverkansregler").glob("avsnitt-*.html"):
        clause_anchors |= set(re.findall(r'id="(?:punkt|avsnitt)-([\d-]+)"', page.read_text(encoding="utf-8")))
    missing = []
    for line, number in candidates:
        in_rulebook = number is not None and number.replace(".", "-") in clause_anchors and seed == "000" and 440 < line < 923
        if line not in mapped and line not in explained and not in_rulebook:
            missing.append((line, lines[line - 1].strip()[:60]))
    assert missing == [], f"seed {seed}: {len(missing)} of {len(candidates)} headings neither mapped nor explained"
    rows = table_rows(root, "avsnitt")
    assert rows and all(row[1] for row in rows)
    print(f"seed {seed}: {len(candidates)} numbered headings/tables in the seed, {len(rows)} sections on the map, {len(explained)} explained non-headings")


def test_every_agreement_page_links_to_its_map(built_site):
    for agreement in AGREEMENTS.values():
        html = (built_site / "avtal" / f"{agreement.id}.html").read_text(encoding="utf-8")
        target = map_page(built_site, agreement.source.seed).name
        assert f'href="../fran-kalla/{target}"' in html, agreement.id


def test_map_rows_link_to_the_items_that_carry_them(built_site):
    html = (built_site / "fran-kalla" / "patientsakerhet-2021.html").read_text(encoding="utf-8")
    assert 'href="../avtal/patientsakerhet-2021.html#villkor-sallsynta-centrum"' in html
    text = page_text(built_site, "fran-kalla/patientsakerhet-2021.html")
    assert "5.2.1 Verksamheten vid centrumen för sällsynta diagnoser" in text
    assert "Återges inte: Bakgrundsbeskrivning" in text
    # And back: the condition links to the map row of its section, and that row exists.
    page = (built_site / "avtal" / "patientsakerhet-2021.html").read_text(encoding="utf-8")
    back = re.findall(r'href="\.\./fran-kalla/patientsakerhet-2021\.html#(rad-\d+)"', page)
    assert back and all(f'id="{anchor}"' in html for anchor in back)


@pytest.fixture()
def content_copy(tmp_path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(ROOT / "content", target)
    return target


def test_a_section_neither_mapped_nor_explained_stops_the_build(content_copy):
    path = content_copy / "coverage" / "patientsakerhet-2021.yaml"
    text = path.read_text(encoding="utf-8")
    # 2.4 is carried by the items that cite it (derived), so its entry is the heading alone.
    assert '  - heading: "2.4 Uppföljning"\n  #' in text
    path.write_text(text.replace('  - heading: "2.4 Uppföljning"\n', "", 1), encoding="utf-8")
    errors = errors_in(check(content_copy)[1])
    assert [(e.file, e.field) for e in errors] == [("content/coverage/patientsakerhet-2021.yaml", "sections")]
    assert "line 407" in errors[0].message and "2.4" in errors[0].message


def test_a_heading_the_source_does_not_print_and_a_dangling_ref_are_errors(content_copy):
    path = content_copy / "coverage" / "psykisk-halsa-2025.yaml"
    text = path.read_text(encoding="utf-8")
    assert 'heading: "2.4 Stärkt suicidpreventivt arbete"' in text and "condition:villkor-nationell-strategi" in text
    text = text.replace('heading: "2.4 Stärkt suicidpreventivt arbete"', 'heading: "2.4 Stärkt suicidarbete"', 1)
    path.write_text(text.replace("condition:villkor-nationell-strategi", "condition:finns-inte", 1), encoding="utf-8")
    errors = errors_in(check(content_copy)[1])
    assert {e.field for e in errors} >= {"sections[10].heading"} or any(e.field.endswith(".heading") and "not found" in e.message for e in errors)
    assert any(e.field.endswith("carried_by[0]") and "'condition:finns-inte' is not an item of psykisk-halsa-2025" in e.message for e in errors)
    # The original line of 2.4 is no longer matched by any heading, so it is reported as unmapped too.
    assert any(e.field == "sections" and "2.4" in e.message for e in errors)
    assert all(e.file == "content/coverage/psykisk-halsa-2025.yaml" and e.line for e in errors)


def test_a_rulebook_clause_missing_from_content_is_caught_by_the_map(content_copy):
    path = content_copy / "samverkansregler.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('number: "10.8"', 'number: "10.9"', 1), encoding="utf-8")
    errors = errors_in(check(content_copy)[1])
    assert any(e.file.endswith("coverage/samverkansregler-2026.yaml") and "10.8" in e.message for e in errors)


# --- The findings of the independent reading -----------------------------


def test_specification_intro_is_on_the_rulebook_overview(built_site):
    # The map says the specification's heading is carried by the rulebook: its two intro paragraphs must be there.
    text = page_text(built_site, "samverkansregler/index.html")
    assert "Både överenskommelse och specifikationen är styrande för samverkan mellan hälso- och sjukvården och industrin." in text
    assert "Som stöd för mer löpande samverkan har parterna utarbetat denna specifikation" in text


def test_equal_share_key_is_named_as_the_source_names_it(built_site):
    text = page_text(built_site, "avtal/patientsakerhet-2021.html")
    assert "Lika belopp till var och en av de 6 samverkansregionerna" in text
    for page in built_site.rglob("*.html"):
        assert "Annan fördelning" not in page.read_text(encoding="utf-8"), page


def test_no_invented_headings_or_years(built_site):
    for page in (built_site / "avtal").glob("*.html"):
        assert "Prestationskrav för hela överenskommelsen" not in page.read_text(encoding="utf-8"), page
    assert "budgetår" not in page_text(built_site, "avtal/psykisk-halsa-2021.html")


@pytest.mark.parametrize("agreement_id", sorted(AGREEMENTS))
def test_condition_headings_on_the_page_are_printed_in_the_source(built_site, agreement_id):
    agreement = AGREEMENTS[agreement_id]
    seed = squash(SEEDS[agreement.source.seed].read_text(encoding="utf-8")) + squash(" ".join(c.corrected for c in agreement.corrections))
    root = article(parse_html(built_site / "avtal" / f"{agreement_id}.html"))
    headings = [fold(h.text()) for h in select(root, "h3") if (h.attr("id") or "").startswith("villkor-")]
    assert len(headings) == len(agreement.conditions)
    assert [h for h in headings if squash(h) not in seed] == []


@pytest.mark.parametrize("agreement_id", ["psykisk-halsa-2021", "psykisk-halsa-2025", "psykisk-halsa-2026"])
def test_skr_report_contents_are_conditions_in_every_year(built_site, agreement_id):
    root = article(parse_html(built_site / "avtal" / f"{agreement_id}.html"))
    nodes = list(root.iter())
    sections, current = [], None
    for node in nodes:
        if node.tag == "h3" and (node.attr("id") or "").startswith("villkor-"):
            current = [node]
            sections.append(current)
        elif node.tag in ("h2",):
            current = None
        elif current is not None and node.tag in ("p", "li"):
            current.append(node)
    skr = [" ".join(fold(n.text()) for n in s[1:]) for s in sections]
    skr = [t for t in skr if t.startswith("Vem: SKR.")]
    assert any("jämställdhetsperspektivet" in t and "särredovisa" in t for t in skr), agreement_id


def test_psykisk_halsa_2021_omissions_are_on_the_page(built_site):
    text = page_text(built_site, "avtal/psykisk-halsa-2021.html")
    assert "Staffan Isling, Verkställande direktör" in text and "Stockholm den xx (datum saknas i källan)" in text
    assert "senast den 30 september, inkomma med årliga lägesrapporter" in text
    assert "korta köerna i barn- och ungdomspsykiatrin och att utveckla och stärka första linjens vård" in text
    assert "Ekonomichefen (eller motsvarande) ska granska och intyga" in text
    index = page_text(built_site, "avtal/index.html")
    row = next(r for r in index.split("| 2021 |") if "Psykisk hälsa och suicidprevention 2021" in r) if "| 2021 |" in index else index
    assert "SKR: odaterad i källan" in row


def test_2026_money_is_conditional_wherever_its_total_is_stated(built_site):
    text = page_text(built_site, "avtal/psykisk-halsa-2026.html")
    assert "under förutsättning att riksdagen har anvisat medel för det aktuella anslaget" in text.split("Förutsättningar enligt källan")[0]
    assert text.count("under förutsättning att riksdagen har anvisat medel") >= 3  # summary, box, overview
    assert "rätt att begära in kopior av räkenskaper" in text
    assert "anger inget datum för rekvisition, återbetalning eller ekonomisk redovisning" in text
    index = (built_site / "avtal" / "index.html").read_text(encoding="utf-8")
    assert 'href="psykisk-halsa-2026.html#forutsattning-riksdagen-anvisat-medel"' in index
    for page in ("index.html", "jamforelse/index.html"):
        html = (built_site / page).read_text(encoding="utf-8")
        assert "avtal/psykisk-halsa-2026.html#forutsattning-riksdagen-anvisat-medel" in html, page


def test_patientsakerhet_omissions_are_on_the_page(built_site):
    text = page_text(built_site, "avtal/patientsakerhet-2021.html")
    assert "Överenskommelsen blir giltig under förutsättning att regeringen beslutar om överenskommelsen." in text
    assert "följer samma principer som föregående års överenskommelse" in text and "ska särskilt motiveras och redovisas" in text
    for heading in ("5.2.1 Verksamheten vid centrumen för sällsynta diagnoser", "5.2.2 Nationell samordning", "5.3 Medelstilldelning för 2021"):
        assert heading in text
    assert "Regeringskansliets diarienummer för överenskommelsen och för regeringsbeslut om utbetalning ska framgå av samtliga handlingar" in text


def test_site_given_titles_say_so_and_one_name_is_used(built_site):
    sources = page_text(built_site, "kallor.html")
    for agreement in AGREEMENTS.values():
        text = page_text(built_site, f"avtal/{agreement.id}.html")
        assert ("Benämning satt av webbplatsen" in text) == agreement.title_given_by_site
        if agreement.source.seed != "000":
            assert agreement.title in sources and f"Källa {agreement.source.seed}" not in sources


# --- Notes travel with the data ------------------------------------------


def test_every_deadline_note_on_a_page_is_in_csv_json_and_calendar(built_site):
    rows = list(read_csv(built_site / "data" / "tidsfrister.csv"))
    data = json.loads((built_site / "data" / "overenskommelser.json").read_text(encoding="utf-8"))
    json_notes = {(doc["id"], d["date"], d["title"]): d.get("note") for key in ("agreements", "notices") for doc in data[key] for d in doc["deadlines"]}
    calendar = Calendar.from_ical((built_site / "tidsfrister.ics").read_bytes())
    ics = " ".join(str(event.get("description")) for event in calendar.walk("VEVENT"))
    checked = 0
    for document in [*CONTENT.agreements, *CONTENT.notices]:
        page = page_text(built_site, f"avtal/{document.item.id}.html")
        for d in document.item.deadlines:
            if not d.note:
                continue
            note = fold(d.note)
            assert note in page, (document.item.id, d.id)
            row = next(r for r in rows if r["agreement_id"] == document.item.id and r["date"] == d.date.isoformat() and r["title"] == d.title)
            assert fold(row["note"]) == note
            assert fold(json_notes[(document.item.id, d.date.isoformat(), d.title)]) == note
            assert note in fold(ics)
            checked += 1
    assert checked >= 2


def test_every_pot_note_on_a_page_is_in_potter_csv(built_site):
    rows = {(r["agreement_id"], r["pot_id"]): r for r in read_csv(built_site / "data" / "potter.csv")}
    checked = 0
    for agreement in AGREEMENTS.values():
        page = page_text(built_site, f"avtal/{agreement.id}.html")
        for pot in agreement.pots:
            if pot.note:
                assert fold(pot.note) in page
                assert fold(rows[(agreement.id, pot.id)]["note"]) == fold(pot.note)
                checked += 1
    assert checked >= 10


@pytest.mark.pdf
def test_pdf_carries_the_provisos_and_the_undated_signature(reference_pdf_pages):
    raw = "\n".join(reference_pdf_pages)
    letters = "".join(ch for ch in raw.lower() if ch.isalnum())

    def has(text: str) -> bool:
        return "".join(ch for ch in text.lower() if ch.isalnum()) in letters

    assert has("under förutsättning att riksdagen har anvisat medel för det aktuella anslaget")
    assert has("Överenskommelsen blir giltig under förutsättning att regeringen beslutar om överenskommelsen")
    assert has("Stockholm den xx (datum saknas i källan)")
    assert has("Lika belopp till var och en av de 6 samverkansregionerna")
    assert has("Från källa till webbplats")


# --- Issue 24: the omissions, on built output ------------------------------


def map_row(built_site: Path, map_name: str, heading_start: str) -> str:
    """The folded "På webbplatsen" cell of the first map row whose heading starts with this text."""
    for row in table_rows(parse_html(built_site / "fran-kalla" / map_name), "avsnitt"):
        if row[0].startswith(heading_start):
            return row[1]
    raise AssertionError(f"no row {heading_start!r} on {map_name}")


def test_2026_payment_decision_is_a_condition_not_only_a_correction(built_site):
    text = page_text(built_site, "avtal/psykisk-halsa-2026.html")
    sentence = "Beslut om utbetalning av medlen inom överenskommelsen för 2026 kommer att fattas genom ett särskilt regeringsbeslut ställt till Kammarkollegiet."
    villkor = text.split("Villkor och åtaganden")[1].split("Tidsfrister")[0]
    assert sentence in villkor
    assert "Återges av:" in map_row(built_site, "samverkansregler-2026.html", "2.3 Ekonomiska villkor")
    assert "Villkor: 2.3 Ekonomiska villkor" in map_row(built_site, "samverkansregler-2026.html", "2.3 Ekonomiska villkor")


def test_2025_and_2021_payment_decisions_are_carried(built_site):
    text = page_text(built_site, "avtal/psykisk-halsa-2025.html")
    assert "Beslut om utbetalning av medlen kommer att fattas genom ett särskilt regeringsbeslut ställt till Kammarkollegiet." in text
    text = page_text(built_site, "avtal/psykisk-halsa-2021.html")
    assert "Beslut om utbetalning av medlen till SKR, regionerna och kommunerna kommer att fattas genom ett särskilt beslut." in text


def test_patientsakerhet_payment_decision_for_each_specified_amount(built_site):
    text = page_text(built_site, "avtal/patientsakerhet-2021.html")
    villkor = text.split("Villkor och åtaganden")[1].split("Tidsfrister")[0]
    assert villkor.count("Beslut om utbetalningen tas i regleringsbrevet för anslaget 1:6 Bidrag till folkhälsa och sjukvård för budgetåret 2021.") == 6
    assert "Beslut om utbetalning tas i regleringsbrevet för anslaget 1:8 Bidrag till psykiatri för budgetåret 2021." in villkor
    assert "Beslut om utbetalning av medel utöver de som specificeras ovan fattas genom ett särskilt regeringsbeslut" in villkor


@pytest.mark.parametrize("agreement_id", ["psykisk-halsa-2025", "psykisk-halsa-2026", "patientsakerhet-2021"])
def test_form_signature_and_financial_review_are_carried(built_site, agreement_id):
    text = page_text(built_site, f"avtal/{agreement_id}.html")
    villkor = text.split("Villkor och åtaganden")[1].split("Tidsfrister")[0]
    assert "Bidragstagaren intygar att lämnade uppgifter är riktiga samt försäkrar att bidraget kommer att användas enligt den gemensamma överenskommelsen." in villkor
    assert "4. Underskrift i original av behörig företrädare" in villkor
    assert "4. Ekonomichefens (eller motsvarande) granskning av den ekonomiska redovisningen" in villkor
    assert "Alt 1: N.N. (ekonomichefen eller motsvarande) intygar att den ekonomiska redovisningen under punkt 3 är korrekt." in villkor
    assert "(Avvikelserna och eventuella åtgärder ska också redovisas.)" in villkor
    map_name = {"psykisk-halsa-2026": "samverkansregler-2026.html"}.get(agreement_id, f"{agreement_id}.html")
    row = map_row(built_site, map_name, "4. Underskrift i original av behörig")
    assert row.startswith("Återges av:") and "Blankettfält" not in row


def test_2026_form_correction_says_the_columns_are_read_apart(built_site):
    text = page_text(built_site, "avtal/psykisk-halsa-2026.html").split("Rättade läsningar")[-1]
    assert "Bilagans blankett är tvåspaltig" in text


def test_2025_authorities_consult_skr_so_2026_is_not_new_there(built_site):
    text = page_text(built_site, "avtal/psykisk-halsa-2025.html")
    assert "Myndigheterna ska inhämta synpunkter om redovisningen från SKR." in text


def test_patientsakerhet_report_contents_are_carried(built_site):
    text = page_text(built_site, "avtal/patientsakerhet-2021.html")
    villkor = text.split("Villkor och åtaganden")[1].split("Tidsfrister")[0]
    for sentence in (
        "I detta ingår att så långt det är möjligt särredovisa de statliga kostnaderna för bidrag till registrens infrastruktur (it, statistik och juridik)",
        "Vidare ska SKR lämna en översiktlig beskrivning av utvecklingen av kvalitetsregister som används inom primärvården och kommunal hälso- och sjukvård.",
        "Arbetet ska, där så är lämpligt, genomföras i samverkan med E-hälsomyndigheten, Socialstyrelsen, Läkemedelsverket och Inera.",
        "SKR ansvarar för den övergripande nationella återrapporteringen via del- och slutrapport.",
        "Av denna rapport ska framgå vilka vårdförlopp som är under framtagande, godkända samt planeras att införas 2022.",
        "Genomförandetakten redovisas per region och vårdförlopp.",
        "I slutrapporten ska det även framgå hur vårdförloppen ska förvaltas och utvecklas framöver.",
        "Parterna är överens om att under 2021 verka för att statens medel till nationella kvalitetsregister framgent främst ska användas till att finansiera infrastruktur",
    ):
        assert sentence in villkor, sentence
    # Three reports (2.4, 3.4, 4.2) each ask for jämställdhet "där så är lämpligt", as 5.3 does.
    assert villkor.count("I redovisningen ska jämställdhetsperspektivet belysas där så är lämpligt.") >= 4
    for heading in ("2.4 Uppföljning", "3.4 Uppföljning", "6.6.2 Rapportering 2021"):
        row = map_row(built_site, "patientsakerhet-2021.html", heading)
        assert "Villkor:" in row, (heading, row)


def test_3_3_quote_keeps_its_middle_sentence(built_site):
    text = page_text(built_site, "avtal/patientsakerhet-2021.html")
    first = text.index("Kommuner och regioner ansvarar för att finansiera användandet")
    middle = text.index("Parterna är överens om att under 2021 verka för att statens medel", first)
    assert text.index("Huvudmännens medel ska användas till kunskapsutveckling", first) > middle


def test_no_map_section_is_carried_by_deadlines_alone(built_site):
    for page in (built_site / "fran-kalla").glob("*.html"):
        if page.name == "index.html" or page.name.startswith("text-"):
            continue
        for row in table_rows(parse_html(page), "avsnitt"):
            if row[1].startswith("Återges av:"):
                labels = row[1][len("Återges av:"):].split(";")
                assert not all(label.strip().startswith("Tidsfrist") for label in labels), (page.name, row[0])
            else:
                assert row[1].startswith("Återges inte:"), (page.name, row)



def replace_once(path, old: str, new: str) -> None:
    """Edit a content copy: `old` must stand in the file (else the test would prove nothing), and becomes `new`."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer holds {old!r}"
    path.write_text(text.replace(old, new), encoding="utf-8")

def test_a_section_carried_by_a_deadline_alone_is_an_error(content_copy):
    # 3.4's report contents are quoted by the condition that cites 3.4; cited elsewhere, only the deadline is left.
    text = (content_copy / "agreements" / "patientsakerhet-2021.yaml").read_text(encoding="utf-8")
    start = text.index("  - id: kvalitetsregister-uppfoljning\n")
    old = '    source: {seed: "004", section: "3.4 Uppföljning"}\n'
    end = text.index(old, start)
    (content_copy / "agreements" / "patientsakerhet-2021.yaml").write_text(text[:end] + '    source: {seed: "004", section: "3.3"}\n' + text[end + len(old):], encoding="utf-8")
    errors = errors_in(check(content_copy)[1])
    assert len(errors) == 1 and "does not carry a section's contents" in errors[0].message
    assert errors[0].file == "content/coverage/patientsakerhet-2021.yaml" and errors[0].line


# --- The map's carriers derived from the items' citations ----------------------

CITATIONS = [
    ("4.1, tabell 1; 2.3", {"4.1", "Tabell 1", "2.3"}),
    ("Tilläggsöverenskommelse 2026, 1.2, tabell 1", {"1.2", "Tabell 1"}),
    ("Tilläggsöverenskommelse 2026, 1.3 punkt 2 a", {"1.3"}),
    ("3.3; 7, tabell (3.1 Regionernas insats)", {"3.3", "7"}),
    ("7 Total medelstilldelning, tabell; 7.1 (Total – Överenskommelsen)", {"7", "7.1"}),
    ("Medelstilldelning 2021; 7.1 (Totalt – Överenskommelsen); 9.1", {"7.1", "9.1"}),
    ("6.1 Utbetalning, rekvirering och tillhörande information", {"6.1"}),
    ("Tilläggsöverenskommelse 2026, 4. Bilaga, Rekvisition, punkt 4", {"4"}),
    ("SKR:s förbundsstyrelses beslut om tilläggsöverenskommelsen 2026", set()),
    ("enligt 4 kap. 4 § lagen (2017:612)", set()),
]


@pytest.mark.parametrize(("section", "expected"), CITATIONS, ids=[c[0][:40] for c in CITATIONS])
def test_a_citation_names_its_sections(section, expected):
    from generator.coverage import cited_sections

    assert cited_sections(section) == expected


def test_a_reason_for_a_section_an_item_cites_is_an_error(content_copy):
    # 1.1 of the 2025 agreement is background (the map gives a reason); a pot that cites it contradicts the map.
    replace_once(content_copy / "agreements" / "psykisk-halsa-2025.yaml", 'source: {seed: "001", section: "4.1, tabell 1; 2.3"}', 'source: {seed: "001", section: "4.1, tabell 1; 2.3; 1.1"}')
    errors = errors_in(check(content_copy)[1])
    assert [e.field for e in errors] == ["sections[1].reason"]
    assert "pot:regioner-komplexa-behov" in errors[0].message and errors[0].file == "content/coverage/psykisk-halsa-2025.yaml"


def test_a_hand_listed_ref_that_a_citation_gives_is_an_error(content_copy):
    # The map keeps by hand only what no citation says: naming a pot that cites 2.3 again is refused.
    heading = '  - heading: "2.3 Utvecklade insatser'
    text = (content_copy / "coverage" / "psykisk-halsa-2025.yaml").read_text(encoding="utf-8")
    line_end = text.index("\n", text.index(heading)) + 1
    (content_copy / "coverage" / "psykisk-halsa-2025.yaml").write_text(text[:line_end] + "    carried_by: [pot:regioner-komplexa-behov]\n" + text[line_end:], encoding="utf-8")
    errors = errors_in(check(content_copy)[1])
    assert len(errors) == 1 and errors[0].field.endswith(".carried_by") and "pot:regioner-komplexa-behov already cite(s) this section" in errors[0].message


def test_the_map_page_shows_every_item_that_cites_a_section(built_site):
    """Read from the content YAML (not the generator): each 2025 pot whose source names 4.1 is in the row of 4.1."""
    import yaml

    agreement = yaml.safe_load((ROOT / "content" / "agreements" / "psykisk-halsa-2025.yaml").read_text(encoding="utf-8"))
    citing = [p["area"] for p in agreement["pots"] if p["source"]["seed"] == "001" and re.search(r"(^|[;,] ?)4\.1\b", p["source"]["section"])]
    assert len(citing) >= 10
    rows = {row[0]: row[1] for row in table_rows(parse_html(built_site / "fran-kalla" / "psykisk-halsa-2025.html"), "avsnitt")}
    row = next(text for heading, text in rows.items() if heading.startswith("4.1 Närmare om medelstilldelningen"))
    assert row.startswith("Återges av:")
    for area in citing:
        assert f"Pott: {area}" in row, area


# --- Issue 24: errors and overstatements, on built output ---------------------


def test_patientsakerhet_overview_and_json_name_both_anslag(built_site):
    text = page_text(built_site, "avtal/patientsakerhet-2021.html")
    overview = text.split("Översikt")[1].split("Medel per mottagare")[0]
    assert "anslaget 1:6 Bidrag till folkhälsa och sjukvård" in overview
    assert "7 000 000 kr för kvalitetsregister (kap 3), som belastar anslaget 1:8 Bidrag till psykiatri, anslagsposten 3 Till Kammarkollegiets disposition" in overview.replace("\u00a0", " ")
    data = json.loads((built_site / "data" / "overenskommelser.json").read_text(encoding="utf-8"))
    appropriation = next(a for a in data["agreements"] if a["id"] == "patientsakerhet-2021")["appropriation"]
    assert [(o["anslag"], o["amount"]) for o in appropriation["other"]] == [("1:8 Bidrag till psykiatri", 7000000)]


def test_patientsakerhet_skr_total_is_the_sources(built_site):
    root = parse_html(built_site / "avtal" / "patientsakerhet-2021.html")
    skr = next(row for row in table_rows(root, "mottagare") if row[0] == "SKR")
    assert skr[2].replace("\u00a0", " ").startswith("52 350 000 kr"), skr


def test_2025_uses_and_cites_its_own_printed_name(built_site):
    name = "Överenskommelse mellan staten och Sveriges Kommuner och Regioner om strategiska insatser inom området psykisk hälsa och suicidprevention 2025"
    text = page_text(built_site, "avtal/psykisk-halsa-2025.html")
    assert text.startswith(name) or name in text.split("Dokumentets egen benämning")[0]
    assert "Dokumentets egen benämning" in text and "Bemyndigande att underteckna överenskommelsen" in text
    assert "Benämning satt av webbplatsen" not in text and "ingen egen titel" not in text
    assert name in page_text(built_site, "kallor.html")


def test_sources_page_says_which_titles_the_site_set(built_site):
    root = parse_html(built_site / "kallor.html")
    body = article(root)
    sections: dict[str, str] = {}
    current = None
    for node in body.iter():
        if node.tag == "h2" and (node.attr("id") or "").startswith("kalla-"):
            current = node.attr("id")
            sections[current] = ""
        elif current and node.tag == "p":
            sections[current] += " " + fold(node.text())
    for seed in ("000", "003", "004"):
        assert "Benämning satt av webbplatsen" in sections[f"kalla-{seed}"], seed
    assert "Benämning satt av webbplatsen" not in sections["kalla-001"]
    assert "Dokumentets egen benämning" in sections["kalla-001"]


def test_whats_new_does_not_state_the_reconstructed_name_as_fact(built_site):
    text = page_text(built_site, "jamforelse/nytt.html")
    name = "Stöd till genomförande, implementering och uppföljning av nationell strategi"
    assert name in text
    for part in text.split(name)[1:]:
        assert part.lstrip().startswith("(rekonstruerad läsning av skadad text; exakt ordalydelse osäker)"), part[:120]


def test_deadlines_page_lists_the_yearly_reports_without_a_year(built_site):
    text = page_text(built_site, "tidsfrister/index.html")
    assert "Återkommande frister utan år" in text
    assert "senast den 30 september (varje år; källan anger inget år)" in text
    assert "Årliga lägesrapporter" in text
    agreement = page_text(built_site, "avtal/psykisk-halsa-2021.html")
    assert "senast den 30 september (varje år; källan anger inget år)" in agreement


def test_missing_consequence_says_the_source_is_silent(built_site):
    checked = 0
    for page in ("tidsfrister/index.html", "avtal/psykisk-halsa-2025.html"):
        root = parse_html(built_site / page)
        for table in select(article(root), "table"):
            headers = [fold(th.text()) for th in select(table, "th")]
            if "Om fristen missas" not in headers:
                continue
            column = headers.index("Om fristen missas")
            for tr in select(table, "tr"):
                cells = [fold(td.text()) for td in select(tr, "td")]
                if cells:
                    assert cells[column] != "–" and cells[column], (page, cells)
                    checked += cells[column] == "anges inte i källan"
    assert checked >= 5


def test_letter_summary_does_not_put_every_expectation_as_utgar_fran(built_site):
    text = page_text(built_site, "avtal/bakgrundskontroller-aldreomsorg.html")
    assert "utgår från att varje kommun använder möjligheten och gör bakgrundskontroller" in text
    assert "helt avgörande att alla kommuner går till botten med och åtgärdar varje signal" in text
    assert "åtgärdar alla signaler om missförhållanden och polisanmäler" not in text


# --- Issue 24: the obligation-sentence rule ---------------------------------


def test_a_planted_obligation_sentence_stops_the_build_naming_it(content_copy):
    seed = next(content_copy.joinpath("seeds").glob("001_*.txt"))
    lines = seed.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("regeringsbeslut ställt till Kammarkollegiet."))
    planted = "Regionerna ska dessutom lämna en extra rapport till Kammarkollegiet senast den 1 maj 2025."
    lines[at] = lines[at].rstrip() + " " + planted
    seed.write_text("\n".join(lines), encoding="utf-8")
    errors = errors_in(check(content_copy)[1])
    assert len(errors) == 1, [str(e) for e in errors]
    assert errors[0].file == "content/coverage/psykisk-halsa-2025.yaml"
    assert "states an obligation or a decision" in errors[0].message and planted in errors[0].message


def test_an_obligation_dropped_from_a_condition_stops_the_build(content_copy):
    replace_once(content_copy / "agreements" / "psykisk-halsa-2025.yaml", '    items:\n      - "Myndigheterna ska inhämta synpunkter om redovisningen från SKR."\n', "    items: []\n")
    errors = errors_in(check(content_copy)[1])
    assert len(errors) == 1 and "Myndigheterna ska inhämta synpunkter om redovisningen från SKR." in errors[0].message, [str(e) for e in errors]


def test_a_listed_sentence_that_is_not_in_the_seed_is_an_error(content_copy):
    replace_once(content_copy / "coverage" / "psykisk-halsa-2025.yaml", 'text: "Den information som ska ingå i rekvisitionen framgår av bilagan till denna överenskommelse."', 'text: "Den information som ska ingå i ansökan framgår av bilagan till denna överenskommelse."')
    errors = errors_in(check(content_copy)[1])
    messages = " ".join(e.message for e in errors)
    assert "no unquoted obligation sentence of the seed matches" in messages
    assert "Den information som ska ingå i rekvisitionen framgår av bilagan" in messages


@pytest.mark.parametrize("map_name", ["psykisk-halsa-2025.html", "psykisk-halsa-2021.html", "patientsakerhet-2021.html", "samverkansregler-2026.html"])
def test_map_pages_account_for_every_obligation_sentence(built_site, map_name):
    root = parse_html(built_site / "fran-kalla" / map_name)
    text = fold(article(root).text())
    assert "Meningar med skyldigheter som inte citeras" in text
    counts = {fold(row[0]) if len(row) > 1 else "": row[-1] for row in [[fold(td.text()) for td in select(tr, "td")] for tr in select(article(root), "tr")] if len(row) == 2}
    total = next(int(v) for k, v in counts.items() if "anger en skyldighet eller ett beslut" in k)
    quoted = next(int(v) for k, v in counts.items() if "citeras ordagrant" in k)
    listed = next(int(v) for k, v in counts.items() if "som inte citeras, med skäl" in k)
    assert total == quoted + listed and quoted > 0
    assert len(table_rows(root, "skyldigheter")) == listed


def test_a_numbered_section_explained_away_is_still_named_by_the_numbering(content_copy):
    # The map forgets 1.1 and calls its line "not a section": the candidate check is satisfied, the numbering is not (1.2 follows).
    path = content_copy / "coverage" / "samverkansregler-2026.yaml"
    replace_once(path, '''  - heading: "1.1 2025 års överenskommelse förlängs till att även omfatta 2026"
    document: psykisk-halsa-2026
    carried_by: [summary, correction:tillaggsoverenskommelse-forlangning]
''', "")
    replace_once(path, "not_sections:\n", 'not_sections:\n  - line: 966\n    text: "1.1 2025 års"\n    why: Planted.\n')
    errors = [e for e in errors_in(check(content_copy)[1]) if e.field == "sections"]
    assert [e.message.split(":")[0] for e in errors] == ["section 1.1 of the full text is not on the map, but 1.2 (seed 000 line 1029) is"]


def test_a_lost_number_that_the_map_has_is_an_error(content_copy):
    replace_once(content_copy / "coverage" / "psykisk-halsa-2025.yaml", "not_sections:\n", 'numbers_lost: ["2"]\nnot_sections:\n')
    errors = errors_in(check(content_copy)[1])
    assert [(e.field, e.message) for e in errors] == [("numbers_lost[0]", "section 2 is on the map with its number; it is not lost")]
