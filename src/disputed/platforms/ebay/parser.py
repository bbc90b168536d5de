"""eBay: return requests, item-not-received requests and cases (kind ``dispute``), and member
messages relayed through ``@members.ebay.<tld>``."""

from __future__ import annotations

import re

from disputed.notification import Notification
from disputed.parsers import relay as relay_shapes, rules
from disputed.parsers.authenticity import claimed_platform
from disputed.parsers.common import (
    ACCOUNT_RULES,
    IssueFinding,
    Notice,
    buyer_language,
    case_id,
    kind_issue,
    labelled_order_id,
    mail_marketplace,
    notice_buyer_words,
    notice_notification,
    relay_address,
    relay_message,
    text_language,
)
from disputed.parsers.extract import find_id, find_money, lower_unaccented, labelled_fields, last_id
from disputed.parsers.labels import FIELD_LABELS
from disputed.parsers.mime import ReadMail
from disputed.parsers.reasons import issue_for_reason
from disputed.platforms.ebay import ORDER_ID
from disputed.platforms.ebay import PLATFORM as EBAY
from disputed.vocabulary import Issue, Kind, Platform

PLATFORM = Platform.EBAY

_MEMBER_MESSAGE = rules.rule(
    Kind.BUYER_MESSAGE,
    r"sent (you )?a message|sent a question|question (from|about)|new message from|asked a question|message from (the )?buyer"
    r"|hat (ihnen )?eine (nachricht|frage)|neue nachricht|vous a envoye un message|nouveau message|ti ha inviato un messaggio"
    r"|nuovo messaggio|te ha enviado un mensaje|nuevo mensaje",
)
RULES = (
    *ACCOUNT_RULES,
    rules.CHARGEBACK,
    rules.NOT_RECEIVED_REQUEST,
    rules.DISPUTE,
    rules.RETURN_REQUEST,
    rules.CANCELLATION_REQUEST,
    rules.REFUND_ISSUED,
    _MEMBER_MESSAGE,
    rules.FEEDBACK,
    rules.POLICY_WARNING,
)
_SENDER_LINE = re.compile(
    r"(?:new message from|neue nachricht von|nouveau message de|nuovo messaggio da|nuevo mensaje de|from)\s*:?\s*"
    r"(?P<name>[\w.*-]{2,64})(?:\s*\(\d+\))?",
    re.I,
)
_EBAY_WORD = re.compile(r"\bebay\b")
_BUYER_KINDS = frozenset({Kind.RETURN_REQUEST, Kind.DISPUTE, Kind.BUYER_MESSAGE, Kind.CANCELLATION_REQUEST, Kind.FEEDBACK})
_LEAD_CHARS = 3000


def claims(mail: ReadMail) -> bool:
    subject = mail.subject
    return (claimed_platform(mail)[0] is PLATFORM or _EBAY_WORD.search(lower_unaccented(subject)) is not None
            or ORDER_ID.search(subject) is not None)


def _signed_message(mail: ReadMail) -> Kind:
    """eBay's own copy of a member's message, in words the rules do not know, still has the member's
    shape: their words first, then a "- member" signature line."""
    return Kind.BUYER_MESSAGE if relay_shapes.above_signature(mail.text) else Kind.UNRECOGNISED


def parse(mail: ReadMail) -> Notification:
    marketplace = mail_marketplace(mail, PLATFORM)
    hint = EBAY.site_language(marketplace)
    relay = relay_address(mail, PLATFORM, EBAY.relay_subdomain)
    lead = mail.text[:_LEAD_CHARS]
    kind = Kind.BUYER_MESSAGE if relay else (rules.detect_kind(mail.subject, lead, RULES) or _signed_message(mail))
    if kind is Kind.CHARGEBACK and rules.decided(mail.subject, lead):
        kind = Kind.CHARGEBACK_DECISION
    notice = Notice(labelled_fields(mail.text, FIELD_LABELS), {})
    notice_language = notice.fields.language() or text_language(f"{mail.subject}\n{lead}", hint)
    buyer_text = (relay_message(mail.text, notice.get("message")) if kind is Kind.BUYER_MESSAGE
                  else notice_buyer_words(mail, kind, notice))
    language = buyer_language(buyer_text, notice_language) if kind in _BUYER_KINDS else notice_language
    reason = notice.get("reason")
    finding = _issue(kind, mail, lead, reason, buyer_text, language)
    return notice_notification(
        mail,
        kind,
        PLATFORM,
        notice,
        finding,
        find_money(notice.get("amount"), marketplace),
        order_id=_order_id(mail, notice, relay is not None),
        buyer_comment=buyer_text,
        buyer_name=_buyer_name(mail, notice, relay),
        reply_to=relay,
        language=language,
        marketplace=marketplace,
        case_id=case_id(notice),
    )


def _issue(kind: Kind, mail: ReadMail, lead: str, reason: str | None, buyer_text: str | None,
           language: str | None) -> IssueFinding:
    if kind is Kind.DISPUTE and issue_for_reason(reason) is None:
        # An item-not-received request says so in its title rather than in a reason line.
        if rules.NOT_RECEIVED_REQUEST.pattern.search(lower_unaccented(f"{mail.subject}\n{lead[:400]}")):
            return IssueFinding(Issue.NOT_RECEIVED, 1.0)
    return kind_issue(kind, reason, buyer_text, language, _BUYER_KINDS)


def _order_id(mail: ReadMail, notice: Notice, relayed: bool) -> str | None:
    if relayed:  # eBay prints the order below the buyer's words: the last one is eBay's own
        return find_id(ORDER_ID, mail.subject) or last_id(ORDER_ID, mail.text)
    return labelled_order_id(ORDER_ID, notice) or find_id(ORDER_ID, mail.subject, mail.text)


def _buyer_name(mail: ReadMail, notice: Notice, relay: str | None) -> str | None:
    if relay and mail.from_name and "ebay" not in mail.from_name.lower():
        return mail.from_name
    labelled = notice.get("buyer")
    if labelled:
        return labelled
    match = _SENDER_LINE.search(mail.text[:_LEAD_CHARS])
    return match.group("name") if match and "ebay" not in match.group("name").lower() else None
