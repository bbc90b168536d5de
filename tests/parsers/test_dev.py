"""Floors on the classifier's development set (``dev.py`` scores it; ``dev_set/<code>.tsv`` holds it).

The development set is what the semantic layer's settings were chosen on (L2, lexicon weight, the calibration's
interval), so its figures are better than the blind set's; the floors catch a change that reads these plain and
long messages worse or answers them confidently wrong. Measured 2026-12-07: accuracy 90% (79-97% a language),
coverage 49%, confident precision 100%; 2026-12-08: 93% (85-100%), 56%, 100%.

``dev_hard`` (written independently, all in hard styles) was first read 81.7% right (2026-12-08, before the
examples in hard styles); the neighbours' vote was chosen on it; now 93.3% (83-100% a language), coverage 55%,
confident precision 99.6%. The third round of examples was aimed at confusions its misses showed (by kind, and
with about a dozen of its situations retold as instances), so its later figures are no longer independent of the examples.
"""

from __future__ import annotations

import pytest

from tests.parsers.dev import DevTally, load_dev_set, score

LANGUAGES = ("en", "de", "fr", "it", "es", "pt", "nl", "pl", "tr", "ru", "ja", "ko", "zh", "ar")


@pytest.fixture(scope="module")
def tallies() -> dict[str, DevTally]:
    return score()


@pytest.fixture(scope="module")
def hard_tallies() -> dict[str, DevTally]:
    return score("dev_hard")


def test_every_language_has_a_development_set_of_every_issue():
    from disputed.vocabulary import Issue

    examples = load_dev_set()
    for language in LANGUAGES:
        issues = {example.issue for example in examples if example.language == language}
        assert issues == set(Issue), (language, set(Issue) - issues)


def test_the_development_set_is_read_as_well_as_measured(tallies):
    overall = tallies["all"]
    assert overall.accuracy >= 0.92, overall.misses
    assert overall.coverage >= 0.55
    assert overall.precision >= 0.99, overall.misses


def test_the_hard_development_set_is_read_as_well_as_measured(hard_tallies):
    overall = hard_tallies["all"]
    assert overall.accuracy >= 0.92, overall.misses
    assert overall.coverage >= 0.5
    assert overall.precision >= 0.99, overall.misses
    for language in LANGUAGES:
        assert hard_tallies[language].accuracy >= 0.8, hard_tallies[language].misses


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_is_read_at_least_three_times_in_four(tallies, language):
    tally = tallies[language]
    assert tally.accuracy >= 0.75, tally.misses
    assert tally.precision >= 0.9, tally.misses
