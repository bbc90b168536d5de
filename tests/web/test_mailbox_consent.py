"""Consent from the web page, against the local token service (tests/servers/tokens.py): the
authorization code with PKCE, back to the page, for administrators only, with the state
checked (a forged, replayed or another session's callback attaches nothing)."""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from cryptography.fernet import Fernet
from sqlmodel import Session, select

from disputed.config.settings import Settings
from disputed.store import grants
from disputed.store.health import UNREACHABLE, HealthRecorder, mailbox_component
from disputed.store.auth import AuditEntry
from disputed.store.models import OAuthGrant
from disputed.web.app import start_in_thread

from .test_browser import browser, log_in, open_page, shoot  # noqa: F401  (browser: the module's Chromium)
from playwright.sync_api import expect

SECRET_ENV = "DISPUTED_TEST_OAUTH_SECRET"


@pytest.fixture
def settings(tmp_path, token_service, monkeypatch) -> Settings:
    monkeypatch.setenv(SECRET_ENV, token_service.client_secret)
    key_file = tmp_path / "oauth.key"
    key_file.write_bytes(Fernet.generate_key())
    return Settings.model_validate({
        "database": {"url": f"sqlite:///{tmp_path / 'web.db'}"},
        "web": {"port": 0},
        "oauth": {"key_file": str(key_file)},
        "mailbox": [{
            "name": "shop", "host": "127.0.0.1", "port": 1143, "security": "none", "username": "seller@example.test",
            "auth": "oauth2", "oauth_provider": "generic", "oauth_client_id": token_service.client_id, "oauth_client_secret_env": SECRET_ENV,
            "oauth_authorize_url": f"{token_service.url}/authorize", "oauth_token_url": f"{token_service.url}/token", "oauth_scopes": ["mail"],
        }],
    })


def _grant(engine) -> OAuthGrant | None:
    with Session(engine) as session:
        return session.get(OAuthGrant, "shop")


def _to_provider_and_back(operator) -> str:
    """Start consent on the page; follow the browser to the provider (a real HTTP request) and
    return the callback address the provider sends it back to."""
    operator.get("/mailboxes")
    started = operator.post("/mailboxes/shop/authorize")
    assert started.status_code == 200, started.text
    link = re.search(r'id="continue-consent" href="([^"]+)"', started.text).group(1)
    provider = httpx.get(html.unescape(link), follow_redirects=False)
    assert provider.status_code == 302, provider.text
    return provider.headers["location"]


