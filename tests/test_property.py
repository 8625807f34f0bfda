"""Property: random mutations of valid content give issues or a rendered site, never a traceback."""

from __future__ import annotations

import copy
import datetime as dt
import shutil

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import pages
from generator.build import check
from generator.issues import errors_in
from generator.render import Renderer
from tests.conftest import ROOT

BASE = yaml.safe_load((ROOT / "tests" / "fixtures" / "agreement-2027.yaml").read_text(encoding="utf-8"))

values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(["<script>alert(1)</script>", "[x](javascript:alert(1))", "2027-02-30", "regioner", "other", "", "001", "999"]),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 1, 1)),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


def paths(data, prefix=()):
    """Every path to a value in nested dicts and lists."""
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from paths(value, prefix + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from paths(value, prefix + (i,))


ALL_PATHS = [p for p in paths(BASE) if p]


@st.composite
def mutations(draw):
    data = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        path = draw(st.sampled_from(ALL_PATHS))
        parent = data
        try:
            for key in path[:-1]:
                parent = parent[key]
            if draw(st.booleans()) and isinstance(parent, dict):
                parent.pop(path[-1], None)
            else:
                parent[path[-1]] = draw(values)
        except (KeyError, IndexError, TypeError):
            continue
    return data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=mutations())
def test_mutated_content_never_raises(tmp_path_factory, data):
    content = tmp_path_factory.mktemp("content")
    shutil.copy(ROOT / "content" / "sources.yaml", content / "sources.yaml")
    shutil.copytree(ROOT / "content" / "seeds", content / "seeds")
    (content / "agreements").mkdir()
    (content / "agreements" / "x.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    loaded, issues = check(content)
    for issue in issues:
        assert issue.file and issue.field and issue.message
    if not errors_in(issues):
        rendered = pages.all_pages(Renderer(), loaded, dt.date(2026, 1, 15))
        assert all("<script" not in p.text and "javascript:" not in p.text for p in rendered if p.path.endswith(".md"))
