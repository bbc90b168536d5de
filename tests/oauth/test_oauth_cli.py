"""The command line's side of OAuth and of checking a configuration: `disputed mailbox authorize`
(device code, and pasting the code) against the local token service, `check-config` reporting
unset secrets and, with --connect, logging in to Dovecot (password and OAuth) and aiosmtpd."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import httpx
import pytest
from cryptography.fernet import Fernet
from sqlmodel import Session
from typer.testing import CliRunner

from disputed.cli import app
from disputed.config.settings import load_settings
from disputed.store import grants
from disputed.store.db import make_engine, session_scope
from disputed.store.models import OAuthGrant
from tests.servers.smtp import SmtpServer
from tests.support import TRUSTED, approve_as_an_operator, sample, simple_mail
from tests.oauth.test_oauth import SECRET_ENV, oauth_mailbox

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def env(monkeypatch, token_service):
    key = Fernet.generate_key().decode()
    monkeypatch.setenv(SECRET_ENV, token_service.client_secret)
    monkeypatch.setenv("DISPUTED_OAUTH_KEY", key)
    return {SECRET_ENV: token_service.client_secret, "DISPUTED_OAUTH_KEY": key}


def _value(value) -> str:
    return json.dumps(value) if not isinstance(value, bool) else str(value).lower()


def write_config(tmp_path, mailboxes: list[dict], smtp: dict | None = None) -> str:
    lines = [f'[database]\nurl = "sqlite:///{tmp_path / "cli.db"}"\n', "[web]\nenabled = false\n"]
    for mailbox in mailboxes:
        lines.append("[[mailbox]]\n" + "".join(f"{k} = {_value(v)}\n" for k, v in mailbox.items()))
    if smtp:
        lines.append("[smtp]\n" + "".join(f"{k} = {_value(v)}\n" for k, v in smtp.items()))
    path = tmp_path / "disputed.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return str(path)


class _Account:  # where a mailbox that is never connected to points
    host, port, username = "127.0.0.1", 1, "seller@example.test"


def _grant(tmp_path) -> OAuthGrant | None:
    with Session(make_engine(f"sqlite:///{tmp_path / 'cli.db'}")) as session:
        return session.get(OAuthGrant, "shop")


def test_authorize_with_the_device_code(tmp_path, token_service, env):
    config = write_config(tmp_path, [oauth_mailbox(token_service, _Account)])
    approver = threading.Thread(target=token_service.approve_device, daemon=True)
    approver.start()
    # --config after the subcommand, as an operator types it
    result = runner.invoke(app, ["mailbox", "authorize", "shop", "--config", config, "--as", "lena"])
    approver.join(5)
    assert result.exit_code == 0, result.output
    assert "/device/verify" in result.output and "enter the code" in result.output
    assert "shop: authorized for seller@example.test" in result.output
    grant = _grant(tmp_path)
    assert grant.state == "ok" and grant.granted_by == "lena" and grant.scope == "mail"
    status = runner.invoke(app, ["--config", config, "mailbox", "status"])
    assert status.exit_code == 0 and "shop: oauth2 authorized (generic) by lena" in status.output
    settings = load_settings(config)
    refresh_token = grants.load_tokens(make_engine(settings.database.url), grants.cipher_for(settings.oauth), "shop")[1].refresh_token
    forgotten = runner.invoke(app, ["mailbox", "forget", "shop", "--config", config])
    assert forgotten.exit_code == 0 and "revoked at the provider" in forgotten.output
    assert _grant(tmp_path) is None
    assert token_service.token({"grant_type": "refresh_token", "refresh_token": refresh_token}, (token_service.client_id, token_service.client_secret))[1]["error"] == "invalid_grant"


def test_microsofts_device_flow_is_a_public_client_and_so_are_its_refreshes(tmp_path, token_service, oauth_dovecot, env):
    """Microsoft refuses a client secret in the device flow (AADSTS700025) and in refreshes of what it issued;
    the stand-in refuses them the same way here, with the Microsoft preset's endpoints pointed at it."""
    token_service.public_device_flow = True
    account = oauth_dovecot.new_account("oauth")
    account.append(simple_mail(7))
    mailbox = {**oauth_mailbox(token_service, account, oauth_provider="microsoft", oauth_tenant="innoshop.onmicrosoft.com"), "oauth_scopes": ["mail", "offline_access"]}
    config = write_config(tmp_path, [mailbox])
    threading.Thread(target=token_service.approve_device, args=(account.username,), daemon=True).start()
    result = runner.invoke(app, ["mailbox", "authorize", "shop", "--config", config])
    assert result.exit_code == 0, result.output
    assert _grant(tmp_path).public_client
    token_service.expire_access_tokens()  # the next login refreshes, without the secret
    checked = runner.invoke(app, ["check-config", "--connect", "--config", config], env={"COLUMNS": "300"})
    assert "ok mailbox shop" in checked.output, checked.output


