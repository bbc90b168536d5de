"""Shortcuts in the parsers answer exactly as the long way round: each is checked against it here."""

from __future__ import annotations

import random

import pytest

from disputed.parsers import parse_message
from disputed.parsers.authenticity import BUILTIN_DOMAINS, _bases_of, _within
from disputed.parsers.extract import _DATES, fold
from tests.parsers.corpus import fixtures, security
from tests.test_classify import DEVELOPMENT, HELD_OUT, HELD_OUT_HARD


def _texts() -> list[str]:
    texts = [parse_message(f.path.read_bytes(), security=security()).body_text for f in fixtures()]
    texts += [case.text for case in DEVELOPMENT + HELD_OUT + HELD_OUT_HARD if case.text]
    texts += ["by November 30, 2026", "bis zum 30. November 2026", "avant le 1er décembre 2026", "2026年12月1日まで",
              "respond by 2026-12-01", "bis 01.12.2026", "due\t30 nov\n2026", "30 de noviembre de 2026", "Dec. 3rd,\u20032026"]
    rng = random.Random(5)
    texts += [rng.choice(texts)[: rng.randint(0, 400)] + rng.choice(texts) for _ in range(400)]
    return texts


@pytest.mark.parametrize("index", range(len(_DATES)))
def test_a_date_pattern_is_only_skipped_when_its_year_shape_is_absent(index: int) -> None:
    pattern, year, _order = _DATES[index]
    found = 0
    for text in _texts():
        folded = fold(text)
        if pattern.search(folded):
            found += 1
            assert year.search(folded), folded
    assert found > 0


def test_domain_bases_stand_for_within() -> None:
    bases = [base for domains in BUILTIN_DOMAINS.values() for base in domains] + ["", "com", "b", ".b", "amazon.com."]
    domains = ["amazon.com", "marketplace.amazon.de", "amazon.com.evil.test", "evil-amazon.com", ".amazon.com",
               "amazon.com.", "a..b", "", ".", "ebay.co.uk", "members.ebay.co.uk", "xn--amazon-9ya.com", "walmart.ca"]
    for domain in domains:
        for base in bases:
            assert (base in _bases_of(domain)) == _within(domain, base), (domain, base)
