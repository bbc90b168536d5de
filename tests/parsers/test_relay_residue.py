"""The buyer's words without the relay's residue, and a dispute's words found by shape.

Every wrapper here is written for these tests: wordings, layouts and languages the fixtures do not
hold (AliExpress message-centre relays with their buttons and footers, dispute notices that label the
buyer's description in words no bundle knows, in a table row, under a heading, in quotation marks, or
only in the HTML part of a multipart mail).
"""

from __future__ import annotations

import time

import pytest

from disputed.config.settings import SecuritySettings
from disputed.parsers import parse_message, relay
from disputed.parsers.common import relay_message, without_residue
from disputed.vocabulary import Kind


def _mail(subject: str, body: str, content_type: str = "text/plain", sender: str = "message@notice.aliexpress.com"):
    raw = (f"From: AliExpress <{sender}>\r\nTo: shop@example.com\r\nSubject: {subject}\r\n"
           f"Message-ID: <r5-{abs(hash(body))}@notice.aliexpress.com>\r\nMIME-Version: 1.0\r\n"
           f"Content-Type: {content_type}; charset=utf-8\r\n\r\n{body}")
    return parse_message(raw.encode(), security=SecuritySettings())


def _multipart(subject: str, plain: str, html: str):
    boundary = "r5-boundary"
    body = (f"--{boundary}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{plain}\r\n"
            f"--{boundary}\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}\r\n--{boundary}--\r\n")
    return _mail(subject, body, f'multipart/alternative; boundary="{boundary}"', "transaction@notice.aliexpress.com")


# --- residue in relayed messages ------------------------------------------------------------

RU = "Здравствуйте, посылка пришла пустая.\nВерните, пожалуйста, деньги."
ZH = "你好，我收到的包裹是空的。\n请退款。"
PL = "Dzień dobry, paczka przyszła pusta.\nProszę o zwrot pieniędzy."
TR = "Merhaba, paket boş geldi.\nLütfen paramı iade edin."
KO = "안녕하세요, 상자가 비어 있었습니다.\n환불해 주세요."
AR = "مرحبا، وصل الطرد فارغا.\nأرجو استرداد المبلغ."
JA = "こんにちは、箱が空でした。\n返金をお願いします。"


@pytest.mark.parametrize("words, wrapper", [
    # An English wrapper, the link on its own line straight under the words.
    (RU, "You have a new message from a buyer.\n\nOrder number: 8190123456789012\nMessage:\n{w}\n"
         "https://msg.aliexpress.com/conversation/8190123456789012\n\nReply in Message Center"),
    # A Chinese wrapper: the button and the rights line under the words, no blank between.
    (ZH, "您有一条新消息\n订单号：8190123456789012\n\n{w}\n查看消息\n© 2026 AliExpress"),
    # The buyer's language around the words, a rule and the footer under them.
    (PL, "Nowa wiadomość od kupującego\nZamówienie: 8190123456789012\n\n{w}\n\nZobacz wiadomość\n"
         "==========\nAliExpress · Centrum wiadomości"),
    (TR, "Alıcıdan yeni mesaj\nSipariş: 8190123456789012\n\n{w}\n<https://msg.aliexpress.com/x?id=1>\n"
         "Mesaj merkezine git\nTüm hakları saklıdır."),
    (KO, "구매자 메시지\n주문 번호: 8190123456789012\n\n{w}\n메시지 보기: https://msg.aliexpress.com/k\nAliExpress 팀"),
    (AR, "رسالة جديدة من المشتري\nرقم الطلب: 8190123456789012\n\n{w}\nعرض الرسالة\nجميع الحقوق محفوظة"),
    (JA, "新しいメッセージ\n注文番号: 8190123456789012\n\n{w}\nメッセージを確認する\nAliExpress"),
])
def test_relayed_words_keep_no_link_button_rule_or_footer(words, wrapper):
    assert relay_message(wrapper.format(w=words)) == words


def test_a_relayed_aliexpress_message_reads_without_its_message_centre_link():
    note = _mail("New message from buyer about order 8190123456789012",
                 "You have a new message from a buyer.\n\nOrder number: 8190123456789012\nMessage:\n"
                 f"{RU}\nhttps://msg.aliexpress.com/conversation/8190123456789012\n\nGo to Message Center\n")
    assert note.kind is Kind.BUYER_MESSAGE
    assert note.buyer_comment == RU


