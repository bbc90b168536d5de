"""Notices in the languages and layouts the fixtures' first marketplaces did not have: Amazon's Brazilian, Dutch,
Polish, Turkish and Saudi sites, AliExpress in Russian and Korean, eBay's HTML-only mail (tables, buttons, a
hidden preheader padded with invisible characters). Each is written for this test, in the shape such mail takes;
the parse must tell its kind, order, language and, where one is printed, the reason's issue."""

from __future__ import annotations

import pytest

from disputed.parsers import parse_message
from disputed.parsers.htmltext import html_to_text
from tests.parsers.build import message, security
from tests.parsers.corpus import TRUSTED_AUTHSERV_ID


def signed(domain: str, sender: str, subject: str, body: str, html: bool = False) -> bytes:
    headers = [
        f"Authentication-Results: {TRUSTED_AUTHSERV_ID}; dkim=pass header.d={domain} header.s=s1",
        f"From: {sender}",
        "To: shop@seller.test",
        f"Subject: {subject}",
        "Date: Mon, 07 Dec 2026 09:00:00 +0000",
        f"Message-ID: <{abs(hash(subject))}@{domain}>",
    ]
    content_type = "text/html; charset=utf-8" if html else "text/plain; charset=utf-8"
    return message(headers, body.encode("utf-8"), content_type=content_type, cte="8bit")


PRE = "\u200c\u00a0\u034f " * 40  # a hidden preheader's padding

CASES = [
    ("pt Amazon return", signed("amazon.com.br", "Amazon <devolucao@amazon.com.br>",
        "Solicitação de devolução para o pedido 702-1234567-7654321",
        "Olá,\n\nUm cliente solicitou a devolução de um produto.\n\nNúmero do pedido: 702-1234567-7654321\n"
        "Produto: Fone de ouvido sem fio\nQuantidade: 1\nMotivo da devolução: Produto danificado, mas a caixa está intacta\n"
        "Comentários do cliente: chegou com a tampa rachada\n\nResponda até 12 de dezembro de 2026."),
     "return_request", "702-1234567-7654321", "pt", "damaged"),
    ("nl Amazon A-to-z", signed("amazon.nl", "Amazon <atoz-guarantee-no-reply@amazon.nl>",
        "A-tot-z-garantieclaim voor bestelling 405-7654321-1234567",
        "Beste verkoper,\n\nEen klant heeft een claim ingediend onder de A-tot-z-garantie.\n\n"
        "Bestelnummer: 405-7654321-1234567\nReden van de claim: Artikel niet ontvangen\nClaimbedrag: € 39,99\n\n"
        "Reageer uiterlijk op 10 december 2026. Als u niet reageert, kunnen wij de claim in het voordeel van de klant toekennen."),
     "atoz_claim", "405-7654321-1234567", "nl", "not_received"),
    ("pl Amazon chargeback", signed("amazon.pl", "Amazon <cb-seller-notification@amazon.pl>",
        "Obciążenie zwrotne dla zamówienia 403-1111111-2222222",
        "Bank kupującego zgłosił obciążenie zwrotne.\n\nNumer zamówienia: 403-1111111-2222222\nKwota: 120,00 zł\n"
        "Powód: Produkt nie został dostarczony\n\nOdpowiedz do 14 grudnia 2026."),
     "chargeback", "403-1111111-2222222", "pl", "not_received"),
    ("tr Amazon feedback", signed("amazon.com.tr", "Amazon <seller-notification@amazon.com.tr>",
        "Yeni olumsuz geri bildirim aldınız",
        "Bir müşteri size olumsuz geri bildirim bıraktı.\n\nSipariş numarası: 407-3333333-4444444\nPuan: 1\n"
        "Müşteri yorumu: Ürün hasarlı geldi, kutu ezikti."),
     "feedback", "407-3333333-4444444", "tr", "damaged"),
    ("ar Amazon performance", signed("amazon.sa", "Amazon <seller-performance@amazon.sa>",
        "تنبيه: معدل عيوب الطلب أعلى من الهدف",
        "مرحبا،\n\nتجاوز معدل عيوب الطلب في حسابك الهدف البالغ 1%. يرجى مراجعة صحة الحساب واتخاذ الإجراءات اللازمة."),
     "performance_warning", None, "ar", None),
    ("ru AliExpress dispute, HTML", signed("aliexpress.com", "AliExpress <notice@aliexpress.com>",
        "Покупатель открыл спор по заказу 8123456789012345",
        f"<html><body><div style=\"display:none;max-height:0\">Покупатель открыл спор{PRE}</div>"
        "<table><tr><td>Номер заказа:</td><td>8123456789012345</td></tr>"
        "<tr><td>Причина спора:</td><td>Товар не соответствует описанию</td></tr>"
        "<tr><td>Сумма возврата:</td><td>US $12.50</td></tr></table>"
        "<table><tr><td><a href=\"https://example.test/dispute\" style=\"background:#e62e04\">Ответить на спор</a></td></tr></table>"
        "</body></html>", html=True),
     "dispute", "8123456789012345", "ru", "not_as_described"),
    ("ko AliExpress cancellation", signed("aliexpress.com", "AliExpress <notice@aliexpress.com>",
        "구매자가 주문 취소를 요청했습니다",
        "안녕하세요,\n\n구매자가 주문 취소를 요청했습니다.\n\n주문 번호: 8000111122223333\n취소 사유: 더 이상 필요하지 않음\n"),
     "cancellation_request", "8000111122223333", "ko", "cancellation"),
    ("en eBay payment dispute, HTML", signed("ebay.com", "eBay <ebay@ebay.com>",
        "A buyer disputed a payment",
        f"<html><body><span style=\"display:none\">Respond by Dec 12, 2026{PRE}</span>"
        "<table><tr><td><h1>Your buyer disputed a payment with their card issuer</h1></td></tr>"
        "<tr><td>Order number</td></tr><tr><td>12-34567-89012</td></tr>"
        "<tr><td>Amount</td></tr><tr><td>$45.00</td></tr>"
        "<tr><td><a href=\"https://example.test/respond\">Respond now</a></td></tr></table></body></html>", html=True),
     "chargeback", "12-34567-89012", "en", None),
    ("en eBay account restriction", signed("ebay.com", "eBay <ebay@ebay.com>",
        "Important information about your account",
        "Hi seller,\n\nWe've permanently restricted your account because of activity that put the community at risk."),
     "account_deactivated", None, "en", None),
    ("en Walmart unpublished item", signed("walmart.com", "Walmart Marketplace <noreply@walmart.com>",
        "Action needed: items unpublished",
        "Hello,\n\nSome of your items have been unpublished because of recent customer ratings and reviews."),
     "listing_removed", None, "en", None),
]


