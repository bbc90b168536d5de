"""Every language bundle and every Kind have what they need, and a gap is named.

The walk: every ``Kind`` is routed with every issue and a few order states through the handler registry,
which gives the letters disputed can write (to a buyer, or to the platform). Then every served language
(``disputed.languages.SERVED``) is checked for what it must hold:

- a language with a ``templates/`` folder holds every buyer letter; platform letters are in the operators'
  languages. A language without the folder yet is an expected gap, reported (xfail) with what it lacks,
  until its folder arrives: from then on it is held to every letter;
- ``examples.tsv`` labels every issue the classifier can answer, and detection tells its longest examples as
  the language;
- ``words.py`` holds the remedy and attachment words, and for a language marketplaces print notices in,
  the field labels, printed reasons, relay lines and deadline words. ``NOTICE_WORDS_LATER`` lists the
  languages whose notice words are still to be written: each is reported (xfail) with what it lacks, and
  the test fails once one has them all, so that the list only shrinks.
"""

from __future__ import annotations

from itertools import product
from typing import get_args

import pytest

from disputed import languages
from disputed.handlers import route
from disputed.handlers.base import HandlerContext, QueueDraft, ScheduleFollowUp
from disputed.parsers.account import LISTING_CAUSES, METRICS
from disputed.parsers.labels import FIELD_KEYS
from disputed.parsers.language import IDENTIFIED_LANGUAGES, detect_language
from disputed.parsers.reasons import FAMILIES
from disputed.parsers.rules import RULE_NAMES
from disputed.vocabulary import SILENT_KINDS, Audience, Issue, Kind, Remedy
from disputed.config.settings import Remedy as Option
from tests.handlers.kit import NOW, case_view, note, policy, shipped

# Languages marketplaces print notices in whose notice words (labels, reasons, relay lines) are still to come.
NOTICE_WORDS_LATER: frozenset[str] = frozenset()
# The fields every notice language labels (the others, such as a case number, not every marketplace prints).
NOTICE_FIELDS = ("order_id", "item", "quantity", "reason", "comment", "message", "amount", "buyer", "tracking")
# The notice rules every notice language words; A-to-z is Amazon's own, in the languages of its marketplaces.
NOTICE_RULES = tuple(name for name in RULE_NAMES if name != "atoz")
# Order states that lead the handlers to different letters: none known, shipped lately, shipped long ago, delivered.
ORDERS = (None, shipped(5), shipped(80), shipped(20, carrier_status="delivered"))
# One offered option of every type, so that a buyer choosing each leads to its follow-up letter.
OPTIONS = tuple(Option(type=type_, percent=10) for type_ in get_args(Option.model_fields["type"].annotation))


def _letters() -> dict[str, Audience]:
    """Every letter the handlers write for any Kind, issue and order state, with whom it is for."""
    found: dict[str, Audience] = {}
    for kind in Kind:
        for issue in (None, *Issue):
            handler = route(kind, issue)
            if handler is None:
                continue
            choices = range(1, len(OPTIONS) + 1) if issue is Issue.OPTION_CHOICE else (None,)
            for order, chosen in product(ORDERS, choices):
                ctx = HandlerContext(policy=policy(), now=NOW, order=order, read_offered=lambda: OPTIONS)
                for outcome in handler.handle(note(kind, issue, chosen_option=chosen), case_view(kind, issue), ctx):
                    if isinstance(outcome, QueueDraft):
                        found.setdefault(outcome.template, outcome.audience)
                    elif isinstance(outcome, ScheduleFollowUp):
                        found.setdefault(outcome.template, Audience.BUYER)
    return found


LETTERS = _letters()
BUYER_LETTERS = sorted(name for name, audience in LETTERS.items() if audience == Audience.BUYER)
PLATFORM_LETTERS = sorted(name for name, audience in LETTERS.items() if audience == Audience.PLATFORM)
WITHOUT_LETTERS = [language for language in languages.SERVED if language not in languages.TEMPLATE_LANGUAGES]


def letters_in(language: str) -> set[str]:
    folder = languages.folder(language).joinpath("templates")
    if not folder.is_dir():
        return set()
    return {entry.name.removesuffix(".txt") for entry in folder.iterdir() if entry.name.endswith(".txt")}


@pytest.mark.parametrize("kind", list(Kind))
def test_every_kind_is_answered_or_silent(kind):
    handled = [issue for issue in (None, *Issue) if route(kind, issue) is not None]
    if kind in SILENT_KINDS:
        assert not handled, f"{kind} must never be answered, but {route(kind, handled[0]).name} takes it"
    else:
        assert handled, f"no handler takes {kind}"


def test_the_walk_finds_buyer_and_platform_letters():
    assert {"wrong_item", "not_received.overdue", "cancellation", "option.replacement", "followup.replacement"} <= set(BUYER_LETTERS)
    assert {"platform.atoz_response", "platform.appeal"} <= set(PLATFORM_LETTERS)


@pytest.mark.parametrize("language", languages.TEMPLATE_LANGUAGES)
def test_a_language_with_letters_has_every_buyer_letter(language):
    missing = sorted(set(BUYER_LETTERS) - letters_in(language))
    assert not missing, f"languages/{language}/templates/ lacks {missing}"
    assert "_macros" in letters_in(language), f"languages/{language}/templates/ lacks _macros.txt"


