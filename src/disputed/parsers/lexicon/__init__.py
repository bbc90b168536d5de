"""Weighted cue lexicons for the buyer-text classifier, one module per language.

A cue is a regular expression written against *folded* text (see ``fold``):
lower case (Latin and Cyrillic), Latin accents stripped ("ё" reads "е"), full-width
forms made ASCII; Arabic without its vowel marks and tatweel, with one alef, "ة" read
"ه", "ى" read "ي" and Arabic-Indic digits ASCII; German umlaut spellings unified
("Größe", "Groesse", "Grosse" all read "grosse"); traditional Chinese characters
mapped to simplified. Cue patterns are folded the same way
when they are compiled, so a lexicon may be written with its natural spelling.

A cue either votes for an ``Issue`` or sets a context tag (``BROKEN``,
``ARRIVAL``...) that the disambiguation rules in ``classify.py`` read: "broken"
alone does not say whether the parcel arrived that way or the product failed in
use, the context around it does.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from disputed.vocabulary import Issue

from .hanzi import TRADITIONAL_TO_SIMPLIFIED

# Context tags: no issue by themselves, they steer the rules.
BROKEN = "broken"  # breakage that may be transit damage or a defect
ARRIVAL = "arrival"  # the state on arrival, in transit, the parcel itself
AFTER_USE = "after_use"  # time in use: "after a week", "after the first wash"
LATE = "late"  # the wait is long: "40 days", "over a month", "still"
OWN_MISTAKE = "own_mistake"  # the buyer chose wrongly themselves
CONTEXT_TAGS = frozenset({BROKEN, ARRIVAL, AFTER_USE, LATE, OWN_MISTAKE})

# Weights: a strong cue alone is enough for a confident answer, a medium cue
# alone sits at the triage threshold, a weak cue only helps.
STRONG = 1.2
MEDIUM = 0.8
WEAK = 0.4

# In option-choice patterns "{NTH}" stands for the language's ordinal words ("second")
# and the digits 1-5; "{ORD}" also admits cardinal words ("two"), which are only
# safe after an option noun ("option two"), not after a verb ("I'd like two").
NTH_PLACEHOLDER = "{NTH}"
ORD_PLACEHOLDER = "{ORD}"


@dataclass(frozen=True)
class Cue:
    target: Issue | str  # an Issue, or one of the context tags
    weight: float
    pattern: str
    negatable: bool = True  # a negation just before (or, in Japanese, just after) cancels it
    veto: str | None = None  # a pattern in the same clause that cancels it


def cue(target: Issue | str, weight: float, pattern: str, *, negatable: bool = True, veto: str | None = None) -> Cue:
    return Cue(target, weight, pattern, negatable, veto)


def letter_option_cue(nouns: str, courtesies: str) -> Cue:
    """'Option B, please': offers are sometimes lettered. Only an option noun right
    before the letter, and nothing but punctuation or a courtesy after it, so that
    'an option a bit cheaper' is not read as a choice."""
    return cue(
        Issue.OPTION_CHOICE,
        1.4,
        rf"\b{nouns}\s*\(?(?P<ord>[a-d])\)?(?=\s*(?:[.,;!)]|$|{courtesies}))",
    )


@dataclass(frozen=True)
class Lexicon:
    language: str
    cues: tuple[Cue, ...]
    # Ordinal and cardinal words for option choices: (pattern, number), 0 when the
    # word names no position ("last"); digits 1-5 are always understood.
    ordinals: tuple[tuple[str, int], ...]
    cardinals: tuple[tuple[str, int], ...]
    # A negation word among the few words before a cue (None: the language negates after).
    negation_before: str | None
    # A negation right after a cue (Japanese verb endings).
    negation_after: str | None = None
    # Where a clause ends: negations and vetoes do not reach across it.
    clause_break: str = r"[.,;:!?\n]"
    # Languages written without spaces count characters, not words, for the negation reach.
    spaced: bool = True
    fold_umlauts: bool = False
    simplify_han: bool = False


_COMBINING_ACCENTS = re.compile(r"[\u0300-\u036f]")
# Arabic marks a buyer may or may not write: the short vowels, shadda and sukun, the hamza and
# madda carried by alef, waw and yeh (NFD splits "أ" into "ا" and a hamza), the dagger alef and
# the tatweel that only stretches a word. Without them "إرجاع", "ارجاع" and "إرجــاع" are one word.
_ARABIC_MARKS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
# Letters written interchangeably: ta marbuta as ha, alef maqsura as yeh, the Persian yeh and kaf
# some keyboards type, the wasla alef; Arabic-Indic and Persian digits as ASCII digits.
_ARABIC_LETTERS = str.maketrans(
    {"\u0629": "\u0647", "\u0649": "\u064a", "\u06cc": "\u064a", "\u06a9": "\u0643", "\u0671": "\u0627"}
    | {chr(0x0660 + n): str(n) for n in range(10)}
    | {chr(0x06F0 + n): str(n) for n in range(10)}
)
# Arabic punctuation as the clause and sentence breaks read it (text only: "؟" in a pattern would be "?").
_ARABIC_PUNCTUATION = str.maketrans({"\u060c": ",", "\u061b": ";", "\u061f": "?", "\u066a": "%", "\u06d4": "."})
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'", "\u02bc": "'"})
_SPACES = re.compile(r"[ \t\r\f\v\u3000]+")
_UMLAUT_SPELLINGS = re.compile(r"([aou])e")


def fold(text: str) -> str:
    """Lower case, accents off, full-width to ASCII, one kind of apostrophe and space.

    Only the combining marks of Latin scripts (which Cyrillic "ё" and "й" also use) and
    Arabic's optional marks are removed: Japanese voiced sound marks (U+3099/U+309A) are
    combining characters too and must stay.
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    if not text.isascii():
        text = _strip_marks(text)
        if _ARABIC.search(text):
            text = text.translate(_ARABIC_PUNCTUATION)
    text = text.translate(_APOSTROPHES)
    return _SPACES.sub(" ", text)


