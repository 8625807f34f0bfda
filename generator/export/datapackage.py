"""site/data/datapackage.json: a Frictionless Data Package (v1) describing every data file, its fields and sources.

The field descriptions here are the one description of the data: the "Öppna data" page shows the same text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from generator.export.opendata import CSV_DELIMITER
from generator.load import Content
from generator.render import DEADLINE_KINDS, RECIPIENTS, Page

DATAPACKAGE_PATH = "data/datapackage.json"
PACKAGE_NAME = "overenskommelser-och-samverkansregler"


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    """Table Schema type: string, integer, date."""
    description: str
    required: bool = False
    enum: tuple[str, ...] = ()


@dataclass(frozen=True)
class DataFile:
    path: str
    """Under docs/ (and so under site/)."""
    title: str
    description: str
    columns: tuple[Column, ...] = ()
    """Empty for a JSON document (not a table)."""
    primary_key: tuple[str, ...] = ()


POTTER = DataFile(
    "data/potter.csv",
    "Potter",
    "En rad per pott i varje överenskommelse, och en rad per summa som källan själv anger över flera potter.",
    (
        Column("agreement_id", "string", "Överenskommelsens id.", True),
        Column("year", "integer", "Året överenskommelsen gäller.", True),
        Column("pot_id", "string", "Pottens id (för en summarad: summans id).", True),
        Column("area", "string", "Området som medlen avser, med källans ord (för en summarad: det källan summerar).", True),
        Column("recipient", "string", "Mottagare: regioner, kommuner, lansgemensamt (regioner och kommuner gemensamt, länsvis), skr eller other (se då recipient_label). Tom på summarader.", False, tuple(RECIPIENTS)),
        Column("recipient_label", "string", "Mottagarens namn när recipient är other."),
        Column("amount_sek", "integer", "Belopp i hela kronor, utan tusentalsavgränsare.", True),
        Column("parent", "string", "Id för den pott som raden är en del av (en ”varav”-rad); tom annars."),
        Column("channel", "string", "Hur medlen betalas ut, t.ex. via Kammarkollegiet. Tom på summarader."),
        Column("funder", "string", "Vem som betalar: normalt staten; regionernas egen insats har regioner."),
        Column("distribution_key", "string", "Id för fördelningsnyckeln som potten fördelas efter."),
        Column("note", "string", "Anmärkning ur innehållet, t.ex. hur beloppet ska läsas."),
        Column("source", "string", "Källdokumentets nummer och avsnitt, t.ex. ”001: 4.2”.", True),
        Column("row_kind", "string", "pot för en pott, stated_subtotal för en summa som källan anger över flera potter.", True, ("pot", "stated_subtotal")),
        Column("parts", "string", "På summarader: id:n för potterna som summan består av, åtskilda med mellanslag."),
    ),
    ("agreement_id", "pot_id"),
)

TIDSFRISTER = DataFile(
    "data/tidsfrister.csv",
    "Tidsfrister",
    "En rad per datum i dokumenten: tidsfrister, undertecknanden och ikraftträdanden.",
    (
        Column("date", "date", "Datum (ÅÅÅÅ-MM-DD).", True),
        Column("kind", "string", "Slag av datum, t.ex. rekvisition, slutrapport eller undertecknande.", True, tuple(DEADLINE_KINDS)),
        Column("title", "string", "Vad som ska ske.", True),
        Column("who", "string", "Vem det gäller.", True),
        Column("to_whom", "string", "Till vem något ska lämnas."),
        Column("consequence", "string", "Vad som händer om fristen missas, ordagrant ur källan."),
        Column("note", "string", "Anmärkning som kvalificerar datumet, t.ex. att året är antaget eller att datumet är ett förslag."),
        Column("agreement_id", "string", "Id för dokumentet som datumet står i.", True),
        Column("source", "string", "Källdokumentets nummer och avsnitt.", True),
    ),
)

JAMFORELSE = DataFile(
    "data/jamforelse.csv",
    "Jämförelse mellan åren",
    "Medel per tema, mottagare och år i överenskommelserna om psykisk hälsa; inga överlappande ”varav”-rader, så raderna kan summeras.",
    (
        Column("theme", "string", "Temats id (teman för jämförelsen, se jamforelse.json).", True),
        Column("recipient", "string", "Mottagare, som i potter.csv.", True, tuple(RECIPIENTS)),
        Column("year", "integer", "År.", True),
        Column("amount_sek", "integer", "Summa i hela kronor.", True),
        Column("agreement_id", "string", "Överenskommelsens id.", True),
    ),
    ("theme", "recipient", "year"),
)

JSON_FILES = {
    "data/overenskommelser.json": ("Överenskommelser", "Alla överenskommelser (agreements) med potter, fördelningsnycklar, villkor, tidsfrister, underskrifter och källhänvisningar, övriga dokument (notices) och källförteckningen (sources)."),
    "data/samverkansregler.json": ("Samverkansregler", "Samverkansreglerna: principles och rules (id, name, text), definitions (id, term, text) och clauses (number, section, title, text), ordagrant."),
    "data/far-jag.json": ("Får jag …?", "Alla svar i guiden Får jag …?: kinds (svarstyper), bases (vad ett svar bygger på), items (frågor), answers (en per situation och fråga), topics (ämnen) och questions (vanliga frågor, var och en med sitt ämne), med svarstyp (answer), grund (basis), hänvisningar, ordagranna citat, och där reglerna drar åt olika håll (svarstypen tveksamt) läsningarna med sina citat (readings), och adressen till svaret på webbplatsen (url)."),
    "data/jamforelse.json": ("Jämförelse mellan åren (JSON)", "Samma rader som jamforelse.csv (rows) med serien (series), åren (years) och temana (themes)."),
}
TABLES = (POTTER, TIDSFRISTER, JAMFORELSE)


def data_files(paths: set[str]) -> list[DataFile]:
    """The described data files that this build writes, tables first."""
    described = list(TABLES) + [DataFile(path, title, text) for path, (title, text) in JSON_FILES.items()]
    return [f for f in described if f.path in paths]


def _field(c: Column) -> dict:
    field: dict = {"name": c.name, "type": c.type, "description": c.description}
    if c.type == "date":
        field["format"] = "%Y-%m-%d"
    constraints: dict = {}
    if c.required:
        constraints["required"] = True
    if c.enum:
        constraints["enum"] = list(c.enum)
    if c.type == "integer" and c.name == "amount_sek":
        constraints["minimum"] = 0
    if constraints:
        field["constraints"] = constraints
    return field


def _resource(f: DataFile, size: int) -> dict:
    name = f.path.removeprefix("data/").replace(".", "-")
    resource: dict = {"name": name, "path": f.path.removeprefix("data/"), "title": f.title, "description": f.description, "bytes": size}
    if not f.columns:
        return {**resource, "format": "json", "mediatype": "application/json", "encoding": "utf-8"}
    schema: dict = {"fields": [_field(c) for c in f.columns], "missingValues": [""]}
    if f.primary_key:
        schema["primaryKey"] = list(f.primary_key)
    return {
        **resource,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": CSV_DELIMITER, "lineTerminator": "\r\n", "header": True},
        "schema": schema,
    }


def datapackage(content: Content, files: list[Page]) -> Page:
    """The package for the data files among `files` (their sizes are those of the bytes written)."""
    sizes = {p.path: len(p.text.encode("utf-8")) for p in files}
    sources = content.sources.item.sources if content.sources else []
    package = {
        "profile": "data-package",
        "name": PACKAGE_NAME,
        "title": "Överenskommelser och samverkansregler: öppna data",
        "description": "Uppgifterna på webbplatsen som maskinläsbara filer. Licens är inte fastställd: den bestäms av den som publicerar webbplatsen.",
        "sources": [{"title": f"Källa {s.id}: {s.title}"} for s in sources],
        "resources": [_resource(f, sizes[f.path]) for f in data_files(set(sizes))],
    }
    return Page(DATAPACKAGE_PATH, json.dumps(package, ensure_ascii=False, indent=2) + "\n")
