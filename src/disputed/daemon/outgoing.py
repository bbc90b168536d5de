"""Building the outgoing message: headers that thread, nothing a buyer can inject.

The message is written as bytes directly: building an ``email.message.EmailMessage``
and flattening it cost about as much as sending it. What is written:

- no CR, LF or other control characters in any header value (``clean_header``);
  In-Reply-To and References only from well-formed Message-IDs; To only deliverable
  ASCII or IDNA addresses, never a no-reply one;
- plain ASCII text folded at its spaces into lines of at most 78 characters; anything
  else (non-ASCII, a word too long to fold, text that would read as an encoded word)
  as RFC 2047 UTF-8 encoded words of at most 75 characters, Q or B whichever is
  shorter, never splitting a character;
- display names as atoms, a quoted string, or encoded words in the RFC 2047 phrase
  alphabet;
- the body as UTF-8 with CRLF line ends: 7bit when it is printable ASCII in lines of at
  most 78 characters, otherwise quoted-printable or base64, whichever is shorter (so
  German goes as quoted-printable, Japanese as base64). Never raw 8-bit: the envelope
  does not ask for 8BITMIME, and the copy filed in Sent is the same bytes;
- From, the same in every message, is formatted once by the email package (it is the
  operator's free-form setting);
- a draft with files (an operator's attachments) goes as multipart/mixed: the text as
  above, then each file in base64, its part headers written by the email package (a file
  name in any script needs RFC 2231).

``build_message`` parses those bytes back into an ``EmailMessage`` for callers that want one.
"""

from __future__ import annotations

import base64
import binascii
import re
import secrets
import time
from collections.abc import Sequence
from datetime import datetime, timezone
from email import message_from_bytes, policy
from email.message import EmailMessage, MIMEPart
from email.utils import format_datetime, getaddresses
from functools import lru_cache

from disputed.parsers import sanitize_header
from disputed.parsers.loops import LOOP_HEADER, is_noreply
from disputed.store.models import Draft, DraftAttachment

__all__ = ["LOOP_HEADER", "build_message", "build_raw", "clean_header", "message_ids", "recipients"]

# A Message-ID as it may be written back in In-Reply-To / References: printable ASCII, nothing else.
_MSG_ID = re.compile(r"<[!-;=?-~]{1,250}@[!-;=?-~]{1,250}>")
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_ADDR_SPEC = re.compile(rf"{_ATOM}(?:\.{_ATOM})*@{_LABEL}(?:\.{_LABEL})+")
_PHRASE = re.compile(rf"{_ATOM}(?: {_ATOM})*")  # a display name that needs no quoting
_ASCII_TEXT = re.compile(r"[ -~]*")
_CLEAN = re.compile(r"[!-~]+(?: [!-~]+)*")

LINE = 78  # RFC 5322: lines SHOULD be no longer (998 is the hard limit)
_WORD = 75  # RFC 2047: the longest encoded word
# RFC 2047 Q encoding with the alphabet allowed in a phrase (section 5 (3)), so it is safe in every header.
_Q_SAFE = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!*+-/")
_Q = ["_" if b == 0x20 else chr(b) if b in _Q_SAFE else f"={b:02X}" for b in range(256)]
_NOT_7BIT = re.compile(rb"[^\t\r\n -~]")


def clean_header(value: str | None) -> str:
    """No CR, LF, Unicode line separators or other control characters in anything that goes into a
    header (Python's email package splits header values on every str.splitlines boundary)."""
    if not value:
        return ""
    if _CLEAN.fullmatch(value):  # printable ASCII, single spaces, nothing at either end: already clean
        return value
    return sanitize_header(value)


def message_ids(value: str | None) -> list[str]:
    """The well-formed Message-IDs in ``value``; anything else (raw 8-bit bytes, stray text) is dropped."""
    return _MSG_ID.findall(clean_header(value))


def addressees(to_addr: str | None) -> list[tuple[str, str]]:
    """(display name, address) for every address in ``to_addr`` that SMTP can deliver to: an ASCII
    dot-atom local part and a domain (IDNA-encoded when it is not ASCII), and not a no-reply or
    mailer-daemon address (RFC 3834: nothing we send may start a loop). The envelope and the To
    header are both built from these, so they cannot disagree."""
    return list(_addressees(clean_header(to_addr)))


@lru_cache(maxsize=4096)  # a draft's addressees are wanted three times: limits, envelope, To
def _addressees(to_addr: str) -> tuple[tuple[str, str], ...]:
    if _ADDR_SPEC.fullmatch(to_addr):  # the usual relay address: nothing to parse
        deliverable = _deliverable(to_addr)
        return (("", deliverable),) if deliverable else ()
    found: list[tuple[str, str]] = []
    for name, addr in getaddresses([to_addr]):
        deliverable = _deliverable(addr)
        if deliverable and deliverable.lower() not in (a.lower() for _, a in found):
            found.append((name, deliverable))
    return tuple(found)


def recipients(to_addr: str | None) -> list[str]:
    return [addr for _name, addr in addressees(to_addr)]