@pytest.mark.parametrize("line", [
    "I ordered this on AliExpress three weeks ago and it still has not come.",
    "Amazon said it was delivered, but it was not.",
    "Here is a photo of the damage: https://photos.example/123 as you can see the glass is cracked.",
])
def test_a_buyers_own_sentence_naming_the_marketplace_or_a_link_stays(line):
    assert without_residue(f"Hello,\n{line}\nThanks") == f"Hello,\n{line}\nThanks"


@pytest.mark.parametrize("line, expected", [
    ("https://msg.aliexpress.com/c/1", True),
    ("Reply: https://msg.aliexpress.com/c/1", True),
    ("[View message](https://example.test/m)", True),
    ("The tracking page https://t.example/1 shows nothing since May.", False),
    ("no link here", False),
])
def test_a_link_line_is_a_link_with_a_buttons_few_words(line, expected):
    assert relay.is_link_line(line) is expected


# --- a dispute's words found by shape -------------------------------------------------------

PT = "ainda nao chegou nada ja passou dois meses"  # no stop: typed as a message
DE = "Die Uhr bleibt nach einer Stunde stehen. Ich möchte mein Geld zurück."
NO = "Klokka stopper etter en time. Jeg vil ha pengene tilbake."  # Norwegian: no bundle


def test_a_dispute_table_row_with_a_label_no_bundle_knows():
    html = ("<html><body><p>Hei selger,</p><p>Kjøperen har åpnet en tvist.</p><table>"
            "<tr><td>Bestilling</td><td>8190123456789012</td></tr>"
            "<tr><td>Beskrivelse fra kjøperen</td><td>" + NO + "</td></tr></table>"
            "<p>Svar innen 5 dager.</p></body></html>")
    note = _mail("Dispute opened: order 8190123456789012", html, "text/html", "transaction@notice.aliexpress.com")
    assert note.kind is Kind.DISPUTE
    assert note.buyer_comment == NO


def test_a_dispute_description_in_the_buyers_language_without_a_stop():
    html = ("<html><body><p>Olá vendedor,</p><p>O comprador abriu uma disputa.</p><table>"
            "<tr><td>Número do pedido</td><td>8190123456789012</td></tr>"
            "<tr><td>Motivo</td><td>Outro</td></tr>"
            "<tr><td>Descrição do comprador</td><td>" + PT + "</td></tr></table></body></html>")
    note = _mail("Disputa aberta: pedido 8190123456789012", html, "text/html", "transaction@notice.aliexpress.com")
    assert note.buyer_comment == PT


def test_a_dispute_heading_then_the_buyers_paragraph():
    text = ("Sehr geehrter Verkäufer,\n\nfür Bestellung 8190123456789012 wurde ein Streitfall eröffnet.\n\n"
            "Was der Käufer schreibt\n\n" + DE + "\n\nBitte antworten Sie innerhalb von 5 Tagen.\n")
    note = _mail("Dispute opened: order 8190123456789012", text, sender="transaction@notice.aliexpress.com")
    assert note.buyer_comment == DE


def test_a_dispute_quoting_the_buyer_after_an_introduction():
    text = ("Dear seller,\n\nOrder 8190123456789012: the buyer opened a dispute and explained it as follows:\n\n"
            "“The strap is plastic, the listing said leather. I want my money back.”\n\n"
            "Please answer within 5 days, or the dispute closes in the buyer's favour.\n")
    note = _mail("Buyer opened a dispute for order 8190123456789012", text, sender="transaction@notice.aliexpress.com")
    assert note.buyer_comment == "The strap is plastic, the listing said leather. I want my money back."


def test_a_dispute_whose_words_are_only_in_the_html_part():
    plain = "A buyer opened a dispute for order 8190123456789012. Open the Seller Center to see it."
    html = ("<html><body><p>A buyer opened a dispute for order 8190123456789012.</p><dl>"
            "<dt>Dispute reason</dt><dd>Other</dd><dt>Buyer's description</dt><dd>" + DE + "</dd></dl></body></html>")
    note = _multipart("Buyer opened a dispute for order 8190123456789012", plain, html)
    assert note.kind is Kind.DISPUTE
    assert note.buyer_comment == DE


@pytest.mark.parametrize("label, words", [
    ("Description du problème", "La montre s'arrête après une heure. Je veux être remboursé."),
    ("Descripción del comprador", "El reloj se para después de una hora. Quiero mi dinero."),
    ("Opis kupującego", "Zegarek staje po godzinie. Proszę o zwrot pieniędzy."),
    ("Описание проблемы", "Часы останавливаются через час. Верните деньги."),
    ("问题描述", "手表戴一个小时就停了，我要退款。"),
    ("وصف المشتري", "الساعة تتوقف بعد ساعة. أريد استرداد أموالي."),
])
def test_dispute_description_labels_in_the_bundles(label, words):
    text = f"Order number: 8190123456789012\nDispute reason: Other\n{label}: {words}\n\nAliExpress Seller Service\n"
    note = _mail("Dispute opened: order 8190123456789012", text, sender="transaction@notice.aliexpress.com")
    assert note.buyer_comment == words


