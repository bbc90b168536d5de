"""The compat32 tree of a plainly shaped message, built with bytes operations.

compat32's feed parser reads a message one line at a time in Python, which made it the
largest single cost of the MIME stage. Marketplace mail comes in a few shapes: one text
part, or multiparts of leaf parts, sometimes nested a level or two. For those shapes this
module finds the header lines and the boundary lines with regular expressions over the raw
bytes and builds the very ``Message`` tree compat32 builds: the same headers in the same
order, the same payload strings, preambles and epilogues. Everything after it (body choice,
transfer and charset decoding, the bounce reader) runs unchanged on that tree.

It gives up (returns None) on anything it is not certain to read exactly as compat32
does, and the caller then uses compat32: lone CR line ends, an envelope ``From`` line, a
header line compat32 would call a defect, a header section without its blank line, a
multipart without a plain ASCII boundary or with a missing, repeated or unclosed
delimiter, ``message/*`` parts, digests, reports, deep nesting, many parts.
``tests/parsers/test_mime_split.py`` compares the two trees over the corpus and mutants.
"""

from __future__ import annotations

import re
from email.message import Message
from email.policy import compat32
from typing import NamedTuple

from disputed.config.settings import SecuritySettings

# A header field: a name of printable ASCII without ":" (compat32's own rule), then its
# line and any continuation lines. Anything else before the blank line is a defect there.
# Fields start lines (``^``): a name is read from its line's start only, not from each of its characters.
_FIELD = re.compile(r"^([\x21-\x39\x3b-\x7e]++):([^\n]*+\n(?:[ \t][^\n]*+\n)*+)", re.M)
# A header section made of fields only (a line that starts neither a field nor a fold is not one;
# a fold can only continue the field before it, so fields cut a section in exactly one way).
_FIELDS = re.compile(r"^(?:[\x21-\x39\x3b-\x7e]++:[^\n]*+\n(?:[ \t][^\n]*+\n)*+)*+")
# Nesting this reader follows; deeper mail is rare and compat32 takes it.
_MAX_DEPTH = 3
# Multipart transfer encodings compat32 accepts without noting a defect.
_MULTIPART_ENCODINGS = ("7bit", "8bit", "binary")


def split_message(raw: bytes, security: SecuritySettings) -> Message | None:
    """compat32's tree of ``raw``, or None when the message is not plainly shaped."""
    if raw.count(b"\r") != raw.count(b"\r\n"):
        return None  # compat32 ends a line at a lone CR too; not worth following
    root = Message(policy=compat32)
    body = _read_fields(root, raw, 0, len(raw))
    if body is None:
        return None
    counter = _PartCounter(min(security.max_parts, 1000), min(security.max_depth, _MAX_DEPTH))
    if not _read_content(root, raw, body, len(raw), 0, counter):
        return None
    return root


class _PartCounter:
    """Parts seen so far against the limits: the caller's limit checks must see the same tree."""

    __slots__ = ("count", "max_depth", "max_parts")

    def __init__(self, max_parts: int, max_depth: int) -> None:
        self.count = 0
        self.max_parts = max_parts
        self.max_depth = max_depth

    def admit(self, depth: int) -> bool:
        self.count += 1
        return self.count <= self.max_parts and depth <= self.max_depth


def _read_fields(part: Message, raw: bytes, start: int, end: int) -> int | None:
    """Add the header fields of the entity at ``raw[start:end]`` to ``part``; where its body starts.

    None when the section has no blank line after it or holds a line compat32 would not take
    as a field (it would note a defect, or an envelope ``From`` line).
    """
    if raw.startswith(b"\n", start):
        return start + 1
    if raw.startswith(b"\r\n", start):
        return start + 2
    blank = _first_blank_line(raw, start, end)
    if blank < 0:
        return None
    section = raw[start:blank].decode("ascii", "surrogateescape")  # 8-bit bytes as compat32 keeps them
    if not _FIELDS.fullmatch(section):
        return None  # something between the fields that is not one
    for name, value in _FIELD.findall(section):
        # compat32 keeps the value as read: leading blanks of its first line and its final line end dropped.
        part.set_raw(name, value.lstrip(" \t").rstrip("\r\n"))
    return blank + (1 if raw[blank] == 0x0A else 2)


