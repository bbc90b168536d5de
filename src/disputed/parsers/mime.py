"""Raw message bytes to ``ReadMail``: the few headers the parsers need and the best text body.

Speed matters (a backfill parses tens of thousands of messages), so this uses the
``compat32`` tree, which only splits the MIME structure, and decodes the handful of
headers it needs itself instead of ``email.policy.default``'s full header objects.
Plainly shaped mail (nearly all of it) is split into that same tree by ``mimesplit``
with bytes operations; compat32's line-by-line parser reads the rest.
Limits are checked before the expensive steps so a hostile message costs little.
"""

from __future__ import annotations

import email
import re
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.message import Message
from email.policy import compat32
from email.utils import getaddresses, parsedate_to_datetime
from functools import lru_cache

from disputed.config.settings import SecuritySettings
from disputed.parsers.charsets import decode_bytes, decode_header, raw_8bit_text
from disputed.parsers.htmltext import HtmlFindings, html_to_text
from disputed.parsers.mimesplit import split_message

# Text beyond this is not read by the parsers (notices are a few kilobytes).
MAX_TEXT_CHARS = 256 * 1024
_MAX_HTML_CHARS = 2 * 1024 * 1024


class QuarantineError(Exception):
    """A message that must be set aside for an operator; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Budget:
    """The parse time limit, checked between stages. In the daemon the parse worker also stops a parse that
    runs past it in the middle of a stage (daemon/parseworker.py); this check serves ``disputed parse`` and
    ends a slow parse early with a clearer reason."""

    __slots__ = ("deadline", "seconds")

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds

    def check(self, stage: str) -> None:
        if time.monotonic() > self.deadline:
            raise QuarantineError(f"parse time limit of {self.seconds:g}s exceeded during {stage}")


_UNSAFE = {c: " " for c in range(32)}
_UNSAFE.update({0x7F: " ", 0x85: " ", 0x2028: " ", 0x2029: " "})
# Bidirectional overrides make a header display differently from what it says.
_UNSAFE.update({c: "" for c in (0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))})
_RUNS = re.compile(r"\s{2,}")
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")  # Unicode's category Cc, all of it


def sanitize_header(value: str) -> str:
    """``value`` made safe to copy into an outgoing header: no CR, LF or control characters."""
    if value.isascii() and value.isprintable():  # the usual header: nothing to translate, only blank runs
        return (_RUNS.sub(" ", value) if "  " in value else value).strip()
    return _sanitized(value)


def _sanitized(value: str) -> str:
    cleaned = value.translate(_UNSAFE)
    if not cleaned.isascii():
        cleaned = _CONTROLS.sub(" ", cleaned)
    return _RUNS.sub(" ", cleaned).strip()


@dataclass(slots=True)
class ReadMail:
    """What the platform parsers read: decoded headers and the best text body."""

    subject: str = ""
    from_name: str = ""
    from_addr: str = ""
    from_domain: str = ""
    from_count: int = 0
    reply_to: str = ""
    message_id: str | None = None
    in_reply_to: str | None = None
    references: tuple[str, ...] = ()
    date: datetime | None = None
    text: str = ""
    html_only: bool = False
    content_type: str = "text/plain"
    report: str = ""  # the machine-readable part of a multipart/report (DSN)
    headers: list[tuple[str, str]] = field(default_factory=list)  # raw, in message order
    message: Message | None = None
    html_part: Message | None = None  # the HTML alternative when the plain part was read (``html_alternative``)
    raw: bytes = b""
    remarks: list[str] = field(default_factory=list)

    def header(self, name: str) -> str | None:
        """First value of header ``name``, decoded and sanitised; None when absent."""
        wanted = name.lower()
        for key, value in self.headers:
            if key.lower() == wanted:
                return sanitize_header(decode_header(value[:MAX_HEADER_VALUE_CHARS])[0])
        return None

    def raw_headers(self, name: str) -> list[str]:
        """Every raw value of header ``name``, topmost first."""
        wanted = name.lower()
        return [value for key, value in self.headers if key.lower() == wanted]


def read_mail(raw: bytes, security: SecuritySettings, budget: Budget, *, fast: bool = True) -> ReadMail:
    """Parse ``raw`` within the limits in ``security``; QuarantineError when it is out of bounds.

    ``fast=False`` always uses the compat32 parser (the fast split builds the same tree, when it can).
    """
    _check_sizes(raw, security)
    msg = (fast and _split(raw, security)) or _parse_compat32(raw)
    budget.check("MIME parsing")
    mail = ReadMail(message=msg, raw=raw)
    mail.headers = [(name, _as_text(name, value, mail.remarks)) for name, value in msg.raw_items()]
    _read_headers(mail)
    _read_body(mail, msg, security, budget)
    return mail


def _split(raw: bytes, security: SecuritySettings) -> Message | None:
    try:
        return split_message(raw, security)
    except Exception:  # whatever puzzles the fast split is compat32's to judge, with its own errors
        return None


def _parse_compat32(raw: bytes) -> Message:
    try:
        return email.message_from_bytes(raw, policy=compat32)
    except RecursionError:
        raise QuarantineError("MIME structure nested too deeply to parse") from None
    except Exception as exc:  # the compat32 parser rarely fails; when it does the mail is unusable
        raise QuarantineError(f"unparseable MIME: {type(exc).__name__}: {exc}") from None


def _as_text(name: str, value: str, remarks: list[str]) -> str:
    """A raw header value as real text. The parser hands raw 8-bit bytes over as lone surrogates, which
    no database, JSON or SMTP encoder accepts; addresses, Message-IDs and Authentication-Results copied
    from such a header would carry them into the store."""
    if value.isascii():
        return value
    found: list[str] = []
    text = raw_8bit_text(value, found)
    remarks.extend(f"{name}: {remark}" for remark in found)
    return text


def line_limit(security: SecuritySettings) -> int:
    """Most lines a message may have. The MIME parser's cost grows with lines, not bytes: a message of
    bare line breaks within max_message_bytes would take it most of a minute and the time limit is only
    checked after it. Base64 lines are 78 bytes, so an attachment at the size limit stays well below."""
    return max(200_000, security.max_message_bytes // 50)


def _check_sizes(raw: bytes, security: SecuritySettings) -> None:
    if len(raw) > security.max_message_bytes:
        raise QuarantineError(f"message of {len(raw)} bytes exceeds max_message_bytes {security.max_message_bytes}")
    lines = raw.count(b"\n")
    if lines > line_limit(security):
        raise QuarantineError(f"message of {lines} lines exceeds the limit of {line_limit(security)} lines (max_message_bytes / 50)")
    ends = [i for i in (raw.find(b"\r\n\r\n"), raw.find(b"\n\n")) if i >= 0]
    header_bytes = min(ends) if ends else len(raw)
    if header_bytes > security.max_header_bytes:
        raise QuarantineError(f"header section of {header_bytes} bytes exceeds max_header_bytes {security.max_header_bytes}")
    # Cheap pre-count so a mail bomb of parts is refused before the parser builds them all.
    if raw.count(b"\n--") > security.max_parts:
        boundaries = set(re.findall(rb'(?i)boundary\s*=\s*"?([^";\r\n]{1,200})', raw))
        delimiters = sum(raw.count(b"\n--" + b.strip()) for b in boundaries)
        if delimiters > 2 * security.max_parts + 2:
            raise QuarantineError(f"about {delimiters // 2} MIME parts exceed max_parts {security.max_parts}")


# --- headers -----------------------------------------------------------------------------

_MSGID = re.compile(r"<[^<>\s]{1,500}>")


def _read_headers(mail: ReadMail) -> None:
    wanted = {"from", "to", "message-id", "in-reply-to", "references", "date", "content-type"}
    first: dict[str, str] = {}
    from_values: list[str] = []
    last: dict[str, str] = {}  # of the headers a DKIM signature covers once: it covers the last (RFC 6376 §5.4.2)
    for name, value in mail.headers:
        key = name.lower()
        if key == "from":
            from_values.append(value)
        elif key in ("reply-to", "subject"):
            last[key] = value
        if key in wanted and key not in first:
            first[key] = value
    # A second Subject or Reply-To makes the verdict "unverified" anyway; the one read is the signed one.
    mail.subject = _decoded(_cut_value(last.get("subject", ""), mail, "subject"), mail, "subject")
    _read_from(mail, from_values)
    mail.reply_to = _first_address(last.get("reply-to", ""), mail)
    mail.message_id = _first_msgid(first.get("message-id", ""))
    mail.in_reply_to = _first_msgid(first.get("in-reply-to", ""))
    mail.references = tuple(_MSGID.findall(first.get("references", "")))[-50:]
    mail.date = _date(first.get("date", "")[:MAX_HEADER_VALUE_CHARS])
    mail.content_type = (first.get("content-type", "text/plain").split(";", 1)[0].strip().lower() or "text/plain")


def _cut_value(value: str, mail: ReadMail, what: str) -> str:
    if len(value) <= MAX_HEADER_VALUE_CHARS:
        return value
    mail.remarks.append(f"{what}: cut from {len(value)} to {MAX_HEADER_VALUE_CHARS} characters")
    return value[:MAX_HEADER_VALUE_CHARS]


def _decoded(value: str, mail: ReadMail, what: str) -> str:
    text, remarks = decode_header(value)
    mail.remarks.extend(f"{what}: {n}" for n in remarks)
    clean = sanitize_header(text)
    if text.isascii() and text.isprintable():  # nothing but blank runs can have been removed
        return clean
    if "\r" in text or "\n" in text or "\x00" in text or clean != _RUNS.sub(" ", text).strip():
        mail.remarks.append(f"{what}: line breaks or control characters removed")
    return clean


# The usual single-address forms, read without the general (slow) address parser. Every run is
# possessive and no two neighbouring runs can take the same character, so a failing match costs one
# pass over the value (a lazy name followed by ``\s*<`` took minutes on a name of spaces); the name
# keeps its trailing blanks, which the caller strips.
_SIMPLE_ADDRESS = re.compile(
    r'^\s*+(?:"([^"\\,]*+)"\s*+|([^"<>,;:\\@]*+))<([^<>\s,;:"@]++@[^<>\s,;:"@]++)>\s*+'
    r'|^\s*+([^<>\s,;:"@]++@[^<>\s,;:"@]++)\s*+'
)
# Longest header value the headers above are read from; the rest is cut with a remark. Real ones are a
# line or two; the limit keeps every pattern and the stdlib's address parser on short input.
MAX_HEADER_VALUE_CHARS = 4096


def _addresses(value: str, mail: ReadMail) -> list[tuple[str, str]]:
    """(display name, address) pairs; names decoded after splitting so an encoded comma cannot split them."""
    if not value:
        return []
    if len(value) > MAX_HEADER_VALUE_CHARS:  # cut, a list of addresses could lose the one that matters
        mail.remarks.append(f"address header of {len(value)} characters not read (limit {MAX_HEADER_VALUE_CHARS})")
        return []
    raw = value.replace("\r\n", " ").replace("\n", " ")
    simple = _SIMPLE_ADDRESS.fullmatch(raw)
    if simple:
        name = simple.group(1) if simple.group(1) is not None else (simple.group(2) or "")
        addr = simple.group(3) or simple.group(4)
        return [(_decoded(name.strip(), mail, "address name"), sanitize_header(addr).lower())]
    out = []
    for name, addr in getaddresses([raw]):
        out.append((_decoded(name, mail, "address name"), sanitize_header(addr).lower()))
    return out


def _read_from(mail: ReadMail, values: list[str]) -> None:
    pairs = [p for v in values for p in _addresses(v, mail) if p[1]]
    mail.from_count = len(pairs)
    if len(pairs) > 1:
        mail.remarks.append(f"{len(pairs)} From addresses; the first one is used")
    if not pairs:
        return
    mail.from_name, mail.from_addr = pairs[0]
    mail.from_domain = domain_of(mail.from_addr)


def _first_address(value: str, mail: ReadMail) -> str:
    pairs = [p for p in _addresses(value, mail) if p[1]]
    return pairs[0][1] if pairs else ""


def domain_of(address: str) -> str:
    """Lower-case domain of an address, trailing dot removed, IDNA left in its ASCII form."""
    if "@" not in address:
        return ""
    return address.rsplit("@", 1)[1].strip().strip(">").rstrip(".").lower()


def _first_msgid(value: str) -> str | None:
    match = _MSGID.search(value)
    return match.group(0) if match else None


def _date(value: str) -> datetime | None:
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if parsed is None:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


# --- body --------------------------------------------------------------------------------


def _read_body(mail: ReadMail, msg: Message, security: SecuritySettings, budget: Budget) -> None:
    plain: Message | None = None
    html: Message | None = None
    orphan: Message | None = None  # a multipart whose boundary never appears: its body is unsplit text
    defects: set[str] = set()
    for part, inside_message in _leaves(msg, security, defects):
        ctype = part.get_content_type()
        if inside_message or _is_attachment(part):
            continue
        if ctype == "text/plain" and plain is None:
            plain = part
        elif ctype == "text/html" and html is None:
            html = part
        elif part.get_content_maintype() == "multipart" and orphan is None:
            orphan = part
    mail.remarks.extend(f"MIME: {name}" for name in sorted(defects))
    budget.check("MIME walk")
    mail.report = _report_text(msg) if mail.content_type == "multipart/report" else ""
    if plain is not None:
        mail.text = _part_text(plain, mail, "text/plain")
        mail.html_part = html
    elif html is None and orphan is not None:
        mail.text = _part_text(orphan, mail, "multipart without its boundary")
        mail.remarks.append("MIME: multipart body without its boundary read as plain text")
    elif html is not None:
        source = _part_text(html, mail, "text/html", html=True)
        if len(source) > _MAX_HTML_CHARS:
            source = source[:_MAX_HTML_CHARS]
            mail.remarks.append("HTML body truncated before conversion")
        findings = HtmlFindings()
        mail.text = html_to_text(source, findings)
        mail.html_only = True
        if findings.dropped:
            mail.remarks.append("HTML: ignored " + ", ".join(sorted(findings.dropped)))
        budget.check("HTML conversion")
    if len(mail.text) > MAX_TEXT_CHARS:
        mail.text = mail.text[:MAX_TEXT_CHARS]
        mail.remarks.append(f"body text truncated to {MAX_TEXT_CHARS} characters")
    mail.text = mail.text.replace("\r\n", "\n").replace("\r", "\n")


def _leaves(msg: Message, security: SecuritySettings, defects: set[str]):
    """Non-multipart parts with whether they sit inside an attached message; enforces part and depth limits."""
    stack: list[tuple[Message, int, bool]] = [(msg, 0, False)]
    count = 0
    while stack:
        part, depth, inside = stack.pop()
        count += 1
        if count > security.max_parts:
            raise QuarantineError(f"more than max_parts {security.max_parts} MIME parts")
        if depth > security.max_depth:
            raise QuarantineError(f"MIME nesting deeper than max_depth {security.max_depth}")
        defects.update(type(defect).__name__ for defect in part.defects)
        if part.is_multipart():  # (get_payload of a leaf may try to decode it; only lists are wanted here)
            payload = part.get_payload()
            nested = inside or part.get_content_type() == "message/rfc822"
            for child in reversed(payload):
                if isinstance(child, Message):
                    stack.append((child, depth + 1, nested))
        else:
            yield part, inside


def _is_attachment(part: Message) -> bool:
    # str(): compat32 hands back a Header object when the value holds 8-bit bytes.
    disposition = str(part.get("Content-Disposition") or "").split(";", 1)[0].strip().lower()
    return disposition == "attachment"


_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})""", re.I)


