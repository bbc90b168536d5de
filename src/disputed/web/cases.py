"""The cases page and the actions on a case. Thin: each route reads its form, calls ``store.case_actions`` (the
same functions the command line calls) in one transaction, and redirects with what happened."""

from __future__ import annotations

import math
from datetime import date, datetime, time, timezone
from collections.abc import Callable
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlmodel import Session

from disputed.store import attachments, auth, case_actions, inbox
from disputed.store.case_actions import CaseError
from disputed.store.models import Case, CaseState, Draft
from disputed.vocabulary import Issue, Kind, Platform
from disputed.web import data, i18n, security
from disputed.web.files import Uploads
from disputed.web.pages import redirect, render
from disputed.web.routes import DB, Agent, Approver, Viewer, _extend, _templates

router = APIRouter()

PER_PAGE = 50
FILTERS = ("mailbox", "platform", "kind", "issue", "language")


@router.get("/cases")
def cases_page(
    request: Request,
    session: DB,
    user: Viewer,
    state: str = "needs_person",
    q: str = "",
    mailbox: str = "",
    platform: str = "",
    kind: str = "",
    issue: str = "",
    language: str = "",
    before: str = "",
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
) -> HTMLResponse:
    chosen = {"state": state, "q": q, "mailbox": mailbox, "platform": platform, "kind": kind, "issue": issue, "language": language, "before": before}
    problem = None
    try:
        flt = _case_filter(chosen)
        counts = inbox.count_by_state(session, flt)
    except (ValueError, inbox.SearchError) as exc:
        problem = str(exc)
        flt = inbox.CaseFilter()
        counts = inbox.count_by_state(session, flt)
    total = sum(counts[s.value] for s in (flt.states or tuple(CaseState)))
    pages = max(1, math.ceil(total / PER_PAGE))
    page = min(page, pages)
    rows = inbox.list_cases(session, flt, limit=PER_PAGE, offset=(page - 1) * PER_PAGE)
    drafts = inbox.drafts_of(session, [c.id for c in rows])
    return render(
        request,
        "cases.html",
        user=user,
        rows=[{"case": c, "drafts": drafts[c.id], "due": data.naive(c.due_at), "label": data.case_label(c)} for c in rows],
        counts=counts,
        needs_person=sum(counts[s.value] for s in inbox.NEEDS_PERSON),
        total=total,
        page=page,
        pages=pages,
        chosen=chosen,
        problem=problem,
        states=[s.value for s in CaseState],
        choices={"platform": [p.value for p in Platform], "kind": [k.value for k in Kind], "issue": [i.value for i in Issue]},
        close_reasons=[r.value for r in case_actions.CLOSE_REASONS],
        link=lambda **change: _link(chosen, **change),
    )


def _case_filter(chosen: dict[str, str]) -> inbox.CaseFilter:
    """The page's filters (query or form fields) as the store's filter; ValueError or SearchError when one is bad."""
    before = chosen.get("before") or ""
    due_before = datetime.combine(date.fromisoformat(before), time.min, timezone.utc) if before else None
    return inbox.CaseFilter(states=inbox.parse_states(chosen.get("state") or ""), search=(chosen.get("q") or "").strip() or None,
                            due_before=due_before, **{k: chosen.get(k) or None for k in FILTERS})


def _link(chosen: dict[str, str], **change: Any) -> str:
    params = {**chosen, **{k: str(v) for k, v in change.items()}}
    return "/cases?" + urlencode({k: v for k, v in params.items() if v})


def case_page_extras(request: Request, session: Session, case: Case, drafts: list[Draft]) -> dict[str, Any]:
    """What the case page needs for the actions on the case (see ``_case_actions.html``)."""
    limits = request.app.state.settings.attachments
    return {
        "files_of": attachments.of_drafts(session, [d.id for d in drafts]),
        "file_limits": {"n": limits.max_files, "each": attachments.readable_size(limits.max_file_bytes), "total": attachments.readable_size(limits.max_total_bytes)},
        "issues": [i.value for i in case_actions.SETTABLE_ISSUES],
        "reply_templates": case_actions.reply_templates(_templates(request), case),
        "close_reasons": [r.value for r in case_actions.CLOSE_REASONS],
        "desks": {d.id: case_actions.desk_for(d, case) for d in drafts},
    }


# Actions ----------------------------------------------------------------------------------


def _act(request: Request, session: Session, user: auth.User, case_id: int, name: str, action: Callable[[case_actions.Actor], Any], done: str, *, back: str | None = None) -> Response:
    """Run one action in the request's transaction; a refusal is rolled back, audited and shown."""
    actor = case_actions.Actor(user.name, user.role, client=security.client_of(request))
    back = back or f"/cases/{case_id}"
    try:
        result = action(actor)
    except CaseError as exc:
        session.rollback()
        auth.record_audit(session, actor=user.name, action=f"case_{name}_refused", detail=str(exc)[:500], case_id=case_id if _exists(session, case_id) else None, client=actor.client)
        session.commit()
        return redirect(request, back, flash=("done.failed", {"reason": str(exc)}), level="error")
    _extend(session, request)
    session.commit()
    args = {"id": case_id, "n": len(result) if isinstance(result, list) else result if isinstance(result, int) else ""}  # drafts queued, cases changed
    return redirect(request, back, flash=(done, args))


