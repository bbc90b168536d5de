"""Readers for printed facts: amounts, deadlines, order ids, ASINs, reasons, kinds of notice."""

from __future__ import annotations

from decimal import Decimal

import pytest

from disputed.parsers import rules
from disputed.parsers.extract import find_asin, find_deadline, find_id, find_money
from disputed.platforms.amazon import ORDER_ID as AMAZON_ORDER
from disputed.platforms.ebay import ORDER_ID as EBAY_ORDER
from disputed.parsers.reasons import issue_for_reason
from disputed.vocabulary import Issue, Kind


@pytest.mark.parametrize(
    ("text", "marketplace", "amount", "currency"),
    [
        ("Claim amount: 119,00 €", "amazon.de", "119.00", "EUR"),
        ("$45.99", "amazon.com", "45.99", "USD"),
        ("$45.99", "amazon.ca", "45.99", "CAD"),
        ("CDN$ 45.99", None, "45.99", "CAD"),
        ("US $12.34", "aliexpress.com", "12.34", "USD"),
        ("EUR 1.234,56", None, "1234.56", "EUR"),
        ("1,234.56 USD", None, "1234.56", "USD"),
        ("Betrag: 1.299 €", None, "1299", "EUR"),
        ("￥3,980", "amazon.co.jp", "3980", "JPY"),
        ("3980円", None, "3980", "JPY"),
        ("£12.50", None, "12.50", "GBP"),
        ("R$ 99,90", None, "99.90", "BRL"),
        ("89,90\u00a0€", None, "89.90", "EUR"),
    ],
)
def test_money(text, marketplace, amount, currency):
    assert find_money(text, marketplace) == (Decimal(amount), currency)


def test_no_money_in_plain_numbers():
    assert find_money("Quantity: 2, order 113-2219034-5562871") is None


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Please respond by November 30, 2026.", "2026-11-30"),
        ("respond by Monday, Nov 30, 2026 PST", "2026-11-30"),
        ("Respond by Nov 27, 2026. If you don't respond", "2026-11-27"),
        ("Bitte antworten Sie bis zum 2. Dezember 2026.", "2026-12-02"),
        ("spätestens am 02.12.2026", "2026-12-02"),
        ("Merci de répondre avant le 1er décembre 2026", "2026-12-01"),
        ("Rispondi entro il 1 dicembre 2026.", "2026-12-01"),
        ("Responde antes del 7 de diciembre de 2026", "2026-12-07"),
        ("2026年12月3日までに回答してください", "2026-12-03"),
        ("请在2026年12月5日前处理", "2026-12-05"),
        ("Please respond before 2026-12-01, otherwise", "2026-12-01"),
        ("Response due: 2026-12-01", "2026-12-01"),
    ],
)
def test_deadlines_printed_as_dates(text, date):
    assert find_deadline(text).date().isoformat() == date


@pytest.mark.parametrize(
    "text",
    [
        "Request received: September 5, 2026",
        "Sent by Amazon on November 20, 2026",
        "Please take one of these actions within 2 business days.",
        "Arrived on December 9th, far too late.",
    ],
)
def test_no_deadline_without_a_deadline_word_and_a_date(text):
    assert find_deadline(text) is None


def test_order_ids_keep_the_platform_format():
    assert find_id(AMAZON_ORDER, "Order ID: # 114 - 3941689 - 8762232") == "114-3941689-8762232"
    assert find_id(AMAZON_ORDER, "digital D01-1234567-1234567") == "D01-1234567-1234567"
    assert find_id(EBAY_ORDER, "Order number: 23-11874-40219") == "23-11874-40219"
    assert find_id(EBAY_ORDER, "Amazon order 114-3941689-8762232") is None
    assert find_id(AMAZON_ORDER, "phone 0114-3941689-87622321") is None


def test_asins():
    assert find_asin("ASIN: B0C7KQ2M4X and more") == "B0C7KQ2M4X"
    assert find_asin("0316769487") == "0316769487"  # a labelled book ASIN
    assert find_asin("SKU B0C7KQ2M4XX") is None


