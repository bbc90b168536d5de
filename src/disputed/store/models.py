"""Tables. Every stage's state lives here; stages talk through these rows."""

from __future__ import annotations

from datetime import datetime, timezone
from enum import StrEnum
from typing import Any, Optional

from pydantic import BaseModel, ConfigDict
from sqlalchemy import JSON, BigInteger, Column, Index, LargeBinary, Text, TypeDecorator, UniqueConstraint
from sqlmodel import Field, SQLModel

from disputed.vocabulary import Audience, Kind


def utcnow() -> datetime:
    """Now, as an aware UTC datetime: every timestamp in the store is aware UTC."""
    return datetime.now(timezone.utc)


def as_utc(value: datetime | None) -> datetime | None:
    """An aware UTC datetime; a naive one is taken to be UTC already."""
    if value is None:
        return None
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


class MessageStatus(StrEnum):
    NEW = "new"  # stored, not yet parsed
    PROCESSED = "processed"  # parsed, attached to a case
    QUARANTINED = "quarantined"  # could not be processed; reason kept, operator may retry


class CaseStatus(StrEnum):
    OPEN = "open"  # a draft is waiting or the seller must act
    AWAITING_BUYER = "awaiting_buyer"  # we answered; the buyer's move
    TRIAGE = "triage"  # the classifier was unsure; an operator decides
    UNVERIFIED = "unverified"  # claimed to be a marketplace, failed authentication
    RESOLVED = "resolved"


class CaseState(StrEnum):
    """What a person must do about a case. Derived from the case's status and its drafts by
    ``store.inbox.STATE_SQL`` (kept in ``Case.state`` by triggers), never set by hand."""

    NEEDS_DECISION = "needs_decision"  # triage, held for a person, unverified, or open with nothing drafted
    WAITING_APPROVAL = "waiting_approval"  # a draft waits for an operator (pending, failed, outcome unknown)
    WAITING_BUYER = "waiting_buyer"  # answered; the buyer's (or the platform's) move
    FOLLOW_UP = "follow_up"  # a follow-up is scheduled
    HANDLED_ON_PLATFORM = "handled_on_platform"  # a letter was done in Seller Central / Resolution Centre
    CLOSED = "closed"


class CloseReason(StrEnum):
    RESOLVED = "resolved"
    REFUNDED_ON_PLATFORM = "refunded_on_platform"
    NO_REPLY_NEEDED = "no_reply_needed"
    DUPLICATE = "duplicate"
    FRAUD = "fraud"  # an unverified notice an operator judged forged
    MERGED = "merged"  # its messages and drafts joined another case of the same order


class DraftStatus(StrEnum):
    PENDING = "pending"  # waiting for an operator
    APPROVED = "approved"  # bound to its approved text, queued for the sender
    SENDING = "sending"  # handed to SMTP; outcome not yet recorded
    SENT = "sent"
    FAILED = "failed"  # permanent SMTP refusal, or retries exhausted
    UNKNOWN = "unknown"  # connection lost mid-send and not found in Sent: an operator decides
    REJECTED = "rejected"
    SUPERSEDED = "superseded"  # replaced by a newer draft on the same case


class MailboxState(SQLModel, table=True):
    """Where ingest stands in one mailbox, and which instance holds it."""

    __tablename__ = "mailbox_state"
    name: str = Field(primary_key=True)
    # IMAP UIDs and UIDVALIDITY are unsigned 32-bit numbers (RFC 3501): above PostgreSQL's INTEGER.
    uidvalidity: Optional[int] = Field(default=None, sa_column=Column(BigInteger))
    last_uid: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, default=0))
    rematch: bool = False  # set once UIDVALIDITY has changed: new mail is checked against stored content
    lease_holder: Optional[str] = None
    lease_expires_at: Optional[datetime] = None
    updated_at: datetime = Field(default_factory=utcnow)
    # When disputed first knew the mailbox: mail that arrived before then is its backlog, which may be filed as
    # history ([policy] history_after_days); mail arriving later is always live. NULL for rows older than the column.
    connected_at: Optional[datetime] = None


class ComponentHealth(SQLModel, table=True):
    """The last word on one part the daemon depends on: a mailbox (``mailbox:<name>``) or the SMTP server
    (``smtp``). Written by whichever instance last used it; read by /healthz, /metrics and the operator
    notifications, so a failing login shows where operators look instead of only in a log."""

    __tablename__ = "component_health"
    name: str = Field(primary_key=True)
    ok: bool = True
    checked_at: datetime = Field(default_factory=utcnow)  # the last attempt, good or bad
    ok_at: Optional[datetime] = None  # the last success (for a mailbox: a completed sync)
    failing_since: Optional[datetime] = None  # the first failure of the current run of failures
    problem: Optional[str] = None  # "login" (credentials refused or grant revoked) or "unreachable"
    error: Optional[str] = Field(default=None, sa_column=Column(Text))  # the server's or the library's words


