"""Shared fixtures: the real spaCy model (loaded once per session) and the shared eval folder."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_EVAL = REPO.parent / "shared" / "eval"


@pytest.fixture(scope="session")
def nlp():
    """The default model as the pipeline loads it."""
    from dateline.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def shared_eval() -> Path:
    """../shared/eval, or skip when this clone has none."""
    if not (SHARED_EVAL / "articles").is_dir():
        pytest.skip("../shared/eval is not present in this checkout")
    return SHARED_EVAL
