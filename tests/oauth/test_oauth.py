"""OAuth 2.0 logins against real servers: a token service the tests start (tests/servers/tokens.py),
Dovecot with an oauth2 passdb that introspects tokens there, and aiosmtpd checking XOAUTH2 /
OAUTHBEARER tokens with the same service. Nothing here pretends to be a provider inside disputed."""

from __future__ import annotations

import logging
import threading
import time

import pytest
from cryptography.fernet import Fernet
from sqlmodel import Session

from disputed.config.settings import ConfigError, Settings, check_secrets, load_settings
from disputed.daemon.watcher import MailboxWatcher
from disputed.oauth.tokens import GrantProblem, install_keeper
from disputed.sources import ImapSource, SourceError
from disputed.store import grants
from disputed.store.db import make_engine
from disputed.store.health import mailbox_component
from disputed.store.models import ComponentHealth, DraftStatus, OAuthGrant
from tests.servers.dovecot import DovecotServer
from tests.servers.net import free_port
from tests.servers.smtp import SmtpServer
from tests.servers.tokens import TokenService
from tests.support import simple_mail
from tests.daemon.test_sender import _approved_draft, _send, _status

SECRET_ENV = "DISPUTED_TEST_OAUTH_SECRET"


@pytest.fixture
def oauth_smtp(token_service):
    server = SmtpServer(oauth_introspection_url=f"{token_service.url}/introspect", oauth_scope="mail").start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(autouse=True)
def _client_secret(monkeypatch, token_service):
    monkeypatch.setenv(SECRET_ENV, token_service.client_secret)


def oauth_mailbox(service: TokenService, account, **overrides) -> dict:
    return {
        "name": "shop", "host": account.host, "port": account.port, "security": "none", "username": account.username,
        "auth": "oauth2", "oauth_provider": "generic", "oauth_client_id": service.client_id, "oauth_client_secret_env": SECRET_ENV,
        "oauth_authorize_url": f"{service.url}/authorize", "oauth_token_url": f"{service.url}/token",
        "oauth_device_url": f"{service.url}/device", "oauth_revoke_url": f"{service.url}/revoke", "oauth_scopes": ["mail"],
        **overrides,
    }


def oauth_settings(tmp_path, service, account, *, smtp=None, margin=60.0, **mailbox) -> Settings:
    key_file = tmp_path / "oauth.key"
    if not key_file.exists():
        key_file.write_bytes(Fernet.generate_key())
    data = {
        "database": {"url": f"sqlite:///{tmp_path / 'disputed.db'}"},
        "mailbox": [oauth_mailbox(service, account, **mailbox)],
        "oauth": {"key_file": str(key_file), "refresh_margin_seconds": margin},
        "daemon": {"instance_id": "oauth-test"},
        "web": {"enabled": False},
    }
    if smtp is not None:
        data["smtp"] = {"host": smtp.host, "port": smtp.port, "security": "none", "auth": "oauth2", "oauth_mailbox": "shop",
                        "from": "Innoshop Support <support@innoshop.test>", "retry_base_seconds": 0.05, "retry_cap_seconds": 0.2}
    return Settings.model_validate(data)


def granted(settings: Settings, service: TokenService, *, scope: str = "mail") -> object:
    """An engine whose store holds a grant for the mailbox, as after consent, and the process's keeper."""
    engine = make_engine(settings.database.url)
    mailbox = settings.mailbox[0]
    grants.save_grant(engine, grants.cipher_for(settings.oauth), mailbox=mailbox.name, provider="generic",
                      account=mailbox.username, token=service.issue(mailbox.username, scope=scope), by="test")
    install_keeper(settings, engine)
    return engine


def revoked_grant(tmp_path, service: TokenService, dovecot: DovecotServer, **settings):
    """A mailbox whose grant the account's owner has withdrawn at the provider since consent."""
    account = dovecot.new_account("oauth")
    settings = oauth_settings(tmp_path, service, account, **settings)
    engine = granted(settings, service)
    service.revoke_account(account.username)
    service.expire_access_tokens()
    return settings, engine


def grant_row(engine) -> OAuthGrant:
    with Session(engine) as session:
        return session.get(OAuthGrant, "shop")


def fetch_everything(mailbox) -> list[bytes]:
    source = ImapSource(mailbox, timeout=10)
    try:
        source.open()
        return [m.raw for m in source.fetch(source.new_positions(0))]
    finally:
        source.close()


