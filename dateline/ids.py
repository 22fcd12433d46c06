"""Deterministic identifiers: the same input always gets the same ids."""
from __future__ import annotations

from hashlib import sha256


def stable_id(*parts: object, length: int = 16) -> str:
    """Hex SHA-256 prefix over the parts, joined unambiguously."""
    # str parts as they are (most of them: ids, names); str() only for the others
    text = "\x1f".join([p if p.__class__ is str else "" if p is None else str(p) for p in parts])
    return sha256(text.encode("utf-8")).hexdigest()[:length]