def _first_blank_line(raw: bytes, start: int, end: int) -> int:
    """Where the first empty line after ``start`` begins (just after a line end), or -1."""
    found = [i + 1 for i in (raw.find(b"\n\n", start, end), raw.find(b"\n\r\n", start, end)) if i >= 0]
    return min(found) if found else -1


def _read_content(part: Message, raw: bytes, start: int, end: int, depth: int, counter: _PartCounter,
                  inside: bool = False) -> bool:
    """Fill ``part`` from its body at ``raw[start:end]``; False when compat32 must do it.

    ``inside``: the part sits in a multipart, so the line end before the next delimiter
    is not its content (RFC 2046: it belongs to the delimiter).
    """
    if not counter.admit(depth):
        return False
    maintype = part.get_content_maintype()
    if maintype == "message":
        return False
    if maintype == "multipart":
        if not _read_multipart(part, raw, start, end, depth, counter):
            return False
        if inside:  # compat32 leaves an empty epilogue as None here, and trims a line end from any other
            part.epilogue = _without_last_line_end(part.epilogue) if part.epilogue else None
        return True
    text = raw[start:end].decode("ascii", "surrogateescape")
    part.set_payload(_without_last_line_end(text) if inside else text)
    return True


def _read_multipart(part: Message, raw: bytes, start: int, end: int, depth: int, counter: _PartCounter) -> bool:
    boundary = part.get_boundary()
    if not boundary or not boundary.isascii() or part.get_content_type() in ("multipart/digest", "multipart/report"):
        return False
    if str(part.get("content-transfer-encoding", "8bit")).lower() not in _MULTIPART_ENCODINGS:
        return False
    lines = _delimiter_lines(raw, start, end, b"--" + boundary.encode("ascii"))
    if not lines or lines[0].closing or not any(line.closing for line in lines):
        return False  # no opening delimiter, or never closed
    if lines[0].start > start:
        part.preamble = _without_last_line_end(raw[start : lines[0].start].decode("ascii", "surrogateescape"))
    for opening, closing in zip(lines, lines[1:]):
        if closing.start == opening.end:
            return False  # repeated delimiter lines: compat32 skips them, this reader does not
        if not _read_subpart(part, raw, opening.end, closing.start, depth + 1, counter):
            return False
        if closing.closing:
            part.epilogue = raw[closing.end : end].decode("ascii", "surrogateescape")
            return True
    return False


def _read_subpart(parent: Message, raw: bytes, start: int, end: int, depth: int, counter: _PartCounter) -> bool:
    child = Message(policy=compat32)
    parent.attach(child)
    body = _read_fields(child, raw, start, end)
    return body is not None and _read_content(child, raw, body, end, depth, counter, inside=True)


def _without_last_line_end(text: str) -> str:
    if text.endswith("\r\n"):
        return text[:-2]
    return text[:-1] if text.endswith("\n") else text


class _Delimiter(NamedTuple):
    start: int  # where the line starts
    end: int  # after its line end
    closing: bool  # "--boundary--"


def _delimiter_lines(raw: bytes, start: int, end: int, delimiter: bytes) -> list[_Delimiter]:
    """The delimiter lines in ``raw[start:end]`` as compat32 recognises them: at the start of a line,
    "--boundary", "--" if closing, blanks, then the line end (or the end of the text).

    Found with ``bytes.find`` rather than a pattern: boundaries differ in every message, and
    compiling a pattern for each costs more than the rest of the split.
    """
    found = []
    at = raw.find(delimiter, start, end)
    while at >= 0:
        if at == 0 or raw[at - 1] == 0x0A:
            after = at + len(delimiter)
            closing = raw.startswith(b"--", after, end)
            line_end = _line_end(raw, after + 2 if closing else after, end)
            if line_end >= 0:
                found.append(_Delimiter(at, line_end, closing))
        at = raw.find(delimiter, at + 1, end)
    return found


def _line_end(raw: bytes, at: int, end: int) -> int:
    """After blanks at ``at``, where the line ends past its line break, or -1 if anything else comes first."""
    while at < end and raw[at] in b" \t":
        at += 1
    if at == end:
        return at
    if raw.startswith(b"\n", at, end):
        return at + 1
    if raw.startswith(b"\r\n", at, end):
        return at + 2
    return -1
