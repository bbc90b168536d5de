"""Amazon: seller notices (returns, A-to-z, chargebacks, refunds, cancellations, account health,
feedback) and buyer messages relayed through ``@marketplace.amazon.<tld>``."""

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
    marketplace_of,
    notification,
    relay_message,
    text_language,
)
from disputed.parsers.extract import (
    AMAZON_ORDER,
    clean_id,
    find_asin,
    find_deadline,
    find_id,
    find_money,
    first_int,
    fold,
    labelled_fields,
    table_rows,
)
from disputed.parsers.labels import FIELD_LABELS, TABLE_COLUMNS, marketplace_language
from disputed.parsers.mime import MailFacts, domain_of
from disputed.parsers.reasons import issue_for_reason
from disputed.vocabulary import Issue, Kind, Platform

PLATFORM = Platform.AMAZON

RULES = (
    rules.ACCOUNT_DEACTIVATED,
    rules.ACCOUNT_REVIEW,
    rules.IP_INFRINGEMENT,
    rules.LISTING_REMOVED,
    rules.PERFORMANCE_WARNING,
    rules.CHARGEBACK,
    rules.ATOZ,
    rules.CLAIM_WORD,
    rules.RETURN_REQUEST,
    rules.CANCELLATION_REQUEST,
    rules.REFUND_ISSUED,
    rules.FEEDBACK,
    rules.POLICY_WARNING,
)
_MONEY_KINDS = frozenset({Kind.ATOZ_CLAIM, Kind.ATOZ_DECISION, Kind.CHARGEBACK, Kind.CHARGEBACK_DECISION, Kind.REFUND_ISSUED})
_BUYER_KINDS = frozenset({Kind.RETURN_REQUEST, Kind.ATOZ_CLAIM, Kind.CHARGEBACK, Kind.CANCELLATION_REQUEST,
                          Kind.BUYER_MESSAGE, Kind.FEEDBACK})
_RELAY = re.compile(r"(?:^|\.)marketplace\.amazon\.[a-z.]+$")
_SUBJECT_BUYER = re.compile(
    r"(?:amazon[- ]?(?:customer|kunden?|client[ea]?|cliente)|お客様|購入者)\s+(?P<name>[^()\n]{1,60}?)\s*[(（]", re.I
)
_NAME_SUFFIX = re.compile(r"\s*[-–(]?\s*(?:via\s+)?amazon(?:\.[a-z.]+)?(?:\s+marketplace)?\)?\s*$", re.I)
_LEAD_CHARS = 3000


def claims(facts: MailFacts) -> bool:
    """From (or posing as) Amazon, or a subject that names Amazon or carries an Amazon order id."""
    if claimed_platform(facts)[0] is PLATFORM:
        return True
    return "amazon" in fold(facts.subject) or AMAZON_ORDER.search(facts.subject) is not None


def parse(facts: MailFacts) -> Notification:
    marketplace = marketplace_of(facts.from_domain, "amazon") or marketplace_of(domain_of(facts.reply_to), "amazon")
    hint = marketplace_language(marketplace)
    relay = _relay_address(facts)
    lead = facts.text[:_LEAD_CHARS]
    kind = _kind(facts, lead, relay is not None)
    fields = labelled_fields(facts.text, FIELD_LABELS)
    rows, table_language = table_rows(facts.text, TABLE_COLUMNS)
    notice = Notice(fields, rows[0] if rows else {})
    notes = [f"{len(rows)} items in the table; the first is reported"] if len(rows) > 1 else []

    notice_language = fields.language() or table_language or text_language(f"{facts.subject}\n{lead}", hint)
    buyer_text = _buyer_text(facts, kind, notice)
    language = buyer_language(buyer_text, notice_language) if kind in _BUYER_KINDS else notice_language
    reason = notice.get("reason")
    finding = _issue(kind, reason, buyer_text, language)
    money = _money(kind, notice, lead, marketplace)
    return notification(
        facts,
        kind,
        PLATFORM,
        issue=finding.issue,
        confidence=finding.confidence,
        chosen_option=finding.chosen_option,
        order_id=_order_id(facts, notice, relay is not None),
        asin=find_asin(notice.get("asin")) or (find_asin(facts.text[:20000]) if kind is not Kind.BUYER_MESSAGE else None),
        sku=notice.get("sku"),
        item=notice.get("item"),
        quantity=first_int(notice.get("quantity")),
        reason=reason,
        buyer_comment=buyer_text,
        buyer_name=_buyer_name(facts, notice, relay is not None),
        reply_to=relay,
        amount=money[0] if money else None,
        currency=money[1] if money else None,
        deadline=find_deadline(facts.text),
        language=language,
        marketplace=marketplace,
        tracking_number=notice.get("tracking"),
        notes=tuple(notes),
    )


