"""The approval queue: reading it, and the steps that approve, change or settle a draft.

The command line and the web page both act through these functions, so an action
means the same thing wherever it is taken, and every action lands in the case history.
The stages that approve or rewrite a letter without an operator call the steps named
here too: drafting's ``approve_by_policy``, and ``choose_remedy`` (which re-renders a
letter for the remedy chosen), so nothing outside this module approves or re-renders a draft.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import case as sql_case
from sqlalchemy import func
from sqlmodel import Session, select

from disputed.config.settings import PolicySettings
from disputed.languages import OPERATOR_LANGUAGES
from disputed.handlers.base import SUPERSEDED_EDIT
from disputed.notification import Notification
from disputed.rendering import TemplateError, TemplateLibrary
from disputed.store import readiness
from disputed.store.models import Case, CaseEvent, Draft, DraftStatus, utcnow
from disputed.vocabulary import Audience

log = logging.getLogger(__name__)

# Who approved a draft that the seller's policy let through without an operator.
BY_POLICY = "auto"
# The states in which a draft's text may still change.
EDITABLE = (DraftStatus.PENDING, DraftStatus.APPROVED, DraftStatus.FAILED)


class QueueError(Exception):
    """An action that cannot be taken on this draft in its present state."""


class TextRefreshed(QueueError):
    """The draft's text was brought up to date with the case's facts while approving it: the
    change is to be kept (committed) and the text read again before approval."""


def text_digest(draft: Draft) -> str:
    """What an approval binds to: recipient, subject and body exactly as approved."""
    return digest_of(draft.to_addr, draft.subject, draft.body)


def digest_of(to_addr: str, subject: str, body: str) -> str:
    return hashlib.sha256("\x00".join([to_addr, subject, body]).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class QueueFilter:
    statuses: tuple[DraftStatus, ...] = (DraftStatus.PENDING,)
    mailbox: str | None = None
    platform: str | None = None
    kind: str | None = None
    issue: str | None = None
    language: str | None = None


def queue_query(flt: QueueFilter):
    """Drafts joined with their case, most urgent first (earliest due; undated last)."""
    stmt = select(Draft, Case).join(Case, Case.id == Draft.case_id)
    if flt.statuses:
        stmt = stmt.where(Draft.status.in_(flt.statuses))
    for column, value in (
        (Case.mailbox, flt.mailbox),
        (Case.platform, flt.platform),
        (Case.kind, flt.kind),
        (Case.issue, flt.issue),
        (Draft.language, flt.language),
    ):
        if value:
            stmt = stmt.where(column == value)
    undated_last = sql_case((Draft.due_at.is_(None), 1), else_=0)
    return stmt.order_by(undated_last, Draft.due_at, Draft.id)


def list_queue(session: Session, *, flt: QueueFilter = QueueFilter(), limit: int = 100, offset: int = 0) -> list[tuple[Draft, Case]]:
    return list(session.exec(queue_query(flt).offset(offset).limit(limit)).all())


def count_queue(session: Session, *, flt: QueueFilter = QueueFilter()) -> int:
    sub = queue_query(flt).order_by(None).subquery()
    return session.exec(select(func.count()).select_from(sub)).one()


def get_draft(session: Session, draft_id: int, *, for_update: bool = False) -> Draft:
    stmt = select(Draft).where(Draft.id == draft_id)
    if for_update and session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update()
    draft = session.exec(stmt).first()
    if draft is None:
        raise QueueError(f"no draft {draft_id}")
    return draft


def record(session: Session, *, case_id: int, type: str, detail: str = "", actor: str = "disputed", draft_id: int | None = None, message_row: int | None = None) -> None:
    session.add(CaseEvent(case_id=case_id, type=type, detail=detail, actor=actor, draft_id=draft_id, message_row=message_row))


def approve(session: Session, draft_id: int, *, by: str, expected_digest: str | None = None, templates: TemplateLibrary | None = None) -> Draft:
    """Approve exactly the text the operator saw, when nothing in it is unfinished or untrue
    (``readiness.check``; the refusal names what is missing). ``expected_digest`` guards
    against approving a text that changed since it was shown. With ``templates``, a letter
    whose account of contact with the buyer is out of date is re-rendered first (and
    ``TextRefreshed`` asks for it to be read again)."""
    draft = get_draft(session, draft_id, for_update=True)
    if draft.status not in (DraftStatus.PENDING, DraftStatus.FAILED):
        raise QueueError(f"draft {draft_id} is {draft.status}, not pending")
    if templates is not None and readiness.bring_contact_up_to_date(session, draft, templates):
        raise TextRefreshed(f"draft {draft_id} was brought up to date with what was sent to the buyer; read it again before approving")
    found = readiness.check(session, draft)
    if not found.ready:
        raise QueueError(found.refusal(draft_id))
    digest = text_digest(draft)
    if expected_digest is not None and expected_digest != digest:
        raise QueueError(f"draft {draft_id} changed since you read it; review it again")
    draft.status = DraftStatus.APPROVED
    draft.approved_by = by
    draft.approved_at = utcnow()
    draft.approved_sha256 = digest
    draft.next_attempt_at = None
    session.add(draft)
    record(session, case_id=draft.case_id, type="approved", detail=f"draft {draft_id}", actor=by, draft_id=draft_id)
    return draft


def approve_by_policy(row: dict[str, Any], *, note: Notification | None, platform: str | None, audience: Audience, policy: PolicySettings) -> bool:
    """The approval of a letter nobody has read, as drafting queues it (``row``: the draft about to be
    written). Only for a notification of a kind or issue the seller lets through (``[policy] auto_approve``)
    that passed authentication, and a letter that leaves (not an internal note) with nothing left to
    complete and no marketplace rule broken. Bound to the text like an operator's approval; True when given."""
    allowed = set(policy.auto_approve)
    if not allowed or note is None or note.authentic is False or audience == Audience.INTERNAL:
        return False
    if note.kind not in allowed and (note.issue is None or note.issue not in allowed):
        return False
    found = readiness.check_text(platform, audience, row["language"], row["to_addr"], row["subject"], row["body"], row["context"], edited=False)
    if not found.may_auto_approve:
        log.info("case %s: %s not auto-approved: %s", row["case_id"], row["template"], "; ".join(found.missing + found.warnings))
        return False
    row.update(status=DraftStatus.APPROVED, approved_by=BY_POLICY, approved_at=utcnow(), approved_sha256=digest_of(row["to_addr"], row["subject"], row["body"]))
    return True


