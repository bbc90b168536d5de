"""Shortcuts in the parsers answer exactly as the long way round: each is checked against it here."""

from __future__ import annotations

import email
import email.policy
import random
import re
import unicodedata

import pytest

from disputed.parsers import htmltext, parse_message
from disputed.parsers.authenticity import BUILTIN_DOMAINS, _bases_of, within
from disputed.parsers.charsets import _unquote_q, decode_header
from disputed.parsers.extract import _DATES, _LABELLED_ASIN, _may_be_bare_asin, clean_id, lower_unaccented
from disputed.parsers import mime
from disputed.parsers.mime import sanitize_header
from tests.parsers.corpus import fixtures, security
from tests.parsers.test_classify import DEVELOPMENT, HELD_OUT, HELD_OUT_HARD


def _texts() -> list[str]:
    texts = [parse_message(f.path.read_bytes(), security=security()).body_text for f in fixtures()]
    texts += [case.text for case in DEVELOPMENT + HELD_OUT + HELD_OUT_HARD if case.text]
    texts += ["by November 30, 2026", "bis zum 30. November 2026", "avant le 1er décembre 2026", "2026年12月1日まで",
              "respond by 2026-12-01", "bis 01.12.2026", "due\t30 nov\n2026", "30 de noviembre de 2026", "Dec. 3rd,\u20032026"]
    rng = random.Random(5)
    texts += [rng.choice(texts)[: rng.randint(0, 400)] + rng.choice(texts) for _ in range(400)]
    return texts


@pytest.mark.parametrize("index", range(len(_DATES)))
def test_a_date_pattern_is_only_skipped_when_its_year_shape_is_absent(index: int) -> None:
    pattern, year, _order = _DATES[index]
    found = 0
    for text in _texts():
        folded = lower_unaccented(text)
        if pattern.search(folded):
            found += 1
            assert year.search(folded), folded
    assert found > 0


def test_domain_bases_stand_for_within() -> None:
    bases = [base for domains in BUILTIN_DOMAINS.values() for base in domains] + ["", "com", "b", ".b", "amazon.com."]
    domains = ["amazon.com", "marketplace.amazon.de", "amazon.com.evil.test", "evil-amazon.com", ".amazon.com",
               "amazon.com.", "a..b", "", ".", "ebay.co.uk", "members.ebay.co.uk", "xn--amazon-9ya.com", "walmart.ca"]
    for domain in domains:
        for base in bases:
            assert (base in _bases_of(domain)) == within(domain, base), (domain, base)


def _sanitized_by_category(value: str) -> str:
    """The header sanitiser as first written: control characters told by their Unicode category."""
    cleaned = value.translate(mime._UNSAFE)
    if not cleaned.isascii():
        cleaned = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in cleaned)
    return mime._RUNS.sub(" ", cleaned).strip()


def test_headers_are_sanitised_as_the_category_rule_does() -> None:
    rng = random.Random(9)
    controls = "".join(chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cc")
    alphabet = "ab  \t\r\n\x00\x7f\x85\x80\x9f\xa0é\u2028\u202e\u3000:;<>@" + controls
    values = ["Order 111-2948817-5501936  shipped ", "  a  b  ", "", " ", "plain", "x\ty", "x\r\n y", controls]
    values += ["".join(rng.choices(alphabet, k=rng.randint(0, 12))) for _ in range(5000)]
    for value in values:
        assert sanitize_header(value) == _sanitized_by_category(value), repr(value)


HTML_SAMPLES = [
    "<html><head><script>alert(1)</script><title>t</title></head><body><p>x</p></body></html>",
    "<html><head><SCRIPT src=x></SCRIPT></head><body>y</body></html>",
    "<head><iframe src=x></iframe><object></object></head><body>z</body>",
    "<head><style>p{}</style></head><body><table><tr><td>a</td><td>b</td></tr></table></body>",
    "<head><svg><script>x</script></svg></head>",
    "<head><title>no active content</title><meta charset=utf-8></head><body>plain</body>",
    "<head><frameset><frame src=x></frameset></head>",
    "<head>< script>not a tag</script></head>",
]


def test_the_head_is_searched_for_active_content_only_where_a_start_tag_could_make_it(monkeypatch) -> None:
    samples = HTML_SAMPLES + [
        html for html in (_html_of(f.path.read_bytes()) for f in fixtures()) if html
    ]

    def converted(html: str) -> tuple[str, set[str]]:
        findings = htmltext.HtmlFindings()
        return htmltext.html_to_text(html, findings), findings.dropped

    fast = [converted(html) for html in samples]
    monkeypatch.setattr(htmltext, "_ACTIVE_START_TAG", re.compile(""))  # always search the head
    assert fast == [converted(html) for html in samples]
    assert any("script" in dropped for _, dropped in fast)


def _html_of(raw: bytes) -> str:
    message = email.message_from_bytes(raw, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            return part.get_payload(decode=True).decode("utf-8", "replace")
    return ""


def test_q_encoded_words_unquote_as_the_escape_pattern_does() -> None:
    escape = re.compile(rb"=([0-9A-Fa-f]{2})")
    rng = random.Random(4)
    alphabet = "=0123456789abcdefABCDEFGxyz_ é\udcff"
    for _ in range(20_000):
        payload = "".join(rng.choices(alphabet, k=rng.randint(0, 14)))
        data = payload.encode("utf-8", "surrogateescape")
        assert _unquote_q(payload) == escape.sub(lambda m: bytes([int(m.group(1), 16)]), data), payload


def test_decoded_headers_note_what_the_full_comparison_notes() -> None:
    rng = random.Random(10)
    pieces = ["Order", " ", "  ", "\t", "\r\n ", "=?utf-8?q?R=C3=BCcksendung?=", "=?utf-8?B?broken!?=", "é", "\x00", "\x85",
              "\u2028", "\u202e", "x"]
    values = ["".join(rng.choices(pieces, k=rng.randint(0, 8))) for _ in range(3000)]
    for value in values:
        mail = mime.ReadMail()
        clean = mime._decoded(value, mail, "subject")
        text, notes = decode_header(value)
        expected_notes = [f"subject: {n}" for n in notes]
        if any(ch in text for ch in "\r\n\x00") or _sanitized_by_category(text) != mime._RUNS.sub(" ", text).strip():
            expected_notes.append("subject: line breaks or control characters removed")
        assert (clean, mail.remarks) == (_sanitized_by_category(text), expected_notes), repr(value)


def test_text_that_cannot_clean_to_an_asin_is_not_cleaned() -> None:
    rng = random.Random(11)
    pieces = ["B0", "ABCDEFGH", "12345678", " ", "\u00a0", "#", "＃", "No.", "nr.", "n°", "x", "\n", "-", "B0CT7RZ2KD"]
    values = ["B0CT7RZ2KD", "No. B0CT7RZ2KD", "# B0 CT7 RZ2 KD", " nr.B0CT7RZ2KD ", "asin: B0CT7RZ2KD"]
    values += ["".join(rng.choices(pieces, k=rng.randint(1, 6))) for _ in range(5000)] + _texts()[:200]
    assert sum(bool(_LABELLED_ASIN.match(clean_id(value))) for value in values) > 10
    for value in values:
        if not _may_be_bare_asin(value):
            assert not _LABELLED_ASIN.match(clean_id(value)), repr(value)
