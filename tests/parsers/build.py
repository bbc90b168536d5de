"""Small builders for messages written inline in tests (the corpus holds the realistic ones)."""

from __future__ import annotations

import base64
import quopri

from disputed.config.settings import SecuritySettings
from tests.parsers.corpus import TRUSTED_AUTHSERV_ID

AMAZON_PASS = f"Authentication-Results: {TRUSTED_AUTHSERV_ID}; dkim=pass header.d=amazon.com header.s=s1"


def security(**overrides) -> SecuritySettings:
    return SecuritySettings(trusted_authserv_ids=[TRUSTED_AUTHSERV_ID], **overrides)


def encode(text: str | bytes, codec: str, cte: str) -> bytes:
    data = text.encode(codec) if isinstance(text, str) else text
    if cte == "base64":
        return base64.encodebytes(data)
    if cte == "quoted-printable":
        return quopri.encodestring(data)
    return data


def message(headers: list[str], body: bytes = b"", content_type: str = "text/plain; charset=utf-8",
            cte: str = "7bit") -> bytes:
    """Headers (each 'Name: value', folds allowed) plus one body, CRLF line ends."""
    head = [*headers, "MIME-Version: 1.0"]
    if content_type:
        head += [f"Content-Type: {content_type}", f"Content-Transfer-Encoding: {cte}"]
    raw = "\n".join(head).encode("utf-8") + b"\n\n" + body
    return raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def multipart(subtype: str, parts: list[bytes], boundary: str = "b0undary") -> tuple[str, bytes]:
    """(content type, body) of a multipart whose parts are raw 'headers\\n\\nbody' chunks."""
    body = b"".join(b"--" + boundary.encode() + b"\n" + p + b"\n" for p in parts) + b"--" + boundary.encode() + b"--\n"
    return f'multipart/{subtype}; boundary="{boundary}"', body


def part(content_type: str, payload: bytes, cte: str = "7bit", extra: str = "") -> bytes:
    head = f"Content-Type: {content_type}\nContent-Transfer-Encoding: {cte}\n{extra}"
    return head.rstrip("\n").encode() + b"\n\n" + payload
