"""Charsets, transfer encodings, HTML-only mail and MIME structure, read into ReadMail."""

from __future__ import annotations

import time

from disputed.parsers import parse_message
from disputed.parsers.charsets import decode_bytes, decode_header
from disputed.parsers.htmltext import HtmlFindings, html_to_text
from disputed.parsers.mime import Budget, read_mail
from tests.parsers.build import encode, message, multipart, part, security

FROM = ["From: Someone <someone@buyer-mail.test>", "Subject: test", "Message-ID: <t1@buyer-mail.test>"]


def facts_of(raw: bytes):
    return read_mail(raw, security(), Budget(10))


def test_gb2312_label_decodes_gb18030_only_characters():
    text = "买家王喆说：𠮷野家的杯子坏了"  # 喆 is GBK-only, 𠮷 needs GB18030's four-byte form
    raw = message(FROM, encode(text, "gb18030", "base64"), 'text/plain; charset="GB2312"', "base64")
    mail = facts_of(raw)
    assert mail.text.strip() == text
    assert not any("replaced" in note for note in mail.remarks)


def test_iso_2022_jp_body_and_subject():
    subject = "=?ISO-2022-JP?B?" + __import__("base64").b64encode("返品のお知らせ".encode("iso2022_jp")).decode() + "?="
    raw = message(["From: a@amazon.co.jp", f"Subject: {subject}"], encode("注文番号をご確認ください。", "iso2022_jp", "7bit"),
                  'text/plain; charset="ISO-2022-JP"')
    mail = facts_of(raw)
    assert mail.subject == "返品のお知らせ"
    assert mail.text.strip() == "注文番号をご確認ください。"


def test_shift_jis_with_microsoft_extensions():
    text = "①番の商品が不具合です"  # ① exists only in the Microsoft variant of Shift_JIS
    raw = message(FROM, encode(text, "cp932", "8bit"), 'text/plain; charset="Shift_JIS"', "8bit")
    assert facts_of(raw).text.strip() == text


def test_latin1_label_with_windows_quotes_and_euro():
    data = "“Qualité” 12,50 €".encode("cp1252")
    raw = message(FROM, encode(data, "latin-1", "quoted-printable"), "text/plain; charset=iso-8859-1", "quoted-printable")
    assert facts_of(raw).text.strip() == "“Qualité” 12,50 €"


def test_iso_8859_15_euro_sign():
    raw = message(FROM, encode("Prix : 14,99 €", "iso-8859-15", "quoted-printable"),
                  "text/plain; charset=ISO-8859-15", "quoted-printable")
    assert facts_of(raw).text.strip() == "Prix : 14,99 €"


def test_utf8_mislabelled_as_latin1_is_recovered_and_noted():
    raw = message(FROM, "Rücksendung".encode("utf-8"), "text/plain; charset=iso-8859-1", "8bit")
    mail = facts_of(raw)
    assert mail.text.strip() == "Rücksendung"
    assert any("decoded as utf-8" in note for note in mail.remarks)


def test_unknown_charset_decodes_with_replacement_and_a_note():
    text, note = decode_bytes(b"caf\xe9 \xff\xfe", "x-unheard-of")
    assert text.startswith("caf")
    assert "unknown charset 'x-unheard-of'" in note


def test_charset_label_naming_a_non_text_codec_is_not_used():
    text, note = decode_bytes(b"aGVsbG8=", "base64")
    assert text == "aGVsbG8="  # not base64-decoded: a charset label is never a transformation
    assert "unknown charset 'base64'" in note


def test_quoted_printable_soft_breaks_and_base64_bodies():
    long = "Order ID: 113-2219034-5562871 and a line long enough to need a soft line break in quoted-printable " * 2
    for cte in ("quoted-printable", "base64"):
        raw = message(FROM, encode(long, "utf-8", cte), "text/plain; charset=utf-8", cte)
        assert facts_of(raw).text.strip() == long.strip()


