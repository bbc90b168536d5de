"""Robust text decoding: charset labels as mail really uses them, and RFC 2047 words.

Mail lies about its charsets. GB2312 labels carry GBK and GB18030 characters, Shift_JIS
carries Microsoft's extensions, ISO-8859-1 carries Windows-1252 quotes, and some labels
name nothing Python knows. Every function here returns text; where it had to guess or
replace, it says so in the returned remark so the parse can record it.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import re

# Labels whose honest decoder is a superset (what senders actually put in such mail).
_SUPERSETS = {
    "gb2312": "gb18030",
    "gb_2312": "gb18030",
    "gb_2312-80": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "ms936": "gb18030",
    "euc-cn": "gb18030",
    "x-euc-cn": "gb18030",
    "csgb2312": "gb18030",
    "chinese": "gb18030",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "ms_kanji": "cp932",
    "csshiftjis": "cp932",
    "windows-31j": "cp932",
    "iso-2022-jp": "iso2022_jp_ext",
    "csiso2022jp": "iso2022_jp_ext",
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "ansi_x3.4-1968": "cp1252",
    "ks_c_5601-1987": "cp949",
    "euc-kr": "cp949",
    "big5": "big5hkscs",
    "utf8": "utf-8",
    "unicode-1-1-utf-7": "utf-7",
}

_CODEC_CACHE: dict[str, str | None] = {}


def codec_for(label: str | None) -> str | None:
    """The Python codec to use for a MIME charset label, or None when nothing fits."""
    if not label:
        return None
    key = label.strip().strip('"').strip("'").lower()
    if key in _CODEC_CACHE:
        return _CODEC_CACHE[key]
    name: str | None = _SUPERSETS.get(key, key)
    try:
        info = codecs.lookup(name)
        # Only text encodings; "base64" or "rot13" as a charset label is an attack or a typo.
        name = info.name if getattr(info, "_is_text_encoding", True) else None
    except (LookupError, ValueError):  # ValueError: a label with a NUL byte in it
        name = None
    if len(_CODEC_CACHE) < 512:
        _CODEC_CACHE[key] = name
    return name


def decode_bytes(data: bytes, label: str | None) -> tuple[str, str | None]:
    """Decode ``data`` declared as ``label``. Returns (text, remark or None)."""
    codec = codec_for(label)
    if codec == "cp1252" and not data.isascii():
        try:
            # Valid non-ASCII UTF-8 is almost never Latin-1 text by accident.
            return data.decode("utf-8"), f"charset {label} was wrong; decoded as utf-8"
        except UnicodeDecodeError:
            pass
    if codec is not None:
        try:
            return data.decode(codec), None
        except UnicodeDecodeError:
            if codec != "utf-8":
                try:
                    # A common lie: declared legacy charset, actually UTF-8.
                    return data.decode("utf-8"), f"charset {label} was wrong; decoded as utf-8"
                except UnicodeDecodeError:
                    pass
            return data.decode(codec, "replace"), f"charset {label}: undecodable bytes replaced"
    return _guess(data, label)


def _guess(data: bytes, label: str | None) -> tuple[str, str | None]:
    what = f"unknown charset {label!r}" if label else "no charset declared"
    try:
        text = data.decode("utf-8")
        return text, (f"{what}; decoded as utf-8" if label else None)
    except UnicodeDecodeError:
        pass
    if data.isascii():
        return data.decode("ascii"), None
    return data.decode("cp1252", "replace"), f"{what}; decoded as windows-1252 with replacement"


_ENCODED_WORD = re.compile(r"=\?([^?\s]{1,64})\?([bBqQ])\?([^?\s]*?)\?=")
_BETWEEN_WORDS = re.compile(r"(\?=)[ \t\r\n]+(=\?)")


def decode_header(value: str) -> tuple[str, list[str]]:
    """Decode a raw header value: unfold, decode RFC 2047 words and raw 8-bit bytes.

    Tolerates the usual breakage: missing padding, words split inside a multibyte
    character across adjacent encoded words, unknown charsets, stray 8-bit bytes.
    """
    remarks: list[str] = []
    value = _raw_8bit(value, remarks)
    value = value.replace("\r\n", "\n").replace("\n\t", " ").replace("\n ", " ")
    if "=?" not in value:
        return value, remarks
    value = _BETWEEN_WORDS.sub(r"\1\2", value)  # whitespace between encoded words is not text
    out: list[str] = []
    pending: list[tuple[str, bytes]] = []  # adjacent words of one charset decode together
    pos = 0
    for match in _ENCODED_WORD.finditer(value):
        if match.start() > pos:
            _flush(pending, out, remarks)
            out.append(value[pos : match.start()])
        charset = match.group(1).split("*", 1)[0]  # RFC 2231 language suffix
        raw = _word_bytes(match.group(2).upper(), match.group(3), remarks)
        if pending and pending[-1][0].lower() != charset.lower():
            _flush(pending, out, remarks)
        pending.append((charset, raw))
        pos = match.end()
    _flush(pending, out, remarks)
    out.append(value[pos:])
    return "".join(out), remarks


def _flush(pending: list[tuple[str, bytes]], out: list[str], remarks: list[str]) -> None:
    if not pending:
        return
    charset = pending[0][0]
    text, remark = decode_bytes(b"".join(raw for _, raw in pending), charset)
    if remark:
        remarks.append(f"header word: {remark}")
    out.append(text)
    pending.clear()


def _word_bytes(encoding: str, payload: str, remarks: list[str]) -> bytes:
    if encoding == "Q":
        payload = payload.replace("_", " ")
        return _unquote_q(payload)
    cleaned = re.sub(r"[^A-Za-z0-9+/]", "", payload)
    cleaned += "=" * (-len(cleaned) % 4)
    try:
        return base64.b64decode(cleaned)
    except (binascii.Error, ValueError):
        remarks.append("broken base64 encoded word dropped")
        return b""


# The byte of each "=XX" escape of Q-encoding, hex digits in either case.
_HEX_DIGITS = "0123456789abcdefABCDEF"
_Q_BYTES = {(a + b).encode(): bytes([int(a + b, 16)]) for a in _HEX_DIGITS for b in _HEX_DIGITS}


def _unquote_q(payload: str) -> bytes:
    """``=XX`` escapes turned into their bytes; an "=" not followed by two hex digits stays as it is.
    (Split at every "=": a hex pair holds no "=", so each piece after one starts with its pair or not.)"""
    data = payload.encode("utf-8", "surrogateescape")
    if b"=" not in data:
        return data
    first, *pieces = data.split(b"=")
    out = [first]
    for piece in pieces:
        byte = _Q_BYTES.get(piece[:2])
        out.append(byte + piece[2:] if byte is not None else b"=" + piece)
    return b"".join(out)


def _raw_8bit(value: str, remarks: list[str]) -> str:
    """Headers with raw 8-bit bytes arrive as surrogate escapes; decode them as UTF-8 or GB18030."""
    if value.isascii():
        return value
    try:
        data = value.encode("ascii", "surrogateescape")
    except UnicodeEncodeError:
        return without_surrogates(value)  # real text, perhaps mixed with escapes
    for codec in ("utf-8", "gb18030", "cp932"):
        try:
            text = data.decode(codec)
            if codec != "utf-8":
                remarks.append(f"raw 8-bit header decoded as {codec}")
            return text
        except UnicodeDecodeError:
            continue
    remarks.append("raw 8-bit header decoded with replacement")
    return data.decode("utf-8", "replace")


def raw_8bit_text(value: str, remarks: list[str]) -> str:
    """``value`` with raw 8-bit bytes (surrogate escapes) decoded; what was guessed goes to ``remarks``."""
    return _raw_8bit(value, remarks)


_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    """``text`` with lone surrogates (undecoded raw bytes) replaced by U+FFFD: no encoder accepts them."""
    if text.isascii():
        return text
    return _SURROGATE.sub("\ufffd", text)
