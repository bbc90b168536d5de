"""What an account notice is about: the metric a performance notice names, whether funds are held,
why a listing was closed. The words are each language's (``ACCOUNT_METRICS``, ``FUNDS`` and
``LISTING_CAUSES`` in ``disputed/languages/<code>/words.py``); they are matched on the lower-cased
subject and body, accents kept, as the notices print them.

    account_facts(kind, subject, body) -> {"metric": ..., "funds_held": ..., "listing_cause": ...}
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from disputed import languages
from disputed.vocabulary import ACCOUNT_KINDS, Kind

# The metrics a performance notice may name, and the causes a listing may be closed for, in the order they are tried.
METRICS = ("order_defect_rate", "late_shipment_rate", "cancellation_rate", "valid_tracking_rate")
LISTING_CAUSES = ("customer_experience", "ip")


def account_facts(kind: Kind, subject: str, body: str) -> dict[str, Any]:
    """The Notification fields an account notice of ``kind`` carries; none for any other kind."""
    if kind not in ACCOUNT_KINDS:
        return {}
    text = f"{subject}\n{body}".lower()
    return {
        "metric": _first(text, _patterns("ACCOUNT_METRICS", METRICS)),
        "funds_held": _funds().search(text) is not None,
        "listing_cause": _first(text, _patterns("LISTING_CAUSES", LISTING_CAUSES)),
    }


def _first(text: str, patterns: tuple[tuple[str, re.Pattern[str]], ...]) -> str | None:
    return next((name for name, pattern in patterns if pattern.search(text)), None)


@lru_cache(maxsize=None)
def _patterns(words: str, names: tuple[str, ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each of ``names`` with the bundles' ``words`` patterns for it as one alternation."""
    by_language = languages.gathered(words)
    unknown = {f"{language}:{name}" for language, table in by_language.items() for name in table if name not in names}
    if unknown:
        raise ValueError(f"{words} for unknown names: {sorted(unknown)}")
    compiled = []
    for name in names:
        patterns = [table[name] for table in by_language.values() if name in table]
        if patterns:
            compiled.append((name, re.compile("|".join(patterns))))
    return tuple(compiled)


@lru_cache(maxsize=1)
def _funds() -> re.Pattern[str]:
    return re.compile("|".join(languages.gathered("FUNDS").values()))
