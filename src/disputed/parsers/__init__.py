"""The parse stage: raw message bytes in, one typed ``Notification`` out.

    parse_message(raw, security=..., received_at=...) -> Notification

Order of decisions: limits (QuarantineError), bounces, the platform parsers (one per
platform, ``disputed.platforms.<name>.parser``, each with ``claims(mail)`` and ``parse(mail)``), automatic replies,
then the authenticity verdict for whatever claims a marketplace. A message nothing
recognises becomes ``kind=unrecognised``; only a message outside the limits raises.
"""

from __future__ import annotations

import logging
from dataclasses import fields, replace
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from types import ModuleType

from disputed import platforms
from disputed.config.settings import SecuritySettings
from disputed.notification import Notification
from disputed.parsers import authenticity, classify, language, loops, reading, semantic
from disputed.parsers.account import account_facts
from disputed.parsers.authenticity import DnsFunc, claimed_platform
from disputed.parsers.charsets import without_surrogates
from disputed.parsers.common import notification
from disputed.parsers.mime import Budget, ReadMail, QuarantineError, read_mail, sanitize_header
from disputed.vocabulary import Issue, Kind, Platform

__all__ = ["QuarantineError", "parse_message", "reconsider", "sanitize_header", "warm_up"]

log = logging.getLogger(__name__)



@lru_cache(maxsize=1)
def platform_parsers() -> tuple[ModuleType, ...]:
    """Each platform's parser (``disputed.platforms.<name>.parser``), in the order they are tried when the
    sender does not name its platform itself. Looked up on first use: a parser imports this package."""
    return tuple(platforms.parser(name) for name in platforms.ORDER)


@lru_cache(maxsize=1)
def _by_platform() -> dict[Platform, ModuleType]:
    return {module.PLATFORM: module for module in platform_parsers()}
# Kinds a person writes; an automatic reply relayed by a marketplace looks like one of these.
_PERSON_KINDS = frozenset({Kind.BUYER_MESSAGE, Kind.UNRECOGNISED})


def warm_up() -> None:
    """Load now what the parsers otherwise load on first use (the language model, the classifier's
    compiled lexicons), so that the first message after a start does not wait for it."""
    language.load_model()
    classify.compile_lexicons()
    semantic.load_encoder()


def reconsider(note: Notification, shop: semantic.ShopExamples | None) -> Notification:
    """The notification with its issue read again against the shop's own labelled examples.

    Only the buyer's words are re-read, and only where the issue came from them (a reason the
    platform printed, confidence 1.0, stands). Where the shop's examples do not decide, the
    notification is returned as it was.
    """
    if not shop or not note.buyer_comment or note.issue is None or (note.confidence or 0.0) >= 1.0:
        return note
    reading = shop.vote(semantic.embed([classify.buyer_words(note.buyer_comment)])[0])
    if reading is None or (reading.issue is note.issue and reading.confidence <= (note.confidence or 0.0)):
        return note
    return replace(note, issue=reading.issue, confidence=reading.confidence,
                   chosen_option=note.chosen_option if reading.issue is Issue.OPTION_CHOICE else None,
                   remarks=(*note.remarks, f"issue from the shop's examples ({reading.evidence[0]})"))


def parse_message(
    raw: bytes,
    *,
    security: SecuritySettings,
    received_at: datetime | None = None,
    dkim_dnsfunc: DnsFunc | None = None,
) -> Notification:
    """Understand one message. Raises QuarantineError only when it is outside the limits.

    ``dkim_dnsfunc`` serves the DKIM key lookups of the optional local check
    (``security.dkim_verify``); without it dkimpy asks DNS.
    """
    try:
        return _parse(raw, security, received_at, dkim_dnsfunc)
    except QuarantineError:
        raise
    except Exception as exc:  # a bug meeting strange mail: set the message aside with the reason, keep the daemon going
        log.exception("internal parser error")
        raise QuarantineError(f"{INTERNAL_ERROR}: {type(exc).__name__}: {exc}") from exc


INTERNAL_ERROR = "internal parser error"


def _parse(raw: bytes, security: SecuritySettings, received_at: datetime | None,
           dkim_dnsfunc: DnsFunc | None) -> Notification:
    budget = Budget(security.parse_seconds)
    mail = read_mail(raw, security, budget)
    result = _with_account_facts(_with_request(_understand(mail, security)))
    budget.check("platform parsing")
    verdict = authenticity.verify(mail, result.platform, security, dkim_dnsfunc)
    budget.check("authenticity check")
    return _text_only(replace(
        result,
        authentic=verdict.authentic,
        auth_evidence=verdict.evidence,
        received_at=message_date(result.received_at, received_at),
        remarks=tuple(dict.fromkeys((*mail.remarks, *result.remarks))),
    ))


