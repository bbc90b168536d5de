"""AliExpress: disputes (with their reason and what the buyer asks for) and buyer messages."""

from __future__ import annotations

import re

from disputed.notification import Notification
from disputed.parsers import rules
from disputed.parsers.authenticity import claimed_platform
from disputed.parsers.common import (
    ACCOUNT_RULES,
    Notice,
    buyer_language,
    case_id,
    kind_issue,
    labelled_order_id,
    notice_buyer_words,
    notice_notification,
    relay_message,
    text_language,
)
from disputed.parsers.extract import find_id, find_money, labelled_fields, lower_unaccented, table_rows
from disputed.parsers.labels import FIELD_LABELS
from disputed.parsers.mime import ReadMail
from disputed.platforms.aliexpress import ORDER_ID
from disputed.vocabulary import Kind, Platform

PLATFORM = Platform.ALIEXPRESS

_BUYER_MESSAGE = rules.rule(
    Kind.BUYER_MESSAGE,
    r"new message|message from (the )?buyer|buyer message|sent you a message|buyer (has )?(sent|left) (you )?a message"
    r"|nouveau message|neue nachricht|nuovo messaggio|nuevo mensaje|nova mensagem|新消息|站内信|买家留言|买家消息|给您发送了|发来(了)?(一条)?消息"
    r"|mensagem (nova|do comprador)|nieuw bericht|bericht van (de )?koper|nowa wiadomosc|wiadomosc od kupujacego"
    r"|yeni mesaj|al[iı]c[iı]dan (yeni )?mesaj|al[iı]c[iı] (size )?mesaj|новое сообщение|сообщение от покупателя|покупатель (отправил|написал)"
    r"|새 메시지|구매자 메시지|구매자가 (보낸 )?메시지|رسالة جديدة|رسالة من المشتري|新しいメッセージ|購入者からのメッセージ",
)
RULES = (
    *ACCOUNT_RULES,
    rules.DISPUTE,
    _BUYER_MESSAGE,
    rules.CANCELLATION_REQUEST,
    rules.REFUND_ISSUED,
    rules.FEEDBACK,
    rules.POLICY_WARNING,
)
_RETURN_AND_REFUND = re.compile(lower_unaccented(
    r"return(ing)? (the (item|goods|product) )?and (get a )?refund|return and refund|return the item|退货退款|退货并退款|退回商品"
    r"|retour et remboursement|devolucion y reembolso|reso e rimborso|rucksendung und erstattung"
))
_REFUND_ONLY = re.compile(lower_unaccented(
    r"refund only|only refund|just (a )?refund|full refund|partial refund|refund without return|仅退款|只退款|部分退款|全额退款"
    r"|remboursement (uniquement|seulement)|solo reembolso|solo rimborso|nur erstattung|\brefund\b"
))
_BUYER_KINDS = frozenset({Kind.DISPUTE, Kind.BUYER_MESSAGE, Kind.CANCELLATION_REQUEST, Kind.FEEDBACK})
_LEAD_CHARS = 3000


def claims(mail: ReadMail) -> bool:
    return claimed_platform(mail)[0] is PLATFORM or "aliexpress" in lower_unaccented(mail.subject)


def parse(mail: ReadMail) -> Notification:
    lead = mail.text[:_LEAD_CHARS]
    kind = rules.detect_kind(mail.subject, lead, RULES) or Kind.UNRECOGNISED
    rows, _ = table_rows(mail.text, FIELD_LABELS, min_columns=2)  # a dispute's facts as one table row
    notice = Notice(labelled_fields(mail.text, FIELD_LABELS), rows[0] if rows else {})
    notice_language = notice.fields.language() or text_language(f"{mail.subject}\n{lead}", None)
    buyer_text = (relay_message(mail.text, notice.get("message")) if kind is Kind.BUYER_MESSAGE
                  else notice_buyer_words(mail, kind, notice))
    language = buyer_language(buyer_text, notice_language) if kind in _BUYER_KINDS else notice_language
    finding = kind_issue(kind, notice.get("reason"), buyer_text, language, _BUYER_KINDS)
    request = notice.get("request")
    money = find_money(notice.get("amount"), "aliexpress.com") or find_money(request, "aliexpress.com")
    if money is None and kind in (Kind.DISPUTE, Kind.REFUND_ISSUED):
        money = find_money(lead, "aliexpress.com")
    return notice_notification(
        mail,
        kind,
        PLATFORM,
        notice,
        finding,
        money,
        order_id=_order_id(mail, notice),
        buyer_comment=buyer_text,
        buyer_name=notice.get("buyer"),
        language=language,
        marketplace="aliexpress.com",
        case_id=case_id(notice),
        buyer_request=_request(request),
    )


def _order_id(mail: ReadMail, notice: Notice) -> str | None:
    return (labelled_order_id(ORDER_ID, notice, also_raw=False)
            or find_id(ORDER_ID, mail.subject, mail.text))


def _request(text: str | None) -> str | None:
    """What the buyer asks for in a dispute: ``return_and_refund`` or ``refund``."""
    if not text:
        return None
    folded = lower_unaccented(text)
    if _RETURN_AND_REFUND.search(folded):
        return "return_and_refund"
    if _REFUND_ONLY.search(folded):
        return "refund"
    return None
