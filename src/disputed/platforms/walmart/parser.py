"""Walmart: buyer messages relayed through ``@relay.walmart.com``, and Walmart's own seller notices."""

from __future__ import annotations

import re

from disputed.notification import Notification
from disputed.parsers import rules
from disputed.parsers.authenticity import claimed_platform
from disputed.parsers.common import (
    ACCOUNT_RULES,
    Notice,
    buyer_language,
    kind_issue,
    labelled_order_id,
    notice_buyer_words,
    notice_notification,
    relay_address,
    relay_message,
    relayed_kind,
    relayed_order_id,
    text_language,
)
from disputed.parsers.extract import find_id, find_money, lower_unaccented, labelled_fields
from disputed.parsers.labels import FIELD_LABELS
from disputed.parsers.mime import ReadMail
from disputed.platforms.walmart import ORDER_ID
from disputed.platforms.walmart import PLATFORM as WALMART
from disputed.vocabulary import Kind, Platform

PLATFORM = Platform.WALMART

RULES = (
    *ACCOUNT_RULES,
    rules.CHARGEBACK,
    rules.RETURN_REQUEST,
    rules.CANCELLATION_REQUEST,
    rules.REFUND_ISSUED,
    rules.FEEDBACK,
    rules.POLICY_WARNING,
)
# A 13-digit order number is only taken next to an order word: other 13-digit numbers (timestamps, GTINs) abound.
_ORDER_NEAR_WORD = re.compile(
    r"(?:order|purchase order|\bpo\b|pedido|commande)[^0-9\n]{0,24}?#?\s*(?<![\d-])(\d{13})(?![\d-])", re.I
)
_BUYER_KINDS = frozenset({Kind.RETURN_REQUEST, Kind.BUYER_MESSAGE, Kind.CANCELLATION_REQUEST, Kind.FEEDBACK})
_LEAD_CHARS = 3000


def claims(mail: ReadMail) -> bool:
    return claimed_platform(mail)[0] is PLATFORM or "walmart" in lower_unaccented(mail.subject)


def parse(mail: ReadMail) -> Notification:
    relay = relay_address(mail, PLATFORM, WALMART.relay_subdomain)
    lead = mail.text[:_LEAD_CHARS]
    kind = relayed_kind(mail) if relay else (rules.detect_kind(mail.subject, lead, RULES) or Kind.UNRECOGNISED)
    if kind is Kind.CHARGEBACK and rules.decided(mail.subject, lead):
        kind = Kind.CHARGEBACK_DECISION
    notice = Notice(labelled_fields(mail.text, FIELD_LABELS), {})
    marketplace = "walmart.ca" if mail.from_domain.endswith("walmart.ca") else "walmart.com"
    notice_language = notice.fields.language() or text_language(f"{mail.subject}\n{lead}", "en")
    buyer_text = relay_message(mail.text, notice.get("message")) if relay else notice_buyer_words(mail, kind, notice)
    language = buyer_language(buyer_text, notice_language) if kind in _BUYER_KINDS else notice_language
    finding = kind_issue(kind, notice.get("reason"), buyer_text, language, _BUYER_KINDS)
    return notice_notification(
        mail,
        kind,
        PLATFORM,
        notice,
        finding,
        find_money(notice.get("amount"), marketplace),
        order_id=_order_id(mail, notice, relay is not None),
        sku=notice.get("sku"),
        buyer_comment=buyer_text,
        buyer_name=_buyer_name(mail, notice, relay),
        reply_to=relay,
        language=language,
        marketplace=marketplace,
    )


def _order_id(mail: ReadMail, notice: Notice, relayed: bool) -> str | None:
    if relayed:
        return relayed_order_id(_ORDER_NEAR_WORD, mail)
    return (labelled_order_id(ORDER_ID, notice, also_raw=False)
            or find_id(_ORDER_NEAR_WORD, mail.subject, mail.text[:20000]))


def _buyer_name(mail: ReadMail, notice: Notice, relay: str | None) -> str | None:
    if relay and mail.from_name and "walmart" not in mail.from_name.lower():
        return re.sub(r"\s*(?:via|-)\s*walmart.*$", "", mail.from_name, flags=re.I).strip() or None
    return notice.get("buyer")
