"""Limits that quarantine a message, the header sanitiser, and a mutation fuzz over the corpus."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from disputed.notification import Notification
from disputed.parsers import INTERNAL_ERROR, QuarantineError, parse_message, sanitize_header
from tests.parsers.build import message, multipart, part, security
from tests.parsers.corpus import fixtures

FROM = ["From: Someone <someone@buyer-mail.test>", "Subject: limits"]


def quarantined(raw: bytes, **limits) -> str:
    with pytest.raises(QuarantineError) as caught:
        parse_message(raw, security=security(**limits))
    return caught.value.reason


def test_message_size_limit():
    raw = message(FROM, b"x" * 5000)
    assert "max_message_bytes" in quarantined(raw, max_message_bytes=4096)


def test_header_size_limit():
    raw = message([*FROM, "X-Padding: " + "a" * 3000], b"body")
    assert "max_header_bytes" in quarantined(raw, max_header_bytes=2048)


def test_part_count_limit_refuses_a_mail_bomb_before_parsing_it():
    ctype, body = multipart("mixed", [part("text/plain", b"x")] * 500)
    assert "max_parts" in quarantined(message(FROM, body, ctype), max_parts=50)


def test_part_count_limit_also_holds_for_moderately_sized_messages():
    ctype, body = multipart("mixed", [part("text/plain", b"x")] * 12)
    assert "max_parts" in quarantined(message(FROM, body, ctype), max_parts=10)


def test_nesting_depth_limit():
    inner = part("text/plain", b"deep")
    for level in range(6):
        ctype, body = multipart("mixed", [inner], f"level{level}")
        inner = f"Content-Type: {ctype}".encode() + b"\n\n" + body
    ctype, body = multipart("mixed", [inner], "top")
    assert "max_depth" in quarantined(message(FROM, body, ctype), max_depth=3)


def test_parse_time_limit():
    assert "parse time limit" in quarantined(message(FROM, b"hello"), parse_seconds=1e-9)


def test_limits_leave_ordinary_mail_alone():
    ctype, body = multipart("mixed", [part("text/plain", b"x")] * 3)
    assert isinstance(parse_message(message(FROM, body, ctype), security=security()), Notification)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Re: Return request\r\nBcc: victim@evil.test", "Re: Return request Bcc: victim@evil.test"),
        ("line\nbreak\rcarriage", "line break carriage"),
        ("nul\x00bell\x07escape\x1b[31m", "nul bell escape [31m"),
        ("tab\tseparated", "tab separated"),
        ("unicode\u2028line\u2029para\x85nel", "unicode line para nel"),
        ("bidi \u202eevil\u202c trick", "bidi evil trick"),
        ("  Ünïcödé ok — 返品  ", "Ünïcödé ok — 返品"),
    ],
)
def test_sanitize_header(raw, clean):
    assert sanitize_header(raw) == clean
    assert sanitize_header(clean) == clean


def test_subject_with_encoded_line_breaks_cannot_inject_headers():
    raw = message(["From: a@buyer-mail.test", "Subject: =?utf-8?q?Hi=0D=0ABcc:_x@evil.test=0A=0Dy?="], b"x")
    notification = parse_message(raw, security=security())
    assert "\r" not in notification.subject and "\n" not in notification.subject
    assert notification.subject == "Hi Bcc: x@evil.test y"
    assert any("line breaks" in note for note in notification.remarks)


_CORPUS = [f.path.read_bytes() for f in fixtures()]


def _mutate(data: bytes, seed: int) -> bytes:
    rng = random.Random(seed)
    out = bytearray(data)
    for _ in range(rng.randint(1, 12)):
        action = rng.random()
        pos = rng.randrange(len(out) or 1)
        if action < 0.4 and out:
            out[pos] = rng.randrange(256)
        elif action < 0.6:
            out[pos:pos] = rng.choice([b"\r\n", b"=?", b"?=", b"--", b"boundary=", b"<td>", b"\x00", b"=?utf-8?B?", b":"])
        elif action < 0.8 and out:
            del out[pos : pos + rng.randint(1, 40)]
        else:
            chunk = out[pos : pos + rng.randint(1, 200)]
            out[pos:pos] = chunk * rng.randint(1, 5)
    return bytes(out)


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(index=st.integers(0, len(_CORPUS) - 1), seed=st.integers(0, 2**32))
def test_mutated_corpus_mail_never_crashes_the_parser(index, seed):
    raw = _mutate(_CORPUS[index], seed)
    try:
        notification = parse_message(raw, security=security())
    except QuarantineError as exc:
        assert exc.reason and not exc.reason.startswith(INTERNAL_ERROR), exc.reason
        return
    assert isinstance(notification, Notification)
    assert "\n" not in notification.subject and "\r" not in notification.subject
