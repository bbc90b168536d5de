"""The fast MIME split against compat32: wherever the split takes a message, it must read exactly alike.

Every message of the fixture corpus, the bench mail and the demo mail, their line-end variants,
structural edits (boundaries, delimiters, header lines, nesting) and thousands of random edits go
through both paths; the compat32 trees and the ReadMail must be identical, field by field.
"""

from __future__ import annotations

import dataclasses
import email
import random
import re
from email.message import Message
from email.policy import compat32
from pathlib import Path

import pytest

from disputed.parsers.mime import Budget, ReadMail, QuarantineError, read_mail
from disputed.parsers.mimesplit import _delimiter_lines, split_message
from tests.parsers.build import message, multipart, part, security

ROOT = Path(__file__).resolve().parents[2]
MAIL_DIRS = (ROOT / "tests" / "fixtures", ROOT / "src" / "disputed" / "bench" / "mail", ROOT / "src" / "disputed" / "demo" / "mail")
CORPUS = [path.read_bytes() for folder in MAIL_DIRS for path in sorted(folder.rglob("*.eml"))]
SETTINGS = security()


def tree(msg: Message) -> tuple:
    """Everything compat32 stores in a tree, nested parts included."""
    payload = msg._payload
    if isinstance(payload, list):
        payload = [tree(part) for part in payload]
    return (msg._headers, payload, msg.preamble, msg.epilogue, [type(d).__name__ for d in msg.defects],
            msg.get_default_type(), msg.get_unixfrom(), msg._charset, msg.policy)


def facts_fields(mail: ReadMail) -> dict:
    parts = ("message", "html_part")
    fields = {field.name: getattr(mail, field.name) for field in dataclasses.fields(ReadMail) if field.name not in parts}
    fields["message"] = tree(mail.message)
    fields["html_part"] = tree(mail.html_part) if mail.html_part is not None else None
    return fields


def reading(raw: bytes, *, fast: bool):
    try:
        return facts_fields(read_mail(raw, SETTINGS, Budget(60), fast=fast))
    except QuarantineError as exc:
        return exc.reason


def assert_same_reading(raw: bytes) -> bool:
    """Both paths agree on ``raw``; True when the split took it."""
    split = split_message(raw, SETTINGS)
    if split is None:
        return False
    assert tree(split) == tree(email.message_from_bytes(raw, policy=compat32))
    assert reading(raw, fast=True) == reading(raw, fast=False)
    return True


def variants(raw: bytes) -> list[bytes]:
    """The message with other line ends, and with its structure bent in the ways mail bends it."""
    lf = raw.replace(b"\r\n", b"\n")
    out = [raw, lf, lf.replace(b"\n", b"\r\n"), lf.replace(b"\n", b"\r")]
    head, sep, body = raw.partition(b"\r\n\r\n")
    if sep:
        out += [
            b"From sender@example.test Mon Nov 23 08:00:00 2026\r\n" + raw,  # envelope line
            head + b"\r\nX-Broken header: value" + sep + body,  # a space in a field name
            head + b"\r\n: no name" + sep + body,
            b" continued\r\n" + raw,
            head + b"\r\nX-Odd:\r\n\tfolded\r\n \r\n" + sep + body,
            head + b"\r\nContent-Type: text/html" + sep + body,  # a second Content-Type: the first counts
            head + sep + body + b"\r\n--tail--\r\n",
            head,  # no body, no blank line
        ]
    for boundary in _boundaries(raw):
        delimiter = b"--" + boundary
        out += [
            raw.replace(delimiter + b"--", delimiter, 1),  # never closed
            raw.replace(delimiter + b"\r\n", delimiter + b"\r\n" + delimiter + b"\r\n", 1),  # doubled
            raw.replace(delimiter, delimiter + b" \t", 1),  # blanks after the delimiter
            raw.replace(delimiter, b"preamble text\r\n" + delimiter, 1),
            raw.replace(delimiter + b"--", delimiter + b"--\r\nepilogue\r\n", 1),
            raw.replace(delimiter + b"--\r\n", delimiter + b"--", 1),
            raw.replace(delimiter, delimiter + b"x", 1),
            raw.replace(b"boundary=", b"boundary*=", 1),
        ]
    return out


def _boundaries(raw: bytes) -> list[bytes]:
    return sorted(set(re.findall(rb'boundary="?([^";\r\n]+)"?', raw)))


