"""Building the outgoing message: headers that thread, nothing a buyer can inject."""

from __future__ import annotations

import re
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, getaddresses

from disputed.parsers import sanitize_header
from disputed.parsers.loops import LOOP_HEADER, is_noreply
from disputed.store.models import Draft

__all__ = ["LOOP_HEADER", "build_message", "clean_header", "message_ids", "recipients"]

# A Message-ID as it may be written back in In-Reply-To / References: printable ASCII, nothing else.
_MSG_ID = re.compile(r"<[!-;=?-~]{1,250}@[!-;=?-~]{1,250}>")
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_ADDR_SPEC = re.compile(rf"{_ATOM}(?:\.{_ATOM})*@{_LABEL}(?:\.{_LABEL})+")


def clean_header(value: str | None) -> str:
    """No CR, LF, Unicode line separators or other control characters in anything that goes into a
    header (Python's email package splits header values on every str.splitlines boundary)."""
    return sanitize_header(value or "")


def message_ids(value: str | None) -> list[str]:
    """The well-formed Message-IDs in ``value``; anything else (raw 8-bit bytes, stray text) is dropped."""
    return _MSG_ID.findall(clean_header(value))


def addressees(to_addr: str | None) -> list[tuple[str, str]]:
    """(display name, address) for every address in ``to_addr`` that SMTP can deliver to: an ASCII
    dot-atom local part and a domain (IDNA-encoded when it is not ASCII), and not a no-reply or
    mailer-daemon address (RFC 3834: nothing we send may start a loop). The envelope and the To
    header are both built from these, so they cannot disagree."""
    found = []
    for name, addr in getaddresses([clean_header(to_addr)]):
        deliverable = _deliverable(addr)
        if deliverable and deliverable.lower() not in (a.lower() for _, a in found):
            found.append((name, deliverable))
    return found


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
    return candidate if _ADDR_SPEC.fullmatch(candidate) and not is_noreply(candidate) else None


def build_message(draft: Draft, *, from_addr: str, instance: str, auto: bool = False) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = clean_header(from_addr)
    # Address objects, not a formatted string: the email package re-parses a string and can lose the
    # quoting of a display name that mixes non-ASCII letters with periods.
    msg["To"] = [Address(display_name=clean_header(name), addr_spec=addr) for name, addr in addressees(draft.to_addr)]
    msg["Subject"] = clean_header(draft.subject)
    msg["Message-ID"] = clean_header(draft.message_id)
    msg["Date"] = formatdate(localtime=False, usegmt=True)
    replied_to = message_ids(draft.in_reply_to)[:1]
    if replied_to:
        msg["In-Reply-To"] = replied_to[0]
        msg["References"] = " ".join(message_ids(draft.references)[-20:] or replied_to)
    # RFC 3834: mark what a machine sent on its own; every message carries our loop mark.
    msg["Auto-Submitted"] = "auto-replied" if auto else "no"
    msg[LOOP_HEADER] = clean_header(instance)
    msg.set_content(draft.body, charset="utf-8")
    return msg