def _relay_address(facts: MailFacts) -> str | None:
    """The anonymised buyer address a reply must go to, when the mail came through the relay."""
    for address in (facts.reply_to, facts.from_addr):
        if address and _RELAY.search(domain_of(address)):
            return address
    return None


def _kind(facts: MailFacts, lead: str, relayed: bool) -> Kind:
    if relayed:
        cancelling = rules.CANCELLATION_REQUEST.pattern.search(fold(facts.subject))
        return Kind.CANCELLATION_REQUEST if cancelling else Kind.BUYER_MESSAGE
    kind = rules.detect_kind(facts.subject, lead, RULES)
    if kind is Kind.ATOZ_CLAIM and rules.decided(facts.subject, lead):
        return Kind.ATOZ_DECISION
    if kind is Kind.CHARGEBACK and rules.decided(facts.subject, lead):
        return Kind.CHARGEBACK_DECISION
    return kind or Kind.UNRECOGNISED


def _buyer_text(facts: MailFacts, kind: Kind, notice: Notice) -> str | None:
    if kind is Kind.BUYER_MESSAGE or (kind is Kind.CANCELLATION_REQUEST and _relay_address(facts)):
        return relay_message(facts.text, notice.get("message"))
    return notice.get("comment")


def _issue(kind: Kind, reason: str | None, buyer_text: str | None, language: str | None) -> IssueFinding:
    if kind is Kind.CANCELLATION_REQUEST:
        return IssueFinding(Issue.CANCELLATION, 1.0)
    if kind in (Kind.RETURN_REQUEST, Kind.ATOZ_CLAIM, Kind.CHARGEBACK, Kind.BUYER_MESSAGE, Kind.FEEDBACK):
        return find_issue(reason, buyer_text, language)
    if kind in (Kind.ATOZ_DECISION, Kind.CHARGEBACK_DECISION, Kind.REFUND_ISSUED):
        mapped = issue_for_reason(reason)
        return IssueFinding(mapped, 1.0 if mapped else None)
    return IssueFinding(None, None)


def _order_id(facts: MailFacts, notice: Notice, relayed: bool) -> str | None:
    labelled = notice.get("order_id")
    if labelled:
        found = find_id(AMAZON_ORDER, clean_id(labelled), labelled)
        if found:
            return found
    # A relayed buyer may quote other numbers; the relay's subject names the order.
    texts = (facts.subject, facts.text[:_LEAD_CHARS]) if relayed else (facts.subject, facts.text)
    return find_id(AMAZON_ORDER, *texts)


def _money(kind: Kind, notice: Notice, lead: str, marketplace: str | None):
    labelled = notice.get("amount")
    if labelled:
        found = find_money(labelled, marketplace)
        if found:
            return found
    if kind in _MONEY_KINDS:
        return find_money(lead, marketplace)
    return None


def _buyer_name(facts: MailFacts, notice: Notice, relayed: bool) -> str | None:
    if relayed and facts.from_name:
        name = _NAME_SUFFIX.sub("", facts.from_name).strip(" -")
        if name and "amazon" not in name.lower():
            return name
    match = _SUBJECT_BUYER.search(facts.subject)
    if match:
        return match.group("name").strip()
    return notice.get("buyer")
