"""Drafts: a handler's outcomes turned into rows in the approval queue."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from email.utils import make_msgid, parseaddr
from functools import lru_cache
from typing import Any

from sqlalchemy import bindparam, insert, update
from sqlalchemy.orm.util import identity_key
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, select

from disputed.cases import buyer_address_conflict, unvouched
from disputed.config.settings import PolicySettings, Remedy, Settings
from disputed.handlers.base import BUYER_WRITTEN_ON, SUPERSEDED_EDIT, CaseView, Hold, Ignore, Outcome, QueueDraft, ScheduleFollowUp
from disputed.languages import OPERATOR_LANGUAGES
from disputed.notification import Notification
from disputed.rendering import TemplateLibrary
from disputed.store import readiness
from disputed.store.models import Case, CaseEvent, CaseStatus, ClaimCode, Draft, DraftStatus, FollowUpPlan, utcnow
from disputed.store.queue import BY_POLICY, approve_by_policy, record
from disputed.vocabulary import Audience, Issue, Kind

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DraftingContext:
    settings: Settings
    templates: TemplateLibrary
    now: datetime
    # When set, history lines are collected here (the processor writes a batch's lines in
    # one INSERT, in the same transaction) instead of being added to the session one by one.
    events: list[dict[str, Any]] | None = None
    # Cases created in this transaction that have no draft yet (the processor's batch keeps
    # it): queueing their first draft has no older one to supersede.
    undrafted: set[int] = field(default_factory=set)

    @property
    def policy(self) -> PolicySettings:
        return self.settings.policy

    @property
    def msgid_domain(self) -> str:
        return _domain_of(self.settings.smtp.from_)


@lru_cache(maxsize=16)
def _domain_of(address: str) -> str:
    return parseaddr(address)[1].rpartition("@")[2] or "disputed.invalid"


def apply_outcomes(session: Session, case: Case, note: Notification, outcomes: list[Outcome], dctx: DraftingContext, *, handler: str, message_row: int | None) -> list[QueuedDraft]:
    withheld = _withheld(case, note)
    if withheld:
        _record(session, dctx, case_id=case.id, type="held", detail=f"{handler}: {withheld}", message_row=message_row)
        return []
    drafts: list[QueuedDraft] = []
    for outcome in outcomes:
        if isinstance(outcome, QueueDraft):
            drafts.append(queue_draft(session, case, note, outcome, dctx, handler=handler))
        elif isinstance(outcome, Hold):
            case.status = CaseStatus.TRIAGE
            _record(session, dctx, case_id=case.id, type="held", detail=f"{handler}: {outcome.reason}", message_row=message_row)
        elif isinstance(outcome, Ignore):
            _record(session, dctx, case_id=case.id, type="ignored", detail=f"{handler}: {outcome.reason}", message_row=message_row)
        elif isinstance(outcome, ScheduleFollowUp):
            schedule_followup(session, case, outcome, dctx)
    session.add(case)
    return drafts


def _withheld(case: Case, note: Notification) -> str | None:
    """Why mail must not drive a draft on this case (no new draft, no superseded one), if it must not."""
    if unvouched(note):
        return "no marketplace vouches for this mail's sender; it drives no draft"
    if buyer_address_conflict(case, note):
        return f"mail from {note.reply_to} would change the case's buyer {case.buyer_address}; an operator decides"
    return None


def schedule_followup(session: Session, case: Case, outcome: ScheduleFollowUp, dctx: DraftingContext) -> None:
    case.followup_at = dctx.now + timedelta(days=outcome.days)
    case.facts = case.facts.changed(followup=FollowUpPlan(template=outcome.template, context=_jsonable(dict(outcome.context))))
    _record(session, dctx, case_id=case.id, type="followup_scheduled", detail=f"{outcome.template} on {case.followup_at:%Y-%m-%d}")


def base_context(case: Case, note: Notification | None, dctx: DraftingContext) -> dict[str, Any]:
    """The variables every template may use (documented in README: Templates)."""
    facts = case.facts
    get = (lambda attr: getattr(note, attr, None)) if note is not None else (lambda attr: None)
    return {
        "buyer_name": case.buyer_name,
        "order_id": case.order_id,
        "item": get("item") or facts.item,
        "asin": case.asin,
        "sku": get("sku"),  # the notice's only: no shipped letter says it, so the case does not keep it
        "quantity": get("quantity"),  # likewise
        "reason": get("reason") or facts.reason,
        "buyer_comment": get("buyer_comment"),
        "amount": case.amount,
        "currency": case.currency,
        "platform": case.platform,
        "marketplace": get("marketplace") or facts.marketplace,
        "seller_name": dctx.policy.seller_name,
        "shop_name": dctx.policy.shop_name,
        "tracking_number": get("tracking_number") or facts.tracking_number,
        "case_id": case.id,
        "today": dctx.now.date(),
    }


def reply_language(case: Case, name: str, dctx: DraftingContext, audience: Audience) -> str:
    if audience == Audience.PLATFORM:
        return "en"
    wanted = case.language
    if not wanted:  # the buyer's language could not be told: the marketplace's, e.g. amazon.de -> de
        wanted = dctx.policy.marketplace_languages.get(case.facts.marketplace or "")
    if wanted not in dctx.policy.languages:
        wanted = dctx.policy.default_language
    return dctx.templates.language_for(name, wanted)  # raises when there is none, naming what is missing


@dataclass(frozen=True)
class QueuedDraft:
    """A draft just written to the queue (the row itself is in the store)."""

    id: int
    language: str
    status: DraftStatus


def queue_draft(session: Session, case: Case, note: Notification | None, outcome: QueueDraft, dctx: DraftingContext, *, handler: str) -> QueuedDraft:
    context = base_context(case, note, dctx)
    context.update(outcome.context)
    context["options"] = [_option(i, r) for i, r in enumerate(outcome.options, 1)]
    if context.get("needs_claim_code") and not context.get("claim_code"):
        context["claim_code"] = _issue_claim_code(session, case, context.get("claim_code_percent"))
    if outcome.template in STATES_BUYER_CONTACT:  # said as the recorded sends show it, never assumed
        context[BUYER_WRITTEN_ON] = readiness.buyer_written_on(session, case.id)
    language = reply_language(case, outcome.template, dctx, outcome.audience)
    rendered = dctx.templates.render(outcome.template, language, context)
    carried = None
    if case.id in dctx.undrafted:
        dctx.undrafted.discard(case.id)
    else:
        carried = _last_edit_among(session, _supersede_pending(session, case, outcome.audience))
    if carried is not None:
        context[SUPERSEDED_EDIT] = carried
    row = {
        "case_id": case.id, "handler": handler, "template": outcome.template, "audience": outcome.audience, "language": rendered.language,
        "to_addr": _recipient(case, outcome), "subject": _subject(rendered.subject, case), "body": rendered.body,
        # The letter is its own reading in its language; the others are rendered when the draft is
        # first shown (``fill_readings``): rendering them here would double the drafting's cost.
        **{f"reading_{lang}": rendered.body if rendered.language == lang else None for lang in READING_LANGUAGES},
        "options": context["options"] or None, "context": _jsonable(context), "message_id": make_msgid(domain=dctx.msgid_domain),
        "in_reply_to": case.last_message_id, "references": case.references, "due_at": case.due_at,
        "status": DraftStatus.PENDING,
    }
    auto = approve_by_policy(row, note=note, platform=case.platform, audience=outcome.audience, policy=dctx.policy)
    draft_id = _insert_draft(session, row)
    _record(session, dctx, case_id=case.id, type="draft_queued", detail=f"draft {draft_id}: {outcome.template} ({rendered.language}) by {handler}", draft_id=draft_id)
    if auto:
        _record(session, dctx, case_id=case.id, type="approved", detail=f"draft {draft_id}: auto-approved by policy", actor=BY_POLICY, draft_id=draft_id)
    if carried is not None:
        _record(session, dctx, case_id=case.id, type="edit_carried", detail=f"draft {draft_id} replaces draft {carried['draft_id']}, which an operator had edited; that edit is shown beside it", draft_id=draft_id)
    if case.status not in (CaseStatus.TRIAGE, CaseStatus.UNVERIFIED, CaseStatus.OPEN):  # an unchanged case is not made dirty
        case.status = CaseStatus.OPEN
    return QueuedDraft(id=draft_id, language=rendered.language, status=row["status"])


# Letters that say whether the buyer was written to (from BUYER_WRITTEN_ON).
STATES_BUYER_CONTACT = frozenset({"platform.atoz_response", "platform.chargeback_response"})


def _last_edit_among(session: Session, draft_ids: list[int]) -> dict[str, Any] | None:
    """The newest of ``draft_ids`` that an operator had edited, as the new draft carries it."""
    if not draft_ids:
        return None
    edited = select(CaseEvent.draft_id).where(CaseEvent.type == "edited", CaseEvent.draft_id.in_(draft_ids))
    draft = session.exec(select(Draft).where(Draft.id.in_(edited)).order_by(Draft.id.desc()).limit(1)).first()
    if draft is None:
        return None
    return {"draft_id": draft.id, "to_addr": draft.to_addr, "subject": draft.subject, "body": draft.body}


def _insert_draft(session: Session, row: dict[str, Any]) -> int:
    """One INSERT through the core: an ORM object and its flush cost several times the statement,
    and nothing in the batch needs the draft as an object."""
    return session.connection().execute(_INSERT_DRAFT, row).scalar_one()


def _record(session: Session, dctx: DraftingContext, **event: Any) -> None:
    if dctx.events is None:
        record(session, **event)
        return
    event.setdefault("actor", "disputed")
    dctx.events.append({"at": utcnow(), "detail": "", "message_row": None, "draft_id": None, **event})


# The operators' languages: every draft can be read in these (a draft keeps a reading_<code> column for each).
READING_LANGUAGES = tuple(OPERATOR_LANGUAGES)


def fill_readings(drafts: Iterable[Draft], templates: TemplateLibrary) -> None:
    """Give each draft the readings it has not got yet, rendered from its template and the
    context it was drafted with. For showing only: nothing is written back (a page view
    changes nothing), and an edited letter's readings stay the template's."""
    for draft in drafts:
        for language in READING_LANGUAGES:
            name = f"reading_{language}"
            if getattr(draft, name) is None:
                set_committed_value(draft, name, _reading(templates, draft.template, language, draft.context))


def _reading(templates: TemplateLibrary, name: str, language: str, context: dict[str, Any] | None) -> str:
    if context is None or not templates.has(name, language):
        return ""
    try:
        return templates.render(name, language, context).body
    except Exception as exc:  # a reading is a courtesy; its failure must not hide the draft
        log.warning("reading %s/%s failed: %s", language, name, exc)
        return ""


def _option(number: int, remedy: Remedy) -> dict[str, Any]:
    return {"number": number, "type": remedy.type, "percent": remedy.percent, "amount": remedy.amount}


def _issue_claim_code(session: Session, case: Case, percent: int | None) -> str | None:
    """One unused code from the seller's pool, reserved for this case; None when the pool is dry."""
    stmt = select(ClaimCode).where(ClaimCode.case_id.is_(None))
    if percent:
        stmt = stmt.where(ClaimCode.percent == percent)
    if session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update(skip_locked=True)
    code = session.exec(stmt.limit(1)).first()
    if code is None:
        return None
    code.case_id, code.issued_at = case.id, utcnow()
    session.add(code)
    return code.code