@pytest.mark.parametrize(("name", "raw", "kind", "order_id", "language", "issue"), CASES, ids=[case[0] for case in CASES])
def test_a_notice_in_its_layout_and_language_is_read(name, raw, kind, order_id, language, issue):
    note = parse_message(raw, security=security())
    assert note.authentic, note.auth_evidence
    got = (note.kind.value, note.order_id, note.language, note.issue.value if note.issue else None)
    assert got == (kind, order_id, language, issue)


def test_a_claim_warning_that_it_may_go_the_buyers_way_is_not_a_decision():
    nl_claim = CASES[1][1]
    assert parse_message(nl_claim, security=security()).kind.value == "atoz_claim"
    de_claim = signed("amazon.de", "Amazon <atoz-guarantee-no-reply@amazon.de>", "A-bis-z-Garantieantrag: Bestellung 302-1234567-7654321",
                      "Ein Käufer hat einen Antrag gestellt.\n\nBestellnummer: 302-1234567-7654321\n\n"
                      "Wenn Sie nicht bis zum 10. Dezember 2026 antworten, wird der Antrag zugunsten des Käufers entschieden.")
    assert parse_message(de_claim, security=security()).kind.value == "atoz_claim"
    de_decision = signed("amazon.de", "Amazon <atoz-guarantee-no-reply@amazon.de>", "A-bis-z-Garantieantrag: Bestellung 302-1234567-7654321",
                         "Der Antrag wurde zugunsten des Käufers entschieden.\n\nBestellnummer: 302-1234567-7654321")
    assert parse_message(de_decision, security=security()).kind.value == "atoz_decision"


def test_a_hidden_preheaders_padding_leaves_no_blank_noise():
    text = html_to_text(f"<div style='display:none'>Retour{PRE}</div><p>Bestelnummer: 1</p>")
    assert text.split("\n") == ["Retour", "Bestelnummer: 1"]
