"""Building the outgoing message: headers that thread, nothing a buyer can inject."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import formatdate, getaddresses

from disputed.store.models import Draft

LOOP_HEADER = "X-Disputed-Loop"


def clean_header(value: str | None) -> str:
    """No CR, LF or other control characters in anything that goes into a header."""
    return "".join(ch if ch >= " " and ch != "\x7f" else " " for ch in (value or "")).strip()


def recipients(to_addr: str) -> list[str]:
    return [addr for _name, addr in getaddresses([clean_header(to_addr)]) if "@" in addr]


def build_message(draft: Draft, *, from_addr: str, instance: str, auto: bool = False) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = clean_header(from_addr)
    msg["To"] = clean_header(draft.to_addr)
    msg["Subject"] = clean_header(draft.subject)
    msg["Message-ID"] = clean_header(draft.message_id)
    msg["Date"] = formatdate(localtime=False, usegmt=True)
    if draft.in_reply_to:
        msg["In-Reply-To"] = clean_header(draft.in_reply_to)
        refs = clean_header(draft.references) or clean_header(draft.in_reply_to)
        msg["References"] = refs
    # RFC 3834: mark what a machine sent on its own; every message carries our loop mark.
    msg["Auto-Submitted"] = "auto-replied" if auto else "no"
    msg[LOOP_HEADER] = clean_header(instance)
    msg.set_content(draft.body, charset="utf-8")
    return msg
