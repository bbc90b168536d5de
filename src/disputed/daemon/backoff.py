"""Capped exponential back-off, shared by the watchers (reconnects) and the sender (retries)."""

from __future__ import annotations


def backoff_seconds(attempt: int, base: float, cap: float) -> float:
    """base, 2·base, 4·base ... for attempts 1, 2, 3 ..., never above cap."""
    return min(cap, base * 2 ** max(0, attempt - 1))