@dataclass(frozen=True)
class Choice:
    summary: str  # e.g. "remedy 2: partial_refund 20%"
    rewritten: bool  # the letter was re-rendered to offer only that remedy


def choose_remedy(session: Session, draft_id: int, option: int, *, by: str, templates: TemplateLibrary) -> Choice:
    """An operator records which of the offered remedies the buyer chose (1-based). The letter is
    re-rendered to offer only that one while its text is still the one the templates made (an
    operator's own wording is never overwritten; the rewrite is an edit like any other), and its
    readings follow."""
    draft = get_draft(session, draft_id, for_update=True)
    options = draft.options or []
    if not 1 <= option <= len(options):
        raise QueueError(f"there is no remedy {option}")
    if draft.status not in EDITABLE:
        raise QueueError(f"draft {draft_id} is {draft.status}")
    rewritten = _narrow_to_choice(session, draft, option, by=by, templates=templates)
    draft.chosen_option = option
    session.add(draft)
    remedy = options[option - 1]
    summary = f"remedy {option}: {remedy.get('type', '?')}" + (f" {remedy['percent']}%" if remedy.get("percent") else "")
    record(session, case_id=draft.case_id, type="option_chosen", detail=f"draft {draft_id}: {summary}", actor=by, draft_id=draft_id)
    return Choice(summary, rewritten)


def _narrow_to_choice(session: Session, draft: Draft, option: int, *, by: str, templates: TemplateLibrary) -> bool:
    """Templates see ``options`` narrowed to the choice, and ``chosen_option``. True when the text changed."""
    try:
        if _render_for_choice(templates, draft, draft.language, draft.chosen_option).body != draft.body:
            return False
        rendered = _render_for_choice(templates, draft, draft.language, option)
        readings = {lang: _render_for_choice(templates, draft, lang, option).body if templates.has(draft.template, lang) else ""
                    for lang in OPERATOR_LANGUAGES}
    except TemplateError:
        return False
    if rendered.body == draft.body:
        return False
    edit(session, draft.id, by=by, body=rendered.body)
    draft.reading_en, draft.reading_zh = readings["en"], readings["zh"]
    session.add(draft)
    return True


