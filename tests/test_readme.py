"""The README's table schemas are generated from schemas/ and must stay in sync."""
from __future__ import annotations

from pathlib import Path

from schemas.docs import readme_with_schemas

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_schema_section_matches_schemas():
    text = README.read_text(encoding="utf-8")
    assert readme_with_schemas(text) == text, "run `python -m schemas.docs` to regenerate"


def test_readme_names_the_test_command_ci_runs():
    ci = (README.parent / ".ci" / "run").read_text()
    assert "make test" in ci and "make test" in README.read_text(encoding="utf-8")
