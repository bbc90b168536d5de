"""Secrets never appear in logs or error messages: a wrong IMAP password, an SMTP server that refuses our
login, and configuration errors, each run through the real command line (subprocess) against real servers,
with debug logging on; every line of output, every stored error and every history line is searched for the
passwords in clear and in the encodings a protocol would use (base64 of SASL PLAIN and LOGIN)."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from sqlmodel import select

from disputed.store.db import make_engine, session_scope
from disputed.store.models import CaseEvent, Draft, DraftStatus
from tests.servers.net import free_port
from tests.daemon.test_faults import approve_all_pending, buyer_notice, wait_until

IMAP_SECRET = "imap-Pa55word-7d3f9Q"
SMTP_SECRET = "smtp-Pa55word-K2v8Zx"
DB_SECRET = "db-Pa55word-W4n1Lm"


def encodings(secret: str, user: str) -> list[str]:
    """The password as it might leak: clear, SASL PLAIN and LOGIN base64, URL-quoted."""
    return [secret, base64.b64encode(f"\0{user}\0{secret}".encode()).decode(), base64.b64encode(secret.encode()).decode(),
            secret.replace("-", "%2D")]


def assert_no_secret(text: str, secret: str, user: str, where: str) -> None:
    for form in encodings(secret, user):
        assert form not in text, f"{where} shows the password (as {form!r}):\n{text[-2000:]}"


def run_cli(config: Path, *args: str, timeout: float = 60, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "disputed", "--config", str(config), "--log-level", "DEBUG", *args],
                          capture_output=True, text=True, timeout=timeout, env={**os.environ, **(env or {})})


def config_text(db_url: str, *, imap=None, imap_password: str = "", smtp_port: int = 0, smtp_user: str = "", extra: str = "") -> str:
    mailbox = f"""
[[mailbox]]
name = "shop"
host = "{imap.host}"
port = {imap.port}
security = "none"
username = "{imap.username}"
password = "{imap_password}"
poll_seconds = 0.3
""" if imap else ""
    smtp = f"""
[smtp]
host = "127.0.0.1"
port = {smtp_port}
security = "none"
username = "{smtp_user}"
password = "{SMTP_SECRET}"
from = "Innoshop Support <support@innoshop.test>"
retry_base_seconds = 0.1
retry_cap_seconds = 0.2
max_retries = 1
""" if smtp_port else ""
    return f"""
[database]
url = "{db_url}"
{mailbox}{smtp}
[security]
trusted_authserv_ids = ["mx.demo.test"]

[daemon]
instance_id = "secrets"
reconnect_base_seconds = 0.2
reconnect_cap_seconds = 0.5

