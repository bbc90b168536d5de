"""What disputed knows about each marketplace, one module per platform.

For now each module holds the platform's name as people write it and its messaging
rules: what a seller's message to a buyer must not say. The rules are data; how a
language words the forbidden things lives with that language's other knowledge
(``disputed.parsers.lexicon``, ``LETTER_PHRASES``), so a rule is written once and
checked in every language.
"""

from __future__ import annotations

from disputed.platforms import aliexpress, amazon, ebay, walmart
from disputed.platforms.rules import Breach, MessagingRule, Platform, breaches_of

PLATFORMS: dict[str, Platform] = {module.PLATFORM.name: module.PLATFORM for module in (amazon, ebay, aliexpress, walmart)}


def platform(name: str | None) -> Platform | None:
    return PLATFORMS.get(name or "")


def rule_breaches(platform_name: str | None, language: str, text: str) -> list[Breach]:
    """The messaging rules of ``platform_name`` that ``text`` (a letter to a buyer) breaks."""
    found = platform(platform_name)
    return breaches_of(found.messaging_rules, language, text) if found is not None else []


__all__ = ["PLATFORMS", "Breach", "MessagingRule", "Platform", "platform", "rule_breaches"]