def _with_request(note: Notification) -> Notification:
    """What the buyer's own words ask for and offer (remedy, attachments, order facts), where they wrote."""
    if not note.buyer_comment:
        return note
    request = reading.read_request(note.buyer_comment)
    return replace(note, remedy=request.remedy, attachments=request.attachments,
                   mentioned_facts=request.mentioned_facts)


def _with_account_facts(note: Notification) -> Notification:
    """What an account notice is about (the metric, held funds, a listing's cause), for the account handlers."""
    found = account_facts(note.kind, note.subject, note.body_text)
    return replace(note, **found) if found else note


# A Date header before this, or more than a day after the message reached the mailbox, is a sender's mistake or a
# forgery: the message is dated by its arrival instead.
EARLIEST_DATE = datetime(2000, 1, 1, tzinfo=timezone.utc)
DATE_SLACK = timedelta(days=1)


def message_date(header_date: datetime | None, arrived_at: datetime | None) -> datetime | None:
    """When a message was sent, for its deadlines: its Date header when that is plausible, else when the mailbox
    received it (``arrived_at``: INTERNALDATE, or failing that when disputed stored it)."""
    arrived, written = _aware(arrived_at), _aware(header_date)
    if written is None or written < EARLIEST_DATE:
        return arrived
    if written > (arrived or datetime.now(timezone.utc)) + DATE_SLACK:
        return arrived
    return header_date if header_date.tzinfo is not None else written  # the sender's zone kept, for display


def _aware(moment: datetime | None) -> datetime | None:
    """UTC with its zone; a time without one is taken to be UTC already (as the store keeps them)."""
    if moment is None:
        return None
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def _text_only(note: Notification) -> Notification:
    """The notification with no lone surrogates and no NUL characters left in it: raw bytes the MIME
    layer could not decode must not reach the store (SQLite, PostgreSQL and SMTP refuse to encode
    surrogates; PostgreSQL refuses NUL in text), and neither carries meaning in mail."""
    changes = {}
    for name in _FIELD_NAMES:
        value = getattr(note, name)
        if isinstance(value, str):
            clean = _clean_text(value)
            if clean is not value:
                changes[name] = clean
        elif isinstance(value, tuple) and any(isinstance(v, str) for v in value):
            clean_tuple = tuple(_clean_text(v) if isinstance(v, str) else v for v in value)
            if clean_tuple != value:
                changes[name] = clean_tuple
    return replace(note, **changes) if changes else note


_FIELD_NAMES = tuple(field.name for field in fields(Notification))


def _clean_text(value: str) -> str:
    clean = value if value.isascii() else without_surrogates(value)
    if "\x00" in clean:
        clean = clean.replace("\x00", "")
    return value if clean == value else clean


def _understand(mail: ReadMail, security: SecuritySettings) -> Notification:
    if loops.is_bounce(mail):
        return loops.bounce(mail)
    parser = _parser_for(mail, security)
    result = None
    if parser is not None:
        try:
            result = parser.parse(mail)
        except QuarantineError:
            raise
        except Exception as exc:  # a parser bug must not lose the message: keep it, marked, for an operator
            log.exception("%s parser failed on %s", parser.__name__, mail.message_id)
            result = notification(mail, Kind.UNRECOGNISED, parser.PLATFORM,
                                  remarks=(f"{parser.__name__} parser error: {type(exc).__name__}: {exc}",))
    own = loops.own_mail_evidence(mail)
    if own:  # whatever it looks like, never answer ourselves
        return loops.auto_reply(mail, own, result)
    if result is None or result.kind in _PERSON_KINDS:
        evidence = loops.auto_reply_evidence(mail)
        if evidence:
            return loops.auto_reply(mail, evidence, result)
    # A marketplace's own notice of a buyer's message (no relay address: the answer goes through the
    # platform) comes from a no-reply address by design; only a person's no-reply mail is an automatic one.
    if result is not None and result.kind is Kind.BUYER_MESSAGE and (result.platform is None or result.reply_to):
        evidence = loops.noreply_evidence(mail)
        if evidence:
            return loops.auto_reply(mail, evidence, result)
    return result or notification(mail, Kind.UNRECOGNISED, None)


def _parser_for(mail: ReadMail, security: SecuritySettings) -> ModuleType | None:
    """The sender's own claim decides first; otherwise the first parser the content convinces."""
    platform, _ = claimed_platform(mail, security)
    if platform is not None:
        return _by_platform()[platform]
    return next((module for module in platform_parsers() if module.claims(mail)), None)