def test_folded_encoded_words_split_inside_a_character_join_up():
    data = "Rücksendung für Bestellung".encode("utf-8")
    cut = data.index("ü".encode()) + 1  # split in the middle of the two-byte ü
    import base64

    words = [base64.b64encode(data[:cut]).decode(), base64.b64encode(data[cut:]).decode()]
    header = f"=?utf-8?B?{words[0]}?=\n =?utf-8?B?{words[1]}?="
    assert decode_header(header)[0] == "Rücksendung für Bestellung"


def test_broken_encoded_words_are_tolerated():
    text, notes = decode_header("=?utf-8?B?SGVsbG8?= =?utf-8?q?w=C3=B6rld?= plain =?nope?Q?x?=")
    assert text.startswith("Hellowörld plain x")
    assert any("unknown charset 'nope'" in n for n in notes)


def test_raw_8bit_header_is_read_as_utf8():
    raw = message(["From: a@b.test", "Subject: Größe passt nicht"], b"x")
    assert facts_of(raw).subject == "Größe passt nicht"


def test_text_part_is_preferred_and_attachments_and_forwarded_mail_are_not_the_body():
    forwarded = part("message/rfc822", message(["From: x@y.test", "Subject: old"], b"FORWARDED TEXT"))
    attachment = part('text/plain; name="notes.txt"', b"ATTACHED TEXT", extra="Content-Disposition: attachment")
    alternative = multipart("alternative", [part("text/plain; charset=utf-8", b"PLAIN BODY"),
                                            part("text/html; charset=utf-8", b"<p>HTML BODY</p>")], "alt1")
    inner = f"Content-Type: {alternative[0]}".encode() + b"\n\n" + alternative[1]
    ctype, body = multipart("mixed", [forwarded, attachment, inner], "mix1")
    mail = facts_of(message(FROM, body, ctype))
    assert mail.text.strip() == "PLAIN BODY"
    assert not mail.html_only


def test_html_only_mail_becomes_text_with_table_rows_and_no_active_content():
    html = (b"<html><head><style>p{color:red}</style><script>alert('x')</script></head><body>"
            b"<table><tr><th>Order Item</th><th>ASIN</th></tr><tr><td>Lamp</td><td>B0ABCDEFGH</td></tr></table>"
            b"<iframe src='http://evil.test/'>frame text</iframe><img src='http://evil.test/p.gif'>"
            b"<p>Line one<br>Line two</p></body></html>")
    ctype, body = multipart("alternative", [part("text/html; charset=utf-8", encode(html, "utf-8", "base64"), "base64")])
    mail = facts_of(message(FROM, body, ctype))
    assert mail.html_only
    lines = mail.text.splitlines()
    assert "Order Item | ASIN" in lines and "Lamp | B0ABCDEFGH" in lines
    assert "Line one" in lines and "Line two" in lines
    assert "alert" not in mail.text and "frame text" not in mail.text and "color" not in mail.text
    note = next(n for n in mail.remarks if n.startswith("HTML: ignored"))
    assert "script" in note and "iframe" in note and "remote image" in note


def test_html_charset_from_meta_when_the_header_has_none():
    html = '<html><head><meta charset="windows-1252"></head><body>Qualit\xe9 “top”</body></html>'.encode("cp1252")
    mail = facts_of(message(FROM, html, "text/html"))
    assert mail.text == "Qualité “top”"


def test_hostile_nesting_of_html_is_converted_quickly():
    findings = HtmlFindings()
    started = time.monotonic()
    text = html_to_text("<div>" * 200_000 + "still readable", findings)
    assert time.monotonic() - started < 5
    assert text == "still readable"
    assert "deeply nested markup" in findings.dropped


def test_dates_and_thread_headers_are_read():
    raw = message(["From: a@b.test", "Subject: x", "Date: Mon, 23 Nov 2026 09:00:00 +0100",
                   "Message-ID: <m1@b.test>", "In-Reply-To: <d1@shop.test>", "References: <d0@shop.test> <d1@shop.test>"], b"x")
    n = parse_message(raw, security=security())
    assert n.received_at.isoformat() == "2026-11-23T09:00:00+01:00"
    assert (n.message_id, n.in_reply_to, n.references) == ("<m1@b.test>", "<d1@shop.test>", ("<d0@shop.test>", "<d1@shop.test>"))
