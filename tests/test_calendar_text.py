"""RFC 5545 text escaping in every calendar the build writes, X-WR-CALNAME included (3.3.11: "\\," "\\;" "\\\\"
and "\\n" in TEXT values). Read back twice: with icalendar, and with the small independent parser below,
which follows the RFC's grammar and does not share icalendar's code."""

from __future__ import annotations

import re

import pytest
from icalendar import Calendar
from icalendar.parser import Contentlines

from generator.build import check
from generator.export.calendar import calendar
from tests.conftest import ROOT

TEXT_PROPERTIES = {"SUMMARY", "DESCRIPTION", "X-WR-CALNAME", "NAME", "LOCATION", "COMMENT", "CATEGORIES", "CONTACT", "X-WR-CALDESC"}
ESCAPED_TEXT = re.compile(r"(?:[^\\,;]|\\[\\,;nN])*")
"""An RFC 5545 TEXT value as it stands in the file: no raw comma or semicolon, every backslash an escape."""


def content_lines(data: str) -> list[tuple[str, str]]:
    """(name, raw value) per content line: CRLF line ends, unfolded (3.1), name and parameters split off at
    the first colon outside a quoted parameter value."""
    assert "\n" not in data.replace("\r\n", ""), "bare LF line end"
    lines: list[tuple[str, str]] = []
    for line in re.sub(r"\r\n[ \t]", "", data).split("\r\n"):
        if not line:
            continue
        quoted = False
        for i, ch in enumerate(line):
            if ch == '"':
                quoted = not quoted
            elif ch == ":" and not quoted:
                lines.append((line[:i].split(";", 1)[0].upper(), line[i + 1 :]))
                break
        else:
            raise AssertionError(f"no colon in content line {line!r}")
    return lines


def unescape(value: str) -> str:
    assert ESCAPED_TEXT.fullmatch(value), f"unescaped TEXT value {value!r}"
    return re.sub(r"\\([\\,;nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)


def icalendar_values(data: str, wanted: str) -> list[str]:
    """The property's values as icalendar's content-line parser reads them (unescaped; icalendar keeps an
    X- property it has no type for raw in Calendar.from_ical, so the content lines are read directly)."""
    return [value for name, _, value in (line.parts() for line in Contentlines.from_ical(data) if line) if name == wanted]


HOSTILE_NAME = 'Tidsfrister: a, b; c\\d\\,e "f" g:h\nny rad'


def test_calendar_name_is_escaped_and_reads_back_with_both_parsers():
    data = calendar([], HOSTILE_NAME).decode("utf-8")
    names = [value for name, value in content_lines(data) if name == "X-WR-CALNAME"]
    wanted = " ".join(HOSTILE_NAME.split())  # names are one line (fold_space)
    assert [unescape(v) for v in names] == [wanted]
    assert icalendar_values(data, "X-WR-CALNAME") == [wanted]


@pytest.fixture(scope="module")
def feeds(built_site) -> dict[str, str]:
    files = [built_site / "tidsfrister.ics", *sorted((built_site / "tidsfrister").glob("*.ics"))]
    return {p.relative_to(built_site).as_posix(): p.read_bytes().decode("utf-8") for p in files}


def test_every_text_value_in_the_built_calendars_is_escaped(feeds):
    assert len(feeds) >= 4
    for path, data in feeds.items():
        for name, value in content_lines(data):
            if name in TEXT_PROPERTIES:
                assert ESCAPED_TEXT.fullmatch(value), f"{path}: {name} is not escaped: {value!r}"


def test_built_calendar_names_read_back_as_the_titles(feeds):
    content, _ = check(ROOT / "content")
    titles = {f"tidsfrister/{a.item.id}.ics": a.item.short_title for a in content.agreements}
    titles |= {f"tidsfrister/{n.item.id}.ics": n.item.title for n in content.notices}
    if content.rulebook is not None:
        titles[f"tidsfrister/{content.rulebook.item.id}.ics"] = content.rulebook.item.short_title
    commas = 0
    for path, data in feeds.items():
        names = [unescape(v) for name, v in content_lines(data) if name == "X-WR-CALNAME"]
        assert len(names) == 1, path
        assert icalendar_values(data, "X-WR-CALNAME") == names
        if path in titles:
            assert names[0] == " ".join(f"Tidsfrister: {titles[path]}".split()), path
        commas += "," in names[0]
    assert commas >= 1, "no calendar name with a comma: the real content no longer tests escaping"


def test_event_text_reads_back_the_same_with_both_parsers(feeds):
    for path, data in feeds.items():
        ours = [unescape(v) for name, v in content_lines(data) if name in ("SUMMARY", "DESCRIPTION")]
        theirs = [str(e[name]) for e in Calendar.from_ical(data).walk("VEVENT") for name in ("SUMMARY", "DESCRIPTION")]
        assert ours == theirs, path