@pytest.mark.parametrize(
    ("reason", "issue"),
    [
        ("Wrong item was sent", Issue.WRONG_ITEM),
        ("Item defective or doesn’t work", Issue.QUALITY_DEFECT),
        ("Inaccurate website description", Issue.NOT_AS_DESCRIBED),
        ("Missing parts or accessories", Issue.MISSING_PARTS),
        ("Product and shipping box both damaged", Issue.DAMAGED),
        ("Product damaged, but shipping box OK", Issue.DAMAGED),
        ("Too small", Issue.SIZE_FIT),
        ("Too large", Issue.SIZE_FIT),
        ("No longer needed", Issue.OTHER),
        ("Bought by mistake", Issue.OTHER),
        ("Empty package", Issue.EMPTY_PACKAGE),
        ("Item arrived too late", Issue.NOT_RECEIVED),
        ("Performance or quality not adequate", Issue.QUALITY_DEFECT),
        ("Style not as expected", Issue.NOT_AS_DESCRIBED),
        ("Falscher Artikel wurde gesendet", Issue.WRONG_ITEM),
        ("Fehlende Teile oder fehlendes Zubehör", Issue.MISSING_PARTS),
        ("Zu groß", Issue.SIZE_FIT),
        ("Wird nicht mehr benötigt", Issue.OTHER),
        ("Article défectueux ou ne fonctionne pas", Issue.QUALITY_DEFECT),
        ("Colis vide", Issue.EMPTY_PACKAGE),
        ("Trop petit", Issue.SIZE_FIT),
        ("È stato inviato l'articolo sbagliato", Issue.WRONG_ITEM),
        ("Descrizione sul sito non corretta", Issue.NOT_AS_DESCRIBED),
        ("Producto y caja de envío dañados", Issue.DAMAGED),
        ("Demasiado pequeño", Issue.SIZE_FIT),
        ("部品・付属品の不足", Issue.MISSING_PARTS),
        ("大きすぎる", Issue.SIZE_FIT),
        ("不要になった", Issue.OTHER),
        ("货物与描述不符", Issue.NOT_AS_DESCRIBED),
        ("未收到货", Issue.NOT_RECEIVED),
        ("Doesn't match description or photos", Issue.NOT_AS_DESCRIBED),
        ("Size not as described", Issue.SIZE_FIT),
        ("Customs tax charged to buyer", Issue.CUSTOMS_TAX),
        ("Unauthorized transaction", Issue.OTHER),
        ("Ordered wrong item", Issue.OTHER),  # the buyer's mistake, not the seller's
        ("Buyer made a mistake when ordering", Issue.OTHER),
        ("Defective/Does not work properly", Issue.QUALITY_DEFECT),
        ("Wrong size or fit", Issue.SIZE_FIT),
        ("Missed estimated delivery date", Issue.NOT_RECEIVED),
        ("Received extra item I didn't buy (no refund needed)", Issue.OTHER),
    ],
)
def test_official_reasons_map_to_issues(reason, issue):
    assert issue_for_reason(reason) is issue


def test_unknown_reason_maps_to_nothing():
    assert issue_for_reason("Other") is None
    assert issue_for_reason(None) is None


AMAZON_RULES = (rules.ACCOUNT_DEACTIVATED, rules.ACCOUNT_REVIEW, rules.IP_INFRINGEMENT, rules.LISTING_REMOVED,
                rules.PERFORMANCE_WARNING, rules.CHARGEBACK, rules.ATOZ, rules.CLAIM_WORD, rules.RETURN_REQUEST,
                rules.CANCELLATION_REQUEST, rules.REFUND_ISSUED, rules.FEEDBACK, rules.POLICY_WARNING)


@pytest.mark.parametrize(
    ("subject", "lead", "kind"),
    [
        ("Your Order Defect Rate is above our target", "includes A-to-z Guarantee claims and chargebacks", Kind.PERFORMANCE_WARNING),
        ("Action required", "The buyer filed an A-to-z Guarantee claim", Kind.ATOZ_CLAIM),
        ("Notification of claim for order 111-1111111-1111111", "", Kind.ATOZ_CLAIM),
        ("Rückbuchung zu Bestellung 302-1111111-1111111", "", Kind.CHARGEBACK),
        ("Richiesta di reso per l'ordine", "", Kind.RETURN_REQUEST),
        ("Remboursement effectué pour la commande", "", Kind.REFUND_ISSUED),
        ("Your account is under review", "", Kind.ACCOUNT_REVIEW),
        ("Il tuo account venditore è stato disattivato", "", Kind.ACCOUNT_DEACTIVATED),
        ("知的財産権侵害の申し立て", "", Kind.IP_INFRINGEMENT),
        ("Listing deactivated: ASIN B0C5LMQ7XT", "", Kind.LISTING_REMOVED),
        ("Policy warning", "", Kind.POLICY_WARNING),
        ("Hello", "nothing to see here", None),
    ],
)
def test_kind_rules(subject, lead, kind):
    assert rules.detect_kind(subject, lead, AMAZON_RULES) is kind


def test_decisions_are_told_from_new_claims():
    assert rules.decided("Claim decision for order 1", "")
    assert rules.decided("Update", "The claim was granted in the buyer's favor.")
    assert rules.decided("Entscheidung", "")
    assert not rules.decided("A-to-z Guarantee claim filed", "If you do not respond, we may grant the claim.")
