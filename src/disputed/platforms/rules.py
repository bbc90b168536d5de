"""Messaging rules as data, and the check of a letter against them.

A rule names the kinds of phrase (``LetterPhrases`` fields, e.g. ``review`` and
``change``) that together break it when they meet in one sentence: "please update
your review" is a review and a change in one sentence; a letter that mentions the
review in one place and a refund in another paragraph is not judged by this rule.
A rule may instead give a pattern that breaks it alone, in any language (a link).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the lexicons are read when a letter is first checked; a platform's facts import nothing heavy
    from disputed.parsers.lexicon import LetterPhrases


@dataclass(frozen=True)
class MessagingRule:
    name: str  # e.g. "no_review_change"
    forbids: str  # what the marketplace forbids, as an operator reads it
    together: tuple[str, ...] = ()  # LetterPhrases fields that break the rule in one sentence
    pattern: str | None = None  # or a pattern that breaks it alone, in every language


@dataclass(frozen=True)
class Platform:
    """Everything disputed knows about one marketplace (its package ``disputed.platforms.<name>``,
    whose ``parser`` module reads its mail)."""

    name: str  # the vocabulary's platform name
    title: str  # as people write it
    messaging_rules: tuple[MessagingRule, ...]
    # The domains its mail comes from (subdomains included) -> the language its notices from there are in.
    sites: dict[str, str | None]
    # The word a look-alike sender imitates ("amaz0n-support.com", display name "Amazon Seller Central").
    brand: str
    # Its order ids as printed: groups joined with "-" make the id.
    order_id: re.Pattern[str]
    # Hours it allows a seller's answer, by kind (the policy's deadlines_hours defaults, as "<name>.<kind>").
    deadlines_hours: dict[str, float] = field(default_factory=dict)
    # The subdomain its buyer relay writes from ("marketplace" -> marketplace.amazon.de), if it relays buyers' mail.
    relay_subdomain: str | None = None
    # Where the platform lets a seller ask for a feedback revision, when it does (None: never).
    feedback_revision_tool: str | None = None
    # Its name as its mail signs it, besides ``brand``: other scripts, the group's other names ("速卖通", "Alibaba").
    other_names: tuple[str, ...] = ()

    def site_language(self, site: str | None) -> str | None:
        """The language of the notices ``site`` (one of ``sites``, e.g. "amazon.de") sends."""
        return self.sites.get(site or "")


@dataclass(frozen=True)
class Breach:
    rule: str
    forbids: str
    sentence: str  # the sentence that breaks it, as written

    def __str__(self) -> str:
        return f"{self.forbids} ({self.rule}): {self.sentence!r}"


# A link in a message: a scheme or a bare www. host.
LINK = r"(?:https?://|\bwww\.)\S+"

_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+|(?<=[。！？])|\n+")


def breaches_of(rules: tuple[MessagingRule, ...], language: str, text: str) -> list[Breach]:
    """The rules ``text`` breaks, each with the first sentence that breaks it. Phrases are first
    looked for in the whole text: most letters hold none, and then no sentence is looked at."""
    checks = _compiled(language)
    present = phrases_in(language, text)
    found: list[Breach] = []
    for rule in rules:
        if rule.pattern is not None and re.search(rule.pattern, text, re.I):
            found.append(_breach(rule, next(s for s in _sentences(text) if re.search(rule.pattern, s, re.I))))
        elif rule.together and present.issuperset(rule.together):
            sentence = next((s for s in _sentences(text) if all(checks.phrases[f].search(checks.fold(s)) for f in rule.together)), None)
            if sentence is not None:
                found.append(_breach(rule, sentence))
    return found


def phrases_in(language: str, text: str) -> set[str]:
    """Which kinds of phrase (``LetterPhrases`` fields) ``text`` holds, as ``language`` words them."""
    checks = _compiled(language)
    folded = checks.fold(text)
    return {name for name, phrase in checks.phrases.items() if phrase.search(folded)}


def _breach(rule: MessagingRule, sentence: str) -> Breach:
    return Breach(rule.name, rule.forbids, sentence.strip()[:200])


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s and s.strip()]


@dataclass(frozen=True)
class _LanguageChecks:
    language: str
    phrases: dict[str, re.Pattern[str]]
    extra_fold: object

    def fold(self, text: str) -> str:
        from disputed.parsers.lexicon import fold, fold_for

        return fold_for(self.extra_fold, fold(text))


@lru_cache(maxsize=None)
def _compiled(language: str) -> _LanguageChecks:
    from disputed.parsers.lexicon import LetterPhrases, all_lexicons, fold_pattern

    lexicons = all_lexicons()
    lexicon = lexicons.get(language) or lexicons["en"]
    phrases = _letter_phrases(lexicon.language)
    compiled = {name: re.compile(fold_pattern(lexicon, getattr(phrases, name))) for name in LetterPhrases.__dataclass_fields__}
    return _LanguageChecks(lexicon.language, compiled, lexicon)


def _letter_phrases(language: str) -> LetterPhrases:
    from disputed import languages

    return languages.module(language, "lexicon").LETTER_PHRASES
