"""Operator-started: a trademark warning to a seller hijacking the brand's listing.

``disputed letter hijacker --asin ... --seller ...`` calls ``hijacker_letter``; the
letter is queued for approval like every other draft. It is addressed to the other
seller (``to``, or the operator fills it in) and written in English.
"""

from __future__ import annotations

from collections.abc import Sequence

from disputed.handlers.base import QueueDraft
from disputed.vocabulary import Audience

TEMPLATE = "hijacker"


def hijacker_letter(
    asin: str,
    seller: str,
    brand: str,
    *,
    more_asins: Sequence[str] = (),
    registration: str | None = None,
    marketplace: str | None = None,
    respond_hours: int = 48,
    to: str | None = None,
) -> QueueDraft:
    """The warning: who uses which mark on which listings, what must be removed, by when.

    ``registration`` is the trademark registration (office and number) when the brand has
    one; without it the letter leaves a place for the operator to fill in.
    """
    if not asin.strip() or not seller.strip() or not brand.strip():
        raise ValueError("hijacker letter needs an ASIN, the other seller's name and the brand")
    if respond_hours < 1:
        raise ValueError("respond_hours must be at least 1")
    asins = list(dict.fromkeys([asin.strip(), *(a.strip() for a in more_asins if a.strip())]))
    context = {
        "hijacker": seller.strip(),
        "brand": brand.strip(),
        "asins": asins,
        "trademark_registration": registration,
        "respond_hours": respond_hours,
        "marketplace": marketplace,
    }
    return QueueDraft(TEMPLATE, audience=Audience.PLATFORM, context=context, to=to)
