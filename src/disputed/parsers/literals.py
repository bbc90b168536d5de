"""Strings a regular expression cannot match without: a cheap test before an expensive search.

The classifier and the kind rules try hundreds of patterns on every text, and most of them
are absent from it; a regex search costs microseconds even when it fails. ``required_literals``
reads a pattern's syntax tree and returns a set of strings such that every match contains at
least one of them (or None when it cannot tell), so a pattern whose strings are all absent is
skipped, and the result of the search it skips is known: no match. ``Prefiltered`` wraps one
pattern so; ``LiteralFinder`` finds, in one pass, which of a whole lexicon's strings a text holds.

The reading is conservative: literal runs, groups, alternations and repeats of at least one
are followed; anything else (classes, lookarounds, optional parts, case-insensitive groups)
only breaks a run of literals.
"""

from __future__ import annotations

import re
from functools import lru_cache

try:  # the standard library's own regex parser (Python 3.11+); older ones name it sre_parse
    import re._constants as _c
    import re._parser as _parser
except ImportError:  # pragma: no cover
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

Literals = frozenset[str]
_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT)}
_GROUPS = {_c.SUBPATTERN, getattr(_c, "ATOMIC_GROUP", _c.SUBPATTERN)}
_CASELESS = re.IGNORECASE | re.LOCALE


@lru_cache(maxsize=None)
def required_literals(pattern: str) -> Literals | None:
    """Strings at least one of which is in every match of ``pattern``; None when none can be told."""
    try:
        parsed = _parser.parse(pattern)
    except Exception:  # a pattern this reader cannot parse is simply not filtered
        return None
    if parsed.state.flags & _CASELESS:
        return None
    return _sequence(list(parsed))


def _sequence(nodes: list) -> Literals | None:
    """The most selective of the sets its parts require: any one of them holds for the whole."""
    found: list[Literals] = []
    run: list[str] = []
    for op, av in nodes:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        if run:
            found.append(frozenset({"".join(run)}))
            run = []
        inner = _node(op, av)
        if inner is not None:
            found.append(inner)
    if run:
        found.append(frozenset({"".join(run)}))
    return max(found, key=_selectivity, default=None)


def _node(op, av) -> Literals | None:
    if op is _c.BRANCH:
        alternatives = [_sequence(list(branch)) for branch in av[1]]
        if any(alternative is None for alternative in alternatives):
            return None  # one way through needs nothing
        return frozenset().union(*alternatives)
    if op in _GROUPS:
        if op is _c.SUBPATTERN:
            _group, add_flags, _del_flags, body = av
            if add_flags & _CASELESS:
                return None
        else:
            body = av
        return _sequence(list(body))
    if op in _REPEATS:
        low, _high, body = av
        return _sequence(list(body)) if low >= 1 else None
    return None  # classes, anchors, lookarounds, references: no string required


def _selectivity(literals: Literals) -> tuple[int, int]:
    """Longer shortest string first (rarer in text), then fewer strings (fewer tests)."""
    return min(len(s) for s in literals), -len(literals)


class Prefiltered:
    """A compiled pattern whose search first asks whether a string it needs is in the text at all.

    ``search`` answers exactly as the pattern's own ``search`` does: it returns None without
    searching only when no match is possible.
    """

    __slots__ = ("_any_literal", "literals", "pattern", "regex")

    def __init__(self, regex: re.Pattern[str]) -> None:
        self.regex = regex
        self.pattern = regex.pattern
        found = required_literals(regex.pattern) if not regex.flags & _CASELESS else None
        self.literals = tuple(sorted(found)) if found is not None else None
        # One pass over the text for all the literals at once (their trie as a regex).
        self._any_literal = re.compile(_alternatives(_trie(self.literals))) if self.literals else None

    def search(self, text: str) -> re.Match[str] | None:
        if self._any_literal is not None and self._any_literal.search(text) is None:
            return None
        return self.regex.search(text)


def prefiltered(pattern: str, flags: int = 0) -> Prefiltered:
    return Prefiltered(re.compile(pattern, flags))


class LiteralFinder:
    """Which of many literals a text holds, found in one regex pass instead of one search each.

    The literals are arranged as a trie inside a lookahead, so the pass stops at every position
    and captures the longest literal starting there (the trie tries longer continuations before
    ending). Every literal starting at that position is a prefix of the one captured, so the
    literals present are exactly the captured ones and their prefixes among the literals.
    """

    def __init__(self, literals) -> None:
        self.literals = tuple(sorted(set(literals)))
        trie = _trie(self.literals)
        self._pattern = re.compile(f"(?=({_alternatives(trie)}))") if self.literals else None
        self._prefixes = {literal: _ends_along(trie, literal) for literal in self.literals}

    def present(self, text: str) -> set[str]:
        found: set[str] = set()
        if self._pattern is not None:
            for longest in set(self._pattern.findall(text)):
                found.update(self._prefixes[longest])
        return found


def _trie(literals) -> dict:
    """Nested dicts by character; the key "" marks where a literal ends (its value: the literal)."""
    trie: dict = {}
    for literal in literals:
        node = trie
        for ch in literal:
            node = node.setdefault(ch, {})
        node[""] = literal
    return trie


def _alternatives(node: dict) -> str:
    """The trie below ``node`` as a regex: continuations first, so the longest literal wins."""
    branches = [re.escape(ch) + _alternatives(child) for ch, child in sorted(node.items()) if ch]
    if "" in node:
        branches.append("")
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _ends_along(trie: dict, literal: str) -> tuple[str, ...]:
    """The literals that are prefixes of ``literal`` (itself included): those ending along its path."""
    ends, node = [], trie
    for ch in literal:
        node = node[ch]
        if "" in node:
            ends.append(node[""])
    return tuple(ends)
