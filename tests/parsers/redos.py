"""Adversarial text for a regular expression: its own literals and a member of each of its character
classes, repeated. Backtracking blows up exactly where a run of one piece can be taken by two parts of
a pattern, and such runs are built from the pattern's own pieces."""

from __future__ import annotations

import re
from re import _constants as sre_constants
from re import _parser as sre_parse

# What stands for a category: a member and a near miss.
_CATEGORY_SAMPLES = {
    sre_constants.CATEGORY_DIGIT: "0", sre_constants.CATEGORY_NOT_DIGIT: "a",
    sre_constants.CATEGORY_SPACE: " ", sre_constants.CATEGORY_NOT_SPACE: "a",
    sre_constants.CATEGORY_WORD: "a", sre_constants.CATEGORY_NOT_WORD: " ",
    sre_constants.CATEGORY_LINEBREAK: "\n", sre_constants.CATEGORY_NOT_LINEBREAK: "a",
}
_ALWAYS = (" ", "\n", "a", "0", "-", "<", ">", "\t", ".", ":")


def fragments(pattern: str | re.Pattern[str], flags: int = 0) -> list[str]:
    """The literal runs of ``pattern`` and one or two characters of each of its classes, plus a few
    characters every text has (a negated class is sampled by what it does not exclude)."""
    if isinstance(pattern, re.Pattern):
        pattern, flags = pattern.pattern, pattern.flags
    if isinstance(pattern, bytes):
        pattern, flags = pattern.decode("latin-1"), flags & ~re.ASCII
    found: list[str] = []
    _walk(sre_parse.parse(pattern, flags), found)
    return list(dict.fromkeys([*found, *_ALWAYS]))


def _walk(items, found: list[str]) -> None:
    run: list[str] = []
    for op, av in items:
        if op is sre_constants.LITERAL:
            run.append(chr(av))
            continue
        if run:
            found.append("".join(run))
            run = []
        if op is sre_constants.NOT_LITERAL:
            found.append("x" if chr(av) != "x" else "y")
        elif op is sre_constants.IN:
            found.extend(_class_samples(av))
        elif op is sre_constants.BRANCH:
            for branch in av[1]:
                _walk(branch, found)
        elif op is sre_constants.SUBPATTERN:
            _walk(av[-1], found)
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, getattr(sre_constants, "POSSESSIVE_REPEAT", None)):
            _walk(av[2], found)
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            _walk(av[1], found)
        elif op is getattr(sre_constants, "ATOMIC_GROUP", None):
            _walk(av, found)
        elif op is sre_constants.GROUPREF_EXISTS:
            _walk(av[1], found)
            if av[2] is not None:
                _walk(av[2], found)
    if run:
        found.append("".join(run))


def _class_samples(items) -> list[str]:
    samples: list[str] = []
    negated = False
    for op, av in items:
        if op is sre_constants.NEGATE:
            negated = True
        elif op is sre_constants.LITERAL:
            samples.append(chr(av))
        elif op is sre_constants.RANGE:
            samples.append(chr(av[0]))
        elif op is sre_constants.CATEGORY:
            samples.append(_CATEGORY_SAMPLES.get(av, "a"))
    if negated:  # what the class excludes, and something it takes
        return [*samples, "x"]
    return samples


def repeated(unit: str, size: int, *, prefix: str = "", suffix: str = "") -> str:
    """``prefix`` + ``unit`` repeated to ``size`` characters + ``suffix``."""
    body = unit * (size // max(1, len(unit)) + 1)
    return prefix + body[: max(0, size - len(prefix) - len(suffix))] + suffix



def module_patterns(*packages: str) -> dict[str, re.Pattern]:
    """Every compiled pattern a module of ``packages`` holds at its top level (directly, in a rule, or
    in a tuple, list or dict), by ``module.NAME``."""
    import importlib
    import pkgutil

    found: dict[str, re.Pattern] = {}
    for package_name in packages:
        package = importlib.import_module(package_name)
        for info in pkgutil.iter_modules(package.__path__, package_name + "."):
            module = importlib.import_module(info.name)
            for name, value in vars(module).items():
                for index, pattern in enumerate(_patterns_in(value)):
                    found[f"{_label(info.name)}.{name}" + (f"[{index}]" if index else "")] = pattern
    return found


def _label(module: str) -> str:
    """"rules" for disputed.parsers.rules, "platforms.amazon.parser" for a platform's parser (each platform has one)."""
    return module.removeprefix("disputed.parsers.").removeprefix("disputed.")


from disputed.parsers.rules import Rule  # noqa: E402


def _patterns_in(value, depth: int = 0) -> list[re.Pattern]:
    if isinstance(value, re.Pattern):
        return [value]
    if isinstance(value, Rule):
        return [value.pattern]
    if depth < 2 and isinstance(value, (tuple, list)):
        return [p for item in value for p in _patterns_in(item, depth + 1)]
    if depth < 2 and isinstance(value, dict):
        return [p for item in value.values() for p in _patterns_in(item, depth + 1)]
    return []
