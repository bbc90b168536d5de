"""Helpers the pipeline tests share: settings pointing at the real test servers."""

from __future__ import annotations

import time
from pathlib import Path

from disputed.config.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "pipeline"
DEMO_MAIL = Path(__file__).resolve().parents[1] / "src" / "disputed" / "demo" / "mail"
TRUSTED = "mx.demo.test"


def settings_for(tmp_path: Path, *, imap=None, smtp=None, database_url: str | None = None, instance: str = "test-1", extra: dict | None = None) -> Settings:
    """Settings for one test: SQLite in tmp_path unless a database URL is given."""
    data: dict = {
        "database": {"url": database_url or f"sqlite:///{tmp_path / 'disputed.db'}"},
        "security": {"trusted_authserv_ids": [TRUSTED]},
        "daemon": {"instance_id": instance, "lease_seconds": 5},
        "web": {"enabled": False},
    }
    if imap is not None:
        data["mailbox"] = [
            {"name": "shop", "host": imap.host, "port": imap.port, "security": "none", "username": imap.username, "password": imap.password, "folder": "INBOX", "batch_size": 50}
        ]
    if smtp is not None:
        data["smtp"] = {"host": "127.0.0.1", "port": smtp.port, "security": "none", "from": "Innoshop Support <support@innoshop.test>", "retry_base_seconds": 0.05, "retry_cap_seconds": 0.2}
    for key, value in (extra or {}).items():
        if isinstance(value, dict):
            data.setdefault(key, {}).update(value)
        else:
            data[key] = value
    return Settings.model_validate(data)


def sample(name: str) -> bytes:
    for folder in (FIXTURES, DEMO_MAIL):
        path = folder / name
        if path.exists():
            return path.read_bytes()
    raise FileNotFoundError(name)


def simple_mail(n: int, *, subject: str | None = None, body: str = "hello") -> bytes:
    """A plain message that is not a marketplace notification (stored as unrecognised)."""
    return (
        f"From: Someone <someone{n}@example.test>\r\nTo: support@innoshop.test\r\n"
        f"Subject: {subject or f'note {n}'}\r\nMessage-ID: <plain-{n}@example.test>\r\n"
        f"Date: Sun, 22 Nov 2026 10:00:00 +0000\r\n\r\n{body} {n}\r\n"
    ).encode()


def wait_until(predicate, patience: float = 20.0) -> bool:
    """Poll ``predicate`` every 50 ms until it holds (True) or ``patience`` seconds have passed (False)."""
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def approve_as_an_operator(session, draft_id: int, *, by: str):
    """What an operator does with a draft before approving it: complete what the handler left
    to complete (an edit: the places marked [[FILL IN]] get a ship date), then approve."""
    from disputed.store.queue import approve, edit, get_draft
    from disputed.store.readiness import PLACEHOLDER

    body = get_draft(session, draft_id).body
    if PLACEHOLDER.search(body):
        edit(session, draft_id, by=by, body=PLACEHOLDER.sub("2 November 2026", body))
    return approve(session, draft_id, by=by)
