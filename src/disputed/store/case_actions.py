"""The operator's actions on a case, beside the actions on a draft (``store/queue.py``).

The web page and the command line both call these. Each checks the actor's role, changes the case inside the
caller's transaction, writes a line of the case history and an audit entry, and raises ``CaseError`` before
anything is written when the action cannot be taken: the caller rolls back, nothing is half done.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from disputed.cases import apply_notification, last_offer, stored_history
from disputed.config.settings import Settings
from disputed.drafting import DraftingContext, apply_outcomes, case_view, queue_draft
from disputed.handlers import route
from disputed.handlers.base import HandlerContext, QueueDraft
from disputed.notification import Notification
from disputed.orders import order_record
from disputed.parsers import QuarantineError, parse_message
from disputed.rendering import TemplateError, TemplateLibrary
from disputed.store import attachments, auth, queue, readiness
from disputed.store.attachments import AttachmentRefused, Upload
from disputed.store.auth import Role
from disputed.store.db import is_postgres
from disputed.store.examples import label_example
from disputed.store.inbox import NEEDS_PERSON, CaseFilter, list_cases
from disputed.store.history import record
from disputed.store.models import Case, CaseStatus, CloseReason, Draft, DraftAttachment, DraftStatus, StoredMessage, as_utc, utcnow
from disputed.store.queue import QueueError
from disputed.vocabulary import ACCOUNT_KINDS, Audience, Issue

# Who may do what: viewers see, agents draft, approvers decide what leaves or ends, admins all.
NEEDS = {
    "classify": Role.AGENT,
    "reply": Role.AGENT,
    "attach": Role.AGENT,
    "reopen": Role.AGENT,
    "close": Role.APPROVER,
    "merge": Role.APPROVER,
    "trust": Role.APPROVER,
    "fraud": Role.APPROVER,
    "handled": Role.APPROVER,
    "reject": Role.APPROVER,
}
CLOSE_REASONS = (CloseReason.RESOLVED, CloseReason.REFUNDED_ON_PLATFORM, CloseReason.NO_REPLY_NEEDED, CloseReason.DUPLICATE)
SETTABLE_ISSUES = tuple(i for i in Issue if i != Issue.OPTION_CHOICE)
BLANK = "blank"  # the template name of a reply written from a blank page
_OPEN_DRAFTS = (DraftStatus.PENDING, DraftStatus.APPROVED, DraftStatus.FAILED)
# Where a letter to the platform is answered when it is not e-mailed.
PLATFORM_DESKS = {"amazon": "Seller Central", "ebay": "Resolution Centre", "aliexpress": "AliExpress dispute centre", "walmart": "Seller Center"}


class CaseError(Exception):
    """An action that cannot be taken on this case, or by this person; nothing was changed."""


@dataclass(frozen=True)
class Actor:
    """Who acts, with the role that decides what they may do, and where from (for the audit log)."""

    name: str
    role: Role
    client: str = "cli"


@dataclass(frozen=True)
class Drafting:
    """What an action that drafts needs: the settings (the seller's remedies) and the templates."""

    settings: Settings
    templates: TemplateLibrary


def desk_for(draft: Draft, case: Case) -> str | None:
    """Where a letter is done by hand, or None when it is e-mailed. A letter without an address is answered on the
    platform's own desk: a platform letter always, a buyer letter when the platform has one (an Amazon return
    request is answered in Seller Central, an eBay case in the Resolution Centre)."""
    if draft.to_addr or draft.audience == Audience.INTERNAL:
        return None
    desk = PLATFORM_DESKS.get(case.platform or "")
    if draft.audience == Audience.PLATFORM:
        return desk or "the platform's site"
    return desk


def _allow(actor: Actor, action: str) -> None:
    needed = NEEDS[action]
    if not Role(actor.role).allows(needed):
        raise CaseError(f"{actor.name} is {Role(actor.role).value}; to {action} a case needs {needed.value} or above")


def get_case(session: Session, case_id: int) -> Case:
    stmt = select(Case).where(Case.id == case_id)
    if is_postgres(session):
        stmt = stmt.with_for_update()
    case = session.exec(stmt).first()
    if case is None:
        raise CaseError(f"no case {case_id}")
    return case


def _note(session: Session, actor: Actor, case: Case, action: str, detail: str, *, draft_id: int | None = None) -> None:
    record(session, case_id=case.id, type=action, detail=detail, actor=actor.name, draft_id=draft_id)
    auth.record_audit(session, actor=actor.name, action=f"case_{action}", detail=detail, case_id=case.id, draft_id=draft_id, client=actor.client)


def _open(case: Case, action: str) -> None:
    if case.status == CaseStatus.RESOLVED:
        raise CaseError(f"case {case.id} is closed ({case.closed_reason or 'resolved'}); reopen it to {action}")


# Reading ----------------------------------------------------------------------------------


def messages_of(session: Session, case_id: int) -> list[StoredMessage]:
    """Every message of the thread, oldest first."""
    get_case(session, case_id)
    return list(session.exec(select(StoredMessage).where(StoredMessage.case_id == case_id).order_by(StoredMessage.stored_at, StoredMessage.id)).all())


def reply_templates(templates: TemplateLibrary, case: Case) -> list[str]:
    """The templates of the case's family: letters to the platform for an account notice, else the buyer's."""
    names = sorted({path.split("/", 1)[1][: -len(".txt")] for path in templates.env.list_templates() if path.count("/") == 1 and path.endswith(".txt")})
    names = [n for n in names if not n.startswith("_")]
    if case.kind in ACCOUNT_KINDS:
        return [n for n in names if n.startswith("platform.")]
    return [n for n in names if not n.startswith(("platform.", "order.", "option.")) and n != "hijacker"]


# Deciding ---------------------------------------------------------------------------------


def classify(session: Session, case_id: int, issue: str, *, by: Actor, drafting: Drafting) -> list[int]:
    """Set (or correct) the buyer's issue: the handler for it drafts as if the classifier had said it, and the
    buyer's words become a labelled example. Returns the ids of the drafts queued."""
    _allow(by, "classify")
    if issue not in {i.value for i in SETTABLE_ISSUES}:
        raise CaseError(f"unknown issue {issue!r}; issues: {', '.join(i.value for i in SETTABLE_ISSUES)}")
    case = get_case(session, case_id)
    _open(case, "set its issue")
    if case.status == CaseStatus.UNVERIFIED:
        raise CaseError(f"case {case_id} failed authentication; trust it (approver) or mark it fraud first")
    before = case.issue
    case.issue = issue
    note, row = _newest_note(session, drafting.settings, case)
    note = dataclasses.replace(note, issue=Issue(issue), confidence=1.0)
    _note(session, by, case, "classified", f"issue {before or '(none)'} -> {issue}")
    if note.buyer_comment:  # the buyer's words, where the message has them, teach the classifier this shop's language
        label_example(session, note.buyer_comment, issue, note.language or case.language, by.name)
    return _route_again(session, case, note, row, by, drafting)


def trust(session: Session, case_id: int, *, by: Actor, reason: str, drafting: Drafting) -> list[int]:
    """An operator vouches for a notice that failed authentication: it is handled as if it had passed."""
    _allow(by, "trust")
    reason = _reason(reason)
    case = get_case(session, case_id)
    if case.status != CaseStatus.UNVERIFIED:
        raise CaseError(f"case {case_id} is {case.status}, not unverified: there is nothing to trust")
    case.status = CaseStatus.OPEN
    _note(session, by, case, "trusted", reason)
    note, row = _newest_note(session, drafting.settings, case)
    note = dataclasses.replace(note, authentic=True)
    apply_notification(case, note, drafting.settings.policy)
    return _route_again(session, case, note, row, by, drafting)


def mark_fraud(session: Session, case_id: int, *, by: Actor, reason: str) -> Case:
    """A notice that failed authentication is judged forged: closed, never drafted."""
    _allow(by, "fraud")
    reason = _reason(reason)
    case = get_case(session, case_id)
    if case.status != CaseStatus.UNVERIFIED:
        raise CaseError(f"case {case_id} is {case.status}; only an unverified notice can be marked fraud")
    _close(session, case, CloseReason.FRAUD, by, reason)
    return case


def _newest_note(session: Session, settings: Settings, case: Case) -> tuple[Notification, StoredMessage]:
    row = session.exec(
        select(StoredMessage).where(StoredMessage.case_id == case.id, StoredMessage.parsed.is_not(None)).order_by(StoredMessage.id.desc()).limit(1)
    ).first()
    if row is None:
        raise CaseError(f"case {case.id} has no message to answer")
    try:
        note = parse_message(row.raw, security=settings.security, received_at=as_utc(row.stored_at))
    except QuarantineError as exc:
        raise CaseError(f"message {row.id} of case {case.id} cannot be read again: {exc}") from None
    return note, row


def _route_again(session: Session, case: Case, note: Notification, row: StoredMessage, by: Actor, drafting: Drafting) -> list[int]:
    handler = route(note.kind, note.issue)
    if handler is None:
        case.status = CaseStatus.TRIAGE
        session.add(case)
        _note(session, by, case, "no_handler", f"nothing handles {note.kind}/{note.issue}: write a reply")
        return []
    if case.status in (CaseStatus.TRIAGE, CaseStatus.UNVERIFIED):
        case.status = CaseStatus.OPEN
    ctx = HandlerContext(
        policy=drafting.settings.policy, now=utcnow(), order=order_record(session, case.order_id) if case.order_id else None,
        read_history=lambda: stored_history(session, case.id), read_offered=lambda: last_offer(session, case.id),
    )
    outcomes = handler.handle(note, case_view(case), ctx)
    dctx = DraftingContext(settings=drafting.settings, templates=drafting.templates, now=utcnow())
    try:
        queued = apply_outcomes(session, case, note, outcomes, dctx, handler=handler.name, message_row=row.id)
    except TemplateError as exc:
        raise CaseError(f"the {handler.name} handler's letter could not be written: {exc}") from None
    session.flush()
    return [q.id for q in queued]


# Replying ---------------------------------------------------------------------------------


def reply(session: Session, case_id: int, *, by: Actor, drafting: Drafting, template: str | None = None, subject: str = "", body: str = "", files: Sequence[Upload] = ()) -> int:
    """Queue a reply for approval: from a template of the case's family, or the operator's own text (``template``
    None), with ``files`` attached. It waits for approval like any draft. Returns the draft's id."""
    _allow(by, "reply")
    case = get_case(session, case_id)
    _open(case, "reply")
    if case.status == CaseStatus.UNVERIFIED:
        raise CaseError(f"case {case_id} failed authentication; trust it before answering")
    if files:  # refused before the draft is written, not after
        _allow(by, "attach")
        _checked(files, (), drafting.settings)
    audience = Audience.PLATFORM if case.kind in ACCOUNT_KINDS else Audience.BUYER
    dctx = DraftingContext(settings=drafting.settings, templates=drafting.templates, now=utcnow())
    if template:
        if template not in reply_templates(drafting.templates, case):
            raise CaseError(f"no template {template!r} for this case; choose one of: {', '.join(reply_templates(drafting.templates, case))}")
        try:
            queued = queue_draft(session, case, None, QueueDraft(template=template, audience=audience), dctx, handler="operator")
        except TemplateError as exc:
            raise CaseError(f"template {template} needs facts this case does not have ({exc}); write the reply instead") from None
        draft_id = queued.id
    else:
        body = body.replace("\r\n", "\n").replace("\r", "\n")
        if not body.strip():
            raise CaseError("the reply is empty")
        draft_id = _blank_draft(session, case, audience, subject, body, dctx)
    case.status = CaseStatus.OPEN if case.status != CaseStatus.AWAITING_BUYER else case.status
    session.add(case)
    _note(session, by, case, "reply_written", f"draft {draft_id} from {template or 'a blank page'}", draft_id=draft_id)
    if files:
        attach(session, draft_id, files, by=by, settings=drafting.settings)
    return draft_id


# Files sent with a reply ------------------------------------------------------------------

_ATTACHABLE = (DraftStatus.PENDING, DraftStatus.APPROVED, DraftStatus.FAILED)


def attach(session: Session, draft_id: int, files: Sequence[Upload], *, by: Actor, settings: Settings) -> list[int]:
    """Files to go with a draft as MIME parts. Every file is checked (kind, size, the draft's count and total)
    before any is stored. An approved draft goes back to pending: the approval was given without them.
    Returns the ids of the stored files."""
    _allow(by, "attach")
    draft = _draft_for_files(session, draft_id, "attach files to")
    if not files:
        raise CaseError("no file chosen")
    checked = _checked(files, attachments.of_draft(session, draft_id), settings)
    rows = [DraftAttachment(draft_id=draft_id, filename=c.filename, content_type=c.content_type, size=len(c.data), sha256=c.sha256, data=c.data, added_by=by.name) for c in checked]
    session.add_all(rows)
    session.flush()
    _files_changed(session, draft, by, "attached", ", ".join(f"{c.filename} ({c.content_type}, {len(c.data):,} bytes)" for c in checked))
    return [row.id for row in rows]


def detach(session: Session, attachment_id: int, *, by: Actor) -> int:
    """Take a file off a draft before it leaves. Returns the draft's id."""
    _allow(by, "attach")
    row = session.get(DraftAttachment, attachment_id)
    if row is None:
        raise CaseError(f"no attached file {attachment_id}")
    draft = _draft_for_files(session, row.draft_id, "take files off")
    session.delete(row)
    _files_changed(session, draft, by, "detached", row.filename)
    return draft.id


def _draft_for_files(session: Session, draft_id: int, doing: str) -> Draft:
    try:
        draft = queue.get_draft(session, draft_id, for_update=True)
    except QueueError as exc:
        raise CaseError(str(exc)) from None
    if draft.status not in _ATTACHABLE:
        raise CaseError(f"draft {draft_id} is {draft.status}; it is too late to {doing} it")
    if draft.audience == Audience.INTERNAL:
        raise CaseError(f"draft {draft_id} is an internal note; it is never sent, so it carries no files")
    return draft


def _checked(files: Sequence[Upload], present: Sequence[DraftAttachment], settings: Settings) -> list[attachments.Checked]:
    try:
        return attachments.check_all(files, present, settings.attachments)
    except AttachmentRefused as exc:
        raise CaseError(str(exc)) from None


def _files_changed(session: Session, draft: Draft, by: Actor, action: str, detail: str) -> None:
    if draft.status == DraftStatus.APPROVED:  # what was approved is no longer what would leave
        draft.status, draft.approved_by, draft.approved_at, draft.approved_sha256 = DraftStatus.PENDING, None, None, None
        session.add(draft)
        record(session, case_id=draft.case_id, type="unapproved", detail=f"draft {draft.id}: files changed after approval", actor=by.name, draft_id=draft.id)
    _note(session, by, get_case(session, draft.case_id), action, f"draft {draft.id}: {detail}", draft_id=draft.id)


def _blank_draft(session: Session, case: Case, audience: Audience, subject: str, body: str, dctx: DraftingContext) -> int:
    from email.utils import make_msgid

    language = case.language if audience == Audience.BUYER and case.language else ("en" if audience == Audience.PLATFORM else dctx.policy.default_language)
    to = case.buyer_address if audience == Audience.BUYER else (case.platform_address or "")
    default_subject = f"Re: {case.subject}" if case.subject and not case.subject.lower().startswith("re:") else case.subject
    draft = Draft(
        case_id=case.id, handler="operator", template=BLANK, audience=audience, language=language, to_addr=to or "",
        subject=queue._one_line(subject or default_subject or "")[:250], body=body, reading_en="", reading_zh="",
        message_id=make_msgid(domain=dctx.msgid_domain), in_reply_to=case.last_message_id, references=case.references,
        due_at=case.due_at, context={},
    )
    session.add(draft)
    session.flush()
    return draft.id


def mark_handled(session: Session, draft_id: int, *, by: Actor) -> Draft:
    """A letter done by hand on the platform (pasted into Seller Central, the Resolution Centre): recorded as
    delivered there; the sender never takes it."""
    _allow(by, "handled")
    try:
        draft = queue.get_draft(session, draft_id, for_update=True)
    except QueueError as exc:
        raise CaseError(str(exc)) from None
    case = get_case(session, draft.case_id)
    if desk_for(draft, case) is None:
        where = f"is e-mailed to {draft.to_addr}" if draft.to_addr else f"goes to the {draft.audience}"
        raise CaseError(f"draft {draft_id} {where}; only a letter answered on the platform's site is done there")
    if draft.status not in _OPEN_DRAFTS:
        raise CaseError(f"draft {draft_id} is {draft.status}; it can no longer be marked done on the platform")
    # The approval's own check: nothing unfinished leaves, by mail or by hand (only the address is not asked for).
    missing = [line for line in readiness.check(session, draft, rules=False).missing if line != readiness.NO_RECIPIENT]
    if missing:
        raise CaseError(f"draft {draft_id} is not finished: {'; '.join(missing)}")
    now = utcnow()
    draft.status, draft.handled_on_platform_at, draft.sent_at = DraftStatus.SENT, now, now
    draft.approved_by, draft.approved_at, draft.approved_sha256 = by.name, now, queue.text_digest(draft)
    session.add(draft)
    _note(session, by, case, "handled_on_platform", f"draft {draft_id} done on {desk_for(draft, case) or 'the platform'}", draft_id=draft_id)
    return draft


# Ending -----------------------------------------------------------------------------------


def close(session: Session, case_id: int, *, by: Actor, reason: str, note: str = "") -> Case:
    """Close with a reason; drafts still waiting are rejected with it."""
    _allow(by, "close")
    if reason not in {r.value for r in CLOSE_REASONS}:
        raise CaseError(f"unknown reason {reason!r}; reasons: {', '.join(r.value for r in CLOSE_REASONS)}")
    case = get_case(session, case_id)
    if case.status == CaseStatus.RESOLVED:
        raise CaseError(f"case {case_id} is already closed ({case.closed_reason or 'resolved'})")
    _close(session, case, CloseReason(reason), by, " ".join(note.split())[:500])
    return case


def _close(session: Session, case: Case, reason: CloseReason, by: Actor, note: str) -> None:
    for draft in session.exec(select(Draft).where(Draft.case_id == case.id, Draft.status.in_(_OPEN_DRAFTS))).all():
        queue.reject(session, draft.id, by=by.name, reason=f"case closed: {reason.value}")
    case.status, case.closed_reason, case.followup_at, case.updated_at = CaseStatus.RESOLVED, reason.value, None, utcnow()
    session.add(case)
    _note(session, by, case, "closed", reason.value + (f": {note}" if note else ""))


def reopen(session: Session, case_id: int, *, by: Actor, note: str = "") -> Case:
    """A closed case back in front of a person (needs a decision)."""
    _allow(by, "reopen")
    case = get_case(session, case_id)
    if case.status != CaseStatus.RESOLVED:
        raise CaseError(f"case {case_id} is not closed")
    if case.closed_reason == CloseReason.MERGED:
        raise CaseError(f"case {case_id} was merged into another; open that one")
    case.status, case.closed_reason, case.updated_at = CaseStatus.TRIAGE, None, utcnow()
    session.add(case)
    _note(session, by, case, "reopened", " ".join(note.split())[:500])
    return case


def merge(session: Session, source_id: int, into_id: int, *, by: Actor) -> Case:
    """Two cases of the same order that came apart become one: ``source``'s messages and drafts move to ``into``,
    and ``source`` is closed as merged."""
    _allow(by, "merge")
    if source_id == into_id:
        raise CaseError("a case cannot be merged into itself")
    source, into = get_case(session, source_id), get_case(session, into_id)
    if not source.order_id or (source.platform, source.order_id) != (into.platform, into.order_id):
        raise CaseError(
            f"case {source_id} ({source.platform} order {source.order_id or 'none'}) and case {into_id} "
            f"({into.platform} order {into.order_id or 'none'}) are not the same order"
        )
    if source.closed_reason == CloseReason.MERGED or into.closed_reason == CloseReason.MERGED:
        raise CaseError("one of the cases was merged already")
    for row in session.exec(select(StoredMessage).where(StoredMessage.case_id == source_id)).all():
        row.case_id = into_id
        session.add(row)
    for draft in session.exec(select(Draft).where(Draft.case_id == source_id)).all():
        draft.case_id = into_id
        session.add(draft)
    if source.due_at and (into.due_at is None or as_utc(source.due_at) < as_utc(into.due_at)):
        into.due_at = source.due_at
    if into.status == CaseStatus.RESOLVED and source.status != CaseStatus.RESOLVED:
        into.status, into.closed_reason = source.status, None
    source.status, source.closed_reason, source.followup_at = CaseStatus.RESOLVED, CloseReason.MERGED.value, None
    session.add_all([source, into])
    _note(session, by, source, "merged", f"into case {into_id}")
    _note(session, by, into, "merged", f"case {source_id} joined this one")
    return into


# Many at once -----------------------------------------------------------------------------

BULK_ACTIONS = ("close", "reject", "handled")


def bulk(session: Session, case_ids: Sequence[int], action: str, *, by: Actor, reason: str = "") -> int:
    """One action on many cases, in the caller's one transaction: all are done or, on the first refusal, none.
    ``close`` takes a close reason; ``reject`` rejects every waiting draft of the cases (with ``reason``);
    ``handled`` marks every waiting letter to the platform as done there. Returns how many cases changed."""
    steps: dict[str, Callable[[int], bool]] = {
        "close": lambda cid: bool(close(session, cid, by=by, reason=reason)),
        "reject": lambda cid: _reject_waiting(session, cid, by, reason),
        "handled": lambda cid: _handle_waiting(session, cid, by),
    }
    if action not in steps:
        raise CaseError(f"unknown bulk action {action!r}; actions: {', '.join(BULK_ACTIONS)}")
    if not case_ids:
        raise CaseError("no cases selected")
    changed = sum(1 for cid in dict.fromkeys(case_ids) if steps[action](cid))
    return changed


def _reject_waiting(session: Session, case_id: int, by: Actor, reason: str) -> bool:
    _allow(by, "reject")
    reason = _reason(reason)
    case = get_case(session, case_id)
    drafts = session.exec(select(Draft).where(Draft.case_id == case.id, Draft.status.in_(_OPEN_DRAFTS))).all()
    for draft in drafts:
        try:
            queue.reject(session, draft.id, by=by.name, reason=reason)
        except QueueError as exc:
            raise CaseError(str(exc)) from None
        auth.record_audit(session, actor=by.name, action="reject", detail=reason, case_id=case.id, draft_id=draft.id, client=by.client)
    return bool(drafts)


def _handle_waiting(session: Session, case_id: int, by: Actor) -> bool:
    case = get_case(session, case_id)
    waiting = session.exec(select(Draft).where(Draft.case_id == case.id, Draft.status.in_(_OPEN_DRAFTS))).all()
    drafts = [draft for draft in waiting if desk_for(draft, case)]
    for draft in drafts:
        mark_handled(session, draft.id, by=by)
    return bool(drafts)


def _reason(reason: str) -> str:
    reason = " ".join((reason or "").split())[:1000]
    if not reason:
        raise CaseError("a reason is required")
    return reason


BULK_LIMIT = 10_000


def select_for_bulk(session: Session, flt: CaseFilter | None = None, *, kind: str | None = None, platform: str | None = None,
                    before: datetime | None = None) -> list[int]:
    """The ids of the cases a bulk action would take: those ``flt`` finds (the cases page's filters), or those that
    need a person by kind, platform and deadline (or creation) before a time. More than ``BULK_LIMIT`` is refused
    rather than done in part."""
    if flt is None:
        flt = CaseFilter(states=NEEDS_PERSON, kind=kind, platform=platform, due_before=as_utc(before) if before else None)
    ids = [c.id for c in list_cases(session, flt, limit=BULK_LIMIT + 1)]
    if len(ids) > BULK_LIMIT:
        raise CaseError(f"more than {BULK_LIMIT:,} cases match; narrow the filters (a kind, a platform, a date)")
    return ids
