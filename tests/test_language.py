"""Language detection: scripts first, py3langid for the rest, the hint for very short text."""

from __future__ import annotations

import time

import pytest

from disputed.parsers.language import detect_language
from tests.test_classify import DEVELOPMENT, HELD_OUT, HELD_OUT_HARD

BUYER_MESSAGES = [case for case in DEVELOPMENT + HELD_OUT + HELD_OUT_HARD if case.text]


@pytest.mark.parametrize("case", BUYER_MESSAGES, ids=str)
def test_buyer_messages_without_a_hint(case) -> None:
    assert detect_language(case.text) == case.language


@pytest.mark.parametrize(
    ("text", "hint", "expected"),
    [
        # Short messages a model alone cannot place; unmistakable words can.
        ("Danke!", None, "de"),
        ("Merci", None, "fr"),
        ("Grazie", None, "it"),
        ("Gracias", None, "es"),
        ("Thanks", None, "en"),
        ("Vielen Dank", None, "de"),
        ("Muchas gracias", None, "es"),
        ("Wo ist mein Paket?", None, "de"),
        ("Dov'è il mio pacco?", None, "it"),
        ("¿Y mi paquete?", None, "es"),
        ("Colis reçu, merci", None, "fr"),
        ("The first one.", None, "en"),
        ("Il secondo", None, "it"),
        # Scripts decide at once, whatever the hint.
        ("はい", "en", "ja"),
        ("好的", None, "zh"),
        ("我還沒收到貨", None, "zh"),
        ("네 감사합니다", None, "ko"),
        ("Amazon 注文 #123-4567890-1234567 キャンセル", None, "ja"),
        # A few Latin words around a CJK product name stay Latin.
        ("Hello, I ordered the 手机壳 but got something else", None, "en"),
        # Neighbours are told apart rather than misfiled as a served language.
        ("Obrigado, recebi o pacote ontem", None, "pt"),
        ("Dank je wel, ik heb het pakket ontvangen", None, "nl"),
        # The hint breaks ties on very short text...
        ("ok", None, None),
        ("ok", "fr", "fr"),
        ("ok", "zh-TW", "zh"),
        ("Option 2", None, None),
        ("Option 2", "de", "de"),
        ("No", "it", "it"),
        # ...but does not override a clear text.
        ("Where is my parcel?", "de", "en"),
        ("Hallo, mein Paket ist noch nicht da", "en", "de"),
        ("la prima", "es", "it"),
        # Nothing to tell.
        ("", None, None),
        ("   ", "en", None),
        ("123-4567890-1234567", "en", None),
        ("???!!!", "de", None),
        ("https://www.amazon.de/gp/css/order-history?ref=nav", None, None),
    ],
)
def test_short_and_edge_texts(text: str, hint: str | None, expected: str | None) -> None:
    assert detect_language(text, hint) == expected


def test_keyboard_mash_is_not_a_language() -> None:
    assert detect_language("asdfgh") is None
    assert detect_language("zxcv bnm") is None


def test_speed() -> None:
    texts = [case.text for case in BUYER_MESSAGES] * 10
    detect_language("warm up")
    started = time.perf_counter()
    for text in texts:
        detect_language(text)
    rate = len(texts) / (time.perf_counter() - started)
    print(f"language detection: {rate:.0f} messages/s")
    assert rate > 2000, rate