# -- IMAP ------------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("mechanism", ["xoauth2", "oauthbearer"])
def test_imap_login_and_fetch_with_an_oauth_token(tmp_path, token_service, oauth_dovecot, mechanism):
    account = oauth_dovecot.new_account("oauth")
    account.append(simple_mail(1))
    settings = oauth_settings(tmp_path, token_service, account, oauth_mechanism=mechanism)
    engine = granted(settings, token_service)
    before = token_service.requests["/token"]
    raws = fetch_everything(settings.mailbox[0])
    assert len(raws) == 1 and b"Subject: note 1" in raws[0]
    assert token_service.requests["/token"] == before  # the stored token was fresh: no refresh
    assert f"method={mechanism.upper()}" in oauth_dovecot.log_tail(200)
    assert grant_row(engine).state == "ok"


def test_the_refresh_token_is_stored_encrypted(tmp_path, token_service, oauth_dovecot):
    account = oauth_dovecot.new_account("oauth")
    settings = oauth_settings(tmp_path, token_service, account)
    engine = granted(settings, token_service)
    row = grant_row(engine)
    assert not row.refresh_token.startswith("rt-") and "rt-" not in (settings.database.url and open(tmp_path / "disputed.db", "rb").read().decode("latin-1"))
    with pytest.raises(grants.GrantUnreadable, match="cannot be decrypted"):
        grants.load_tokens(engine, Fernet(Fernet.generate_key()), "shop")


def test_an_access_token_near_its_expiry_is_refreshed_before_login(tmp_path, token_service, oauth_dovecot):
    account = oauth_dovecot.new_account("oauth")
    account.append(simple_mail(2))
    token_service.access_lifetime = 30.0  # inside the refresh margin of 60 s
    settings = oauth_settings(tmp_path, token_service, account, margin=60.0)
    engine = granted(settings, token_service)
    cipher = grants.cipher_for(settings.oauth)
    first = grants.load_tokens(engine, cipher, "shop")[1].access_token
    before = token_service.requests["/token"]
    assert len(fetch_everything(settings.mailbox[0])) == 1
    assert token_service.requests["/token"] == before + 1
    second = grants.load_tokens(engine, cipher, "shop")[1].access_token
    assert second != first and token_service.access_token_active(second)


def test_a_token_the_server_no_longer_takes_is_refreshed_and_the_login_retried(tmp_path, token_service, oauth_dovecot):
    account = oauth_dovecot.new_account("oauth")
    account.append(simple_mail(3))
    settings = oauth_settings(tmp_path, token_service, account)
    engine = granted(settings, token_service)
    token_service.expire_access_tokens()  # expired at the provider while disputed still counts it valid
    before = token_service.requests["/token"]
    assert len(fetch_everything(settings.mailbox[0])) == 1
    assert token_service.requests["/token"] == before + 1
    assert grant_row(engine).state == "ok"


def test_a_rotated_refresh_token_is_kept(tmp_path, token_service, oauth_dovecot):
    """Providers that rotate refresh tokens (Microsoft does) void the old one: the new one must be stored."""
    token_service.rotate_refresh_tokens = True
    account = oauth_dovecot.new_account("oauth")
    account.append(simple_mail(4))
    settings = oauth_settings(tmp_path, token_service, account)
    engine = granted(settings, token_service)
    cipher = grants.cipher_for(settings.oauth)
    for _round in range(3):  # each round: the access token dies, a refresh with the latest refresh token
        first = grants.load_tokens(engine, cipher, "shop")[1].refresh_token
        token_service.expire_access_tokens()
        assert len(fetch_everything(settings.mailbox[0])) == 1
        assert grants.load_tokens(engine, cipher, "shop")[1].refresh_token != first
    assert grant_row(engine).state == "ok"


def test_a_provider_that_cannot_be_reached_is_not_a_revoked_grant(tmp_path, token_service, oauth_dovecot):
    account = oauth_dovecot.new_account("oauth")
    settings = oauth_settings(tmp_path, token_service, account, oauth_token_url=f"http://127.0.0.1:{free_port()}/token")
    engine = granted(settings, token_service)
    token_service.expire_access_tokens()
    with pytest.raises(SourceError, match="cannot refresh the OAuth token: unreachable") as caught:
        fetch_everything(settings.mailbox[0])
    assert not isinstance(caught.value, GrantProblem)  # retried like a dead server, not shown as a grant to renew
    assert grant_row(engine).state == "ok"


def test_a_revoked_grant_is_a_visible_error_with_back_off_and_one_log_line(tmp_path, token_service, oauth_dovecot, caplog):
    settings, engine = revoked_grant(tmp_path, token_service, oauth_dovecot)
    caplog.set_level(logging.DEBUG)
    with pytest.raises(GrantProblem, match="refused the grant"):
        fetch_everything(settings.mailbox[0])
    row = grant_row(engine)
    assert row.state == "failed" and "invalid_grant" in row.error and row.next_try_at is not None
    # Retried at once (as a careless caller would): no request reaches the provider during the back-off.
    asked = token_service.requests["/token"]
    for _ in range(5):
        with pytest.raises(GrantProblem, match="next try in"):
            fetch_everything(settings.mailbox[0])
    assert token_service.requests["/token"] == asked
    noted = [r.getMessage() for r in caplog.records if r.levelno >= logging.INFO and r.name == "disputed.oauth.tokens"]
    assert noted == [f"shop: OAuth login failing: {row.error}"]