def test_a_device_consent_without_the_mail_scope_is_refused(tmp_path, token_service, env):
    token_service.grant_only_scope = "openid"
    config = write_config(tmp_path, [oauth_mailbox(token_service, _Account)])
    threading.Thread(target=token_service.approve_device, daemon=True).start()
    result = runner.invoke(app, ["mailbox", "authorize", "shop", "--config", config])
    assert result.exit_code == 2 and "did not include mail" in result.output
    assert _grant(tmp_path) is None


def test_authorize_by_pasting_the_code_where_there_is_no_device_flow(tmp_path, token_service, env):
    mailbox = oauth_mailbox(token_service, _Account, oauth_redirect_uri="http://127.0.0.1:9/done")
    del mailbox["oauth_device_url"]
    config = write_config(tmp_path, [mailbox])
    process = subprocess.Popen([sys.executable, "-m", "disputed", "mailbox", "authorize", "shop", "--config", config],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, **env, "PYTHONPATH": str(ROOT / "src"), "COLUMNS": "2000"})
    try:
        url = ""
        while not url.startswith("http"):
            url = process.stderr.readline().strip()
            assert url or process.poll() is None, "the command ended before printing the consent address"
        assert url.startswith(f"{token_service.url}/authorize?")
        browser = httpx.get(url, follow_redirects=False)  # the person consents; the provider sends them on
        assert browser.headers["location"].startswith("http://127.0.0.1:9/done?")
        out, errors = process.communicate(browser.headers["location"] + "\n", timeout=30)
    finally:
        process.kill() if process.poll() is None else None
    assert process.returncode == 0, errors
    assert "shop: authorized" in out
    assert token_service.authorize_queries[-1]["code_challenge_method"] == "S256"
    assert _grant(tmp_path).state == "ok"


def test_check_config_reports_unset_secret_variables(tmp_path, token_service, monkeypatch):
    monkeypatch.delenv("UNSET_IMAP_PASSWORD", raising=False)
    monkeypatch.delenv(SECRET_ENV, raising=False)
    monkeypatch.delenv("DISPUTED_OAUTH_KEY", raising=False)
    password_box = {"name": "pw", "host": "127.0.0.1", "username": "u", "password_env": "UNSET_IMAP_PASSWORD"}
    config = write_config(tmp_path, [password_box, oauth_mailbox(token_service, _Account)])
    result = runner.invoke(app, ["check-config", "--config", config])
    assert result.exit_code == 2
    assert "configuration OK" not in result.output
    for expected in ("UNSET_IMAP_PASSWORD", SECRET_ENV, "DISPUTED_OAUTH_KEY", "3 secret(s) missing"):
        assert expected in result.output