def _payload_bytes(part: Message) -> bytes:
    """The part's content with its transfer encoding undone, however odd its headers are."""
    try:
        data = part.get_payload(decode=True)
        if isinstance(data, bytes):
            return data
        return str(part.get_payload()).encode("utf-8", "surrogateescape")
    except (ValueError, LookupError, TypeError):  # e.g. a charset parameter holding a NUL byte
        raw = part.as_bytes() if hasattr(part, "as_bytes") else b""
        return raw.split(b"\n\n", 1)[-1]


def html_alternative(mail: ReadMail) -> str:
    """The text of the mail's HTML part when its plain part was read instead, or "": a notice whose
    plain part is a stub ("view this notice in a browser") can carry the buyer's words in the HTML only."""
    if mail.html_part is None:
        return ""
    source = _part_text(mail.html_part, ReadMail(), "text/html", html=True)[:_MAX_HTML_CHARS]
    text = html_to_text(source, HtmlFindings())[:MAX_TEXT_CHARS]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _part_text(part: Message, mail: ReadMail, what: str, html: bool = False) -> str:
    data = _payload_bytes(part)
    charset = _content_charset(part)
    if charset is None and html:
        meta = _META_CHARSET.search(data[:4096])
        charset = meta.group(1).decode("ascii") if meta else None
    text, remark = decode_bytes(data, charset)
    if remark:
        mail.remarks.append(f"{what}: {remark}")
    return text


def _content_charset(part: Message) -> str | None:
    """``part.get_content_charset()``, which reads only the first Content-Type; the stdlib's parameter
    parsing is slow and the same few values recur in all mail, so short ones are remembered."""
    value = part.get("content-type")
    if type(value) is not str or len(value) > 200:  # absent, 8-bit (a Header object) or long: ask the part
        return part.get_content_charset()
    return _charset_of_content_type(value)


@lru_cache(maxsize=512)
def _charset_of_content_type(value: str) -> str | None:
    probe = Message(policy=compat32)
    probe["Content-Type"] = value
    return probe.get_content_charset()


def _report_text(msg: Message) -> str:
    """The delivery-status part of a DSN as text (compat32 parses it into header blocks)."""
    for part in msg.walk():
        if part.get_content_type() not in ("message/delivery-status", "message/global-delivery-status"):
            continue
        payload = part.get_payload()
        if isinstance(payload, list):
            blocks = ["\n".join(f"{k}: {v}" for k, v in block.items()) for block in payload if isinstance(block, Message)]
            return "\n\n".join(blocks)
        if isinstance(payload, str):
            return payload
    return ""