def mutants(raw: bytes, seed: int, count: int) -> list[bytes]:
    """Random edits: bytes flipped, lines deleted or repeated, line ends changed, splices of MIME syntax."""
    rng = random.Random(seed)
    tokens = [b"\r\n", b"\n", b"\r", b"--", b"\r\n\r\n", b": ", b" ", b"\t", b"\x00", b"\xe9", b"=\r\n", b"=?utf-8?B?",
              b"Content-Type: multipart/mixed; boundary=zz\r\n", b"\r\n--zz\r\n", b"\r\n--zz--\r\n", b"From ",
              b"Content-Transfer-Encoding: base64\r\n", b"Content-Type: message/rfc822\r\n", b"charset=", b'"']
    out = []
    for _ in range(count):
        data = bytearray(raw)
        for _ in range(rng.randint(1, 6)):
            pos = rng.randrange(len(data) + 1)
            action = rng.random()
            if action < 0.3 and data:
                data[min(pos, len(data) - 1)] = rng.randrange(256)
            elif action < 0.65:
                data[pos:pos] = rng.choice(tokens)
            elif action < 0.85:
                del data[pos : pos + rng.randint(1, 40)]
            else:
                line_end = data.find(b"\n", pos)
                if line_end >= 0:
                    data[pos:pos] = data[pos : line_end + 1]
        out.append(bytes(data))
    return out


def built_messages() -> list[bytes]:
    """Shapes written inline: nesting, attachments, parts without headers, odd encodings."""
    plain = part("text/plain; charset=utf-8", b"Bestellnummer: 303-2281945-6612870")
    html = part("text/html; charset=utf-8", b"<p>Hallo</p>", "quoted-printable")
    alternative = multipart("alternative", [plain, html], "alt")
    inner = f"Content-Type: {alternative[0]}".encode() + b"\n\n" + alternative[1]
    attachment = part("application/pdf", b"JVBERi0xLjQK", "base64", "Content-Disposition: attachment; filename=a.pdf")
    headerless = b"\nbody of a part without headers"
    shapes = [
        multipart("mixed", [inner, attachment]),
        multipart("mixed", [headerless, plain]),
        multipart("related", [html, part("image/png", b"iVBORw0KGgo=", "base64")]),
        multipart("alternative", [plain], 'with "quotes" and spaces'),
        multipart("mixed", [plain, part("message/rfc822", message(["From: a@b.test"], b"inner"))]),
        multipart("digest", [message(["From: a@b.test"], b"digest entry")]),
    ]
    built = [message(["From: Buyer <b@buyer.test>", "Subject: shapes"], body, ctype) for ctype, body in shapes]
    built.append(message(["From: b@buyer.test"], b"x", "multipart/mixed", "7bit"))  # no boundary
    built.append(message(["From: b@buyer.test"], b"--b\n\n--b--\n", "multipart/mixed; boundary=b", "base64"))
    return built


def test_the_split_reads_every_corpus_message_and_variant_like_compat32():
    taken = seen = 0
    for raw in CORPUS + built_messages():
        for variant in variants(raw):
            seen += 1
            taken += assert_same_reading(variant)
    # The split is only worth having when it takes the usual mail.
    assert taken > seen / 3, f"the split took only {taken} of {seen} messages"


def test_the_split_takes_nearly_all_of_the_corpus():
    taken = sum(split_message(raw, SETTINGS) is not None for raw in CORPUS)
    assert taken >= 0.9 * len(CORPUS)


@pytest.mark.parametrize("seed", range(8))
def test_mutated_messages_read_alike_wherever_the_split_takes_them(seed):
    rng = random.Random(seed)
    taken = 0
    for raw in rng.sample(CORPUS, 40):
        for mutant in mutants(raw, rng.randrange(2**32), 12):
            taken += assert_same_reading(mutant)
    assert taken > 0


def test_limits_still_apply_to_split_messages():
    ctype, body = multipart("mixed", [part("text/plain", b"x")] * 6)
    raw = message(["From: b@buyer.test"], body, ctype)
    with pytest.raises(QuarantineError, match="max_parts"):
        read_mail(raw, security(max_parts=5), Budget(60))
    assert split_message(raw, security(max_parts=5)) is None
    assert split_message(raw, SETTINGS) is not None


def test_delimiter_lines_are_those_of_compat32s_pattern():
    """compat32 compiles `--boundary(--)?[ \\t]*(line end)?$` per multipart; the split finds the same lines."""
    rng = random.Random(3)
    pieces = [b"--b", b"--b--", b"--bb", b"b", b"-", b" ", b"\t", b"\r\n", b"\n", b"x", b"--"]
    for _ in range(5000):
        raw = b"".join(rng.choices(pieces, k=rng.randint(0, 12)))
        start = rng.randint(0, len(raw))
        end = rng.randint(start, len(raw))
        pattern = re.compile(rb"^--b(--)?[ \t]*(?:\r?\n|\Z)", re.M)
        expected = [(m.start(), m.end(), bool(m.group(1))) for m in pattern.finditer(raw, start, end)]
        assert [tuple(line) for line in _delimiter_lines(raw, start, end, b"--b")] == expected, (raw, start, end)
