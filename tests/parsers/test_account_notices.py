"""What an account notice is about, read by the parser into the notification in every language that has the words."""

from __future__ import annotations

from pathlib import Path

import pytest

from disputed.config.settings import SecuritySettings
from disputed.parsers import parse_message
from disputed.parsers.account import account_facts
from disputed.vocabulary import Kind


@pytest.mark.parametrize(
    ("subject", "metric"),
    [
        ("Your Order Defect Rate is above 1%", "order_defect_rate"),
        ("Ihre Bestellmängelquote liegt über dem Ziel", "order_defect_rate"),
        ("Expéditions en retard : action requise", "late_shipment_rate"),
        ("Stornorate über dem Zielwert", "cancellation_rate"),
        ("Tasa de cancelación superior al objetivo", "cancellation_rate"),
        ("Tasso di difettosità degli ordini", "order_defect_rate"),
        ("追跡可能率が目標を下回っています", "valid_tracking_rate"),
        ("您的订单缺陷率超过目标", "order_defect_rate"),
        ("Account health notice", None),
    ],
)
def test_a_performance_notice_names_its_metric(subject, metric):
    assert account_facts(Kind.PERFORMANCE_WARNING, subject, "")["metric"] == metric


@pytest.mark.parametrize(
    ("body", "held"),
    [
        ("If you have any funds in your account, they will be held.", True),
        ("Ihr Guthaben wird einbehalten.", True),
        ("Les fonds de votre compte sont bloqués.", True),
        ("売上金の支払いを保留します。", True),
        ("Your listings have been removed.", False),
    ],
)
def test_held_funds_are_noticed(body, held):
    assert account_facts(Kind.ACCOUNT_DEACTIVATED, "Your selling privileges have been removed", body)["funds_held"] is held


@pytest.mark.parametrize(
    ("text", "cause"),
    [
        ("Listing closed: negative customer experience", "customer_experience"),
        ("Angebot geschlossen: negative Kundenerfahrung", "customer_experience"),
        ("removed for an image that violates copyright", "ip"),
        ("Offre supprimée : marque déposée", "ip"),
        ("Listing closed", None),
    ],
)
def test_a_closed_listing_names_its_cause(text, cause):
    assert account_facts(Kind.LISTING_REMOVED, text, "")["listing_cause"] == cause


def test_only_account_notices_carry_account_facts():
    assert account_facts(Kind.BUYER_MESSAGE, "funds order defect rate", "customer experience") == {}


def test_the_parser_puts_them_on_the_notification():
    raw = (
        "From: Amazon Seller Performance <seller-performance@amazon.de>\r\n"
        "To: shop@example.test\r\nSubject: Ihre Bestellmängelquote liegt über dem Ziel\r\n"
        "Message-ID: <odr-1@amazon.de>\r\nDate: Mon, 7 Dec 2026 10:00:00 +0000\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\n"
        "Ihre Bestellmängelquote liegt über 1 %. Ihr Guthaben wird einbehalten.\r\n"
    ).encode()
    note = parse_message(raw, security=SecuritySettings())
    assert note.kind is Kind.PERFORMANCE_WARNING
    assert (note.metric, note.funds_held, note.listing_cause) == ("order_defect_rate", True, None)
    assert note.public_dict()["metric"] == "order_defect_rate"