class DaemonInstance(SQLModel, table=True):
    """A running instance on a shared store: its heartbeat, which tells the others how many
    share the mailboxes, and the mailboxes it is watching right now."""

    __tablename__ = "daemon_instance"
    name: str = Field(primary_key=True)
    started_at: datetime = Field(default_factory=utcnow)
    beat_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime = Field(default_factory=utcnow, index=True)  # counted as live until then
    watching: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class StoredMessage(SQLModel, table=True):
    """A message exactly as fetched, with its identity and processing state."""

    __tablename__ = "message"
    __table_args__ = (
        UniqueConstraint("mailbox", "source_key", name="uq_message_position"),
        Index("ix_message_status", "status", "id"),
        Index("ix_message_msgid", "message_id"),
        Index("ix_message_sha", "sha256"),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    mailbox: str
    source_key: str  # "<uidvalidity>/<uid>" for IMAP, the file's unique name for Maildir
    uidvalidity: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, default=0))
    uid: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, default=0))
    message_id: Optional[str] = None
    sha256: str
    size: int = 0
    raw: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    stored_at: datetime = Field(default_factory=utcnow)
    arrived_at: Optional[datetime] = None  # when the mailbox received it (INTERNALDATE); dates a message with no usable Date
    status: MessageStatus = MessageStatus.NEW
    attempts: int = 0
    claimed_by: Optional[str] = None
    claimed_until: Optional[datetime] = None
    error: Optional[str] = Field(default=None, sa_column=Column(Text))
    parsed: Optional[dict[str, Any]] = Field(default=None, sa_column=Column(JSON(none_as_null=True)))
    kind: Optional[str] = None
    platform: Optional[str] = None
    case_id: Optional[int] = Field(default=None, index=True)


class FollowUpPlan(BaseModel):
    """The letter the sweep queues on a case at ``Case.followup_at``."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    template: str
    context: dict[str, Any] = {}  # its template variables, JSON-ready


class CaseFacts(BaseModel):
    """What a case knows beyond its columns (``Case.facts``), checked when written and when read: a key
    nobody declared here is an error, not a silent blank. Frozen: a change is a new value
    (``case.facts = case.facts.changed(...)``), which the ORM then writes."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    opened_with: Optional[Kind] = None  # the kind of the case's first notification (a feedback case stays one)
    marketplace: Optional[str] = None  # e.g. amazon.de: the reply's language when the buyer's cannot be told
    # The notices' own words, kept for letters drafted without a notification (follow-ups, an operator's reply):
    item: Optional[str] = None
    reason: Optional[str] = None  # the return or dispute reason as printed
    tracking_number: Optional[str] = None
    buyer_address_conflict: Optional[str] = None  # another address wrote about this case's order; an operator decides
    followup: Optional[FollowUpPlan] = None  # the letter the sweep queues at Case.followup_at

    def changed(self, **values: Any) -> CaseFacts:
        return type(self).model_validate({**self.model_dump(exclude_defaults=True), **values})


class CaseFactsJSON(TypeDecorator):
    """``CaseFacts`` stored as a JSON object (NULL when there is nothing to say), validated both ways."""

    impl = JSON
    cache_ok = True

    def process_bind_param(self, value: CaseFacts | dict[str, Any] | None, dialect) -> dict[str, Any] | None:
        if value is None:
            return None
        facts = value if isinstance(value, CaseFacts) else CaseFacts.model_validate(value)
        return facts.model_dump(mode="json", exclude_defaults=True) or None

    def process_result_value(self, value: dict[str, Any] | None, dialect) -> CaseFacts:
        return CaseFacts.model_validate(value or {})


