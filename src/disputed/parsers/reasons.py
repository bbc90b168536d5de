"""The reasons marketplaces print (return reasons, claim and dispute reasons) mapped to issues.

These are the platforms' own fixed phrases and their translations, not free text, so
a phrase table is exact where a classifier would only be likely. Order matters: the
first matching family wins. The phrases are each language's, in its bundle.
"""

from __future__ import annotations

import re

from disputed import languages
from disputed.parsers.extract import lower_unaccented
from disputed.vocabulary import Issue

# The families of printed reasons, in the order they are tried, and the issue each means. Each
# language words them in ``RETURN_REASONS`` of its bundle (``disputed/languages/<code>/words.py``).
FAMILIES: tuple[tuple[str, Issue], ...] = (
    ("empty_package", Issue.EMPTY_PACKAGE),
    ("not_received", Issue.NOT_RECEIVED),  # "Item arrived too late" counts as not received
    ("own_mistake", Issue.OTHER),  # the buyer's own mistake is not the seller's wrong item
    ("wrong_item", Issue.WRONG_ITEM),
    ("missing_parts", Issue.MISSING_PARTS),
    ("size_fit", Issue.SIZE_FIT),  # "Size not as described" is a size problem
    ("damaged", Issue.DAMAGED),  # "Product damaged, but shipping box OK" is damage
    ("quality_defect", Issue.QUALITY_DEFECT),
    ("not_as_described", Issue.NOT_AS_DESCRIBED),
    ("customs_tax", Issue.CUSTOMS_TAX),
    ("unwanted", Issue.OTHER),  # no longer needed, found cheaper, changed their mind
)


def _compiled_families():
    by_language = languages.gathered("RETURN_REASONS")
    names = {name for name, _ in FAMILIES}
    unknown = {f"{language}:{name}" for language, table in by_language.items() for name in table if name not in names}
    if unknown:
        raise ValueError(f"return reasons for unknown families: {sorted(unknown)}")
    compiled = []
    for name, issue in FAMILIES:
        patterns = [table[name] for table in by_language.values() if name in table]
        if patterns:
            compiled.append((issue, re.compile(lower_unaccented("|".join(patterns)))))
    return compiled


_COMPILED = _compiled_families()


def issue_for_reason(reason: str | None) -> Issue | None:
    """The issue an official reason text maps to, or None when the phrase is not known."""
    if not reason:
        return None
    folded = lower_unaccented(reason[:500])
    for issue, pattern in _COMPILED:
        if pattern.search(folded):
            return issue
    return None
