"""Every fixture under tests/fixtures/ is linted and compared with its inline expectations."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.expectations import expectations, lint_tree, observed

FIXTURES = Path(__file__).parent / "fixtures"
CASES = sorted(
    [*FIXTURES.glob("single/*.py"), *[p for p in FIXTURES.glob("projects/*") if p.is_dir()]]
)


# Fixtures that state true behaviour the engine does not reach yet (strict: fixing them fails
# the mark, so it is removed with the fix).
KNOWN_GAPS: dict[str, str] = {}


def _case(p: Path) -> object:
    rel = p.relative_to(FIXTURES).as_posix()
    marks = [pytest.mark.xfail(reason=KNOWN_GAPS[rel], strict=True)] if rel in KNOWN_GAPS else []
    return pytest.param(p, id=rel, marks=marks)


@pytest.mark.parametrize("fixture", [_case(p) for p in CASES])
def test_fixture(fixture: Path, tmp_path: Path) -> None:
    report, _ = lint_tree(fixture, tmp_path)
    src = fixture if fixture.is_dir() else fixture.parent
    expected = (
        expectations(fixture)
        if fixture.is_dir()
        else {e for e in expectations(src) if e.path == fixture.name}
    )
    got = observed(report)
    missing = sorted(expected - got)
    extra = sorted(got - expected)
    assert not missing and not extra, f"missing: {missing}\nunexpected: {extra}"
