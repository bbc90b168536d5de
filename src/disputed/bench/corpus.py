"""Realistic notifications for a benchmark, in any number.

The templates are the project's own sample mails (``bench/mail/``: Amazon, eBay,
AliExpress and Walmart notices and relayed buyer messages in several languages and
encodings, bounces and auto-replies, one look-alike forgery). Message ``n`` is
template ``n mod T`` with its Message-ID made unique and every order id in its
headers and plain-text body replaced by one derived from ``n``, so most messages
open a case of their own; bodies in base64 keep their order ids and join an
earlier case, as repeated notices about one order do.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from email.utils import format_datetime
from functools import lru_cache
from importlib import resources

# Order ids as the platforms print them (README: Names). Longer shapes first.
_ORDER_IDS = (
    (re.compile(rb"(?<![\d-])\d{3}-\d{7}-\d{7}(?![\d-])"), lambda n: f"{200 + n % 700:03d}-{n % 10_000_000:07d}-{(n * 7919) % 10_000_000:07d}"),
    (re.compile(rb"(?<![\d-])\d{2}-\d{5}-\d{5}(?![\d-])"), lambda n: f"{10 + n % 89:02d}-{n % 100_000:05d}-{(n * 31) % 100_000:05d}"),
    (re.compile(rb"(?<!\d)\d{16}(?!\d)"), lambda n: f"8{n:015d}"),
    (re.compile(rb"(?<!\d)\d{13}(?!\d)"), lambda n: f"5{n:012d}"),
)
_MESSAGE_ID = re.compile(rb"^(Message-ID:[ \t]*)<[^>\r\n]*>", re.I | re.M)
_DATE = re.compile(rb"^Date:[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*", re.I | re.M)
# Fixtures authenticated by this server; the benchmark's settings trust it.
TRUSTED_AUTHSERV = "mx.seller-mail.test"


@lru_cache(maxsize=1)
def templates() -> tuple[tuple[str, bytes], ...]:
    folder = resources.files("disputed.bench") / "mail"
    found = sorted((entry.name, entry.read_bytes()) for entry in folder.iterdir() if entry.name.endswith(".eml"))
    if not found:
        raise RuntimeError(f"no sample mails in {folder}")
    return tuple(found)


# Notices that always queue a buyer draft (plain bodies, so their order ids vary): the push test. The two buyer
# messages are ones the shipped model reads well above the triage threshold (a test holds them there): one read
# just under it is held for a person and never drafts.
DRAFTING = ("amazon_return_en_plain_list.eml", "amazon_msg_uk_en_wrong_colour.eml", "ebay_return_en.eml", "aliexpress_dispute_en.eml", "walmart_msg_en_damaged.eml", "amazon_atoz_claim_en.eml")


def notification(n: int, *, only: tuple[str, ...] | None = None) -> bytes:
    """The ``n``-th benchmark message: unique Message-ID, order ids varied by ``n``
    (``only``: drawn from these templates)."""
    pool = templates() if only is None else tuple(t for t in templates() if t[0] in only)
    _name, raw = pool[n % len(pool)]
    raw = _MESSAGE_ID.sub(rb"\1<bench-%d@notify.bench.test>" % n, raw, count=1)
    if not _MESSAGE_ID.search(raw):
        raw = b"Message-ID: <bench-%d@notify.bench.test>\r\n" % n + raw
    for pattern, make in _ORDER_IDS:
        raw = _vary(pattern, make, n, raw)
    return raw


def _vary(pattern: re.Pattern[bytes], make, n: int, raw: bytes) -> bytes:
    seen: dict[bytes, bytes] = {}

    def replace(match: re.Match[bytes]) -> bytes:
        # Each distinct id in the message maps to one new id, so a message stays consistent.
        return seen.setdefault(match.group(0), make(n + 1_000_003 * len(seen)).encode())

    return pattern.sub(replace, raw)


def dated(raw: bytes, when: datetime) -> tuple[bytes, datetime]:
    """``raw`` sent and received at ``when``: its Date header and its arrival time (for ``append_many``)."""
    stamp = b"Date: " + format_datetime(when).encode()
    raw, found = _DATE.subn(stamp, raw, count=1)
    return (raw if found else stamp + b"\r\n" + raw), when


def notifications(count: int, *, start: int = 0) -> Iterator[bytes]:
    for n in range(start, start + count):
        yield notification(n)
