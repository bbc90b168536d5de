"""AliExpress: disputes (with their reason and what the buyer asks for) and buyer messages."""

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
    ALIEXPRESS_ORDER,
    clean_id,
    find_deadline,
    find_id,
    find_money,
    first_int,
    fold,
    labelled_fields,
)
from disputed.parsers.labels import FIELD_LABELS
from disputed.parsers.mime import MailFacts
from disputed.parsers.reasons import issue_for_reason
from disputed.vocabulary import Issue, Kind, Platform

PLATFORM = Platform.ALIEXPRESS

_BUYER_MESSAGE = rules.rule(
    Kind.BUYER_MESSAGE,
    r"new message|message from (the )?buyer|buyer message|sent you a message|buyer (has )?(sent|left) (you )?a message"
    r"|nouveau message|neue nachricht|nuovo messaggio|nuevo mensaje|nova mensagem|新消息|站内信|买家留言|买家消息|给您发送了|发来(了)?(一条)?消息",
)
RULES = (
    rules.ACCOUNT_DEACTIVATED,
    rules.ACCOUNT_REVIEW,
    rules.IP_INFRINGEMENT,
    rules.LISTING_REMOVED,
    rules.PERFORMANCE_WARNING,
    rules.DISPUTE,
    _BUYER_MESSAGE,
    rules.CANCELLATION_REQUEST,
    rules.REFUND_ISSUED,
    rules.FEEDBACK,
    rules.POLICY_WARNING,
)
_RETURN_AND_REFUND = re.compile(fold(
    r"return(ing)? (the (item|goods|product) )?and (get a )?refund|return and refund|return the item|退货退款|退货并退款|退回商品"
    r"|retour et remboursement|devolucion y reembolso|reso e rimborso|rucksendung und erstattung"
))
_REFUND_ONLY = re.compile(fold(
    r"refund only|only refund|just (a )?refund|full refund|partial refund|refund without return|仅退款|只退款|部分退款|全额退款"
    r"|remboursement (uniquement|seulement)|solo reembolso|solo rimborso|nur erstattung|\brefund\b"
))
_BUYER_KINDS = frozenset({Kind.DISPUTE, Kind.BUYER_MESSAGE, Kind.CANCELLATION_REQUEST, Kind.FEEDBACK})
_LEAD_CHARS = 3000


def claims(facts: MailFacts) -> bool:
    if claimed_platform(facts)[0] is PLATFORM:
        return True
    return "aliexpress" in fold(facts.subject)


def parse(facts: MailFacts) -> Notification:
    lead = facts.text[:_LEAD_CHARS]
    kind = rules.detect_kind(facts.subject, lead, RULES) or Kind.UNRECOGNISED
    notice = Notice(labelled_fields(facts.text, FIELD_LABELS), {})
    notice_language = notice.fields.language() or text_language(f"{facts.subject}\n{lead}", None)
    buyer_text = (relay_message(facts.text, notice.get("message")) if kind is Kind.BUYER_MESSAGE
                  else notice.get("comment"))
    language = buyer_language(buyer_text, notice_language) if kind in _BUYER_KINDS else notice_language
    reason = notice.get("reason")
    finding = _issue(kind, reason, buyer_text, language)
    request = notice.get("request")
    money = find_money(notice.get("amount"), "aliexpress.com") or find_money(request, "aliexpress.com")
    if money is None and kind in (Kind.DISPUTE, Kind.REFUND_ISSUED):
        money = find_money(lead, "aliexpress.com")
    return notification(
        facts,
        kind,
        PLATFORM,
        issue=finding.issue,
        confidence=finding.confidence,
        chosen_option=finding.chosen_option,
        order_id=_order_id(facts, notice),
        item=notice.get("item"),
        quantity=first_int(notice.get("quantity")),
        reason=reason,
        buyer_comment=buyer_text,
        buyer_name=notice.get("buyer"),
        amount=money[0] if money else None,
        currency=money[1] if money else None,
        deadline=find_deadline(facts.text),
        language=language,
        marketplace="aliexpress.com",
        tracking_number=notice.get("tracking"),
        case_id=clean_id(notice.get("case_id") or "") or None,
        buyer_request=_request(request),
    )


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
        found = find_id(ALIEXPRESS_ORDER, clean_id(labelled))
        if found:
            return found
    return find_id(ALIEXPRESS_ORDER, facts.subject, facts.text)


def _request(text: str | None) -> str | None:
    """What the buyer asks for in a dispute: ``return_and_refund`` or ``refund``."""
    if not text:
        return None
    folded = fold(text)
    if _RETURN_AND_REFUND.search(folded):
        return "return_and_refund"
    if _REFUND_ONLY.search(folded):
        return "refund"
    return None
