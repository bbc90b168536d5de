"""Required literals: a pattern is only skipped when it could not have matched."""

from __future__ import annotations

import random

import pytest

from disputed.parsers import common, extract, loops, parse_message, reasons, rules
from disputed.parsers.classify import _candidate_cues, _compiled, _lexicons
from disputed.parsers.lexicon import fold, fold_for
from disputed.parsers.literals import LiteralFinder, Prefiltered, required_literals
from disputed.parsers.semantic_training import load_examples
from disputed.platforms.aliexpress import parser as aliexpress
from disputed.platforms.amazon import parser as amazon
from disputed.platforms.ebay import parser as ebay
from disputed.platforms.walmart import parser as walmart
from tests.parsers.corpus import fixtures, security
from tests.test_classify import DEVELOPMENT, HELD_OUT, HELD_OUT_FRESH, HELD_OUT_HARD


@pytest.mark.parametrize(
    ("pattern", "literals"),
    [
        (r"\bbroken\b", {"broken"}),
        (r"\b\d+\s*(?:days?|weeks?|months?)\b", {"day", "week", "month"}),
        (r"wrong\s+(?:item|size)", {"wrong"}),  # the longer requirement wins
        (r"(?:ab)+c?d", {"ab"}),
        (r"[ab]cd", {"cd"}),
        (r"x(?i:abc)", {"x"}),
        (r"a|", None),  # one way through needs nothing
        (r"(?:abc)?", None),
        (r"(?i)abc", None),  # caseless: `in` cannot stand in for it
        (r"\w+", None),
        (r"(?=abc)\w", None),
    ],
)
def test_required_literals(pattern: str, literals: set[str] | None) -> None:
    assert required_literals(pattern) == (frozenset(literals) if literals is not None else None)


def _texts() -> list[str]:
    tables = DEVELOPMENT + HELD_OUT + HELD_OUT_HARD + HELD_OUT_FRESH
    texts = [case.text for case in tables if case.text]
    texts += [example.text for example in load_examples()]  # every served language's labelled sentences
    texts += [parse_message(f.path.read_bytes(), security=security()).body_text for f in fixtures()]
    rng = random.Random(3)
    words = " ".join(texts).split()
    texts += [" ".join(rng.choices(words, k=rng.randint(1, 30))) for _ in range(300)]
    return texts


TEXTS = _texts()


@pytest.mark.parametrize("language", sorted(_lexicons()))
def test_a_cue_is_only_skipped_when_its_prefilter_finds_nothing(language: str) -> None:
    compiled = _compiled(language)
    assert sum(c.literals is not None for c in compiled.cues) > 0.9 * len(compiled.cues)
    checked = 0
    for text in TEXTS:
        folded = fold_for(compiled.lexicon, fold(text))
        candidates = _candidate_cues(compiled, folded)
        for cue in compiled.cues:
            if cue.prefilter.search(folded) is not None:
                checked += 1
                assert cue in candidates, (cue.cue.pattern, folded)
        assert candidates == [cue for cue in compiled.cues if cue in candidates]  # lexicon order kept
    assert checked > 100


def _prefiltered_patterns() -> list[Prefiltered]:
    found = []
    for module in (rules, reasons, loops, common, amazon, ebay, aliexpress, walmart, extract):
        for value in vars(module).values():
            if isinstance(value, rules.Rule):
                value = value.pattern
            if isinstance(value, list):  # reasons: (issue, pattern) pairs
                value = [v[1] for v in value if isinstance(v, tuple) and len(v) == 2 and isinstance(v[1], Prefiltered)]
            found += value if isinstance(value, list) else [value] if isinstance(value, Prefiltered) else []
    return found


def test_prefiltered_patterns_find_what_their_regex_finds() -> None:
    patterns = _prefiltered_patterns()
    assert len(patterns) > 20
    for text in TEXTS:
        for folded in (fold(text), text):
            for pattern in patterns:
                expected = pattern.regex.search(folded)
                found = pattern.search(folded)
                assert (found and found.span()) == (expected and expected.span()), (pattern.pattern, folded)


def test_the_literal_finder_finds_exactly_the_literals_a_text_holds() -> None:
    rng = random.Random(12)
    alphabet = "ab.()*+?|\\é n't\u3042"
    for _ in range(400):
        literals = ["".join(rng.choices(alphabet, k=rng.randint(1, 5))) for _ in range(rng.randint(0, 40))]
        finder = LiteralFinder(literals)
        for _ in range(25):
            text = "".join(rng.choices(alphabet, k=rng.randint(0, 40)))
            assert finder.present(text) == {literal for literal in literals if literal in text}, (literals, text)
    for language in _lexicons():
        compiled = _compiled(language)
        for text in TEXTS:
            folded = fold_for(compiled.lexicon, fold(text))
            assert compiled.literal_finder.present(folded) == set(filter(folded.__contains__, compiled.cues_by_literal))