def test_a_watcher_on_a_revoked_grant_backs_off_stays_alive_and_logs_once(tmp_path, token_service, oauth_dovecot, caplog):
    settings, engine = revoked_grant(tmp_path, token_service, oauth_dovecot)
    caplog.set_level(logging.INFO)
    daemon = settings.daemon.model_copy(update={"reconnect_base_seconds": 0.05, "reconnect_cap_seconds": 0.1, "auth_retry_seconds": 0.2})
    watcher = MailboxWatcher(settings.mailbox[0], engine, daemon, holder=None, on_stored=lambda report: None)
    thread = threading.Thread(target=watcher.run, daemon=True)
    before = token_service.requests["/token"]
    thread.start()
    try:
        time.sleep(2.0)
        assert thread.is_alive() and watcher.failures >= 2  # it keeps trying, every auth_retry_seconds at most
        assert token_service.requests["/token"] == before + 1  # the provider was asked once: the grant backs off
        # The grant's back-off ends: the provider is asked again, refuses again, and nothing new is logged.
        with grants.session_scope(engine) as session:
            session.get(OAuthGrant, "shop").next_try_at = None
        deadline = time.monotonic() + 5
        while token_service.requests["/token"] < before + 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)
        assert token_service.requests["/token"] == before + 2
        assert grant_row(engine).failures == 2
        said = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING and r.name.startswith("disputed")]
        assert len(said) == 1, said  # the mailbox's login failure, once (its health record: the page, /healthz)
        assert "login failure" in said[0] and "invalid_grant" in said[0]
        with Session(engine) as session:  # what /healthz and the notifications read
            health = session.get(ComponentHealth, mailbox_component("shop"))
        assert not health.ok and health.problem == "login" and "invalid_grant" in health.error
    finally:
        watcher.stop()
        thread.join(10)
    assert not thread.is_alive()


def test_a_grant_without_the_mail_scope_is_refused_by_the_server_and_shown(tmp_path, token_service, oauth_dovecot):
    account = oauth_dovecot.new_account("oauth")
    settings = oauth_settings(tmp_path, token_service, account)
    engine = granted(settings, token_service, scope="openid profile")
    with pytest.raises(GrantProblem, match="server refused the OAuth token"):
        fetch_everything(settings.mailbox[0])
    row = grant_row(engine)
    assert row.state == "failed" and "AUTHENTICATIONFAILED" in row.error


def test_a_mailbox_never_authorized_says_how_to_authorize_it(tmp_path, token_service, oauth_dovecot):
    account = oauth_dovecot.new_account("oauth")
    settings = oauth_settings(tmp_path, token_service, account)
    install_keeper(settings, make_engine(settings.database.url))
    with pytest.raises(GrantProblem, match="disputed mailbox authorize shop"):
        fetch_everything(settings.mailbox[0])


# -- SMTP ------------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("mechanism", ["xoauth2", "oauthbearer"])
def test_smtp_send_with_an_oauth_token(tmp_path, token_service, oauth_dovecot, oauth_smtp, mechanism):
    account = oauth_dovecot.new_account("oauth")
    settings = oauth_settings(tmp_path, token_service, account, smtp=oauth_smtp, oauth_mechanism=mechanism)
    engine = granted(settings, token_service)
    draft_id = _approved_draft(engine)
    report = _send(settings, engine)
    assert report.sent == 1, report
    assert _status(engine, draft_id).status == DraftStatus.SENT
    assert oauth_smtp.logins == [(account.username, True)]
    assert len(oauth_smtp.messages) == 1
    assert len(account.fetch_all("Sent")) == 1  # filed in Sent through IMAP with the same grant


def test_smtp_with_a_revoked_grant_defers_and_shows_the_error(tmp_path, token_service, oauth_dovecot, oauth_smtp):
    account = oauth_dovecot.new_account("oauth")
    settings = oauth_settings(tmp_path, token_service, account, smtp=oauth_smtp)
    settings.smtp.file_in_sent = False
    engine = granted(settings, token_service)
    draft_id = _approved_draft(engine)
    token_service.revoke_account(account.username)
    token_service.expire_access_tokens()
    report = _send(settings, engine)
    assert report.sent == 0 and oauth_smtp.messages == []
    assert _status(engine, draft_id).status == DraftStatus.APPROVED  # kept, to go once the grant works again
    assert grant_row(engine).state == "failed"


# -- configuration ---------------------------------------------------------------------------------------------------

