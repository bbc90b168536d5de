"""The fixture corpus, parsed end to end: every expected field must come out right."""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest

from disputed.parsers import parse_message
from disputed.vocabulary import Issue, Kind, Platform
from tests.parsers.corpus import REQUIRED_FIELDS, compare, fixtures, security

FIXTURES = fixtures()


def test_corpus_is_broad_enough():
    assert len(FIXTURES) >= 80
    for fixture in FIXTURES:
        missing = [key for key in REQUIRED_FIELDS if key not in fixture.expected]
        assert not missing, f"{fixture.name} does not state {missing}"
        Kind(fixture.expected["kind"])
        if fixture.expected["platform"] is not None:
            Platform(fixture.expected["platform"])
        if fixture.expected["issue"] is not None:
            Issue(fixture.expected["issue"])
    platforms = {f.expected["platform"] for f in FIXTURES}
    assert {"amazon", "ebay", "aliexpress", "walmart", None} <= platforms
    languages = {f.expected["language"] for f in FIXTURES}
    assert {"en", "de", "fr", "it", "es", "ja", "zh"} <= languages
    kinds = {f.expected["kind"] for f in FIXTURES}
    assert set(Kind) - {Kind.UNRECOGNISED} <= kinds | {Kind.UNRECOGNISED}


def test_every_field_of_every_fixture(capsys):
    """Parses the whole corpus, prints accuracy per field, and fails below 100%."""
    seen: Counter[str] = Counter()
    wrong: dict[str, list[str]] = defaultdict(list)
    for fixture in FIXTURES:
        notification = parse_message(fixture.path.read_bytes(), security=security())
        mistakes = compare(notification, fixture.expected)
        for key in fixture.expected:
            seen[key] += 1
        for key, (want, got) in mistakes.items():
            wrong[key].append(f"{fixture.name}: expected {want!r}, got {got!r}")
    with capsys.disabled():
        print(f"\nparser accuracy over {len(FIXTURES)} fixtures:")
        for key in sorted(seen):
            right = seen[key] - len(wrong[key])
            print(f"  {key:20s} {right:4d}/{seen[key]:<4d} {100.0 * right / seen[key]:6.1f}%")
    problems = [line for lines in wrong.values() for line in lines]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda f: f.name)
def test_fixture(fixture):
    notification = parse_message(fixture.path.read_bytes(), security=security())
    assert compare(notification, fixture.expected) == {}