[web]
enabled = false
{extra}"""


def test_wrong_imap_password_never_shows(tmp_path, imap_account):
    config = tmp_path / "imap.toml"
    config.write_text(config_text(f"sqlite:///{tmp_path / 'db.sqlite'}", imap=imap_account, imap_password=IMAP_SECRET))
    once = run_cli(config, "run", "--once")
    assert once.returncode != 0 and "login refused" in once.stderr + once.stdout
    assert_no_secret(once.stdout + once.stderr, IMAP_SECRET, imap_account.username, "run --once")
    # The daemon keeps retrying (with back-off) and logs every failure: none of it shows the password either.
    log = tmp_path / "daemon.log"
    with log.open("w") as sink:
        proc = subprocess.Popen([sys.executable, "-m", "disputed", "--config", str(config), "--log-level", "DEBUG", "run", "--no-web"],
                                stdout=sink, stderr=subprocess.STDOUT)
    try:
        wait_until(lambda: "login refused" in log.read_text(), 20, "the daemon to report the refused login")
        time.sleep(0.5)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert_no_secret(log.read_text(), IMAP_SECRET, imap_account.username, "the daemon's log")


class _Refusing:
    """aiosmtpd authenticator that refuses every login, remembering what it was offered."""

    def __init__(self) -> None:
        self.offered: list[tuple[str, str]] = []

    def __call__(self, server, session, envelope, mechanism, auth_data):
        self.offered.append((auth_data.login.decode(), auth_data.password.decode()))
        return AuthResult(success=False, handled=False)


class _Sink:
    async def handle_DATA(self, server, session, envelope):
        return "250 OK"


@pytest.fixture
def refusing_smtp():
    authenticator = _Refusing()
    controller = Controller(_Sink(), hostname="127.0.0.1", port=free_port(), authenticator=authenticator,
                            auth_require_tls=False, auth_required=True, ready_timeout=10)
    controller.start()
    try:
        yield controller, authenticator
    finally:
        controller.stop()


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")  # a loopback test server, on purpose
def test_failing_smtp_login_never_shows_the_password(tmp_path, imap_account, refusing_smtp):
    controller, authenticator = refusing_smtp
    db_url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    config = tmp_path / "smtp.toml"
    config.write_text(config_text(db_url, imap=imap_account, imap_password=imap_account.password, smtp_port=controller.port, smtp_user="shop-sender"))
    imap_account.append(buyer_notice(1))
    first = run_cli(config, "run", "--once")
    assert first.returncode == 0, first.stderr[-2000:]
    engine = make_engine(db_url)
    assert approve_all_pending(engine) == 1
    outputs = [first.stdout + first.stderr]
    for _ in range(3):  # until the sender gives up on the refused login
        time.sleep(0.3)
        outputs.append(run_cli(config, "run", "--once").stderr)
    assert authenticator.offered and authenticator.offered[0] == ("shop-sender", SMTP_SECRET)  # it was really tried
    with session_scope(engine) as session:
        draft = session.exec(select(Draft)).one()
        history = "\n".join(e.detail for e in session.exec(select(CaseEvent)).all())
    assert draft.status in (DraftStatus.APPROVED, DraftStatus.FAILED) and "535" in (draft.smtp_response or "") + history
    for text, where in [("\n".join(outputs), "the command output"), (draft.smtp_response or "", "the draft's SMTP answer"), (history, "the case history")]:
        assert_no_secret(text, SMTP_SECRET, "shop-sender", where)


@pytest.mark.parametrize(("name", "section"), [
    ("a password of the wrong type", '[smtp]\nusername = "u"\npassword = 4711{secret_digits}\n'),
    ("a misspelt key next to the password", '[smtp]\nusername = "u"\npassword = "{secret}"\npasword = "{secret}"\n'),
    ("a database URL with the wrong scheme", '[database]\nurl = "postgres://disputed:{secret}@db.example.test/disputed"\n'),
    ("a mailbox with a bad port", '[[mailbox]]\nname = "m"\nhost = "h"\nport = 99999\nusername = "u"\npassword = "{secret}"\n'),
    ("an invalid mailbox name", '[[mailbox]]\nname = "bad name!"\nhost = "h"\nusername = "u"\npassword = "{secret}"\n'),
])
def test_configuration_errors_never_show_a_password(tmp_path, name, section):
    digits = "918273645"
    config = tmp_path / "bad.toml"
    config.write_text(section.format(secret=DB_SECRET, secret_digits=digits))
    for command in (["check-config"], ["run", "--once"]):
        result = run_cli(config, *command)
        assert result.returncode == 2, (name, result.stdout, result.stderr)
        assert "configuration error" in result.stderr and "line" in result.stderr, result.stderr
        assert_no_secret(result.stdout + result.stderr, DB_SECRET, "u", name)
        assert f"4711{digits}" not in result.stdout + result.stderr, result.stderr


def test_unset_password_variable_names_the_variable_not_a_value(tmp_path, imap_account):
    config = tmp_path / "env.toml"
    text = config_text(f"sqlite:///{tmp_path / 'db.sqlite'}", imap=imap_account, imap_password="x")
    config.write_text(text.replace('password = "x"', 'password_env = "DISPUTED_TEST_UNSET_PASSWORD"'))
    result = run_cli(config, "run", "--once", env={"DISPUTED_TEST_UNSET_PASSWORD_OTHER": IMAP_SECRET})
    assert result.returncode == 2 and "DISPUTED_TEST_UNSET_PASSWORD" in result.stderr
    assert_no_secret(result.stdout + result.stderr, IMAP_SECRET, imap_account.username, "the start-up error")


def pg_config(tmp_path) -> Path:
    config = tmp_path / "pg.toml"
    config.write_text(f'[database]\nurl = "postgresql://disputed:{DB_SECRET}@127.0.0.1:1/disputed"\n\n[web]\nenabled = false\n')
    return config


def test_a_failed_database_connection_does_not_show_the_url_password(tmp_path):
    ran = run_cli(pg_config(tmp_path), "run", "--once")  # nothing listens on port 1: the connection error is reported
    assert ran.returncode != 0 and "127.0.0.1" in ran.stderr
    assert_no_secret(ran.stdout + ran.stderr, DB_SECRET, "disputed", "a failed database connection")


def test_check_config_does_not_echo_the_database_password(tmp_path):
    checked = run_cli(pg_config(tmp_path), "check-config")
    assert checked.returncode == 0
    assert_no_secret(checked.stdout + checked.stderr, DB_SECRET, "disputed", "check-config")


def test_the_database_files_are_readable_by_their_owner_only(tmp_path):
    """The SQLite file and its -wal/-shm hold raw mail, password hashes and the web secret."""
    old_umask = os.umask(0o022)  # what a shell usually gives: files 0644 unless we take care
    try:
        path = tmp_path / "var" / "disputed.db"
        engine = make_engine(f"sqlite:///{path}")
        with session_scope(engine) as session:  # a write, so the -wal and -shm files exist
            session.add(CaseEvent(case_id=1, type="note", detail="x"))
        modes = {p.name: p.stat().st_mode & 0o777 for p in path.parent.iterdir()}
        engine.dispose()
        assert set(modes) >= {"disputed.db", "disputed.db-wal", "disputed.db-shm"}
        assert set(modes.values()) == {0o600}, {name: oct(mode) for name, mode in modes.items()}
        # A database left open to others by an earlier version is closed at the next start.
        path.chmod(0o644)
        make_engine(f"sqlite:///{path}").dispose()
        assert path.stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(old_umask)


def test_the_systemd_unit_keeps_new_files_private():
    unit = (Path(__file__).resolve().parents[2] / "config" / "disputed.service").read_text()
    assert "\nUMask=0077\n" in unit