class Case(SQLModel, table=True):
    """One dispute: every notification and buyer reply about one order."""

    __tablename__ = "case"
    __table_args__ = (Index("ix_case_status_due", "status", "due_at"), Index("ix_case_state_due", "state", "due_at"), Index("ix_case_due", "due_at", "id"))
    id: Optional[int] = Field(default=None, primary_key=True)
    key: str = Field(unique=True)  # "amazon:123-1234567-1234567", or "thread:<msgid>" / "account:..."
    platform: Optional[str] = None
    order_id: Optional[str] = None
    mailbox: str = ""
    kind: Optional[str] = None  # the newest notification's kind; None for a case the seller opened (order mail)
    issue: Optional[str] = None
    status: CaseStatus = CaseStatus.OPEN
    state: str = CaseState.NEEDS_DECISION.value  # written by the store's triggers only (store/inbox.py)
    closed_reason: Optional[str] = None  # a CloseReason, while the case is resolved by an operator
    language: Optional[str] = None
    buyer_address: Optional[str] = None
    buyer_name: Optional[str] = None
    platform_address: Optional[str] = None
    subject: str = ""
    asin: Optional[str] = None
    amount: Optional[str] = None
    currency: Optional[str] = None
    due_at: Optional[datetime] = None
    followup_at: Optional[datetime] = None
    last_message_id: Optional[str] = None  # Message-ID of the newest inbound message, for threading
    references: Optional[str] = Field(default=None, sa_column=Column(Text))
    facts: CaseFacts = Field(default_factory=CaseFacts, sa_column=Column(CaseFactsJSON(none_as_null=True)))
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "facts" and not isinstance(value, CaseFacts):  # checked when set (the constructor too), not only when written
            value = CaseFacts.model_validate(value or {})
        super().__setattr__(name, value)


class CaseEvent(SQLModel, table=True):
    """A line of a case's history. Never updated, only appended."""

    __tablename__ = "case_event"
    id: Optional[int] = Field(default=None, primary_key=True)
    case_id: Optional[int] = Field(default=None, index=True)
    at: datetime = Field(default_factory=utcnow)
    type: str  # "notification", "draft_queued", "approved", "sent", "escalated", ...
    detail: str = Field(default="", sa_column=Column(Text))
    actor: str = "disputed"
    message_row: Optional[int] = None
    draft_id: Optional[int] = None


