"""`make bench` builds synthetic content at 10× and 100× the real size: it must be valid content, and really that size."""

from __future__ import annotations

from pathlib import Path

from bench.synthetic import make_content
from generator.build import check
from generator.issues import errors_in
from tests.conftest import ROOT


def test_ten_times_the_content_passes_check(tmp_path: Path):
    real, real_issues = check(ROOT / "content")
    assert not errors_in(real_issues)
    scaled, issues = check(make_content(tmp_path, 10))
    assert errors_in(issues) == [], "\n".join(map(str, errors_in(issues)[:20]))

    def with_text(content) -> int:
        return len([c for c in content.rulebook.item.clauses if c.text])

    assert with_text(scaled) == 10 * with_text(real)
    for name in ("principles", "rules", "definitions"):
        assert len(getattr(scaled.rulebook.item, name)) == 10 * len(getattr(real.rulebook.item, name)), name
    for name in ("situations", "questions"):
        assert len(getattr(scaled.guide.item, name)) == 10 * len(getattr(real.guide.item, name)), name
    assert len(scaled.agreements) == 10 * len(real.agreements) and len(scaled.notices) == 10 * len(real.notices)
    # The real clauses are kept word for word: the guide's quotes and the source map still hold.
    assert {c.number: c.text for c in real.rulebook.item.clauses}.items() <= {c.number: c.text for c in scaled.rulebook.item.clauses}.items()