def test_check_config_connect_logs_in_everywhere_and_reports_each(tmp_path, token_service, oauth_dovecot, env):
    smtp = SmtpServer(oauth_introspection_url=f"{token_service.url}/introspect").start()
    try:
        oauth_account, password_account = oauth_dovecot.new_account("oauth"), oauth_dovecot.new_account("pw")
        password_box = {"name": "pw", "host": password_account.host, "port": password_account.port, "security": "none",
                        "username": password_account.username, "password": password_account.password}
        smtp_table = {"host": smtp.host, "port": smtp.port, "security": "none", "auth": "oauth2", "oauth_mailbox": "shop"}
        config = write_config(tmp_path, [password_box, oauth_mailbox(token_service, oauth_account)], smtp_table)
        settings = load_settings(config)
        grants.save_grant(make_engine(settings.database.url), grants.cipher_for(settings.oauth), mailbox="shop", provider="generic",
                          account=oauth_account.username, token=token_service.issue(oauth_account.username), by="test")
        result = runner.invoke(app, ["check-config", "--connect", "--config", config], env={"COLUMNS": "300"})
        assert result.exit_code == 0, result.output
        assert "ok mailbox pw" in result.output and "(password)" in result.output
        assert "ok mailbox shop" in result.output and "(OAuth XOAUTH2)" in result.output
        assert "ok smtp" in result.output and "(OAuth)" in result.output
        token_service.revoke_account(oauth_account.username)
        token_service.expire_access_tokens()
        password_box["password"] = "wrong"
        config = write_config(tmp_path, [password_box, oauth_mailbox(token_service, oauth_account)], smtp_table)
        result = runner.invoke(app, ["check-config", "--connect", "--config", config], env={"COLUMNS": "300"})
        assert result.exit_code == 1
        assert "FAILED mailbox pw" in result.output and "login refused" in result.output
        assert "FAILED mailbox shop" in result.output and "invalid_grant" in result.output
        assert "FAILED smtp" in result.output
    finally:
        smtp.stop()


def test_version_and_config_after_the_subcommand(tmp_path, env):
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("disputed ")
    config = write_config(tmp_path, [])
    for args in (["check-config", "--config", config], ["check-config", f"--config={config}"], ["-c", config, "check-config"]):
        checked = runner.invoke(app, args)
        assert checked.exit_code == 0 and "configuration OK: 0 mailbox(es)" in checked.output, args
    missing = runner.invoke(app, ["run", "--once", "--config", "/nonexistent/disputed.toml"])
    assert missing.exit_code == 2 and "/nonexistent/disputed.toml: no such configuration file" in missing.output


def test_the_readme_walk_through_against_the_stand_in_provider(tmp_path, token_service, oauth_dovecot, monkeypatch):
    """README "Connect your own mailbox", command by command, with the stand-in provider in Google's or
    Microsoft's place: a key, the configuration, consent, the login check, then mail in and a reply out."""
    smtp = SmtpServer(oauth_introspection_url=f"{token_service.url}/introspect").start()
    try:
        key = runner.invoke(app, ["mailbox", "new-key"]).output.strip()
        monkeypatch.setenv("DISPUTED_OAUTH_KEY", key)
        monkeypatch.setenv(SECRET_ENV, token_service.client_secret)
        account = oauth_dovecot.new_account("support")
        config = write_config(tmp_path, [oauth_mailbox(token_service, account)], {
            "host": smtp.host, "port": smtp.port, "security": "none", "auth": "oauth2", "oauth_mailbox": "shop",
            "from": "Innoshop Support <support@innoshop.test>"})
        with open(config, "a", encoding="utf-8") as file:
            file.write(f'\n[security]\ntrusted_authserv_ids = ["{TRUSTED}"]\n')
        assert runner.invoke(app, ["check-config", "--config", config]).exit_code == 0

        threading.Thread(target=token_service.approve_device, args=(account.username,), daemon=True).start()
        assert runner.invoke(app, ["mailbox", "authorize", "shop", "--config", config]).exit_code == 0
        connected = runner.invoke(app, ["check-config", "--connect", "--config", config], env={"COLUMNS": "300"})
        assert connected.exit_code == 0, connected.output

        account.append(sample("01-return-wrong-item.eml"))
        account.append(sample("02-buyer-not-received.eml"))
        first = runner.invoke(app, ["run", "--once", "--no-web", "--config", config])
        assert first.exit_code == 0, first.output
        assert "shop: 2 new message(s)" in first.output
        queued = [json.loads(line) for line in runner.invoke(app, ["queue", "--json", "--config", config]).output.splitlines() if line.strip()]
        reply = next(d for d in queued if d["order_id"] == "114-9902311-3345121")
        with session_scope(make_engine(load_settings(config).database.url)) as session:  # the operator completes and approves it
            approve_as_an_operator(session, reply["id"], by="lena")
        second = runner.invoke(app, ["run", "--once", "--no-web", "--config", config])
        assert second.exit_code == 0 and "sent 1" in second.output, second.output
        assert [m.rcpt_tos for m in smtp.messages] == [("7k2vq9xw3lmn4pr@marketplace.amazon.com",)]
        assert smtp.logins and all(ok for _user, ok in smtp.logins)
    finally:
        smtp.stop()
