"""Deterministic identifiers: the same input always gets the same ids."""
from __future__ import annotations

import hashlib


def stable_id(*parts: object, length: int = 16) -> str:
    """Hex SHA-256 prefix over the parts, joined unambiguously."""
    text = "\x1f".join(["" if p is None else str(p) for p in parts])
    digest = hashlib.sha256(text.encode("utf-8"))
    return digest.hexdigest()[:length]
