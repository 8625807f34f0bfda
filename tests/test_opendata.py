"""The open data as a reader gets it: the page lists every file with its real size, the CSVs open in
Swedish Excel (UTF-8 with BOM, ";"), and every data file conforms to data/datapackage.json."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import frictionless
import pytest

from tests.conftest import read_csv
from tests.test_hostile import article, parse_html, select

SIZE = re.compile(r"\(([0-9\u00a0 ]+)\u00a0byte\)")


def page_rows(site: Path) -> dict[str, str]:
    """href -> size cell text of each row in the file table of oppna-data.html."""
    rows = {}
    for tr in select(article(parse_html(site / "oppna-data.html")), "tr"):
        cells = select(tr, "td")
        links = select(cells[0], "a") if cells else []
        if links:
            rows[links[0].attr("href") or ""] = cells[-1].text()
    return rows


def published_files(site: Path) -> set[str]:
    """Every file in site/data/, every calendar file and the change feed, as paths relative to the site."""
    data = {f"data/{p.name}" for p in (site / "data").iterdir() if p.is_file()}
    calendars = {p.relative_to(site).as_posix() for p in site.rglob("*.ics")}
    feed = {"andringar.xml"} if (site / "andringar.xml").is_file() else set()
    return data | calendars | feed


def test_page_lists_every_data_and_calendar_file(built_site):
    listed = {href for href in page_rows(built_site) if not href.endswith(".pdf")}
    assert listed == published_files(built_site)
    assert {"data/potter.csv", "data/tidsfrister.csv", "data/jamforelse.csv", "data/datapackage.json", "tidsfrister.ics"} <= listed


def test_sizes_on_the_page_are_the_sizes_of_the_files(built_site):
    for href, cell in page_rows(built_site).items():
        if href.endswith(".pdf"):
            assert "Anges inte" in cell  # written after the page: no size is claimed
            continue
        match = SIZE.search(cell)
        assert match, f"{href}: no size in {cell!r}"
        assert int(re.sub(r"\D", "", match.group(1))) == (built_site / href).stat().st_size, href


def test_page_lists_the_columns_of_every_csv(built_site):
    text = " ".join(article(parse_html(built_site / "oppna-data.html")).text().split())
    for path in (built_site / "data").glob("*.csv"):
        header = read_csv_header(path)
        assert f"Kolumner i {path.name}" in text
        for column in header:
            assert column in text, (path.name, column)


def read_csv_header(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return next(csv.reader(f, delimiter=";"))


@pytest.mark.parametrize("name", ["potter.csv", "tidsfrister.csv", "jamforelse.csv"])
def test_csv_opens_in_swedish_excel(built_site, name):
    path = built_site / "data" / name
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "no UTF-8 byte order mark: Excel would read the file as Windows-1252"
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    header, body = rows[0], rows[1:]
    assert len(header) >= 5 and body
    assert all(len(row) == len(header) for row in body), "a row has another number of cells than the header"
    assert not any("," in cell and cell.replace(",", "").isdigit() for row in body for cell in row), "a number with a decimal comma"


def test_swedish_letters_survive_in_the_csvs(built_site):
    # Texts from content/ (psykisk-halsa-2025.yaml, patientsakerhet-2021.yaml), read back through the Excel dialect.
    areas = {row["area"] for row in read_csv(built_site / "data" / "potter.csv")}
    assert "Enhetlig och säker hantering av klagomål" in areas
    assert "Stärkt suicidpreventivt arbete" in areas
    titles = {row["title"] for row in read_csv(built_site / "data" / "tidsfrister.csv")}
    assert "Sveriges Kommuner och Regioner undertecknar överenskommelsen" in titles


def test_amounts_are_whole_kronor_in_the_csvs(built_site):
    for name in ("potter.csv", "jamforelse.csv"):
        for row in read_csv(built_site / "data" / name):
            assert re.fullmatch(r"[0-9]+", row["amount_sek"]), (name, row["amount_sek"])


def test_data_conforms_to_the_datapackage(built_site):
    report = frictionless.validate(built_site / "data" / "datapackage.json")
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "message"])[:10]


def test_datapackage_describes_every_data_file_and_field(built_site):
    package = json.loads((built_site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    paths = {r["path"] for r in package["resources"]}
    assert paths == {p.name for p in (built_site / "data").iterdir()} - {"datapackage.json"}
    for resource in package["resources"]:
        assert resource["description"] and resource["bytes"] == (built_site / "data" / resource["path"]).stat().st_size
        if resource["path"].endswith(".csv"):
            fields = [f["name"] for f in resource["schema"]["fields"]]
            assert fields == read_csv_header(built_site / "data" / resource["path"])
            assert all(f["description"] and f["type"] in {"string", "integer", "date"} for f in resource["schema"]["fields"])
    assert [s["title"][:9] for s in package["sources"]] == ["Källa 000", "Källa 001", "Källa 003", "Källa 004"]
    assert "example." not in json.dumps(package)


def test_validation_catches_data_that_breaks_the_package(built_site, tmp_path):
    """The check above can fail: a decimal amount, and a missing required value, are reported."""
    data = tmp_path / "data"
    shutil.copytree(built_site / "data", data)
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    for r in package["resources"]:
        r.pop("bytes")  # the edits below change the size; the errors must come from the values
    (data / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")
    path = data / "potter.csv"
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    rows[1][6] = "12,5"  # amount_sek
    rows[1][0] = ""  # agreement_id (required)
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f, delimiter=";", lineterminator="\r\n").writerows(rows)
    report = frictionless.validate(data / "datapackage.json")
    assert not report.valid
    kinds = {e.type for task in report.tasks for e in task.errors}
    assert {"type-error", "constraint-error"} <= kinds, kinds
