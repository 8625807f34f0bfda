"""Limits on content that grows the output: refused at validation with file, line and field, and stated on
the schema page. In-process checks of a content copy (no build); the hostile corpus (class "ranges") runs
the same cases through `build`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.build import check
from generator.issues import errors_in
from generator.schema_doc import schema_markdown
from tests.conftest import ROOT

GROUP = "  - words: [gåva, present]"


def search_yaml_with(tmp_path: Path, new: str) -> Path:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    path = content / "search.yaml"
    text = path.read_text(encoding="utf-8")
    assert GROUP in text
    path.write_text(text.replace(GROUP, new, 1), encoding="utf-8")
    return content


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        ("  - words: [" + ", ".join(f"ord{i}" for i in range(3000)) + "]", "content/search.yaml:15: error: synonyms[7].words: List should have at most 10 items"),
        ("  - words: [gåva, " + "p" * 41 + "]", "content/search.yaml:15: error: synonyms[7].words[1]: String should have at most 40 characters"),
        ("\n".join(f"  - words: [a{i}, b{i}]" for i in range(101)), "content/search.yaml:6: error: synonyms: List should have at most 100 items"),
    ],
    ids=["3000-words", "41-characters", "101-groups"],
)
def test_search_words_beyond_the_limits_are_refused(tmp_path, new, expected):
    _, issues = check(search_yaml_with(tmp_path, new))
    errors = [str(i) for i in errors_in(issues)]
    assert len(errors) == 1 and errors[0].startswith(expected), errors


def test_the_real_search_words_are_within_the_limits():
    content, issues = check(ROOT / "content")
    assert not errors_in(issues) and content.search is not None


def test_the_schema_page_states_the_limits():
    text = schema_markdown()
    assert "content/search.yaml" in text
    assert "2–10 per group, each at most 40 characters" in text and "At most 100 groups" in text
