"""Failures show where an operator looks: /healthz per component and /metrics, from what the daemon recorded
against real servers (Dovecot refusing a login, an SMTP server that is not there, notices that fail
authentication); structured logs; a daemon that will not start without its configuration."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta

from fastapi.testclient import TestClient
from sqlmodel import select

from disputed.config.settings import load_settings
from disputed.daemon.runner import Daemon
from disputed.store import health
from disputed.store.db import make_engine, session_scope
from disputed.store.models import ComponentHealth, Draft, utcnow
from disputed.web.app import create_app
from tests.servers.net import free_port
from tests.support import approve_as_an_operator, config_file
from tests.daemon.test_faults import buyer_notice


def _settings(tmp_path, imap, *, password: str, smtp_port: int, trusted: str = "mx.demo.test"):
    return load_settings(config_file(tmp_path, imap=imap, password=password, smtp_port=smtp_port, trusted=trusted,
                                     extra='[policy]\nauto_approve = ["not_received"]\n'))


def _health(settings, engine) -> tuple[int, dict]:
    with TestClient(create_app(settings, engine), base_url="http://127.0.0.1:8025") as client:
        response = client.get("/healthz")
    return response.status_code, response.json()


def test_a_refused_imap_login_fails_healthz_naming_the_mailbox(tmp_path, imap_account):
    settings = _settings(tmp_path, imap_account, password="not-the-password", smtp_port=free_port())
    engine = make_engine(settings.database.url)
    report = Daemon(settings, engine).run_once()
    assert "shop" in report.errors
    status, body = _health(settings, engine)
    assert status == 503 and body["status"] == "failing"
    shop = body["components"]["mailbox:shop"]
    assert shop["state"] == "failing" and shop["detail"].startswith("login:") and shop["failing_since"]
    assert body["components"]["database"]["ok"] is True


def test_a_good_sync_then_a_dead_smtp_server_show_as_such(tmp_path, imap_account):
    imap_account.append(buyer_notice(1))
    settings = _settings(tmp_path, imap_account, password=imap_account.password, smtp_port=free_port())
    engine = make_engine(settings.database.url)
    daemon = Daemon(settings, engine)
    report = daemon.run_once()
    assert not report.errors and report.processed.drafts == 1
    with session_scope(engine) as session:  # the reply completed and approved, as an operator does
        approve_as_an_operator(session, session.execute(select(Draft)).scalar_one().id, by="lena")
    report = daemon.run_once()
    assert report.sent.deferred == 1
    status, body = _health(settings, engine)
    assert status == 503
    assert body["components"]["mailbox:shop"]["state"] == "ok"
    smtp = body["components"]["smtp"]
    assert smtp["state"] == "failing" and "unreachable" in smtp["detail"] and str(settings.smtp.port) in smtp["detail"]
    with TestClient(create_app(settings, engine), base_url="http://127.0.0.1:8025") as client:
        page = client.get("/metrics").text
    assert 'disputed_component_up{component="smtp"} 0.0' in page
    assert 'disputed_component_up{component="mailbox:shop"} 1.0' in page
    assert 'disputed_drafts{status="approved"} 1.0' in page
    assert 'disputed_messages_ingested_total{mailbox="shop"}' in page
    assert 'disputed_send_outcomes_total{outcome="deferred"}' in page


def test_a_mailbox_that_stopped_syncing_is_stale(tmp_path, imap_account):
    settings = _settings(tmp_path, imap_account, password=imap_account.password, smtp_port=free_port())
    engine = make_engine(settings.database.url)
    Daemon(settings, engine).run_once()
    assert _health(settings, engine)[1]["components"]["mailbox:shop"]["state"] == "ok"
    with session_scope(engine) as session:  # the last sync, as if it were an hour ago
        row = session.get(ComponentHealth, health.mailbox_component("shop"))
        row.ok_at = utcnow() - timedelta(hours=1)
        session.add(row)
    status, body = _health(settings, engine)
    assert status == 503 and body["components"]["mailbox:shop"]["state"] == "stale"
    assert "60 min ago" in body["components"]["mailbox:shop"]["detail"]


def test_notices_failing_authentication_are_explained_with_the_authserv_ids_seen(tmp_path, imap_account, caplog):
    for n in range(6):  # the seller's server stamps its own id; the configuration names another
        imap_account.append(buyer_notice(n, auth="mx.seller-mail.test; dkim=pass header.d=marketplace.amazon.com; dmarc=pass header.from=marketplace.amazon.com"))
    settings = _settings(tmp_path, imap_account, password=imap_account.password, smtp_port=free_port(), trusted="mx.wrong.test")
    engine = make_engine(settings.database.url)
    with caplog.at_level("WARNING"):
        report = Daemon(settings, engine).run_once()
    assert report.processed.drafts == 0
    assert any("FAIL AUTHENTICATION" in r.getMessage() and "mx.seller-mail.test" in r.getMessage() for r in caplog.records)
    status, body = _health(settings, engine)
    verdict = body["components"]["authentication"]
    assert status == 503 and verdict["state"] == "failing"
    assert "6 of the last 6" in verdict["detail"] and "mx.seller-mail.test" in verdict["detail"]
    assert "trusted_authserv_ids" in verdict["detail"]


def _cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    import os

    clean = {k: v for k, v in os.environ.items() if not k.startswith("DISPUTED_")}
    return subprocess.run([sys.executable, "-m", "disputed", *args], capture_output=True, text=True, timeout=60,
                          env={**clean, **(env or {})})


def test_run_refuses_to_start_without_a_configuration_file(tmp_path):
    result = subprocess.run([sys.executable, "-m", "disputed", "run", "--once"], capture_output=True, text=True,
                            timeout=60, cwd=tmp_path, env={k: v for k, v in __import__("os").environ.items() if not k.startswith("DISPUTED_")})
    assert result.returncode == 2
    assert "no configuration file" in result.stderr
    assert not (tmp_path / "var").exists()  # no stray database made


def test_an_environment_override_is_blamed_on_its_variable(tmp_path):
    config = tmp_path / "disputed.toml"
    config.write_text('[database]\nurl = "sqlite:///x.db"\n\n[smtp]\nport = 25\n', encoding="utf-8")
    result = _cli("--config", str(config), "check-config", env={"DISPUTED_SMTP__PORT": "not-a-port"})
    assert result.returncode == 2
    assert "smtp.port (from the environment variable DISPUTED_SMTP__PORT)" in result.stderr
    assert "line" not in result.stderr.split("smtp.port", 1)[1].splitlines()[0]


def test_json_logs_are_one_object_a_line(tmp_path):
    config = tmp_path / "disputed.toml"
    config.write_text(f'[database]\nurl = "sqlite:///{tmp_path / "db.sqlite"}"\n\n[web]\nenabled = false\n', encoding="utf-8")
    result = _cli("--config", str(config), "--log-format", "json", "run", "--once")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.strip()]
    assert lines and all({"time", "level", "logger", "message"} <= set(entry) for entry in lines)
    bad = _cli("--config", str(config), "--log-format", "xml", "check-config")
    assert bad.returncode == 2 and "--log-format must be one of text, json" in bad.stderr