_DRAFTS = Draft.__table__
_INSERT_DRAFT = insert(_DRAFTS).returning(_DRAFTS.c.id)
_SUPERSEDE = (  # built once: composing the statement costs more than running it
    update(_DRAFTS)
    .where(_DRAFTS.c.case_id == bindparam("s_case"), _DRAFTS.c.audience == bindparam("s_audience"), _DRAFTS.c.status == DraftStatus.PENDING)
    .values(status=DraftStatus.SUPERSEDED)
    .returning(_DRAFTS.c.id)
)


def _supersede_pending(session: Session, case: Case, audience: Audience) -> list[int]:
    """A newer draft replaces an unsent older one to the same party: the case moved on.
    Returns the ids of the drafts it replaced."""
    # One plain UPDATE rather than loading each older draft, or an ORM bulk update (whose
    # session synchronisation walks every object in the session: quadratic in a big batch).
    # Drafts the session holds changed but unwritten are written first, so the UPDATE sees what
    # they say; the session's own copies of the superseded drafts are then told their new status
    # without being made dirty.
    if any(isinstance(obj, Draft) for obj in (*session.new, *session.dirty)):
        session.flush()
    superseded = [draft_id for (draft_id,) in session.connection().execute(_SUPERSEDE, {"s_case": case.id, "s_audience": audience}).all()]
    for draft_id in superseded:
        held = session.identity_map.get(identity_key(Draft, draft_id))
        if held is not None:
            set_committed_value(held, "status", DraftStatus.SUPERSEDED)
    return superseded


def _recipient(case: Case, outcome: QueueDraft) -> str:
    if outcome.to:
        return outcome.to
    if outcome.audience == Audience.PLATFORM:
        return case.platform_address or ""
    if outcome.audience == Audience.INTERNAL:
        return ""
    return case.buyer_address or ""


def _subject(rendered: str, case: Case) -> str:
    subject = rendered or (f"Re: {case.subject}" if case.subject and not case.subject.lower().startswith("re:") else case.subject)
    return "".join(ch for ch in subject if ch >= " " and ch != "\x7f").strip()[:250]


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def case_view(case: Case) -> CaseView:
    return CaseView(
        id=case.id,
        key=case.key,
        kind=Kind(case.kind),
        issue=Issue(case.issue) if case.issue else None,
        platform=case.platform,
        order_id=case.order_id,
        language=case.language or "en",
        status=case.status,
        buyer_name=case.buyer_name,
        asin=case.asin,
        amount=case.amount,
        currency=case.currency,
        opened_with=case.facts.opened_with,
    )