def _render_for_choice(templates: TemplateLibrary, draft: Draft, language: str, option: int | None):
    context = dict(draft.context or {})
    if option is not None and draft.options:
        context["options"] = [{**draft.options[option - 1], "number": 1}]
        context["chosen_option"] = option
    return templates.render(draft.template, language, context)


def reject(session: Session, draft_id: int, *, by: str, reason: str) -> Draft:
    draft = get_draft(session, draft_id, for_update=True)
    if draft.status not in (DraftStatus.PENDING, DraftStatus.APPROVED, DraftStatus.FAILED, DraftStatus.UNKNOWN):
        raise QueueError(f"draft {draft_id} is {draft.status}; it can no longer be rejected")
    draft.status = DraftStatus.REJECTED
    draft.reject_reason = reason
    session.add(draft)
    record(session, case_id=draft.case_id, type="rejected", detail=f"draft {draft_id}: {reason}", actor=by, draft_id=draft_id)
    return draft


def edit(session: Session, draft_id: int, *, by: str, body: str | None = None, subject: str | None = None, to_addr: str | None = None) -> Draft:
    """Change a draft's text. An approved draft goes back to pending: approval binds to text."""
    draft = get_draft(session, draft_id, for_update=True)
    if draft.status not in (DraftStatus.PENDING, DraftStatus.APPROVED, DraftStatus.FAILED):
        raise QueueError(f"draft {draft_id} is {draft.status}; it can no longer be edited")
    before = text_digest(draft)
    if body is not None:
        draft.body = body
    if subject is not None:
        draft.subject = _one_line(subject)
    if to_addr is not None:
        draft.to_addr = _one_line(to_addr)
    if text_digest(draft) == before:
        return draft
    if draft.status == DraftStatus.APPROVED:
        draft.status = DraftStatus.PENDING
        draft.approved_by = draft.approved_at = draft.approved_sha256 = None
        record(session, case_id=draft.case_id, type="unapproved", detail=f"draft {draft_id} edited after approval", actor=by, draft_id=draft_id)
    session.add(draft)
    record(session, case_id=draft.case_id, type="edited", detail=f"draft {draft_id}", actor=by, draft_id=draft_id)
    return draft


def take_over_edit(session: Session, draft_id: int, *, by: str) -> Draft:
    """Put the operator's edit of the draft this one replaced into it (subject and body; the
    recipient too when this draft has none). It is an edit like any other."""
    draft = get_draft(session, draft_id, for_update=True)
    previous = (draft.context or {}).get(SUPERSEDED_EDIT)
    if not previous:
        raise QueueError(f"draft {draft_id} replaced no edited draft")
    edited = edit(session, draft_id, by=by, body=previous["body"], subject=previous["subject"], to_addr=draft.to_addr or previous["to_addr"])
    record(session, case_id=draft.case_id, type="edit_taken_over", detail=f"draft {draft_id}: text of draft {previous['draft_id']} taken over", actor=by, draft_id=draft_id)
    return edited


def resolve_unknown(session: Session, draft_id: int, *, by: str, was_sent: bool) -> Draft:
    """An operator settles a send whose outcome was unknown: mark it sent, or allow one resend."""
    draft = get_draft(session, draft_id, for_update=True)
    if draft.status != DraftStatus.UNKNOWN:
        raise QueueError(f"draft {draft_id} is {draft.status}, not unknown")
    draft.status = DraftStatus.SENT if was_sent else DraftStatus.APPROVED
    if was_sent:
        draft.sent_at = draft.sent_at or utcnow()
    session.add(draft)
    record(session, case_id=draft.case_id, type="outcome_settled", detail=f"draft {draft_id}: {'sent' if was_sent else 'resend approved'}", actor=by, draft_id=draft_id)
    return draft


def _one_line(value: str) -> str:
    return "".join(ch for ch in value if ch >= " " and ch != "\x7f").strip()

