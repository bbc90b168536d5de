"""What disputed knows about each language it serves, one folder per language.

``languages/<code>/`` holds everything the code knows about one language:

- ``lexicon.py``: the classifier's weighted cues, and the words of the option choices and the
  messaging rules (``LEXICON``, ``LETTER_PHRASES``), when the language has one;
- ``examples.tsv``: labelled buyer sentences the semantic layer is trained on (issue, tab, text);
- ``templates/``: the letters (see ``TEMPLATES.md``);
- ``words.py``: the words marketplaces print and buyers write, each name read by one part of the parsers
  (every name is optional; a language has the ones its mail needs):

  ========================  ===============================================================================
  ``FIELD_LABELS``          field key (order_id, item, reason, comment...) -> the labels notices print
                            (``parsers.labels``; folded: lower case, no accents, no trailing colon)
  ``RETURN_REASONS``        reason family (``parsers.reasons.FAMILIES``) -> pattern of the printed reasons
  ``NOTICE_PHRASES``        rule (``parsers.rules.RULE_NAMES``) -> pattern: how a notice of each kind is worded
  ``RELAY_INTRODUCTIONS``   patterns of the lines a relay opens with ("You have received a message")
  ``RELAY_FACT_LABELS``     patterns of the order-fact labels a relay prints around the buyer's words
  ``RELAY_CLOSINGS``        patterns of the lines a relay closes with ("To respond, ...", its buttons and footer)
  ``QUOTE_SEPARATORS``      the words of an "----- Original Message" line; ``QUOTE_ATTRIBUTIONS``: patterns of
                            "On ... wrote:" lines; ``QUOTE_HEADER_FROM`` / ``_SENT``: the header labels of a quoted
                            message (``parsers.classify``; raw text, case-insensitive)
  ``MONTHS``                twelve strings, each the month's names and abbreviations (``parsers.extract``)
  ``DEADLINE_JUST_BEFORE``  patterns right before a deadline's date ("by", "bis", "avant le")
  ``DEADLINE_NEAR_BEFORE``  patterns a little before it ("Response due:", "Frist")
  ``DEADLINE_AFTER``        patterns right after it ("まで", "之前")
  ``LANGUAGE_MARKERS``      words only this language writes, space-separated (``parsers.language``)
  ``REMEDIES``              Remedy -> cues, partial refund before refund (``parsers.reading``)
  ``ATTACHMENTS``           "photo"/"video" -> words for them; ``ATTACHING``: words that say one is sent
  ``ACCOUNT_METRICS``       metric -> pattern; ``FUNDS``; ``LISTING_CAUSES`` cause -> pattern: account
                            notices (``parsers.account``; lower-cased text, accents kept)
  ========================  ===============================================================================

The parsers' machinery (``disputed.parsers``) reads these through ``gathered``; it holds no word of
any language. Adding a language is adding its folder and its code to ``SERVED``; ``tests/languages``
walks every language and names what is missing.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import import_module
from importlib.resources import files
from importlib.resources.abc import Traversable
from types import ModuleType
from typing import Any

# The buyer languages disputed reads and answers in (ISO 639-1), in the order they are shown.
SERVED = ("en", "de", "fr", "it", "es", "pt", "nl", "pl", "tr", "ru", "ja", "ko", "zh", "ar")
# Languages marketplaces print notices in that disputed does not answer buyers in (yet): only their ``words.py``
# notice words (labels, reasons, notice phrases, months, deadlines, account words) are read, beside SERVED's.
NOTICE_ONLY = ("sv",)
# The served languages written right to left.
RIGHT_TO_LEFT = frozenset({"ar"})
# The languages an operator reads the page, the drafts' readings and the platform letters in: code -> its own name.
OPERATOR_LANGUAGES: dict[str, str] = {"en": "English", "zh": "中文"}


def direction(language: str | None) -> str:
    """The HTML ``dir`` for text in ``language``: "rtl" or "ltr" when the language is known,
    "auto" (the text's first strong letter decides) when it is not."""
    code = (language or "").split("-")[0].split("_")[0].lower()
    if code in RIGHT_TO_LEFT:
        return "rtl"
    return "ltr" if code else "auto"


def folder(language: str) -> Traversable:
    """The language's folder inside the installed package."""
    return files(__name__).joinpath(language)


def module(language: str, name: str) -> ModuleType | None:
    """``disputed.languages.<language>.<name>``, None when that language has no such module."""
    if not folder(language).joinpath(f"{name}.py").is_file():
        return None
    return import_module(f"{__name__}.{language}.{name}")


def with_templates() -> tuple[str, ...]:
    """The served languages that have letters of their own."""
    return tuple(language for language in SERVED if folder(language).joinpath("templates").is_dir())


# The buyer languages with letters of their own, in SERVED's order.
TEMPLATE_LANGUAGES = with_templates()


def alternation(name: str) -> str:
    """Every bundle's ``name`` patterns (a tuple of regular expressions) as one alternation."""
    return "|".join(pattern for patterns in gathered(name).values() for pattern in patterns)


def gathered(name: str) -> dict[str, Any]:
    """``words.<name>`` of every served language that has it, in SERVED's order, then of the notice-only ones."""
    return dict(_gathered(name))


@lru_cache(maxsize=None)
def _gathered(name: str) -> tuple[tuple[str, Any], ...]:
    found = []
    for language in (*SERVED, *NOTICE_ONLY):
        words = module(language, "words")
        if words is not None and hasattr(words, name):
            found.append((language, getattr(words, name)))
    return tuple(found)