def test_the_notices_own_paragraphs_are_never_taken_for_the_buyers():
    text = ("Dear Seller,\n\nA buyer has opened a dispute for the order below. Please respond within 5 days.\n\n"
            "Order number: 8190123456789012\nDispute reason: Item not received\n\nAliExpress Seller Service\n")
    note = _mail("Dispute opened: order 8190123456789012", text, sender="transaction@notice.aliexpress.com")
    assert note.buyer_comment is None


# --- linear time ----------------------------------------------------------------------------


@pytest.mark.parametrize("hostile", [
    "Label:\n" * 30_000 + "words\n",
    ("a b\n\n" * 30_000),
    "x | " * 40_000 + "\n",
    "“" * 60_000 + "\n",
    ("Heading\n" + "\n" * 5 + "word " * 3 + "\n") * 10_000,
    "https://x.test/" + "a" * 100_000 + "\n",
])
def test_the_dispute_shapes_and_the_residue_cost_linear_time(hostile):
    from disputed.parsers.common import Notice, notice_words_in
    from disputed.parsers.extract import Fields

    started = time.monotonic()
    notice_words_in(hostile, Notice(Fields({}, []), {}))
    without_residue(hostile)
    relay_message(hostile)
    assert time.monotonic() - started < 5


def test_a_greeting_ending_in_a_colon_is_no_label():
    text = ("Dear Seller:\n\nA buyer has opened a dispute about the order below and asks you to respond soon.\n\n"
            "Order number: 8190123456789012\nDispute reason: Item not received\n")
    note = _mail("Dispute opened: order 8190123456789012", text, sender="transaction@notice.aliexpress.com")
    assert note.buyer_comment is None


def test_an_html_relay_keeps_no_button_or_footer():
    html = ("<html><body><p>Nuevo mensaje del comprador</p><p>Pedido: 8190123456789012</p>"
            "<p>Hola, el paquete llegó vacío.<br>Quiero que me devuelvan el dinero.</p>"
            "<p><a href=\"https://msg.aliexpress.com/c/1\">Ver el mensaje</a></p>"
            "<p>© 2026 AliExpress. Todos los derechos reservados.</p></body></html>")
    note = _mail("Nuevo mensaje del comprador, pedido 8190123456789012", html, "text/html")
    assert note.kind is Kind.BUYER_MESSAGE
    assert note.buyer_comment == "Hola, el paquete llegó vacío.\nQuiero que me devuelvan el dinero."


def test_an_ebay_return_request_with_the_buyers_words_under_a_heading():
    text = ("Ciao venditore,\n\nl'acquirente ha richiesto un reso per l'oggetto 123456789012.\n\n"
            "Motivo del reso: Altro\n\nCosa ha scritto l'acquirente\n\n"
            "La lampada si spegne dopo cinque minuti. Vorrei cambiarla con una che funziona.\n\n"
            "Rispondi entro 3 giorni lavorativi.\n")
    raw = ("From: eBay <ebay@ebay.it>\r\nTo: shop@example.com\r\nSubject: Richiesta di reso per 123456789012\r\n"
           "Message-ID: <r5-ebay@ebay.it>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + text)
    note = parse_message(raw.encode(), security=SecuritySettings())
    assert note.kind is Kind.RETURN_REQUEST
    assert note.buyer_comment == "La lampada si spegne dopo cinque minuti. Vorrei cambiarla con una che funziona."


def test_headings_between_fact_lines_cost_linear_time():
    from disputed.parsers.common import Notice, notice_words_in
    from disputed.parsers.extract import Fields

    hostile = "Label:\n" + "1234567890\nHeading\n" * 40_000
    started = time.monotonic()
    notice_words_in(hostile, Notice(Fields({}, []), {}))
    assert time.monotonic() - started < 5


@pytest.mark.parametrize("line, expected", [
    ("AliExpress Seller Service", True),
    ("The AliExpress Team", True),
    ("AliExpress 팀", True),
    ("© 2026 AliExpress. All rights reserved.", True),
    ("AliExpressで買った箱が空でした", False),  # no spaces, still a sentence
    ("我在速卖通买的东西没到", False),
])
def test_a_signature_is_the_marketplaces_name_and_a_word_or_two(line, expected):
    assert relay.is_platform_signature(line) is expected
