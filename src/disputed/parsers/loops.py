"""Mail that must never be answered: bounces (DSNs) and automatic replies (RFC 3834).

Answering either starts a mail loop. A bounce is told by its multipart/report
structure or its mailer-daemon sender; an automatic reply by Auto-Submitted,
X-Autoreply / X-Autorespond, Precedence bulk/list/junk, mailing-list headers, or
an out-of-office subject.
"""

from __future__ import annotations

import re
from dataclasses import replace

from flufl.bounce import scan_message

from disputed.notification import Notification
from disputed.parsers.common import notification
from disputed.parsers.extract import lower_unaccented
from disputed.parsers.mime import ReadMail
from disputed.vocabulary import Kind

# Every message disputed sends carries this header; mail that has it is ours and is never answered.
LOOP_HEADER = "X-Disputed-Loop"

_DAEMONS = re.compile(r"^(mailer-daemon|postmaster|mail-daemon|mailerdaemon|bounce[s]?|mdaemon)@", re.I)
_BOUNCE_SUBJECT = re.compile(lower_unaccented(
    r"undeliver|delivery status notification|delivery (has )?failed|mail delivery (failed|failure|subsystem)|returned mail|failure notice"
    r"|delivery failure|could not be delivered|non remis|non distribuable|unzustellbar|nicht zugestellt|non recapitabile|mancato recapito"
    r"|no se (ha )?(podido|pudo) entregar|devuelto|配信不能|配送エラー|退信|投递失败|无法投递"
))
_OFFICE_SUBJECT = re.compile(lower_unaccented(
    r"automatic reply|auto[- ]?reply|autoreply|automatic response|auto[- ]?response|out of (the )?office|abwesenheitsnotiz|automatische antwort"
    r"|reponse automatique|risposta automatica|fuori (sede|ufficio)|respuesta automatica|fuera de la oficina|自動(応答|返信)|自动回复"
    r"|^(re:\s*)?(auto:|abwesend|absence|absent|ausente|不在|休假)"
))
_AUTO_PRECEDENCE = frozenset({"bulk", "list", "junk", "auto_reply", "auto-reply"})


def is_bounce(mail: ReadMail) -> bool:
    report = mail.content_type == "multipart/report" and bool(mail.report)
    daemon = bool(_DAEMONS.match(mail.from_addr)) or "mail delivery" in mail.from_name.lower()
    return report or (daemon and bool(_BOUNCE_SUBJECT.search(lower_unaccented(mail.subject)))) or (
        daemon and not mail.subject
    )


def bounce(mail: ReadMail) -> Notification:
    recipients = _failed_recipients(mail)
    remark = f"bounce for {', '.join(recipients)}" if recipients else "bounce; failed recipient not found"
    return notification(mail, Kind.BOUNCE, None, bounced_recipients=tuple(recipients), remarks=(remark,))


def _failed_recipients(mail: ReadMail) -> list[str]:
    found: set[str] = set()
    try:
        found = {r.decode("utf-8", "replace") if isinstance(r, bytes) else str(r) for r in scan_message(mail.message)}
    except Exception:  # flufl.bounce's heuristics can trip on odd reports; the DSN fields below still work
        found = set()
    for match in re.finditer(r"(?im)^final-recipient:\s*(?:rfc822;)?\s*<?([^>\s]+@[^>\s]+)>?", mail.report):
        found.add(match.group(1))
    return sorted(addr.lower() for addr in found)[:20]


# Local parts of addresses nobody reads: an answer there is lost, or bounces into a loop.
# One of these words, standing between separators (or the ends) of a local part made of \w . + -.
NOREPLY = re.compile(r"(?:^|(?<=[._+-]))(?:(?:no[._-]?reply|do[._-]?not[._-]?reply|dont[._-]?reply)|noreply[\w-]*+)(?=[._+-]|$)", re.I)
_LOCAL_PART = re.compile(r"[\w.+-]*+")


def is_noreply(address: str) -> bool:
    """A no-reply, mailer-daemon or postmaster address."""
    local = address.rpartition("@")[0]
    return bool((_LOCAL_PART.fullmatch(local) and NOREPLY.search(local)) or _DAEMONS.match(address))


def own_mail_evidence(mail: ReadMail) -> str | None:
    """Our own mail coming back (a copy, a forward, an echo): it carries the header we put on everything we send."""
    value = mail.header(LOOP_HEADER)
    return f"{LOOP_HEADER}: {value}; our own mail" if value is not None else None


def auto_reply_evidence(mail: ReadMail) -> str | None:
    """Why this message is an automatic reply, or None when nothing says so."""
    auto_submitted = (mail.header("Auto-Submitted") or "").lower()
    if auto_submitted and not auto_submitted.startswith("no"):
        return f"Auto-Submitted: {auto_submitted}"
    for name in ("X-Autoreply", "X-Autorespond", "X-Autoresponder", "X-Auto-Reply"):
        value = mail.header(name)
        if value is not None and value.lower() not in ("no", "false", "0"):
            return f"{name}: {value}"
    precedence = (mail.header("Precedence") or "").lower()
    if precedence in _AUTO_PRECEDENCE:
        return f"Precedence: {precedence}"
    for name in ("List-Id", "List-Unsubscribe", "List-Post"):
        if mail.header(name) is not None:
            return f"mailing-list header {name}"
    if _OFFICE_SUBJECT.search(lower_unaccented(mail.subject)):
        return f"automatic-reply subject {mail.subject!r}"
    return None


def noreply_evidence(mail: ReadMail) -> str | None:
    """A person's message that cannot be answered: it comes from a no-reply address and names no other."""
    if mail.from_addr and is_noreply(mail.from_addr) and (not mail.reply_to or is_noreply(mail.reply_to)):
        return f"sent from the no-reply address {mail.from_addr}; nobody reads an answer"
    return None


def auto_reply(mail: ReadMail, evidence: str, base: Notification | None) -> Notification:
    """An auto_reply notification, keeping what a platform parser already learnt (platform, order)."""
    if base is None:
        return notification(mail, Kind.AUTO_REPLY, None, remarks=(evidence,))
    return replace(base, kind=Kind.AUTO_REPLY, issue=None, confidence=None, chosen_option=None,
                   remarks=(*base.remarks, evidence))