def _deliverable(addr: str) -> str | None:
    local, at, domain = addr.strip().rpartition("@")
    if not at:
        return None
    try:
        domain = domain.encode("idna").decode("ascii") if not domain.isascii() else domain
    except UnicodeError:
        return None
    candidate = f"{local}@{domain}"
    # RFC 5321 limits: a local part of 64 octets, a path of 256 with its angle brackets.
    if len(local) > 64 or len(candidate) > 254:
        return None
    return candidate if _ADDR_SPEC.fullmatch(candidate) and not is_noreply(candidate) else None


def build_raw(draft: Draft, *, from_addr: str, instance: str, auto: bool = False, files: Sequence[DraftAttachment] = ()) -> bytes:
    """The message for ``draft`` as it goes on the wire and into Sent: CRLF line ends, 7-bit clean. With
    ``files`` (the draft's attachments), a multipart/mixed message: the text, then each file in base64."""
    transfer_encoding, body = _body(draft.body)
    head = [
        _from_line(from_addr),
        _address_line("To", addressees(draft.to_addr)),
        _text_line("Subject", clean_header(draft.subject)),
        _message_id_line(clean_header(draft.message_id)),
        _date_line(int(time.time())),
    ]
    replied_to = message_ids(draft.in_reply_to)[:1]
    if replied_to:
        head.append(f"In-Reply-To: {replied_to[0]}\r\n")
        head.append(_words_line("References", message_ids(draft.references)[-20:] or replied_to))
    # RFC 3834: mark what a machine sent on its own; every message carries our loop mark.
    head.append(f"Auto-Submitted: {'auto-replied' if auto else 'no'}\r\n")
    head.append(_loop_line(instance))
    text_part = f'Content-Type: text/plain; charset="utf-8"\r\nContent-Transfer-Encoding: {transfer_encoding}\r\n'
    if not files:
        head.append(text_part + "MIME-Version: 1.0\r\n\r\n")
        return "".join(head).encode("ascii") + body
    boundary = _boundary(body)
    head.append(f'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="{boundary}"\r\n\r\n')
    # Each delimiter starts with a CRLF of its own (RFC 2046 5.1.1): the text's last line end stays the text's.
    parts = [f"--{boundary}\r\n{text_part}\r\n".encode("ascii") + body]
    parts += [f"\r\n--{boundary}\r\n".encode("ascii") + _file_part(f) for f in files]
    return "".join(head).encode("ascii") + b"".join(parts) + f"\r\n--{boundary}--\r\n".encode("ascii")


def build_message(draft: Draft, *, from_addr: str, instance: str, auto: bool = False, files: Sequence[DraftAttachment] = ()) -> EmailMessage:
    """The message ``build_raw`` writes, parsed back into an ``EmailMessage``."""
    return message_from_bytes(build_raw(draft, from_addr=from_addr, instance=instance, auto=auto, files=files), policy=policy.default)


# -- files --------------------------------------------------------------------------------
def _boundary(body: bytes) -> str:
    """A boundary that cannot occur in the text (``=_`` never starts a quoted-printable or base64 line)."""
    while True:
        boundary = f"=_disputed_{secrets.token_hex(12)}"
        if boundary.encode("ascii") not in body:
            return boundary


def _file_part(file: DraftAttachment) -> bytes:
    """One attachment: its headers written by the email package (a file name in any script, RFC 2231), its
    content in base64 lines of 76 characters. The content type is the one the store found in the bytes."""
    part = MIMEPart(policy=policy.SMTP)
    maintype, _, subtype = file.content_type.partition("/")
    part.set_content(bytes(file.data), maintype=maintype, subtype=subtype, cte="base64", disposition="attachment", filename=clean_header(file.filename) or "file")
    return part.as_bytes(policy=policy.SMTP)


# -- headers ------------------------------------------------------------------------------
class _Folded:
    """One header being written: words joined by a space, or by a fold (CRLF and a space) where
    the line would pass ``LINE`` characters. The first word always stays beside the name."""

    def __init__(self, name: str) -> None:
        self.lines = [f"{name}:"]
        self.bare = True  # nothing after the name yet

    def room(self) -> int:
        """Characters left on the current line for a word after its separating space."""
        return LINE - len(self.lines[-1]) - 1

    def add(self, word: str) -> None:
        if len(word) > self.room() and not self.bare:
            self.lines.append("")
        self.lines[-1] += " " + word
        self.bare = False

    def add_encoded(self, text: str) -> None:
        """``text`` as encoded words: the first sized to what is left of the line (or to a fresh one)."""
        room = self.room()
        for word in _encoded_words(text, first=min(room, _WORD) if room >= 24 else _WORD):
            self.add(word)

    def text(self) -> str:
        return "\r\n".join(self.lines) + "\r\n"


