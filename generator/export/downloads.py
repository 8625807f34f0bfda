"""The list of downloadable files on the "Öppna data" page, each with its size measured from the bytes the build writes."""

from __future__ import annotations

from dataclasses import dataclass

from generator.export.atom import FEED_PATH
from generator.export.datapackage import DATAPACKAGE_PATH, DataFile, data_files
from generator.render import NBSP, Page


@dataclass(frozen=True)
class Download:
    path: str
    """Under docs/ and site/."""
    title: str
    description: str
    size: int
    table: DataFile | None = None
    """The described data file (columns for a CSV), if it is one."""


def size_text(size: int) -> str:
    """18820 -> '18,8 kB (18 820 byte)': kB of 1 000 byte, with the exact count beside it."""
    exact = f"{size:,}".replace(",", NBSP) + NBSP + "byte"
    if size < 1000:
        return exact
    return f"{size / 1000:.1f}".replace(".", ",") + NBSP + f"kB ({exact})"


def downloads(files: list[Page]) -> list[Download]:
    """Data files (as described in the data package), the package itself, the change feed and the calendar files, in that order."""
    sizes = {p.path: len(p.text.encode("utf-8")) for p in files}
    result = [Download(f.path, f.title, f.description, sizes[f.path], f) for f in data_files(set(sizes))]
    if DATAPACKAGE_PATH in sizes:
        result.append(Download(DATAPACKAGE_PATH, "Datapaket", "Beskrivning av alla datafiler och deras fält enligt Frictionless Data Package, med källor.", sizes[DATAPACKAGE_PATH]))
    if FEED_PATH in sizes:
        result.append(Download(FEED_PATH, "Ändringar", "Listan över ändringar på webbplatsen som Atom-flöde.", sizes[FEED_PATH]))
    calendars = sorted(path for path in sizes if path.endswith(".ics"))
    for path in calendars:
        which = "alla dokument" if "/" not in path else f"dokumentet {path.rsplit('/', 1)[1].removesuffix('.ics')}"
        result.append(Download(path, "Kalender", f"Tidsfristerna för {which} (iCalendar).", sizes[path]))
    return result