@pytest.mark.parametrize("language", tuple(languages.OPERATOR_LANGUAGES))
def test_the_operators_languages_have_every_platform_letter(language):
    missing = sorted(set(PLATFORM_LETTERS) - letters_in(language))
    assert not missing, f"languages/{language}/templates/ lacks {missing}"


@pytest.mark.parametrize("language", WITHOUT_LETTERS or [pytest.param(None, marks=pytest.mark.skip(reason="every language has letters"))])
def test_a_language_without_letters_is_an_expected_gap(language):
    pytest.xfail(f"languages/{language}/templates/ does not exist yet: {len(BUYER_LETTERS)} buyer letters to write "
                 f"({', '.join(BUYER_LETTERS)})")


@pytest.mark.parametrize("language", languages.SERVED)
def test_every_language_has_examples_of_every_issue(language):
    text = languages.folder(language).joinpath("examples.tsv").read_text(encoding="utf-8")
    labelled = {line.split("\t", 1)[0] for line in text.splitlines() if line.strip() and not line.startswith("#")}
    unknown = labelled - {issue.value for issue in Issue}
    assert not unknown, f"languages/{language}/examples.tsv labels unknown issues {sorted(unknown)}"
    missing = sorted(issue.value for issue in Issue if issue.value not in labelled)
    assert not missing, f"languages/{language}/examples.tsv has no example of {missing}"


@pytest.mark.parametrize("language", languages.SERVED)
def test_every_language_has_the_buyers_words(language):
    words = languages.module(language, "words")
    assert words is not None, f"languages/{language}/words.py is missing"
    missing = [f"REMEDIES[{remedy}]" for remedy in Remedy if remedy is not Remedy.NONE and not words.REMEDIES.get(remedy)]
    missing += [f"ATTACHMENTS[{kind}]" for kind in ("photo",) if not getattr(words, "ATTACHMENTS", {}).get(kind)]
    missing += [] if getattr(words, "ATTACHING", ()) else ["ATTACHING"]
    quote_names = ("QUOTE_SEPARATORS", "QUOTE_ATTRIBUTIONS", "QUOTE_HEADER_FROM", "QUOTE_HEADER_SENT")
    missing += [name for name in quote_names if not getattr(words, name, ())]
    assert not missing, f"languages/{language}/words.py lacks {missing}"


def notice_words_missing(language: str) -> list[str]:
    """What a language marketplaces print notices in lacks in its words.py."""
    words = languages.module(language, "words")
    labels = getattr(words, "FIELD_LABELS", {})
    missing = [f"FIELD_LABELS[{key}]" for key in NOTICE_FIELDS if not labels.get(key)]
    reasons = getattr(words, "RETURN_REASONS", {})
    missing += [f"RETURN_REASONS[{family}]" for family, _ in FAMILIES if not reasons.get(family)]
    notice_phrases = getattr(words, "NOTICE_PHRASES", {})
    missing += [f"NOTICE_PHRASES[{name}]" for name in NOTICE_RULES if not notice_phrases.get(name)]
    missing += [name for name in ("RELAY_INTRODUCTIONS", "RELAY_FACT_LABELS", "RELAY_CLOSINGS") if not getattr(words, name, ())]
    if not any(getattr(words, name, ()) for name in ("DEADLINE_JUST_BEFORE", "DEADLINE_NEAR_BEFORE", "DEADLINE_AFTER")):
        missing.append("DEADLINE_*")
    metrics = getattr(words, "ACCOUNT_METRICS", {})
    missing += [f"ACCOUNT_METRICS[{metric}]" for metric in METRICS if not metrics.get(metric)]
    causes = getattr(words, "LISTING_CAUSES", {})
    missing += [f"LISTING_CAUSES[{cause}]" for cause in LISTING_CAUSES if not causes.get(cause)]
    missing += [] if getattr(words, "FUNDS", "") else ["FUNDS"]
    unknown = sorted(set(labels) - set(FIELD_KEYS))
    assert not unknown, f"languages/{language}/words.py labels unknown fields {unknown}"
    return missing


def grouped(missing: list[str]) -> str:
    """["FIELD_LABELS[item]", "FIELD_LABELS[reason]", "FUNDS"] -> "FIELD_LABELS (item, reason); FUNDS"."""
    groups: dict[str, list[str]] = {}
    for entry in missing:
        name, _, key = entry.partition("[")
        groups.setdefault(name, []).append(key.rstrip("]"))
    return "; ".join(f"{name} ({', '.join(keys)})" if any(keys) else name for name, keys in groups.items())


@pytest.mark.parametrize("language", languages.SERVED)
def test_every_notice_language_has_the_notice_words(language):
    missing = notice_words_missing(language)
    if language in NOTICE_WORDS_LATER:
        assert missing, f"{language} has every notice word now: remove it from NOTICE_WORDS_LATER"
        pytest.xfail(f"languages/{language}/words.py still lacks {grouped(missing)}")
    assert not missing, f"languages/{language}/words.py lacks {grouped(missing)}"


@pytest.mark.parametrize("language", languages.SERVED)
def test_every_served_language_is_detected(language):
    """Detection serves every language in SERVED (none is a mere neighbour): its longest examples are told as it."""
    assert language in IDENTIFIED_LANGUAGES
    text = languages.folder(language).joinpath("examples.tsv").read_text(encoding="utf-8")
    examples = [line.split("\t", 1)[1] for line in text.splitlines() if line.strip() and not line.startswith("#")]
    longest = sorted(examples, key=len, reverse=True)[:3]
    assert [detect_language(example) for example in longest] == [language] * 3, longest
