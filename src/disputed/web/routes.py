"""The pages and actions. GET only reads; every change is a POST checked for its CSRF
token (app-wide dependency), its role, and written to the audit log and the case history."""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlmodel import Session

from disputed.drafting import fill_readings
from disputed.rendering import TemplateLibrary
from disputed.store import auth, history, queue, readiness
from disputed.store.auth import AuthError, Role
from disputed.store.case_actions import desk_for
from disputed.store.models import Case, Draft, DraftStatus
from disputed.store.queue import QueueError, QueueFilter, text_digest
from disputed.web import charts, data, i18n, loginguard, security
from disputed.web.pages import redirect, render, safe_next

router = APIRouter()

PER_PAGE_CHOICES = (25, 50, 100, 200)


def db(request: Request) -> Iterator[Session]:
    with Session(request.app.state.engine, expire_on_commit=False) as session:
        yield session


DB = Annotated[Session, Depends(db)]


def current_user(request: Request, session: DB) -> auth.User | None:
    max_age = timedelta(hours=request.app.state.settings.web.session_max_hours)
    user = auth.session_user(session, request.cookies.get(security.SESSION_COOKIE), max_age=max_age)
    request.state.user = user
    return user


CurrentUser = Annotated[auth.User | None, Depends(current_user)]


def need(role: Role):
    def dependency(user: CurrentUser) -> auth.User:
        return security.require(user, role)

    return Depends(dependency)


Viewer = Annotated[auth.User, need(Role.VIEWER)]
Agent = Annotated[auth.User, need(Role.AGENT)]
Approver = Annotated[auth.User, need(Role.APPROVER)]
Admin = Annotated[auth.User, need(Role.ADMIN)]


def _is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


def _extend(session: Session, request: Request) -> None:
    token = request.cookies.get(security.SESSION_COOKIE)
    if token:
        auth.extend_session(session, token, lifetime=security.SESSION_LIFETIME)


def _audit(session: Session, request: Request, user: auth.User | None, action: str, **fields) -> None:
    auth.record_audit(session, actor=user.name if user else "anonymous", action=action, client=security.client_of(request), **fields)


# Log-in, log-out, language ----------------------------------------------------------------


@router.get("/")
def home(request: Request, user: CurrentUser) -> Response:
    return redirect(request, "/cases" if user else "/login")


@router.get("/login")
def login_form(request: Request, user: CurrentUser, next: str = "/queue") -> Response:
    if user is not None:
        return redirect(request, next)
    return render(request, "login.html", user=None, next=safe_next(next), error=None, name="", challenge="")