def _strip_marks(text: str) -> str:
    """Latin accents and Arabic's optional marks off, Arabic's interchangeable letters unified."""
    decomposed = _COMBINING_ACCENTS.sub("", unicodedata.normalize("NFD", text))
    if _ARABIC.search(decomposed):
        decomposed = _ARABIC_MARKS.sub("", decomposed).translate(_ARABIC_LETTERS)
    return unicodedata.normalize("NFC", decomposed)


def fold_umlauts(text: str) -> str:
    """German 'ae/oe/ue' spellings read as the plain vowel, as the stripped umlauts do."""
    return _UMLAUT_SPELLINGS.sub(r"\1", text)


def simplify_han(text: str) -> str:
    return text.translate(TRADITIONAL_TO_SIMPLIFIED)


def fold_for(lexicon: Lexicon, folded: str) -> str:
    """Apply a lexicon's own extra folding to text that has been through ``fold``."""
    if lexicon.fold_umlauts:
        folded = fold_umlauts(folded)
    if lexicon.simplify_han:
        folded = simplify_han(folded)
    return folded


def fold_pattern(lexicon: Lexicon, pattern: str) -> str:
    """Fold a cue pattern like text, without touching regex escapes (no case folding)."""
    pattern = _strip_marks(unicodedata.normalize("NFKC", pattern).replace("ß", "ss"))
    return fold_for(lexicon, pattern.translate(_APOSTROPHES))


def all_lexicons() -> dict[str, Lexicon]:
    """Every served language's lexicon (``disputed/languages/<code>/lexicon.py``), by language."""
    from disputed import languages

    found = (languages.module(language, "lexicon") for language in languages.SERVED)
    return {module.LEXICON.language: module.LEXICON for module in found if module is not None}


@dataclass(frozen=True)
class LetterPhrases:
    """How a language words what marketplaces forbid in a seller's message, for checking our
    own letters against each platform's messaging rules (``disputed.platforms``). Each is a
    pattern over folded text, written in natural spelling like the cues."""

    review: str  # the buyer's review, feedback or star rating
    change: str  # asking to change, remove, update or reconsider something
    incentive: str  # something of value: refund, discount, gift, "in exchange"
    positive: str  # a positive or five-star rating
    outside_contact: str  # contact away from the marketplace's messaging: phone, chat apps
    marketing: str  # promotion: newsletters, social media, "visit our shop"
