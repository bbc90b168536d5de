"""Who may do what: log-in, roles, CSRF, throttling, sessions, and GET never changing anything."""

from __future__ import annotations

import re
from datetime import timedelta

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, text
from sqlmodel import SQLModel, select

from disputed.store import auth
from disputed.store.db import session_scope
from disputed.store.models import CaseEvent, Draft, DraftStatus
from disputed.store.queue import text_digest
from disputed.web import loginguard
from disputed.web.app import create_app, start_in_thread

from .conftest import PASSWORD, draft_row


def digest_of(engine, draft_id: int) -> str:
    return text_digest(draft_row(engine, draft_id))


def audit_actions(engine) -> list[str]:
    with session_scope(engine) as session:
        return [a.action for a in session.exec(select(auth.AuditEntry).order_by(auth.AuditEntry.id)).all()]


def snapshot(engine) -> dict[str, list]:
    """Every row of every table, for comparing before and after."""
    out = {}
    with engine.connect() as conn:
        for table in SQLModel.metadata.sorted_tables:
            out[table.name] = [tuple(map(repr, row)) for row in conn.execute(table.select()).fetchall()]
    return out


# -- log-in ---------------------------------------------------------------------------------


def test_pages_need_a_login(anonymous, seeded):
    for path in ("/queue", f"/cases/{seeded.case_id}", "/dashboard", "/users", f"/drafts/{seeded.draft_id}/edit"):
        response = anonymous.client.get(path, follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"].startswith("/login?next=")


def test_an_anonymous_post_with_a_valid_form_token_is_still_refused(anonymous, seeded, engine):
    anonymous.get("/login")  # gives the browser a token for the log-in form only
    response = anonymous.post(f"/drafts/{seeded.draft_id}/approve", {"digest": digest_of(engine, seeded.draft_id)})
    assert response.status_code == 401
    assert draft_row(engine, seeded.draft_id).status == DraftStatus.PENDING


def test_login_sets_a_hardened_session_cookie_and_logout_ends_it(login, engine):
    operator = login("viewer")
    cookie = next(c for c in operator.client.cookies.jar if c.name == "disputed_session")
    assert cookie.has_nonstandard_attr("HttpOnly")
    assert cookie.get_nonstandard_attr("SameSite").lower() == "lax"
    assert not cookie.secure
    assert operator.get("/queue").status_code == 200
    token = cookie.value
    assert operator.post("/logout").status_code == 303
    with session_scope(engine) as session:
        assert auth.session_user(session, token) is None
    operator.client.cookies.set("disputed_session", token)  # replaying the old cookie does not help
    assert operator.client.get("/queue", follow_redirects=False).status_code == 303


def test_secure_cookies_when_configured(settings, engine):
    settings.web.secure_cookies = True
    client = TestClient(create_app(settings, engine), base_url="https://127.0.0.1:8025")
    page = client.get("/login")
    token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', page.text).group(1)
    response = client.post("/login", data={"name": "viewer", "password": PASSWORD, "csrf_token": token}, follow_redirects=False)
    assert response.status_code == 303
    assert "secure" in response.headers["set-cookie"].lower()
    assert "httponly" in response.headers["set-cookie"].lower()


def test_wrong_password_is_refused_and_audited(anonymous, engine):
    anonymous.get("/login")
    response = anonymous.post("/login", {"name": "approver", "password": "not it at all"})
    assert response.status_code == 401
    assert "disputed_session" not in response.headers.get("set-cookie", "")
    assert "login_failed" in audit_actions(engine)


def challenge_in(page: str) -> str:
    return re.search(r'name="pow_challenge" value="([^"]+)"', page).group(1)


def test_a_flooded_name_slows_guessing_but_still_takes_the_right_password(anonymous, engine):
    anonymous.get("/login")
    for _ in range(loginguard.FREE_CHECKS_PER_NAME):
        assert anonymous.post("/login", {"name": "approver", "password": "guess guess"}).status_code == 401
    # The free checks are spent: an attempt without a proof of work is not checked...
    refused = anonymous.post("/login", {"name": "approver", "password": PASSWORD})
    assert refused.status_code == 429 and "disputed_session" not in refused.headers.get("set-cookie", "")
    assert "/static/login.js" in refused.text
    # ...and a wrong one that pays still costs more for the next.
    first = challenge_in(refused.text)
    paid = anonymous.post("/login", {"name": "approver", "password": "guess again", "pow_challenge": first, "pow_nonce": loginguard.solve(first)})
    assert paid.status_code == 401
    second = challenge_in(anonymous.post("/login", {"name": "approver", "password": PASSWORD}).text)
    assert int(second.split(".")[1]) == int(first.split(".")[1]) + 1
    # The right password with the work done logs in: flooding a name never locks its owner out.
    response = anonymous.post("/login", {"name": "approver", "password": PASSWORD, "pow_challenge": second, "pow_nonce": loginguard.solve(second)})
    assert response.status_code == 303
    assert "disputed_session" in response.headers["set-cookie"]


def test_a_proof_of_work_is_spent_once_and_only_for_its_name(anonymous, engine):
    anonymous.get("/login")
    for _ in range(loginguard.FREE_CHECKS_PER_NAME):
        anonymous.post("/login", {"name": "approver", "password": "guess guess"})
    challenge = challenge_in(anonymous.post("/login", {"name": "approver", "password": "x"}).text)
    nonce = loginguard.solve(challenge)
    assert anonymous.post("/login", {"name": "approver", "password": "guess 1", "pow_challenge": challenge, "pow_nonce": nonce}).status_code == 401
    assert anonymous.post("/login", {"name": "approver", "password": PASSWORD, "pow_challenge": challenge, "pow_nonce": nonce}).status_code == 429
    assert anonymous.post("/login", {"name": "approver", "password": PASSWORD, "pow_challenge": challenge, "pow_nonce": str(int(nonce) + 1)}).status_code == 429
    other = challenge_in(anonymous.post("/login", {"name": "approver", "password": "x"}).text)
    issued, _, challenge_id, mac = other.split(".")
    forged = f"{issued}.1.{challenge_id}.{mac}"  # an easier one than was asked for
    assert anonymous.post("/login", {"name": "approver", "password": PASSWORD, "pow_challenge": forged, "pow_nonce": loginguard.solve(forged)}).status_code == 429


def test_throttled_attempts_are_counted_not_logged_one_by_one(anonymous, engine):
    anonymous.get("/login")
    for _ in range(loginguard.FREE_CHECKS_PER_NAME + 30):
        anonymous.post("/login", {"name": "approver", "password": "guess guess"})
    actions = audit_actions(engine)
    assert actions.count("login_failed") == loginguard.FREE_CHECKS_PER_NAME
    assert actions.count("login_throttled") == 1
    with session_scope(engine) as session:
        row = session.get(auth.LoginThrottle, "approver")
        assert row.turned_away == 30
        row.window_start -= loginguard.WINDOW  # the window is over: its count goes to the audit log as one line
        session.add(row)
    assert anonymous.post("/login", {"name": "approver", "password": "guess guess"}).status_code == 401
    with session_scope(engine) as session:
        [total] = session.exec(select(auth.AuditEntry).where(auth.AuditEntry.action == "login_throttled_total")).all()
    assert total.target == "approver" and total.detail.startswith("30 attempt(s) turned away")
    # ...while another name still logs in from the same client.
    assert anonymous.post("/login", {"name": "viewer", "password": PASSWORD}).status_code == 303


def test_login_is_throttled_per_client(anonymous):
    anonymous.get("/login")
    for n in range(20):
        assert anonymous.post("/login", {"name": f"nobody{n}", "password": "guess guess"}).status_code == 401
    assert anonymous.post("/login", {"name": "viewer", "password": PASSWORD}).status_code == 429


def test_the_audit_log_has_the_client_behind_a_trusted_proxy_only(settings, engine):
    """Behind a reverse proxy named in forwarded_allow_ips, X-Forwarded-For is the client
    (audited and throttled); from anyone else the header is ignored."""

    def logged_client(trusted: list[str]) -> str:
        settings.web.forwarded_allow_ips = trusted
        handle = start_in_thread(settings, engine)
        try:
            with httpx.Client(base_url=handle.url) as client:
                token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', client.get("/login").text).group(1)
                client.post("/login", data={"name": "viewer", "password": PASSWORD, "csrf_token": token}, headers={"x-forwarded-for": "203.0.113.7"})
        finally:
            handle.stop()
        with session_scope(engine) as session:
            return session.exec(select(auth.AuditEntry).where(auth.AuditEntry.action == "login").order_by(auth.AuditEntry.id.desc())).first().client

    assert logged_client([]) == "127.0.0.1"
    assert logged_client(["127.0.0.1"]) == "203.0.113.7"
    assert logged_client(["192.0.2.1"]) == "127.0.0.1"


def test_only_allowed_host_names_are_answered(settings, engine):
    """A page on another site that rebinds its name to 127.0.0.1 sends its own Host header."""
    assert TestClient(create_app(settings, engine), base_url="http://127.0.0.1:8025").get("/login").status_code == 200
    assert TestClient(create_app(settings, engine), base_url="http://localhost:8025").get("/login").status_code == 200
    rebound = TestClient(create_app(settings, engine), base_url="http://attacker.example:8025").get("/login")
    assert rebound.status_code == 400 and rebound.headers["x-frame-options"] == "DENY"
    settings.web.allowed_hosts = ["disputed.shop.example"]
    assert TestClient(create_app(settings, engine), base_url="https://disputed.shop.example").get("/login").status_code == 200
    assert TestClient(create_app(settings, engine), base_url="http://127.0.0.1:8025").get("/login").status_code == 400


def test_a_session_ends_at_its_absolute_lifetime_however_busy(login, engine, settings):
    operator = login("viewer")
    assert operator.get("/queue").status_code == 200
    with session_scope(engine) as session:
        for row in session.exec(select(auth.WebSession)).all():
            row.created_at -= timedelta(hours=settings.web.session_max_hours + 0.1)
            session.add(row)
    assert operator.client.get("/queue", follow_redirects=False).status_code == 303


def test_weak_passwords_are_refused_wherever_they_are_set(login, engine):
    admin = login("admin")
    for weak in ("password", "        ", "iloveyou1"):
        admin.post("/users", {"name": "newbie", "password": weak, "role": "viewer"})
        admin.post("/users/agent/password", {"password": weak})
    with session_scope(engine) as session:
        assert auth.get_user(session, "newbie") is None
        assert auth.verify_password(session, name="agent", password=PASSWORD) is not None
        for weak in ("password", "        ", "Qwerty123", "zzzzzzzzzz"):
            with pytest.raises(auth.AuthError):
                auth.set_password(session, name="agent", password=weak)


def test_a_disabled_user_cannot_log_in_and_loses_their_session(login, engine):
    agent = login("agent")
    with session_scope(engine) as session:
        auth.set_active(session, name="agent", active=False)
    assert agent.client.get("/queue", follow_redirects=False).status_code == 303
    with pytest.raises(AssertionError):
        login("agent")


# -- CSRF -----------------------------------------------------------------------------------


@pytest.mark.parametrize("token", ["", "0" * 64, "from-another-session"])
def test_a_post_without_the_right_csrf_token_changes_nothing(login, seeded, engine, token):
    approver = login("approver")
    if token == "from-another-session":
        token = login("approver").csrf
    before = snapshot(engine)
    response = approver.post(f"/drafts/{seeded.draft_id}/approve", {"digest": digest_of(engine, seeded.draft_id)}, csrf=token)
    assert response.status_code == 403
    assert snapshot(engine) == before


def test_a_cross_origin_post_is_refused_even_with_a_token(login, seeded, engine):
    approver = login("approver")
    response = approver.post(f"/drafts/{seeded.draft_id}/approve", {"digest": digest_of(engine, seeded.draft_id)}, headers={"Origin": "http://evil.example"})
    assert response.status_code == 403
    assert draft_row(engine, seeded.draft_id).status == DraftStatus.PENDING


def test_the_login_form_needs_its_token(anonymous):
    response = anonymous.client.post("/login", data={"name": "viewer", "password": PASSWORD}, follow_redirects=False)
    assert response.status_code == 403
    assert "disputed_session" not in response.headers.get("set-cookie", "")


def test_the_csrf_token_can_come_as_the_htmx_header(login, seeded, engine):
    approver = login("approver")
    response = approver.client.post(
        f"/drafts/{seeded.draft_id}/approve",
        data={"digest": digest_of(engine, seeded.draft_id)},
        headers={"X-CSRF-Token": approver.csrf, "HX-Request": "true"},
    )
    assert response.status_code == 200
    assert 'id="row-%d"' % seeded.draft_id in response.text
    assert draft_row(engine, seeded.draft_id).status == DraftStatus.APPROVED


# -- roles ----------------------------------------------------------------------------------


def test_a_viewer_reads_but_cannot_edit_choose_approve_or_manage(login, seeded, engine):
    viewer = login("viewer")
    for path in ("/queue", f"/cases/{seeded.case_id}", "/dashboard", f"/drafts/{seeded.draft_id}/preview"):
        assert viewer.get(path).status_code == 200, path
    page = viewer.get(f"/cases/{seeded.case_id}").text
    assert "/approve" not in page and 'href="/drafts/%d/edit"' % seeded.draft_id not in page
    before = snapshot(engine)
    attempts = {
        f"/drafts/{seeded.draft_id}/edit": {"body": "changed by a viewer"},
        f"/drafts/{seeded.draft_id}/live-preview": {"body": "x"},
        f"/drafts/{seeded.draft_id}/choose": {"option": "1"},
        f"/drafts/{seeded.draft_id}/approve": {"digest": digest_of(engine, seeded.draft_id)},
        f"/drafts/{seeded.draft_id}/reject": {"reason": "no"},
        f"/drafts/{seeded.draft_id}/send-now": {"digest": digest_of(engine, seeded.draft_id)},
        "/users": {"name": "mallory", "password": "password123", "role": "admin"},
    }
    for path, form in attempts.items():
        assert viewer.post(path, form).status_code == 403, path
    assert viewer.get("/users").status_code == 403
    assert viewer.get("/audit").status_code == 403
    assert snapshot(engine) == before


def test_an_agent_edits_but_cannot_approve_reject_or_send(login, seeded, engine):
    agent = login("agent")
    assert agent.get(f"/drafts/{seeded.draft_id}/edit").status_code == 200
    response = agent.post(f"/drafts/{seeded.draft_id}/edit", {"body": "New text from the agent", "subject": "Re: order 1", "to_addr": "buyer1@marketplace.example"})
    assert response.status_code == 303
    draft = draft_row(engine, seeded.draft_id)
    assert draft.body == "New text from the agent" and draft.status == DraftStatus.PENDING
    before = snapshot(engine)
    for path, form in {
        f"/drafts/{seeded.draft_id}/approve": {"digest": text_digest(draft)},
        f"/drafts/{seeded.draft_id}/reject": {"reason": "no"},
        f"/drafts/{seeded.draft_id}/send-now": {"digest": text_digest(draft)},
        f"/drafts/{seeded.draft_id}/settle": {"was_sent": "yes"},
    }.items():
        assert agent.post(path, form).status_code == 403, path
    assert snapshot(engine) == before
    page = agent.get(f"/cases/{seeded.case_id}").text
    assert "/approve" not in page and f"/drafts/{seeded.draft_id}/edit" in page


def test_an_approver_approves_rejects_and_sends_but_cannot_manage_users(login, seeded, engine, woken):
    approver = login("approver")
    response = approver.post(f"/drafts/{seeded.draft_id}/approve", {"digest": digest_of(engine, seeded.draft_id)})
    assert response.status_code == 303
    draft = draft_row(engine, seeded.draft_id)
    assert draft.status == DraftStatus.APPROVED and draft.approved_by == "approver"
    assert draft.approved_sha256 == text_digest(draft)

    assert approver.post(f"/drafts/{seeded.other_draft_id}/send-now", {"digest": digest_of(engine, seeded.other_draft_id)}).status_code == 303
    assert draft_row(engine, seeded.other_draft_id).status == DraftStatus.APPROVED
    assert woken == [1]

    assert approver.post(f"/drafts/{seeded.other_draft_id}/reject", {"reason": "   "}).status_code == 303
    assert draft_row(engine, seeded.other_draft_id).status == DraftStatus.APPROVED  # a reason is required
    assert approver.post(f"/drafts/{seeded.other_draft_id}/reject", {"reason": "wrong remedy"}).status_code == 303
    rejected = draft_row(engine, seeded.other_draft_id)
    assert rejected.status == DraftStatus.REJECTED and rejected.reject_reason == "wrong remedy"

    before = snapshot(engine)
    assert approver.get("/users").status_code == 403
    assert approver.post("/users", {"name": "mallory", "password": "password123", "role": "admin"}).status_code == 403
    assert approver.post("/users/viewer/role", {"role": "admin"}).status_code == 403
    assert approver.post("/users/viewer/active", {"active": "no"}).status_code == 403
    assert approver.post("/users/viewer/password", {"password": "password123"}).status_code == 403
    assert snapshot(engine) == before


def test_an_admin_manages_users(login, engine):
    admin = login("admin")
    assert admin.get("/users").status_code == 200
    assert admin.post("/users", {"name": "newbie", "password": "long enough pw", "role": "agent"}).status_code == 303
    assert admin.post("/users/newbie/role", {"role": "approver"}).status_code == 303
    with session_scope(engine) as session:
        assert auth.get_user(session, "newbie").role == auth.Role.APPROVER
    newbie = login("newbie", "long enough pw")
    assert admin.post("/users/newbie/password", {"password": "another long pw"}).status_code == 303
    assert newbie.client.get("/queue", follow_redirects=False).status_code == 303  # a new password ends sessions
    assert admin.post("/users/newbie/active", {"active": "no"}).status_code == 303
    with session_scope(engine) as session:
        assert not auth.get_user(session, "newbie").active
    actions = audit_actions(engine)
    for action in ("user_add", "user_role", "user_password", "user_disable"):
        assert action in actions


def test_the_last_admin_cannot_lose_the_role(login, engine):
    admin = login("admin")
    admin.post("/users/admin/role", {"role": "viewer"})
    admin.post("/users/admin/active", {"active": "no"})
    with session_scope(engine) as session:
        user = auth.get_user(session, "admin")
        assert user.role == auth.Role.ADMIN and user.active
    assert "user_role_refused" in audit_actions(engine)


# -- GET changes nothing --------------------------------------------------------------------


def every_route(routes) -> list:
    """The app's routes, those of the routers it includes too (FastAPI keeps an included router as one entry)."""
    found = []
    for route in routes:
        inner = getattr(route, "original_router", None)
        found += every_route(inner.routes) if inner is not None else [route]
    return found


def test_no_get_changes_state(app, login, seeded, engine):
    admin = login("admin")
    ids = {"case_id": seeded.case_id, "draft_id": seeded.draft_id, "message_row": 1, "index": 0, "attachment_id": 1, "name": "viewer"}
    routes = [r for r in every_route(app.routes) if getattr(r, "methods", None)]
    assert {"/cases", "/cases/{case_id}/close", "/drafts/{draft_id}/approve"} <= {r.path for r in routes}  # the walk sees every router
    readable = {r.path for r in routes if "GET" in r.methods}
    paths = [path.format(**ids) for path in readable]
    paths += [f"/cases/{seeded.hostile_case_id}", "/queue?status=all&platform=amazon", "/queue?page=2&per=25", "/audit?page=2"]
    # Every action path, tried with GET, must not act either.
    posts = [r.path.format(**ids) for r in routes if "POST" in r.methods and r.path not in readable]
    before = snapshot(engine)
    for path in paths:
        assert admin.client.get(path).status_code in ((200, 303, 404) if "/files/" in path else (200, 303)), path
    for path in posts:
        assert admin.client.get(path).status_code in (400, 404, 405, 422), path  # /cases/bulk reads as /cases/{case_id}
    assert snapshot(engine) == before


# -- approvals bind to the text -------------------------------------------------------------


def test_editing_after_approval_returns_the_draft_to_pending(login, seeded, engine):
    approver, agent = login("approver"), login("agent")
    approver.post(f"/drafts/{seeded.draft_id}/approve", {"digest": digest_of(engine, seeded.draft_id)})
    assert draft_row(engine, seeded.draft_id).status == DraftStatus.APPROVED
    page = agent.get(f"/drafts/{seeded.draft_id}/edit").text
    assert "returns it to pending" in page
    base = re.search(r'name="base_digest" value="([0-9a-f]+)"', page).group(1)
    agent.post(f"/drafts/{seeded.draft_id}/edit", {"body": "A changed text\r\nwith a CRLF line", "subject": "Re: your order 1", "to_addr": "buyer1@marketplace.example", "base_digest": base})
    draft = draft_row(engine, seeded.draft_id)
    assert draft.status == DraftStatus.PENDING
    assert draft.approved_sha256 is None and draft.approved_by is None
    assert draft.body == "A changed text\nwith a CRLF line"
    with session_scope(engine) as session:
        types = [e.type for e in session.exec(select(CaseEvent).where(CaseEvent.case_id == seeded.case_id)).all()]
    assert "unapproved" in types and "edited" in types and "approved" in types


def test_saving_unchanged_text_keeps_the_approval(login, seeded, engine):
    approver = login("approver")
    approver.post(f"/drafts/{seeded.draft_id}/approve", {"digest": digest_of(engine, seeded.draft_id)})
    draft = draft_row(engine, seeded.draft_id)
    approver.post(f"/drafts/{seeded.draft_id}/edit", {"body": draft.body.replace("\n", "\r\n"), "subject": draft.subject, "to_addr": draft.to_addr, "base_digest": text_digest(draft)})
    assert draft_row(engine, seeded.draft_id).status == DraftStatus.APPROVED


def test_an_approval_of_a_stale_or_unbound_text_is_refused(login, seeded, engine):
    approver, agent = login("approver"), login("agent")
    seen = digest_of(engine, seeded.draft_id)
    agent.post(f"/drafts/{seeded.draft_id}/edit", {"body": "Changed behind the approver's back", "subject": "Re: your order 1", "to_addr": "buyer1@marketplace.example"})
    assert approver.post(f"/drafts/{seeded.draft_id}/approve", {"digest": seen}).status_code == 303
    assert draft_row(engine, seeded.draft_id).status == DraftStatus.PENDING
    assert approver.post(f"/drafts/{seeded.draft_id}/approve", {}).status_code == 303
    assert draft_row(engine, seeded.draft_id).status == DraftStatus.PENDING
    assert audit_actions(engine).count("approve_refused") == 2
    page = approver.get(f"/cases/{seeded.case_id}")
    assert "changed since you read it" in page.text


def test_an_edit_based_on_an_old_text_is_refused(login, seeded, engine):
    agent = login("agent")
    old = digest_of(engine, seeded.draft_id)
    agent.post(f"/drafts/{seeded.draft_id}/edit", {"body": "First edit", "subject": "s", "to_addr": "b@example.test", "base_digest": old})
    agent.post(f"/drafts/{seeded.draft_id}/edit", {"body": "Second edit from a stale page", "subject": "s", "to_addr": "b@example.test", "base_digest": old})
    assert draft_row(engine, seeded.draft_id).body == "First edit"


def test_choosing_a_remedy_is_recorded(login, seeded, engine):
    agent = login("agent")
    assert agent.post(f"/drafts/{seeded.draft_id}/choose", {"option": "2"}).status_code == 303
    assert draft_row(engine, seeded.draft_id).chosen_option == 2
    assert agent.post(f"/drafts/{seeded.draft_id}/choose", {"option": "9"}).status_code == 303
    assert draft_row(engine, seeded.draft_id).chosen_option == 2
    page = agent.get(f"/cases/{seeded.case_id}").text
    assert "option_chosen" in page and "partial_refund 40%" in page


def test_every_action_is_in_the_audit_log_and_the_case_history(login, seeded, engine):
    agent, approver = login("agent"), login("approver")
    agent.post(f"/drafts/{seeded.draft_id}/edit", {"body": "Edited once", "subject": "Re: 1", "to_addr": "buyer1@marketplace.example"})
    agent.post(f"/drafts/{seeded.draft_id}/choose", {"option": "1"})
    approver.post(f"/drafts/{seeded.draft_id}/send-now", {"digest": digest_of(engine, seeded.draft_id)})
    with session_scope(engine) as session:
        entries = session.exec(select(auth.AuditEntry).where(auth.AuditEntry.case_id == seeded.case_id)).all()
        events = session.exec(select(CaseEvent).where(CaseEvent.case_id == seeded.case_id)).all()
    assert [(e.actor, e.action) for e in entries] == [("agent", "edit"), ("agent", "choose"), ("approver", "send_now")]
    assert all(e.client for e in entries)
    assert {"edited", "option_chosen", "approved", "send_now"} <= {e.type for e in events}
    page = approver.get(f"/cases/{seeded.case_id}").text
    audit_section = page[page.index('id="audit"'):]
    assert "send_now" in audit_section and "choose" in audit_section and "edit" in audit_section


# -- the secret, the language, the headers --------------------------------------------------


def test_the_generated_secret_survives_a_restart(settings, engine, login):
    operator = login("viewer")
    restarted = TestClient(create_app(settings, engine), base_url="http://127.0.0.1:8025")
    restarted.cookies = operator.client.cookies
    page = restarted.get("/queue")
    assert page.status_code == 200
    assert f'value="{operator.csrf}"' in page.text  # same key, so the open pages' tokens stay valid


def test_the_interface_speaks_the_browsers_language_and_remembers_a_choice(login, seeded):
    viewer = login("viewer")
    assert "Approval queue" in viewer.get("/queue").text
    zh = viewer.get("/queue", headers={"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5"}).text
    assert "审批队列" in zh and "退货请求" in zh
    viewer.post("/lang", {"lang": "zh", "next": "/dashboard"})
    assert "概览" in viewer.get("/dashboard", headers={"Accept-Language": "en"}).text
    viewer.post("/lang", {"lang": "en", "next": "/queue"})
    assert "Approval queue" in viewer.get("/queue", headers={"Accept-Language": "zh"}).text


def test_pages_carry_a_strict_content_security_policy(login, seeded):
    viewer = login("viewer")
    for path in ("/login", "/queue", f"/cases/{seeded.hostile_case_id}", "/dashboard"):
        response = viewer.client.get(path)
        csp = response.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp and "img-src 'self' data:" in csp
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert response.headers["x-frame-options"] == "DENY"
        assert "<script>" not in response.text  # every script of ours is a file


def test_out_of_range_ids_are_not_found_and_every_error_carries_the_headers(login, app, seeded):
    viewer = login("viewer")
    for path in ("/cases/99999999999999999999", "/drafts/99999999999999999999/edit", "/drafts/99999999999999999999/preview", "/cases/2147483648"):
        response = viewer.client.get(path)
        assert response.status_code == 404, path
        assert response.headers["x-frame-options"] == "DENY" and "content-security-policy" in response.headers
    refused = viewer.post("/drafts/99999999999999999999/approve", {"digest": "0" * 64})
    assert refused.status_code == 404

    def broken() -> None:
        raise RuntimeError("a bug")

    app.add_api_route("/broken-on-purpose", broken)
    with TestClient(app, base_url="http://127.0.0.1:8025", raise_server_exceptions=False) as client:
        crashed = client.get("/broken-on-purpose")
    assert crashed.status_code == 500
    assert crashed.headers["x-frame-options"] == "DENY" and "content-security-policy" in crashed.headers


def test_a_redirect_never_leaves_the_site(login):
    viewer = login("viewer")
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        response = viewer.post("/lang", {"lang": "en", "next": target})
        assert response.headers["location"] == "/queue"


def test_user_cli_add_is_audited(engine):
    user = auth.user_cli_add(engine, "cli-made", "approver", "a fine password")
    assert user.role == auth.Role.APPROVER
    with session_scope(engine) as session:
        assert auth.verify_password(session, name="cli-made", password="a fine password") is not None
        entry = session.exec(select(auth.AuditEntry).where(auth.AuditEntry.target == "cli-made")).one()
        assert (entry.actor, entry.action) == ("cli", "user_add")
        assert session.exec(select(func.count()).select_from(Draft)).one() == 0
    with pytest.raises(auth.AuthError):
        auth.user_cli_add(engine, "cli-made", "viewer", "a fine password")
    with pytest.raises(auth.AuthError):
        auth.user_cli_add(engine, "short", "viewer", "short")


def test_passwords_are_stored_as_argon2_hashes(engine):
    with engine.connect() as conn:
        hashes = [row[0] for row in conn.execute(text("select password_hash from web_user"))]
    assert hashes and all(h.startswith("$argon2id$") for h in hashes)
    assert not any(PASSWORD in h for h in hashes)


def test_listening_everywhere_without_allowed_hosts_says_what_to_set(settings, engine, caplog):
    from disputed.web.app import _server

    settings.web.host = "0.0.0.0"
    with caplog.at_level("WARNING", logger="disputed.web.app"):
        _server(settings, engine, None)  # configured, never started: nothing listens
    assert any("[web] allowed_hosts" in r.getMessage() for r in caplog.records)