@router.post("/login")
def login(
    request: Request,
    session: DB,
    name: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/queue",
    pow_challenge: Annotated[str, Form()] = "",
    pow_nonce: Annotated[str, Form()] = "",
) -> Response:
    name = name.strip()[:64]
    client = security.client_of(request)
    t = i18n.Translator(request.state.lang)
    again = {"user": None, "next": safe_next(next), "name": name}
    admission = loginguard.admit(session, request.app.state.secret, name=name, client=client, challenge=pow_challenge, nonce=pow_nonce)
    session.commit()
    if admission.client_blocked:
        minutes = int(loginguard.WINDOW.total_seconds() // 60)
        return render(request, "login.html", status=429, error=t("login.throttled", minutes=minutes), **again)
    if not admission.admitted:
        return render(request, "login.html", status=429, error=t("login.proof"), challenge=admission.challenge, **again)
    user = auth.verify_password(session, name=name, password=password, slots=request.app.state.password_slots)
    if user is None:
        auth.note_failure(session, name=name, client=client)
        auth.record_audit(session, actor="anonymous", action="login_failed", target=name, client=client)
        session.commit()
        challenge = loginguard.next_challenge(session, request.app.state.secret, name=name)
        return render(request, "login.html", status=401, error=t("login.failed"), challenge=challenge, **again)
    auth.forget_checks(session, name=name, older_than=loginguard.WINDOW)
    auth.forget_failures(session, name=name, older_than=loginguard.WINDOW)
    token = auth.start_session(session, user=user, lifetime=security.SESSION_LIFETIME)
    auth.record_audit(session, actor=user.name, action="login", client=client)
    session.commit()
    response = redirect(request, next)
    # A browser-session cookie: the server decides when the session ends (12 h after the last change
    # made, and never later than [web] session_max_hours after the log-in).
    security.set_cookie(response, request, security.SESSION_COOKIE, token, max_age=None)
    response.delete_cookie(security.ANON_COOKIE, path="/")
    return response


@router.post("/logout")
def logout(request: Request, session: DB, user: CurrentUser) -> Response:
    token = request.cookies.get(security.SESSION_COOKIE)
    if token:
        auth.end_session(session, token)
    if user is not None:
        _audit(session, request, user, "logout")
    session.commit()
    response = redirect(request, "/login")
    response.delete_cookie(security.SESSION_COOKIE, path="/")
    return response


@router.post("/lang")
def choose_language(request: Request, lang: Annotated[str, Form()] = "en", next: Annotated[str, Form()] = "/queue") -> Response:
    response = redirect(request, next)
    if lang in i18n.LANGUAGES:
        security.set_cookie(response, request, i18n.COOKIE, lang, max_age=365 * 24 * 3600)
    return response


# The queue --------------------------------------------------------------------------------


def _queue_filter(status: str, mailbox: str, platform: str, kind: str, issue: str, language: str) -> QueueFilter:
    """``status`` is one status, several joined by commas, or "all"; anything unknown means pending."""
    known = {s.value for s in DraftStatus}
    statuses: tuple[DraftStatus, ...] = ()
    if status != "all":
        statuses = tuple(DraftStatus(s) for s in status.split(",") if s in known) or (DraftStatus.PENDING,)
    return QueueFilter(
        statuses=statuses,
        mailbox=mailbox or None,
        platform=platform or None,
        kind=kind or None,
        issue=issue or None,
        language=language or None,
    )


@router.get("/queue")
def queue_page(
    request: Request,
    session: DB,
    user: Viewer,
    status: str = "pending",
    mailbox: str = "",
    platform: str = "",
    kind: str = "",
    issue: str = "",
    language: str = "",
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    per: int = 50,
) -> HTMLResponse:
    flt = _queue_filter(status, mailbox, platform, kind, issue, language)
    per = per if per in PER_PAGE_CHOICES else 50
    facets, total = data.facet_counts(session, flt)
    pages = max(1, math.ceil(total / per))
    page = min(page, pages)
    rows = queue.list_queue(session, flt=flt, limit=per, offset=(page - 1) * per)
    chosen = {"status": status, "mailbox": mailbox, "platform": platform, "kind": kind, "issue": issue, "language": language}
    return render(
        request,
        "queue.html",
        user=user,
        rows=[_row(d, c, session) for d, c in rows],
        total=total,
        page=page,
        pages=pages,
        per=per,
        per_choices=PER_PAGE_CHOICES,
        first=(page - 1) * per + 1 if total else 0,
        last=min(page * per, total),
        facets=facets,
        chosen=chosen,
        statuses=[s.value for s in DraftStatus],
        page_link=lambda n: _page_link(chosen, per, n),
    )


def _page_link(chosen: dict[str, str], per: int, n: int) -> str:
    from urllib.parse import urlencode

    params = {k: v for k, v in chosen.items() if v}
    params.update(page=str(n), per=str(per))
    return "/queue?" + urlencode(params)


def _row(draft: Draft, case: Case, session: Session | None = None) -> dict:
    row = {"draft": draft, "case": case, "due": data.naive(draft.due_at or case.due_at), "digest": text_digest(draft), "unready": "",
           "label": data.case_label(case), "desk": desk_for(draft, case)}
    if session is not None and draft.status in _APPROVABLE:  # the `a` key says why, instead of approving
        found = readiness.check(session, draft, rules=False)
        row["unready"] = "" if found.ready else found.refusal(draft.id)
    return row


@router.get("/drafts/{draft_id}/preview")
def draft_preview(request: Request, session: DB, user: Viewer, draft_id: int) -> HTMLResponse:
    draft, case = _draft_and_case(session, draft_id)
    fill_readings([draft], _templates(request))
    return render(request, "_draft_preview.html", user=user, draft=draft, case=case, due=data.naive(draft.due_at or case.due_at), stale_reading=readiness.was_edited(session, draft_id),
                  readiness_lines=_readiness_lines(session, draft, case), desks={draft.id: desk_for(draft, case)})


def _draft_and_case(session: Session, draft_id: int) -> tuple[Draft, Case]:
    draft = session.get(Draft, draft_id)
    case = session.get(Case, draft.case_id) if draft else None
    if draft is None or case is None:
        raise NotFound()
    return draft, case


class NotFound(Exception):
    pass


def _templates(request: Request) -> TemplateLibrary:
    """The process's letter templates, handed to the application when it was made (drafts' readings are rendered on view)."""
    return request.app.state.templates


# The case page ----------------------------------------------------------------------------


@router.get("/cases/{case_id}")
def case_view(request: Request, session: DB, user: Viewer, case_id: int) -> HTMLResponse:
    page = data.case_page(session, case_id)
    if page is None:
        raise NotFound()
    fill_readings(page.drafts, _templates(request))
    from disputed.web import cases  # the cases router imports this module's dependencies

    t = i18n.Translator(request.state.lang)
    return render(
        request,
        "case.html",
        user=user,
        page=page,
        case=page.case,
        digest=text_digest,
        due=data.naive(page.case.due_at),
        editable=_EDITABLE,
        approvable=_APPROVABLE,
        # A letter done on the platform has no recipient to ask for (the page says where it goes).
        warnings_for=lambda d: [w for w in _readiness_lines(session, d, page.case) if not (desk_for(d, page.case) and w.endswith(readiness.NO_RECIPIENT))] if d.audience != "internal" else [],
        **cases.case_page_extras(request, session, page.case, page.drafts),
    )


def _readiness_lines(session: Session, draft: Draft, case: Case) -> list[str]:
    """What keeps a draft from leaving (unfinished) and the marketplace rules it breaks, as shown
    beside its text; the same check refuses the approval."""
    if draft.status not in _EDITABLE:
        return []
    found = readiness.check(session, draft, platform=case.platform)
    return [f"✗ {line}" for line in found.missing] + [f"⚠ {line}" for line in found.warnings]


_EDITABLE = queue.EDITABLE
_APPROVABLE = (DraftStatus.PENDING, DraftStatus.FAILED)


@router.get("/drafts/{draft_id}/edit")
def edit_form(request: Request, session: DB, user: Viewer, draft_id: int) -> HTMLResponse:
    draft, case = _draft_and_case(session, draft_id)
    fill_readings([draft], _templates(request))
    return render(request, "edit.html", user=user, draft=draft, case=case, digest=text_digest(draft), preview=_preview(draft.to_addr, draft.subject, draft.body, request))


def _normalise_body(body: str) -> str:
    return body.replace("\r\n", "\n").replace("\r", "\n")


def _preview(to_addr: str, subject: str, body: str, request: Request) -> dict:
    warnings = _warnings(to_addr, subject, body, i18n.Translator(request.state.lang))
    return {"to": queue._one_line(to_addr), "subject": queue._one_line(subject), "body": body, "warnings": warnings, "chars": len(body), "lines": body.count("\n") + 1 if body else 0}


def _warnings(to_addr: str, subject: str, body: str, t: i18n.Translator) -> list[str]:
    """What an operator should fix before approving: shown in the live preview and beside Approve."""
    warnings = []
    if not to_addr.strip():
        warnings.append(t("warn.no_recipient"))
    if not subject.strip():
        warnings.append(t("warn.empty_subject"))
    if not body.strip():
        warnings.append(t("warn.empty_body"))
    if "{{" in body or "{%" in body:
        warnings.append(t("warn.template_marks"))
    for match in readiness.PLACEHOLDER.finditer(body):
        warnings.append(t("warn.placeholder", text=match.group(0)))
        break
    if any(len(line) > 998 for line in body.split("\n")):
        warnings.append(t("warn.long_line"))
    return warnings


@router.post("/drafts/{draft_id}/live-preview")
def live_preview(request: Request, session: DB, user: Agent, draft_id: int, to_addr: Annotated[str, Form()] = "", subject: Annotated[str, Form()] = "", body: Annotated[str, Form()] = "") -> HTMLResponse:
    draft, _case = _draft_and_case(session, draft_id)
    body = _normalise_body(body)
    return render(request, "_live_preview.html", user=user, draft=draft, preview=_preview(to_addr, subject, body, request))


@router.post("/drafts/{draft_id}/edit")
def edit_draft(
    request: Request,
    session: DB,
    user: Agent,
    draft_id: int,
    body: Annotated[str, Form()],
    subject: Annotated[str, Form()] = "",
    to_addr: Annotated[str, Form()] = "",
    base_digest: Annotated[str, Form()] = "",
) -> Response:
    draft, case = _draft_and_case(session, draft_id)
    if base_digest and base_digest != text_digest(draft):
        return _refused(request, session, user, "edit", draft, case, "the draft changed since you opened it; reload to see the new text")
    was_approved = draft.status == DraftStatus.APPROVED
    before = text_digest(draft)
    try:
        edited = queue.edit(session, draft_id, by=user.name, body=_normalise_body(body), subject=subject, to_addr=to_addr)
    except QueueError as exc:
        return _refused(request, session, user, "edit", draft, case, str(exc))
    changed = text_digest(edited) != before
    if changed:
        _audit(session, request, user, "edit", case_id=case.id, draft_id=draft_id, detail="returned to pending" if was_approved else "")
    _extend(session, request)
    session.commit()
    key = "done.unapproved" if changed and was_approved else ("done.edited" if changed else "done.unchanged")
    return redirect(request, f"/cases/{case.id}#draft-{draft_id}", flash=(key, {"id": draft_id}))


@router.post("/drafts/{draft_id}/approve")
def approve_draft(request: Request, session: DB, user: Approver, draft_id: int, digest: Annotated[str, Form()] = "", next: Annotated[str, Form()] = "") -> Response:
    draft, case = _draft_and_case(session, draft_id)
    try:
        queue.approve(session, draft_id, by=user.name, expected_digest=digest or "(no digest sent)", templates=_templates(request))
    except QueueError as exc:
        return _refused(request, session, user, "approve", draft, case, str(exc), next=next, keep=isinstance(exc, queue.TextRefreshed))
    _audit(session, request, user, "approve", case_id=case.id, draft_id=draft_id, detail=f"text sha256 {draft.approved_sha256}")
    _extend(session, request)
    session.commit()
    return _done(request, session, user, draft_id, "done.approved", next=next or f"/cases/{case.id}#draft-{draft_id}")


@router.post("/drafts/{draft_id}/reject")
def reject_draft(request: Request, session: DB, user: Approver, draft_id: int, reason: Annotated[str, Form()] = "", next: Annotated[str, Form()] = "") -> Response:
    draft, case = _draft_and_case(session, draft_id)
    reason = " ".join(reason.split())[:1000]
    if not reason:
        return _refused(request, session, user, "reject", draft, case, "a reason is required", next=next)
    try:
        queue.reject(session, draft_id, by=user.name, reason=reason)
    except QueueError as exc:
        return _refused(request, session, user, "reject", draft, case, str(exc), next=next)
    _audit(session, request, user, "reject", case_id=case.id, draft_id=draft_id, detail=reason)
    _extend(session, request)
    session.commit()
    return _done(request, session, user, draft_id, "done.rejected", next=next or f"/cases/{case.id}#draft-{draft_id}")


@router.post("/drafts/{draft_id}/send-now")
def send_now(request: Request, session: DB, user: Approver, draft_id: int, digest: Annotated[str, Form()] = "", next: Annotated[str, Form()] = "") -> Response:
    draft, case = _draft_and_case(session, draft_id)
    try:
        if draft.status in _APPROVABLE:
            queue.approve(session, draft_id, by=user.name, expected_digest=digest or "(no digest sent)", templates=_templates(request))
        elif draft.status != DraftStatus.APPROVED:
            raise QueueError(f"draft {draft_id} is {draft.status}; only a pending or approved draft can be sent")
    except QueueError as exc:
        return _refused(request, session, user, "send_now", draft, case, str(exc), next=next, keep=isinstance(exc, queue.TextRefreshed))
    history.record(session, case_id=case.id, type="send_now", detail=f"draft {draft_id}", actor=user.name, draft_id=draft_id)
    _audit(session, request, user, "send_now", case_id=case.id, draft_id=draft_id, detail=f"text sha256 {draft.approved_sha256}")
    _extend(session, request)
    session.commit()
    wake = request.app.state.wake_sender
    if wake is not None:
        wake()
    return _done(request, session, user, draft_id, "done.sending" if wake else "done.queued", next=next or f"/cases/{case.id}#draft-{draft_id}")


@router.post("/drafts/{draft_id}/take-over")
def take_over_edit(request: Request, session: DB, user: Agent, draft_id: int) -> Response:
    draft, case = _draft_and_case(session, draft_id)
    try:
        queue.take_over_edit(session, draft_id, by=user.name)
    except QueueError as exc:
        return _refused(request, session, user, "take_over", draft, case, str(exc))
    _audit(session, request, user, "take_over", case_id=case.id, draft_id=draft_id, detail=f"from draft {(draft.context or {}).get('superseded_edit', {}).get('draft_id')}")
    _extend(session, request)
    session.commit()
    return redirect(request, f"/cases/{case.id}#draft-{draft_id}", flash=("done.taken_over", {"id": draft_id}))


@router.post("/drafts/{draft_id}/settle")
def settle_unknown(request: Request, session: DB, user: Approver, draft_id: int, was_sent: Annotated[str, Form()] = "") -> Response:
    draft, case = _draft_and_case(session, draft_id)
    try:
        queue.resolve_unknown(session, draft_id, by=user.name, was_sent=was_sent == "yes")
    except QueueError as exc:
        return _refused(request, session, user, "settle", draft, case, str(exc))
    _audit(session, request, user, "settle", case_id=case.id, draft_id=draft_id, detail="was sent" if was_sent == "yes" else "resend allowed")
    _extend(session, request)
    session.commit()
    return redirect(request, f"/cases/{case.id}#draft-{draft_id}", flash=("done.settled", {"id": draft_id}))


@router.post("/drafts/{draft_id}/choose")
def choose_remedy(request: Request, session: DB, user: Agent, draft_id: int, option: Annotated[int, Form()]) -> Response:
    draft, case = _draft_and_case(session, draft_id)
    try:
        choice = queue.choose_remedy(session, draft_id, option, by=user.name, templates=_templates(request))
    except QueueError as exc:
        return _refused(request, session, user, "choose", draft, case, str(exc))
    _audit(session, request, user, "choose", case_id=case.id, draft_id=draft_id, detail=choice.summary + (" (rewritten)" if choice.rewritten else ""))
    _extend(session, request)
    session.commit()
    key = "done.chosen_rendered" if choice.rewritten else "done.chosen"
    return redirect(request, f"/cases/{case.id}#draft-{draft_id}", flash=(key, {"id": draft_id, "n": option}))


def _done(request: Request, session: Session, user: auth.User, draft_id: int, key: str, *, next: str) -> Response:
    if _is_htmx(request):
        draft, case = _draft_and_case(session, draft_id)
        t = i18n.Translator(request.state.lang)
        return render(request, "_queue_row.html", user=user, row=_row(draft, case, session), note=t(key, id=draft_id), note_level="ok")
    return redirect(request, next, flash=(key, {"id": draft_id}))


def _refused(request: Request, session: Session, user: auth.User, action: str, draft: Draft, case: Case, reason: str, *, next: str = "", keep: bool = False) -> Response:
    """``keep``: what the action changed before it was refused stays (a text brought up to date)."""
    if keep:
        session.commit()
    else:
        session.rollback()
    _audit(session, request, user, f"{action}_refused", case_id=case.id, draft_id=draft.id, detail=reason)
    session.commit()
    t = i18n.Translator(request.state.lang)
    if _is_htmx(request):
        fresh, case = _draft_and_case(session, draft.id)
        return render(request, "_queue_row.html", user=user, row=_row(fresh, case, session), note=t("done.failed", reason=reason), note_level="error")
    return redirect(request, next or f"/cases/{case.id}#draft-{draft.id}", flash=("done.failed", {"reason": reason}), level="error")


# The dashboard ----------------------------------------------------------------------------


@router.get("/dashboard")
def dashboard(request: Request, session: DB, user: Viewer) -> HTMLResponse:
    dash = data.dashboard(session)
    t = i18n.Translator(request.state.lang)
    none = t("dash.none")
    platforms = [t.label(p) if p != "-" else "—" for p in dash.platforms]
    days = [d for d, _ in dash.median_by_day]
    met_missed = [t("dash.met"), t("dash.missed")]
    figures = {
        "open_legend": charts.legend(platforms),
        "open_chart": charts.stacked_bars([charts.Row(t.label(kind), [n.get(p, 0) for p in dash.platforms]) for kind, n in dash.open_by_kind], platforms, empty=none),
        "waiting_chart": charts.stacked_bars([charts.Row(t.label(status), [n]) for status, n in dash.waiting], [t("dash.total")], empty=none),
        "median_chart": charts.columns(days, [[hours] for _, hours in dash.median_by_day], [t("dash.median_by_day")], empty=none),
        "deadline_legend": charts.legend(met_missed),
        "deadline_chart": charts.columns(days, [[met, missed] for _, met, missed in dash.deadlines_by_day], met_missed, empty=none),
    }
    return render(request, "dashboard.html", user=user, dash=dash, **figures)


# Users and the audit log ------------------------------------------------------------------


@router.get("/users")
def users_page(request: Request, session: DB, user: Admin) -> HTMLResponse:
    return render(request, "users.html", user=user, users=auth.list_users(session), roles=[r.value for r in Role])


@router.post("/users")
def users_add(request: Request, session: DB, user: Admin, name: Annotated[str, Form()], password: Annotated[str, Form()], role: Annotated[str, Form()]) -> Response:
    try:
        added = auth.add_user(session, name=name, password=password, role=_role(role))
    except (AuthError, ValueError) as exc:
        return _user_refused(request, session, user, "user_add", name, str(exc))
    _audit(session, request, user, "user_add", target=added.name, detail=f"role {added.role}")
    _extend(session, request)
    session.commit()
    return redirect(request, "/users", flash=("done.user_added", {"name": added.name}))


@router.post("/users/{name}/role")
def users_role(request: Request, session: DB, user: Admin, name: str, role: Annotated[str, Form()]) -> Response:
    try:
        changed = auth.set_role(session, name=name, role=_role(role))
    except (AuthError, ValueError) as exc:
        return _user_refused(request, session, user, "user_role", name, str(exc))
    _audit(session, request, user, "user_role", target=name, detail=f"role {changed.role}")
    _extend(session, request)
    session.commit()
    return redirect(request, "/users", flash=("done.user_changed", {"name": name}))


@router.post("/users/{name}/active")
def users_active(request: Request, session: DB, user: Admin, name: str, active: Annotated[str, Form()]) -> Response:
    try:
        auth.set_active(session, name=name, active=active == "yes")
    except AuthError as exc:
        return _user_refused(request, session, user, "user_active", name, str(exc))
    _audit(session, request, user, "user_enable" if active == "yes" else "user_disable", target=name)
    _extend(session, request)
    session.commit()
    return redirect(request, "/users", flash=("done.user_changed", {"name": name}))


@router.post("/users/{name}/password")
def users_password(request: Request, session: DB, user: Admin, name: str, password: Annotated[str, Form()]) -> Response:
    try:
        auth.set_password(session, name=name, password=password)
    except AuthError as exc:
        return _user_refused(request, session, user, "user_password", name, str(exc))
    _audit(session, request, user, "user_password", target=name)
    _extend(session, request)
    session.commit()
    return redirect(request, "/users", flash=("done.user_changed", {"name": name}))


def _role(value: str) -> Role:
    if value not in {r.value for r in Role}:
        raise AuthError(f"unknown role {value[:20]!r}")
    return Role(value)


def _user_refused(request: Request, session: Session, user: auth.User, action: str, name: str, reason: str) -> Response:
    session.rollback()
    _audit(session, request, user, f"{action}_refused", target=name[:64], detail=reason)
    session.commit()
    return redirect(request, "/users", flash=("done.failed", {"reason": reason}), level="error")


@router.get("/audit")
def audit_page(request: Request, session: DB, user: Admin, page: Annotated[int, Query(ge=1, le=100_000)] = 1) -> HTMLResponse:
    per = 100
    entries = auth.recent_audit(session, limit=per + 1, offset=(page - 1) * per)
    return render(request, "audit.html", user=user, entries=entries[:per], page=page, more=len(entries) > per)
