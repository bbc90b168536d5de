"""A relayed buyer message belongs to the order the relay names (its subject, the lines it prints around the
buyer's words), never to an order line the buyer types (issue 12): such a line moved the message into another
buyer's case."""

from __future__ import annotations

import pytest

from disputed.parsers import parse_message
from tests.parsers.corpus import CORPUS, security


def _with_buyer_line(raw: bytes, after: bytes, line: bytes) -> bytes:
    """``raw`` with ``line`` typed by the buyer as the first line of their words (right after ``after``)."""
    assert after in raw, after
    return raw.replace(after, after + line, 1)


# (fixture, where the buyer's words start, the line the buyer types, the relay's own order)
CASES = [
    ("amazon/msg_us_en_markers.eml", b"------------- Begin message -------------\r\n\r\n",
     b"Order ID: 999-9999999-9999999\r\n", "111-2948817-5501936"),
    ("amazon/msg_fr_opener_without_begin.eml", b"------------- Message du client : -------------\r\n\r\n",
     b"Numero de commande : 999-9999999-9999999\r\n", "171-2093847-5561029"),
    ("ebay/member_message_en.eml", b"New message from: buyer_jo_77 (152)\r\n\r\n",
     b"Order number: 99-99999-99999\r\n", "14-11297-60318"),
    ("walmart/msg_en_damaged.eml", b"Message from customer:\r\n",
     b"Customer Order #: 9999999999999\r\n", "2000118347265"),
]


@pytest.mark.parametrize(("name", "after", "line", "order"), CASES, ids=[c[0] for c in CASES])
def test_an_order_line_in_the_buyers_words_does_not_move_the_message(name, after, line, order):
    raw = (CORPUS / name).read_bytes()
    if b"\r\n" not in raw:
        after, line = after.replace(b"\r\n", b"\n"), line.replace(b"\r\n", b"\n")
    plain = parse_message(raw, security=security())
    assert plain.order_id == order and plain.reply_to  # a relayed message, read as before
    attacked = parse_message(_with_buyer_line(raw, after, line), security=security())
    assert attacked.order_id == order
    assert attacked.reply_to == plain.reply_to