def _config(tmp_path, text: str):
    path = tmp_path / "disputed.toml"
    path.write_text(text)
    return path


def test_presets_fill_the_servers_and_bad_keys_are_named(tmp_path):
    google = load_settings(_config(tmp_path, '[[mailbox]]\nname = "g"\nusername = "a@shop.test"\nauth = "oauth2"\noauth_provider = "google"\noauth_client_id = "id"\n\n[smtp]\nauth = "oauth2"\n'), environ={})
    assert (google.mailbox[0].host, google.mailbox[0].port, google.mailbox[0].security) == ("imap.gmail.com", 993, "ssl")
    assert (google.smtp.host, google.smtp.username) == ("smtp.gmail.com", "a@shop.test")
    microsoft = load_settings(_config(tmp_path, '[[mailbox]]\nname = "m"\nusername = "a@shop.test"\nauth = "oauth2"\noauth_provider = "microsoft"\noauth_client_id = "id"\noauth_tenant = "contoso.onmicrosoft.com"\n'), environ={})
    provider = microsoft.mailbox[0].provider()
    assert microsoft.mailbox[0].host == "outlook.office365.com" and "contoso.onmicrosoft.com/oauth2/v2.0/devicecode" in provider.device_url
    with pytest.raises(ConfigError, match=r"mailbox\[0\].*oauth_client_id"):
        load_settings(_config(tmp_path, '[[mailbox]]\nname = "g"\nusername = "a"\nauth = "oauth2"\noauth_provider = "google"\n'), environ={})
    with pytest.raises(ConfigError, match=r"oauth_token_url"):
        load_settings(_config(tmp_path, '[[mailbox]]\nname = "g"\nusername = "a"\nauth = "oauth2"\noauth_provider = "generic"\noauth_client_id = "x"\noauth_authorize_url = "https://id.test/a"\noauth_scopes = ["mail"]\n'), environ={})
    with pytest.raises(ConfigError, match=r"oauth_provider is set but auth is not"):
        load_settings(_config(tmp_path, '[[mailbox]]\nname = "g"\nusername = "a"\npassword = "p"\noauth_provider = "google"\n'), environ={})
    with pytest.raises(ConfigError, match=r"smtp\.oauth_mailbox \(line 5\): smtp.auth = \"oauth2\" needs oauth_mailbox"):
        load_settings(_config(tmp_path, '[[mailbox]]\nname = "g"\nusername = "a"\npassword = "p"\n[smtp]\nauth = "oauth2"\n'), environ={})
    with pytest.raises(ConfigError, match=r"oauth_providr.*unknown key"):
        load_settings(_config(tmp_path, '[[mailbox]]\nname = "g"\nusername = "a"\nauth = "oauth2"\noauth_providr = "google"\n'), environ={})


def test_a_missing_key_or_client_secret_is_a_start_up_error_naming_it(tmp_path, monkeypatch):
    monkeypatch.delenv("DISPUTED_OAUTH_KEY", raising=False)
    monkeypatch.delenv("NOT_SET_SECRET", raising=False)
    settings = load_settings(_config(tmp_path, '[[mailbox]]\nname = "g"\nusername = "a"\nauth = "oauth2"\noauth_provider = "google"\noauth_client_id = "id"\noauth_client_secret_env = "NOT_SET_SECRET"\n'), environ={})
    with pytest.raises(ConfigError) as caught:
        check_secrets(settings)
    assert "oauth_client_secret_env" in str(caught.value) and "NOT_SET_SECRET" in str(caught.value)
    assert "oauth.key_env" in str(caught.value) and "DISPUTED_OAUTH_KEY" in str(caught.value)
    monkeypatch.setenv("NOT_SET_SECRET", "s")
    monkeypatch.setenv("DISPUTED_OAUTH_KEY", "not-a-key")
    with pytest.raises(ConfigError, match="not a Fernet key"):
        check_secrets(settings)


def test_the_example_configurations_oauth_mailbox_loads_when_uncommented(tmp_path):
    from pathlib import Path

    example = (Path(__file__).resolve().parents[2] / "config" / "disputed.example.toml").read_text()
    start = example.index("# [[mailbox]]\n# name = \"support\"")
    end = example.index("# A Maildir kept in sync")
    block = "\n".join(line[2:] for line in example[start:end].splitlines() if line.startswith("# ") and not line.startswith("# For ") and not line.startswith("#  "))
    settings = load_settings(_config(tmp_path, block + "\n[smtp]\nauth = \"oauth2\"\noauth_mailbox = \"support\"\n"), environ={})
    mailbox = settings.mailbox[0]
    assert mailbox.auth == "oauth2" and mailbox.provider().token_url == "https://id.example/oauth2/token"
    assert settings.smtp.username == "support@innoshop.test"
