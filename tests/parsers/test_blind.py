"""Floors on the blind set (``blind.py`` scores it; the set's README says who wrote it, blind).

The figures are the ones measured when these floors were set, less half a point for rounding: a
change that reads buyers worse in any language, covers fewer of them confidently, or is confidently
wrong more often fails here. Raise the floors when the figures rise.

First run, before any tuning (issue 14): accuracy 36% overall (en 60, de 65, fr 58, it 53, es 59,
ja 72, zh 60, pt 26, nl 14, tr 10, ko 8, ru 8, pl 5, ar 5), confident precision 87%.
"""

from __future__ import annotations

import pytest

from tests.parsers.blind import Tally, score_buyers, score_notices

# language: (accuracy, coverage, confident precision) as measured, 2026-12-07.
MEASURED = {
    "en": (0.762, 0.405, 1.000),
    "de": (0.757, 0.297, 1.000),
    "fr": (0.816, 0.368, 1.000),
    "it": (0.763, 0.289, 1.000),
    "es": (0.744, 0.487, 1.000),
    # The pt lexicon (issue 14) doubles the confident answers (24 -> 47%, all right) and costs one message of
    # 38 read right (27 -> 26) that the semantic layer alone had. Revert this line to refuse that trade.
    "pt": (0.684, 0.474, 1.000),  # with its lexicon (issue 14)
    "nl": (0.730, 0.351, 1.000),  # with its lexicon (issue 14)
    "pl": (0.800, 0.450, 0.889),  # with its lexicon (issue 14)
    "tr": (0.780, 0.366, 1.000),  # with its lexicon (issue 14)
    "ru": (0.821, 0.333, 1.000),  # with its lexicon (issue 14)
    "ja": (0.850, 0.400, 1.000),
    "ko": (0.718, 0.436, 0.941),  # with its lexicon (issue 14)
    "zh": (0.850, 0.500, 1.000),
    "ar": (0.850, 0.400, 1.000),  # with its lexicon (issue 14)
    "all": (0.721, 0.263, 0.986),
}
ROUNDING = 0.005


@pytest.fixture(scope="module")
def tallies() -> dict[str, Tally]:
    return score_buyers()


@pytest.mark.parametrize("language", sorted(MEASURED))
def test_buyer_messages_are_read_at_least_as_well_as_measured(tallies, language):
    accuracy, coverage, precision = MEASURED[language]
    tally = tallies[language]
    got = (round(tally.accuracy, 3), round(tally.coverage, 3), round(tally.precision, 3))
    assert tally.accuracy >= accuracy - ROUNDING, got
    assert tally.coverage >= coverage - ROUNDING, got
    assert tally.precision >= precision - ROUNDING, got


def test_notices_are_recognised_at_least_as_well_as_measured():
    score = score_notices()
    got = (score.recognised, score.right_kind, score.right_order)
    assert all(value >= floor for value, floor in zip(got, (91, 78, 90))), (got, score.misses)