def test_an_admin_authorizes_a_mailbox_with_pkce(login, engine, token_service):
    admin = login("admin")
    page = admin.get("/mailboxes")
    assert "Not authorized yet" in page.text and "/oauth/callback" in page.text
    back = _to_provider_and_back(admin)
    query = token_service.authorize_queries[-1]
    assert query["code_challenge_method"] == "S256" and len(query["code_challenge"]) >= 43 and query["state"]
    assert query["redirect_uri"] == "http://127.0.0.1:8025/oauth/callback"
    done = admin.client.get(urlsplit(back).path + "?" + urlsplit(back).query, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/mailboxes"
    grant = _grant(engine)
    assert grant is not None and grant.state == "ok" and grant.granted_by == "admin" and grant.scope == "mail"
    page = admin.get("/mailboxes")
    assert "is authorized" in page.text and "Authorized by admin" in page.text
    with Session(engine) as session:
        actions = [a.action for a in session.exec(select(AuditEntry)).all()]
    assert "mailbox_consent_start" in actions and "mailbox_authorized" in actions


def test_a_callback_is_accepted_once_and_only_in_the_session_that_started_it(login, engine, token_service):
    admin = login("admin")
    back = _to_provider_and_back(admin)
    callback = urlsplit(back).path + "?" + urlsplit(back).query
    other_admin = login("admin")  # the same role, another browser: a link sent to it must not work
    refused = other_admin.client.get(callback, follow_redirects=False)
    assert refused.status_code == 303 and _grant(engine) is None
    # the state was used up by that attempt: the right browser cannot replay it either
    assert admin.client.get(callback, follow_redirects=False).status_code == 303 and _grant(engine) is None
    forged = admin.client.get("/oauth/callback?state=made-up&code=whatever", follow_redirects=False)
    assert forged.status_code == 303 and _grant(engine) is None
    assert "not started by you" in admin.get("/mailboxes").text


def test_only_admins_may_authorize_and_the_post_needs_its_csrf_token(login, engine):
    approver = login("approver")
    page = approver.get("/mailboxes")
    assert page.status_code == 200 and "Not authorized yet" in page.text and "/mailboxes/shop/authorize" not in page.text
    assert approver.post("/mailboxes/shop/authorize").status_code == 403
    assert approver.client.get("/oauth/callback?state=x&code=y", follow_redirects=False).status_code == 403
    admin = login("admin")
    admin.get("/mailboxes")
    assert admin.post("/mailboxes/shop/authorize", csrf="0" * 64).status_code == 403
    assert _grant(engine) is None


def test_refused_consent_and_a_missing_scope_are_shown_and_store_nothing(login, engine, token_service):
    admin = login("admin")
    token_service.refuse_consent()
    back = _to_provider_and_back(admin)
    assert parse_qs(urlsplit(back).query)["error"] == ["access_denied"]
    admin.client.get(urlsplit(back).path + "?" + urlsplit(back).query, follow_redirects=False)
    assert "access_denied" in admin.get("/mailboxes").text and _grant(engine) is None
    token_service.refuse_consent(False)
    token_service.grant_only_scope = "openid"
    back = _to_provider_and_back(admin)
    admin.client.get(urlsplit(back).path + "?" + urlsplit(back).query, follow_redirects=False)
    page = admin.get("/mailboxes")
    assert "did not include mail" in page.text and _grant(engine) is None


def test_a_failing_grant_is_shown_with_the_providers_answer(login, engine, settings, token_service):
    grants.save_grant(engine, grants.cipher_for(settings.oauth), mailbox="shop", provider="generic", account="seller@example.test",
                      token=token_service.issue(), by="admin")
    grants.record_failure(engine, "shop", "the provider refused the grant (invalid_grant: the grant was revoked)")
    page = login("viewer").get("/mailboxes")
    assert "Login failing" in page.text and "invalid_grant: the grant was revoked" in page.text and "Next try" in page.text


def test_consent_in_a_real_browser(browser, settings, engine, token_service):
    """Chromium: log in as admin, press Authorize, pass through the provider (the token service
    on its own port) and land back on the page, which now shows the grant."""
    handle = start_in_thread(settings, engine)
    base = f"http://127.0.0.1:{handle.port}"
    page, watched = open_page(browser)
    try:
        log_in(page, base, "admin")
        page.goto(base + "/mailboxes")
        expect(page.locator("tr[data-mailbox=shop]")).to_contain_text("Not authorized yet")
        page.click("tr[data-mailbox=shop] button[type=submit]")
        expect(page.locator("h1")).to_contain_text("Authorize mailbox shop")
        shoot(page, "mailbox-consent.png")
        page.click("#continue-consent")
        page.wait_for_url(base + "/mailboxes")
        expect(page.locator(".flash")).to_contain_text("Mailbox shop is authorized.")
        expect(page.locator("tr[data-mailbox=shop]")).to_contain_text("Authorized by admin")
        shoot(page, "mailboxes-authorized.png")
    finally:
        page.context.close()
        handle.stop()
    assert any(url.startswith(f"{token_service.url}/authorize?") for url in watched.requests)
    assert not watched.errors and not watched.blocked
    assert _grant(engine).state == "ok"


def test_the_daemons_last_failure_with_a_mailbox_is_shown_too(login, engine, settings, token_service):
    grants.save_grant(engine, grants.cipher_for(settings.oauth), mailbox="shop", provider="generic", account="seller@example.test",
                      token=token_service.issue(), by="admin")
    HealthRecorder(engine).failed(mailbox_component("shop"), "shop: cannot reach 127.0.0.1:1143: ConnectionRefusedError", UNREACHABLE)
    page = login("viewer").get("/mailboxes")
    assert "Authorized by admin" in page.text and "cannot reach 127.0.0.1:1143" in page.text
