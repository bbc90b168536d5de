"""What disputed knows about each marketplace, one package per platform.

``platforms/<name>/__init__.py`` holds the platform's facts as one ``PLATFORM`` (a ``rules.Platform``):
its name as people write it, the sites its mail comes from and the language of each, the brand a
look-alike sender imitates, the shape of its order ids, the hours it allows for an answer (the
policy's default ``deadlines_hours``), the subdomain its buyer relay writes from, and its messaging
rules: what a seller's message to a buyer must not say. ``platforms/<name>/parser.py`` reads its mail
(``claims(facts)`` and ``parse(facts)``; the parse stage tries the parsers in ``PLATFORMS``'s order).

The rules are data; how a language words the forbidden things lives with that language's other
knowledge (``disputed/languages/<code>/lexicon.py``, ``LETTER_PHRASES``), so a rule is written once and
checked in every language. Adding a platform is adding its package here, its name to ``ORDER`` and to
``vocabulary.Platform``.
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

from disputed.platforms.rules import Breach, MessagingRule, Platform, breaches_of

# The platforms, in the order their parsers are tried on mail that does not name its sender's platform.
ORDER = ("amazon", "ebay", "aliexpress", "walmart")

PLATFORMS: dict[str, Platform] = {name: import_module(f"{__name__}.{name}").PLATFORM for name in ORDER}


def platform(name: str | None) -> Platform | None:
    return PLATFORMS.get(name or "")


def parser(name: str) -> ModuleType:
    """The module that reads ``name``'s mail (``disputed.platforms.<name>.parser``)."""
    return import_module(f"{__name__}.{name}.parser")


def rule_breaches(platform_name: str | None, language: str, text: str) -> list[Breach]:
    """The messaging rules of ``platform_name`` that ``text`` (a letter to a buyer) breaks."""
    found = platform(platform_name)
    return breaches_of(found.messaging_rules, language, text) if found is not None else []


def default_deadlines() -> dict[str, float]:
    """Hours each platform allows for an answer, as ``"<platform>.<kind>"``."""
    return {f"{name}.{kind}": hours for name, found in PLATFORMS.items() for kind, hours in found.deadlines_hours.items()}


__all__ = ["ORDER", "PLATFORMS", "Breach", "MessagingRule", "Platform", "default_deadlines", "parser", "platform", "rule_breaches"]