def _text_line(name: str, value: str) -> str:
    """An unstructured header (RFC 5322 section 3.2.5); ``value`` comes from ``clean_header``, so
    its only whitespace is single spaces. Words that can go as they are do; each run of the
    others, with the spaces inside it, becomes encoded words (the spaces between two encoded
    words are not part of the text, those beside a plain word are)."""
    if len(name) + len(value) <= LINE - 2 and _ASCII_TEXT.fullmatch(value) and "=?" not in value:
        return f"{name}: {value}\r\n"  # the usual short subject: one line as it is
    header = _Folded(name)
    run: list[str] = []
    for word in value.split(" "):
        if _ASCII_TEXT.fullmatch(word) and "=?" not in word and len(word) < _WORD:
            if run:
                header.add_encoded(" ".join(run))
                run = []
            header.add(word)
        else:
            run.append(word)
    if run:
        header.add_encoded(" ".join(run))
    return header.text()


def _words_line(name: str, words: list[str]) -> str:
    line = f"{name}: {' '.join(words)}\r\n"
    if len(line) <= LINE + 2:
        return line
    header = _Folded(name)
    for word in words:
        header.add(word)
    return header.text()


def _address_line(name: str, addresses: list[tuple[str, str]]) -> str:
    header = _Folded(name)
    for index, (display, addr) in enumerate(addresses):
        comma = "," if index < len(addresses) - 1 else ""
        display = clean_header(display)
        if not display:
            header.add(addr + comma)
            continue
        quoted = '"' + display.replace("\\", "\\\\").replace('"', '\\"') + '"'
        if _PHRASE.fullmatch(display) and "=?" not in display and all(len(word) < _WORD for word in display.split(" ")):
            for word in display.split(" "):
                header.add(word)
        elif _ASCII_TEXT.fullmatch(display) and "=?" not in display and len(quoted) < _WORD:
            header.add(quoted)
        else:  # non-ASCII, or too long for one line: encoded words
            header.add_encoded(display)
        header.add(f"<{addr}>{comma}")
    return header.text()


def _message_id_line(message_id: str) -> str:
    """Our own Message-ID, written as it is stored: the Sent folder is searched for exactly this."""
    if not message_id or not _ASCII_TEXT.fullmatch(message_id) or len(message_id) > 900:
        raise ValueError(f"a Message-ID must be printable ASCII within a line: {message_id[:100]!r}")
    return f"Message-ID: {message_id}\r\n"


@lru_cache(maxsize=16)
def _from_line(from_addr: str) -> str:
    """The From header as the email package writes it; the same for every message, so worked out once."""
    return policy.SMTP.fold(*policy.SMTP.header_store_parse("From", clean_header(from_addr)))


@lru_cache(maxsize=2)
def _date_line(second: int) -> str:
    return f"Date: {format_datetime(datetime.fromtimestamp(second, timezone.utc))}\r\n"


@lru_cache(maxsize=16)
def _loop_line(instance: str) -> str:
    return _text_line(LOOP_HEADER, clean_header(instance))


def _encoded_words(text: str, *, first: int) -> list[str]:
    """``text`` as RFC 2047 UTF-8 encoded words: the first at most ``first`` characters long, the
    others at most 75; Q or B, whichever is shorter for the whole text. A character is never split
    between two words (each word must decode on its own), and a word ends after a space where one
    is near: Python's email package (not RFC 2047) reads a space between two encoded words of a
    display name, which then falls where the text had one."""
    data = text.encode("utf-8")
    as_q = sum(len(_Q[b]) for b in data) < (len(data) + 2) // 3 * 4 + 5  # Q, readable, unless B is clearly shorter
    space = "_" if as_q else b" "
    words, room, chunk, size = [], first, [], 0
    for ch in text:
        piece = "".join(_Q[b] for b in ch.encode("utf-8")) if as_q else ch.encode("utf-8")
        if chunk and 12 + _encoded_length(size + len(piece), as_q) > room:  # 12: "=?utf-8?q?" and "?="
            cut = len(chunk)
            if space in chunk[len(chunk) // 2 :]:
                cut = len(chunk) - chunk[::-1].index(space)
            words.append(_encoded_word(chunk[:cut], as_q))
            room, chunk = _WORD, chunk[cut:]
            size = sum(map(len, chunk))
        chunk.append(piece)
        size += len(piece)
    words.append(_encoded_word(chunk, as_q))
    return words


def _encoded_length(size: int, as_q: bool) -> int:
    return size if as_q else (size + 2) // 3 * 4


def _encoded_word(pieces: list, as_q: bool) -> str:
    if as_q:
        return f"=?utf-8?q?{''.join(pieces)}?="
    return f"=?utf-8?b?{base64.b64encode(b''.join(pieces)).decode('ascii')}?="


# -- body ---------------------------------------------------------------------------------
def _body(text: str) -> tuple[str, bytes]:
    """(Content-Transfer-Encoding, encoded body) for ``text`` as UTF-8 with CRLF line ends."""
    lines = text.encode("utf-8").splitlines()
    data = b"\r\n".join(lines) + b"\r\n"
    if max(map(len, lines), default=0) <= LINE and not _NOT_7BIT.search(data):
        return "7bit", data
    quoted = binascii.b2a_qp(data, istext=True)
    encoded = (len(data) + 2) // 3 * 4
    if len(quoted) <= encoded + (encoded + 75) // 76 * 2:  # base64's length, in lines of 76 and CRLF
        return "quoted-printable", quoted
    return "base64", base64.encodebytes(data).replace(b"\n", b"\r\n")