class Draft(SQLModel, table=True):
    """A reply or letter: the approval queue and the outbox are the same rows."""

    __tablename__ = "draft"
    __table_args__ = (Index("ix_draft_status_due", "status", "due_at"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    case_id: int = Field(index=True)
    handler: str
    template: str
    audience: Audience = Audience.BUYER
    language: str = "en"
    to_addr: str = ""
    subject: str = ""
    body: str = Field(default="", sa_column=Column(Text))
    reading_en: str = Field(default="", sa_column=Column(Text))
    reading_zh: str = Field(default="", sa_column=Column(Text))
    options: Optional[list[dict[str, Any]]] = Field(default=None, sa_column=Column(JSON(none_as_null=True)))
    chosen_option: Optional[int] = None
    context: Optional[dict[str, Any]] = Field(default=None, sa_column=Column(JSON(none_as_null=True)))
    message_id: str = Field(unique=True)  # our outgoing Message-ID, fixed at creation
    in_reply_to: Optional[str] = None
    references: Optional[str] = Field(default=None, sa_column=Column(Text))
    status: DraftStatus = DraftStatus.PENDING
    due_at: Optional[datetime] = None
    created_at: datetime = Field(default_factory=utcnow)
    approved_by: Optional[str] = None
    approved_at: Optional[datetime] = None
    approved_sha256: Optional[str] = None  # approval binds to exactly this text
    send_attempts: int = 0
    next_attempt_at: Optional[datetime] = None
    claimed_by: Optional[str] = None
    smtp_phase: Optional[str] = None  # "data" once DATA may have reached the server
    filed_at: Optional[datetime] = None  # when the copy was filed in the Sent folder
    sent_at: Optional[datetime] = None
    handled_on_platform_at: Optional[datetime] = None  # an operator did this letter on the platform instead of mailing it
    smtp_response: Optional[str] = Field(default=None, sa_column=Column(Text))
    reject_reason: Optional[str] = Field(default=None, sa_column=Column(Text))


class OrderFact(SQLModel, table=True):
    """What the seller knows about an order, imported from an order report."""

    __tablename__ = "order_fact"
    order_id: str = Field(primary_key=True)
    platform: Optional[str] = None
    ship_date: Optional[datetime] = None
    shipping_method: Optional[str] = None
    destination: Optional[str] = None  # ISO 3166 alpha-2 country code
    tracking_number: Optional[str] = None
    carrier_status: Optional[str] = None  # in_transit | delivered | returned | lost | no_tracking
    delivered_date: Optional[datetime] = None
    item: Optional[str] = None
    buyer_name: Optional[str] = None
    buyer_email: Optional[str] = None


class ClaimCode(SQLModel, table=True):
    """Promotional claim codes the seller loaded, handed out one per case."""

    __tablename__ = "claim_code"
    code: str = Field(primary_key=True)
    percent: int = 0
    case_id: Optional[int] = None
    issued_at: Optional[datetime] = None


class SendLog(SQLModel, table=True):
    """Per-recipient send counter for rate limits and loop protection."""

    __tablename__ = "send_log"
    id: Optional[int] = Field(default=None, primary_key=True)
    recipient: str = Field(index=True)
    at: datetime = Field(default_factory=utcnow)
    draft_id: int


class OAuthGrant(SQLModel, table=True):
    """A mailbox's OAuth grant. The refresh token (and the current access token) are stored
    encrypted (Fernet, see disputed.store.grants); ``state`` says whether the grant still works,
    ``error`` why not, and ``next_try_at`` when it is tried again (back-off)."""

    __tablename__ = "oauth_grant"
    mailbox: str = Field(primary_key=True)
    provider: str
    account: str = ""
    scope: str = ""
    refresh_token: str = Field(sa_column=Column(Text, nullable=False))  # Fernet token
    access_token: Optional[str] = Field(default=None, sa_column=Column(Text))  # Fernet token
    access_expires_at: Optional[datetime] = None
    state: str = "ok"  # "ok" | "failed"
    error: Optional[str] = Field(default=None, sa_column=Column(Text))
    failures: int = 0
    next_try_at: Optional[datetime] = None
    granted_at: datetime = Field(default_factory=utcnow)
    granted_by: str = ""
    # Obtained as a public client (Microsoft's device flow): refreshed without the client secret.
    public_client: bool = False
    updated_at: datetime = Field(default_factory=utcnow)


class ShopExample(SQLModel, table=True):
    """A buyer's words an operator labelled with their issue: the shop's own example, consulted by the
    classifier before the shipped ones (``disputed.store.examples``). Removing one keeps the row, marked,
    so the history says who labelled and who took it back."""

    __tablename__ = "shop_example"
    id: Optional[int] = Field(default=None, primary_key=True)
    text: str = Field(sa_column=Column(Text, nullable=False))
    issue: str
    language: Optional[str] = None
    labelled_by: str
    labelled_at: datetime = Field(default_factory=utcnow)
    # The text's sentence embedding (512 float32, little-endian), kept so that loading the examples costs no model run.
    vector: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    removed_by: Optional[str] = None
    removed_at: Optional[datetime] = Field(default=None, index=True)


class Alert(SQLModel, table=True):
    """Something the team must be told (a claim waiting for a person, a deadline coming, a mailbox failing),
    recorded once: ``key`` names the occurrence, so finding it again tells nobody twice. Channels tell
    alerts in id order; each channel's row in ``alert_channel`` says how far it has come."""

    __tablename__ = "alert"
    id: Optional[int] = Field(default=None, primary_key=True)
    key: str = Field(unique=True)  # e.g. "draft:12:pending", "case:7:due:24", "mailbox:shop:login:<since>"
    type: str  # what happened (disputed.alerts.events names them)
    urgent: bool = False
    created_at: datetime = Field(default_factory=utcnow)
    case_id: Optional[int] = None
    details: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))  # what the message says


class AlertChannel(SQLModel, table=True):
    """One configured channel's progress: the last alert it told, its recent messages (for the hourly
    limit), its back-off after a failure, and which instance is sending through it right now."""

    __tablename__ = "alert_channel"
    name: str = Field(primary_key=True)
    told_up_to: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, default=0))  # an alert id
    sent_times: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))  # ISO times, last hour
    failures: int = 0  # failed attempts since the last success
    next_attempt_at: Optional[datetime] = None
    last_error: Optional[str] = Field(default=None, sa_column=Column(Text))
    claimed_by: Optional[str] = None
    claimed_until: Optional[datetime] = None
    created_at: datetime = Field(default_factory=utcnow)


class DraftAttachment(SQLModel, table=True):
    """A file an operator attached to a draft (a return label, a photo of the right item): sent with it as a MIME
    part. Its content type is the one disputed found in the bytes (``store.attachments``), never the uploader's."""

    __tablename__ = "draft_attachment"
    id: Optional[int] = Field(default=None, primary_key=True)
    draft_id: int = Field(index=True)
    filename: str
    content_type: str
    size: int
    sha256: str
    data: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    added_by: str
    added_at: datetime = Field(default_factory=utcnow)