def _exists(session: Session, case_id: int) -> bool:
    return session.get(Case, case_id) is not None


def _drafting(request: Request) -> case_actions.Drafting:
    return case_actions.Drafting(settings=request.app.state.settings, templates=_templates(request))


Text = Annotated[str, Form()]


@router.post("/cases/{case_id}/classify")
def classify(request: Request, session: DB, user: Agent, case_id: int, issue: Text = "") -> Response:
    return _act(request, session, user, case_id, "classify", lambda a: case_actions.classify(session, case_id, issue, by=a, drafting=_drafting(request)), "done.classified")


@router.post("/cases/{case_id}/reply")
def reply(request: Request, session: DB, user: Agent, case_id: int, files: Uploads, template: Text = "", subject: Text = "", body: Text = "") -> Response:
    def write(actor):
        return case_actions.reply(session, case_id, by=actor, drafting=_drafting(request), template=template or None, subject=subject, body=body, files=files)

    return _act(request, session, user, case_id, "reply", write, "done.replied")


@router.post("/cases/{case_id}/close")
def close(request: Request, session: DB, user: Approver, case_id: int, reason: Text = "", note: Text = "") -> Response:
    return _act(request, session, user, case_id, "close", lambda a: case_actions.close(session, case_id, by=a, reason=reason, note=note), "done.closed")


@router.post("/cases/{case_id}/reopen")
def reopen(request: Request, session: DB, user: Agent, case_id: int, note: Text = "") -> Response:
    return _act(request, session, user, case_id, "reopen", lambda a: case_actions.reopen(session, case_id, by=a, note=note), "done.reopened")


@router.post("/cases/{case_id}/merge")
def merge(request: Request, session: DB, user: Approver, case_id: int, into: Annotated[int, Form()]) -> Response:
    return _act(request, session, user, case_id, "merge", lambda a: case_actions.merge(session, case_id, into, by=a), "done.merged", back=f"/cases/{into}")


@router.post("/cases/{case_id}/trust")
def trust(request: Request, session: DB, user: Approver, case_id: int, reason: Text = "") -> Response:
    return _act(request, session, user, case_id, "trust", lambda a: case_actions.trust(session, case_id, by=a, reason=reason, drafting=_drafting(request)), "done.trusted")


@router.post("/cases/{case_id}/fraud")
def fraud(request: Request, session: DB, user: Approver, case_id: int, reason: Text = "") -> Response:
    return _act(request, session, user, case_id, "fraud", lambda a: case_actions.mark_fraud(session, case_id, by=a, reason=reason), "done.fraud")


@router.post("/drafts/{draft_id}/handled")
def handled(request: Request, session: DB, user: Approver, draft_id: int) -> Response:
    draft = session.get(Draft, draft_id)
    case_id = draft.case_id if draft else 0
    return _act(request, session, user, case_id, "handled", lambda a: case_actions.mark_handled(session, draft_id, by=a), "done.handled", back=f"/cases/{case_id}#draft-{draft_id}" if draft else "/cases")


@router.post("/cases/bulk")
def bulk(request: Request, session: DB, user: Approver, action: Text = "", reason: Text = "", case: Annotated[list[int], Form()] = [],  # noqa: B006
         scope: Text = "selected", back: Text = "/cases", filter_state: Text = "", filter_q: Text = "", filter_before: Text = "",
         filter_mailbox: Text = "", filter_platform: Text = "", filter_kind: Text = "", filter_issue: Text = "", filter_language: Text = "") -> Response:
    """``action`` is ``close:<reason>``, ``reject`` (with ``reason``) or ``handled``; ``scope`` is ``selected`` (the
    ticked cases) or ``filtered``: every case the page's filters (the ``filter_*`` fields) find, on every page."""
    back = back if back.startswith("/cases") else "/cases"
    action, _, close_reason = action.partition(":")
    chosen = {"state": filter_state, "q": filter_q, "before": filter_before, "mailbox": filter_mailbox, "platform": filter_platform,
              "kind": filter_kind, "issue": filter_issue, "language": filter_language}

    def run(actor):
        ids = case
        if scope == "filtered":
            try:
                ids = case_actions.select_for_bulk(session, _case_filter(chosen))
            except (ValueError, inbox.SearchError) as exc:
                raise CaseError(f"the filters: {exc}") from None
        return case_actions.bulk(session, ids, action, by=actor, reason=close_reason or reason)

    return _act(request, session, user, 0, "bulk", run, "done.bulk", back=back)
