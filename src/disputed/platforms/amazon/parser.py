"""Amazon: seller notices (returns, A-to-z, chargebacks, refunds, cancellations, account health,
feedback) and buyer messages relayed through ``@marketplace.amazon.<tld>``."""

from __future__ import annotations

import re
from disputed.notification import Notification
from disputed.parsers import rules
from disputed.parsers.authenticity import claimed_platform
from disputed.parsers.common import (
    ACCOUNT_RULES,
    IssueFinding,
    Notice,
    buyer_language,
    kind_issue,
    labelled_order_id,
    mail_marketplace,
    notice_buyer_words,
    notice_notification,
    relay_address,
    relay_message,
    relayed_kind,
    relayed_order_id,
    text_language,
)
from disputed.parsers.extract import find_asin, find_id, find_money, lower_unaccented, labelled_fields, table_rows
from disputed.parsers.labels import FIELD_LABELS, TABLE_COLUMNS
from disputed.parsers.mime import ReadMail
from disputed.platforms.amazon import ORDER_ID
from disputed.platforms.amazon import PLATFORM as AMAZON
from disputed.vocabulary import Kind, Platform

PLATFORM = Platform.AMAZON

RULES = (
    *ACCOUNT_RULES,
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
# Only these kinds carry an issue: the buyer's complaint, or the decision or refund that settled one.
_ISSUE_KINDS = _BUYER_KINDS | {Kind.ATOZ_DECISION, Kind.CHARGEBACK_DECISION, Kind.REFUND_ISSUED}
# Possessive blank runs: the name starts after them and ends before them, each blank read once per try.
_SUBJECT_BUYER = re.compile(
    r"(?:amazon[- ]?(?:customer|kunden?|client[ea]?|cliente)|お客様|購入者)\s++(?P<name>[^()\n]{1,60}?)\s*+[(（]", re.I
)
# Tried only where a blank run starts, and no blank is given back between the runs: a long run is read once.
_NAME_SUFFIX = re.compile(r"(?<!\s)\s*+[-–(]?\s*+(?:via\s++)?amazon(?:\.[a-z.]++)?(?:\s++marketplace)?\)?\s*+$", re.I)
_LEAD_CHARS = 3000


def claims(mail: ReadMail) -> bool:
    """From (or posing as) Amazon, or a subject that names Amazon or carries an Amazon order id."""
    subject = mail.subject
    return (claimed_platform(mail)[0] is PLATFORM or "amazon" in lower_unaccented(subject)
            or ORDER_ID.search(subject) is not None)


def parse(mail: ReadMail) -> Notification:
    marketplace = mail_marketplace(mail, PLATFORM)
    hint = AMAZON.site_language(marketplace)
    relay = relay_address(mail, PLATFORM, AMAZON.relay_subdomain)
    lead = mail.text[:_LEAD_CHARS]
    kind = _kind(mail, lead, relay is not None)
    fields = labelled_fields(mail.text, FIELD_LABELS)
    rows, table_language = table_rows(mail.text, TABLE_COLUMNS)
    notice = Notice(fields, rows[0] if rows else {})
    remarks = [f"{len(rows)} items in the table; the first is reported"] if len(rows) > 1 else []

    notice_language = fields.language() or table_language or text_language(f"{mail.subject}\n{lead}", hint)
    buyer_text = _buyer_text(mail, kind, notice)
    language = buyer_language(buyer_text, notice_language) if kind in _BUYER_KINDS else notice_language
    finding = _issue(kind, notice.get("reason"), buyer_text, language)
    return notice_notification(
        mail,
        kind,
        PLATFORM,
        notice,
        finding,
        _money(kind, notice, lead, marketplace),
        order_id=_order_id(mail, notice, relay is not None),
        asin=find_asin(notice.get("asin")) or (find_asin(mail.text[:20000]) if kind is not Kind.BUYER_MESSAGE else None),
        sku=notice.get("sku"),
        buyer_comment=buyer_text,
        buyer_name=_buyer_name(mail, notice, relay is not None),
        reply_to=relay,
        language=language,
        marketplace=marketplace,
        remarks=tuple(remarks),
    )


def _kind(mail: ReadMail, lead: str, relayed: bool) -> Kind:
    if relayed:
        return relayed_kind(mail)
    kind = rules.detect_kind(mail.subject, lead, RULES)
    if kind is Kind.ATOZ_CLAIM and rules.decided(mail.subject, lead):
        return Kind.ATOZ_DECISION
    if kind is Kind.CHARGEBACK and rules.decided(mail.subject, lead):
        return Kind.CHARGEBACK_DECISION
    return kind or Kind.UNRECOGNISED


def _buyer_text(mail: ReadMail, kind: Kind, notice: Notice) -> str | None:
    if kind is Kind.BUYER_MESSAGE or (kind is Kind.CANCELLATION_REQUEST and relay_address(mail, PLATFORM, AMAZON.relay_subdomain)):
        return relay_message(mail.text, notice.get("message"))
    return notice_buyer_words(mail, kind, notice)


def _issue(kind: Kind, reason: str | None, buyer_text: str | None, language: str | None) -> IssueFinding:
    if kind not in _ISSUE_KINDS:
        return IssueFinding(None, None)
    return kind_issue(kind, reason, buyer_text, language, _BUYER_KINDS)


def _order_id(mail: ReadMail, notice: Notice, relayed: bool) -> str | None:
    if relayed:
        return relayed_order_id(ORDER_ID, mail)
    return labelled_order_id(ORDER_ID, notice) or find_id(ORDER_ID, mail.subject, mail.text)


def _money(kind: Kind, notice: Notice, lead: str, marketplace: str | None):
    labelled = notice.get("amount")
    if labelled:
        found = find_money(labelled, marketplace)
        if found:
            return found
    if kind in _MONEY_KINDS:
        return find_money(lead, marketplace)
    return None


def _buyer_name(mail: ReadMail, notice: Notice, relayed: bool) -> str | None:
    if relayed and mail.from_name:
        name = _NAME_SUFFIX.sub("", mail.from_name).strip(" -")
        if name and "amazon" not in name.lower():
            return name
    match = _SUBJECT_BUYER.search(mail.subject)
    if match:
        return match.group("name").strip()
    return notice.get("buyer")
