"""Deadline sweeps and follow-ups: the scheduled work that is not driven by new mail."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.engine import Engine

from disputed.config.settings import Settings
from disputed.daemon.lifecycle import queue_lifecycle
from disputed.drafting import STATES_BUYER_CONTACT, DraftingContext, queue_draft
from disputed.handlers.base import QueueDraft
from disputed.rendering import TemplateLibrary
from disputed.store import readiness
from disputed.store.db import is_postgres, session_scope
from disputed.store.models import Case, CaseEvent, CaseState, CaseStatus, Draft, DraftStatus, as_utc, utcnow
from disputed.store.queue import record

log = logging.getLogger(__name__)

WAITING = (DraftStatus.PENDING, DraftStatus.APPROVED, DraftStatus.FAILED, DraftStatus.UNKNOWN)


@dataclass
class SweepReport:
    escalated: int = 0
    missed: int = 0
    followups: int = 0
    lifecycle: int = 0
    brought_up_to_date: int = 0  # letters re-rendered because what was sent to the buyer changed


def sweep(settings: Settings, engine: Engine, templates: TemplateLibrary) -> SweepReport:
    report = SweepReport()
    now = utcnow()
    soon = now + timedelta(hours=settings.policy.escalate_hours)
    with session_scope(engine) as session:
        drafts = session.execute(
            select(Draft).where(Draft.status.in_(WAITING), Draft.due_at.is_not(None), Draft.due_at <= soon)
        ).scalars().all()
        told = _stages_told(session, {draft.case_id for draft in drafts}, drafts=True)
        for draft in drafts:
            _flag(session, told.get((draft.case_id, draft.id)), draft.case_id, draft.due_at, f"draft {draft.id} ({draft.status})", now, report, draft_id=draft.id)
        # A case that needs a decision has no draft to carry the deadline: the case itself is flagged.
        undecided = session.execute(
            select(Case).where(Case.state == CaseState.NEEDS_DECISION.value, Case.due_at.is_not(None), Case.due_at <= soon)
        ).scalars().all()
        told = _stages_told(session, {case.id for case in undecided}, drafts=False)
        for case in undecided:
            _flag(session, told.get((case.id, None)), case.id, case.due_at, f"case {case.id} needs a decision ({case.status})", now, report)
    _followups(settings, engine, templates, report)
    report.brought_up_to_date = _contact_up_to_date(engine, templates)
    report.lifecycle = queue_lifecycle(settings, engine, templates, now=now)
    return report


# The stages a deadline goes through, in order; each is told once, as a line of the case history.
STAGES = ("escalated", "deadline_missed")


def _stages_told(session, case_ids: set[int], *, drafts: bool) -> dict[tuple[int, int | None], str]:
    """The furthest stage already told for each draft of ``case_ids`` (``drafts``) or for each case itself,
    keyed by (case id, draft id or None): the case history is the sweep's memory."""
    if not case_ids:
        return {}
    stmt = select(CaseEvent.case_id, CaseEvent.draft_id, CaseEvent.type).where(CaseEvent.case_id.in_(case_ids), CaseEvent.type.in_(STAGES))
    stmt = stmt.where(CaseEvent.draft_id.is_not(None) if drafts else CaseEvent.draft_id.is_(None))
    told: dict[tuple[int, int | None], str] = {}
    for case_id, draft_id, stage in session.execute(stmt):
        key = (case_id, draft_id)
        if STAGES.index(stage) >= STAGES.index(told.get(key, STAGES[0])):
            told[key] = stage
    return told


def _flag(session, told: str | None, case_id: int, due_at, what: str, now, report: SweepReport, *, draft_id: int | None = None) -> None:
    """Escalate once when a deadline is near, and once more when it has passed (``told``: the stage already told)."""
    due_at = as_utc(due_at)
    stage = "deadline_missed" if due_at <= now else "escalated"
    if told in (stage, "deadline_missed"):
        return
    left = due_at - now
    detail = f"{what} is overdue by {_span(-left)}" if stage == "deadline_missed" else f"{what} is due in {_span(left)}"
    record(session, case_id=case_id, type=stage, detail=detail, draft_id=draft_id)
    log.warning("case %s: %s", case_id, detail)
    if stage == "deadline_missed":
        report.missed += 1
    else:
        report.escalated += 1


def _contact_up_to_date(engine: Engine, templates: TemplateLibrary) -> int:
    """Letters waiting for approval that say whether the buyer was written to are re-rendered once
    a reply to the buyer has gone out (an operator's edit is left alone, and shown as a warning)."""
    changed = 0
    with session_scope(engine) as session:
        stmt = select(Draft).where(Draft.status.in_((DraftStatus.PENDING, DraftStatus.FAILED)), Draft.template.in_(STATES_BUYER_CONTACT))
        for draft in session.execute(stmt).scalars().all():
            changed += readiness.bring_contact_up_to_date(session, draft, templates)
    return changed


def _followups(settings: Settings, engine: Engine, templates: TemplateLibrary, report: SweepReport) -> None:
    now = utcnow()
    dctx = DraftingContext(settings=settings, templates=templates, now=now)
    with session_scope(engine) as session:
        stmt = select(Case).where(Case.followup_at.is_not(None), Case.followup_at <= now)
        if is_postgres(engine):
            stmt = stmt.with_for_update(skip_locked=True)
        for case in session.execute(stmt).scalars().all():
            plan = case.facts.followup
            case.followup_at = None
            session.add(case)
            if plan is None or case.status == CaseStatus.RESOLVED:
                continue
            queue_draft(session, case, None, QueueDraft(template=plan.template, context=plan.context), dctx, handler="followup")
            report.followups += 1


def _span(length: timedelta) -> str:
    """A time span as an operator reads it: "2 d 3 h", "5 h 12 min", "14 min"."""
    minutes = max(0, int(length.total_seconds() // 60))
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{days} d {hours} h"
    return f"{hours} h {minutes} min" if hours else f"{minutes} min"
