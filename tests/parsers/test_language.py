"""Language detection: scripts first, py3langid for the rest, the hint for very short text."""

from __future__ import annotations

import random
import re

import pytest

from disputed.parsers import parse_message
from disputed.languages import gathered
from disputed.parsers.language import (
    _NOISE_PARTS,
    _WORD,
    SHORT_TEXT_LETTERS,
    _add_marker_votes,
    _clear_from_markers,
    _decide,
    _marker_counts,
    _probabilities,
    _without_noise,
    detect_language,
)
from tests.parsers.corpus import fixtures, security
from tests.parsers.test_classify import DEVELOPMENT, HELD_OUT, HELD_OUT_HARD

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


# -- the shortcuts read exactly as the plain patterns and the full count do -----------------------------------------

def _texts_in_every_language() -> list[str]:
    texts = [case.text for case in BUYER_MESSAGES]
    texts += [parse_message(f.path.read_bytes(), security=security()).body_text for f in fixtures()]
    texts += [text[start : start + 90] for text in texts[:60] for start in range(0, len(text), 37)]
    rng = random.Random(6)
    words = " ".join(texts).split()
    texts += [" ".join(rng.choices(words, k=rng.randint(1, 40))) for _ in range(300)]  # word salads, repeats
    return [t for t in texts if t]


TEXTS = _texts_in_every_language()


def test_noise_removal_leaves_out_only_alternatives_that_cannot_match() -> None:
    full = re.compile("|".join(pattern for _, pattern in _NOISE_PARTS))
    extras = ["mail me at a.b+c@shop-x.test now", "see https://x.test/a?b=1 and www.y.test", "B0ABCDEFGH 12-34 5€",
              "@@ www http:// a@b", "1234567890ABC -1234567890ABC x@y", "a." * 500]
    for text in TEXTS + extras:
        assert _without_noise(text) == full.sub(" ", text)


def test_marker_words_only_decide_where_the_model_could_not_change_the_answer() -> None:
    """Wherever the marker words settle a long text without the model, the model would have changed nothing."""
    rng = random.Random(8)
    markers = [word for words in gathered("LANGUAGE_MARKERS").values() for word in words.split()]
    salads = [" ".join(rng.choices(markers, k=rng.randint(1, 6)) + text.split()[: rng.randint(3, 30)]) for text in TEXTS[:300]]
    settled = 0
    for text in TEXTS + salads:
        words = _WORD.findall(_without_noise(text))
        letters = sum(len(word) for word in words)
        counts = _marker_counts(words)
        clear = _clear_from_markers(counts)
        if clear is None or letters < SHORT_TEXT_LETTERS:
            continue
        settled += 1
        probabilities = _probabilities(" ".join(words))
        _add_marker_votes(probabilities, counts)
        for hint in (None, "en", "de", "ja"):
            assert _decide(probabilities, letters, hint) == clear, text
    assert settled > 100
