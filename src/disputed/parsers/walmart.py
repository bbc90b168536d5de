"""Walmart: buyer messages relayed through ``@relay.walmart.com``, and Walmart's own seller notices."""

from __future__ import annotations

import re

from disputed.notification import Notification
from disputed.parsers import rules
from disputed.parsers.authenticity import claimed_platform
from disputed.parsers.common import (
    IssueFinding,
    Notice,
    buyer_language,
    find_issue,
    notification,
    relay_message,
    text_language,
)
from disputed.parsers.extract import (
    WALMART_ORDER,
    clean_id,
    find_deadline,
    find_money,
    first_int,
    fold,
    labelled_fields,
)
from disputed.parsers.labels import FIELD_LABELS
from disputed.parsers.mime import MailFacts, domain_of
from disputed.parsers.reasons import issue_for_reason
from disputed.vocabulary import Issue, Kind, Platform

PLATFORM = Platform.WALMART

RULES = (
    rules.ACCOUNT_DEACTIVATED,
    rules.ACCOUNT_REVIEW,
    rules.IP_INFRINGEMENT,
    rules.LISTING_REMOVED,
    rules.PERFORMANCE_WARNING,
    rules.RETURN_REQUEST,
    rules.CANCELLATION_REQUEST,
    rules.REFUND_ISSUED,
    rules.FEEDBACK,
    rules.POLICY_WARNING,
)
_RELAY = re.compile(r"(?:^|\.)relay\.walmart\.[a-z.]+$")
# A 13-digit order number is only taken next to an order word: other 13-digit numbers (timestamps, GTINs) abound.
_ORDER_NEAR_WORD = re.compile(
    r"(?:order|purchase order|\bpo\b|pedido|commande)[^0-9\n]{0,24}?#?\s*(?<![\d-])(\d{13})(?![\d-])", re.I
)
_BUYER_KINDS = frozenset({Kind.RETURN_REQUEST, Kind.BUYER_MESSAGE, Kind.CANCELLATION_REQUEST, Kind.FEEDBACK})
_LEAD_CHARS = 3000


def claims(facts: MailFacts) -> bool:
    if claimed_platform(facts)[0] is PLATFORM:
        return True
    return "walmart" in fold(facts.subject)


def parse(facts: MailFacts) -> Notification:
    relay = _relay_address(facts)
    lead = facts.text[:_LEAD_CHARS]
    if relay:
        cancelling = rules.CANCELLATION_REQUEST.pattern.search(fold(facts.subject))
        kind = Kind.CANCELLATION_REQUEST if cancelling else Kind.BUYER_MESSAGE
    else:
        kind = rules.detect_kind(facts.subject, lead, RULES) or Kind.UNRECOGNISED
    notice = Notice(labelled_fields(facts.text, FIELD_LABELS), {})
    marketplace = "walmart.ca" if facts.from_domain.endswith("walmart.ca") else "walmart.com"
    notice_language = notice.fields.language() or text_language(f"{facts.subject}\n{lead}", "en")
    buyer_text = relay_message(facts.text, notice.get("message")) if relay else notice.get("comment")
    language = buyer_language(buyer_text, notice_language) if kind in _BUYER_KINDS else notice_language
    reason = notice.get("reason")
    finding = _issue(kind, reason, buyer_text, language)
    money = find_money(notice.get("amount"), marketplace)
    return notification(
        facts,
        kind,
        PLATFORM,
        issue=finding.issue,
        confidence=finding.confidence,
        chosen_option=finding.chosen_option,
        order_id=_order_id(facts, notice),
        sku=notice.get("sku"),
        item=notice.get("item"),
        quantity=first_int(notice.get("quantity")),
        reason=reason,
        buyer_comment=buyer_text,
        buyer_name=_buyer_name(facts, notice, relay),
        reply_to=relay,
        amount=money[0] if money else None,
        currency=money[1] if money else None,
        deadline=find_deadline(facts.text),
        language=language,
        marketplace=marketplace,
        tracking_number=notice.get("tracking"),
    )


def _relay_address(facts: MailFacts) -> str | None:
    for address in (facts.reply_to, facts.from_addr):
        if address and _RELAY.search(domain_of(address)):
            return address
    return None


def _issue(kind: Kind, reason: str | None, buyer_text: str | None, language: str | None) -> IssueFinding:
    if kind is Kind.CANCELLATION_REQUEST:
        return IssueFinding(Issue.CANCELLATION, 1.0)
    if kind in _BUYER_KINDS:
        return find_issue(reason, buyer_text, language)
    mapped = issue_for_reason(reason)
    return IssueFinding(mapped, 1.0 if mapped else None)


def _order_id(facts: MailFacts, notice: Notice) -> str | None:
    labelled = notice.get("order_id")
    if labelled:
        match = WALMART_ORDER.search(clean_id(labelled))
        if match:
            return match.group(1)
    for text in (facts.subject, facts.text[:20000]):
        match = _ORDER_NEAR_WORD.search(text)
        if match:
            return match.group(1)
    return None


def _buyer_name(facts: MailFacts, notice: Notice, relay: str | None) -> str | None:
    if relay and facts.from_name and "walmart" not in facts.from_name.lower():
        return re.sub(r"\s*(?:via|-)\s*walmart.*$", "", facts.from_name, flags=re.I).strip() or None
    return notice.get("buyer")
