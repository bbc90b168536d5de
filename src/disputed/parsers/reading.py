"""What the buyer's words ask for and offer, read for an operator who does not read their language.

    read_request(buyer_text) -> Request(remedy, attachments, mentioned_facts)

The remedy is the one the buyer names first (a partial refund before a plain refund where
both words sit together); "none" when they name no remedy. Attachments are the photos or
videos they say they sent. Mentioned facts are order numbers, tracking numbers and amounts
written in their words. The words are each served language's, in its bundle
(``disputed/languages/<code>/words.py``); texts are compared folded (lower case, accents
removed), so a cue is written folded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from disputed import languages
from disputed.parsers.extract import lower_unaccented
from disputed.vocabulary import Remedy

# Remedy cues per language (each bundle's ``REMEDIES``): partial refunds come before refunds, their words hold the refund's.
REMEDY_CUES: dict[str, dict[Remedy, tuple[str, ...]]] = languages.gathered("REMEDIES")
# What a buyer may say they attached, and the words for it in every served language (each bundle's ``ATTACHMENTS``).
ATTACHMENT_KINDS = ("photo", "video")
ATTACHMENT_CUES: dict[str, tuple[str, ...]] = {
    kind: tuple(dict.fromkeys(word for words in languages.gathered("ATTACHMENTS").values() for word in words.get(kind, ())))
    for kind in ATTACHMENT_KINDS
}
# Words that say the picture is on its way to the seller, in any served language (``ATTACHING``): only then is it an attachment.
_ATTACH_VERBS = tuple(dict.fromkeys(word for words in languages.gathered("ATTACHING").values() for word in words))

_ORDER = re.compile(r"\b\d{3}-\d{7}-\d{7}\b|\b\d{2}-\d{5}-\d{5}\b|\b\d{9,19}\b")
_TRACKING = re.compile(r"\b[A-Z]{2}\d{9}[A-Z]{2}\b|\b1Z[0-9A-Z]{16}\b")
_AMOUNT = re.compile(r"(?:[$€£¥₩₺₽]|R\$|zł|TL)\s?\d{1,7}(?:[.,]\d{1,2})?|\d{1,7}(?:[.,]\d{1,2})?\s?(?:[$€£¥₩₺₽]|"
                     r"eur|euro|usd|gbp|jpy|brl|pln|zł|try|tl|rub|руб|krw|원|円|元|ريال|درهم)(?!\w)", re.I)
_MAX_FACTS = 6


@dataclass(frozen=True)
class Request:
    remedy: Remedy
    attachments: tuple[str, ...]
    mentioned_facts: tuple[str, ...]


def read_request(buyer_text: str) -> Request:
    folded = lower_unaccented(buyer_text)
    return Request(_remedy(folded), _attachments(folded), _mentioned(buyer_text))


def _remedy(folded: str) -> Remedy:
    first: tuple[int, int, Remedy] | None = None  # (position, rank, remedy): earliest, then the listed order
    for word, rank, remedy in _folded_remedy_cues():
        position = folded.find(word)
        if position >= 0 and (first is None or (position, rank) < first[:2]):
            first = (position, rank, remedy)
    return first[2] if first else Remedy.NONE


@lru_cache(maxsize=1)
def _folded_remedy_cues() -> tuple[tuple[str, int, Remedy], ...]:
    return tuple((lower_unaccented(word), rank, remedy) for cues in REMEDY_CUES.values()
                 for rank, (remedy, words) in enumerate(cues.items()) for word in words)


def _attachments(folded: str) -> tuple[str, ...]:
    said = any(verb in folded for verb in _ATTACH_VERBS)
    if not said:
        return ()
    return tuple(kind for kind, words in ATTACHMENT_CUES.items() if any(lower_unaccented(word) in folded for word in words))


def _mentioned(text: str) -> tuple[str, ...]:
    mentioned: list[str] = []
    for match in _ORDER.finditer(text):
        mentioned.append(f"order {match.group(0)}")
    for match in _TRACKING.finditer(text):
        mentioned.append(f"tracking {match.group(0)}")
    for match in _AMOUNT.finditer(text):
        mentioned.append(f"amount {match.group(0).strip()}")
    return tuple(dict.fromkeys(mentioned))[:_MAX_FACTS]
