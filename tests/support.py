"""Helpers the pipeline tests share: settings pointing at the real test servers."""

from __future__ import annotations

import json
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


def config_file(tmp_path: Path, *, imap=None, password: str | None = None, smtp_port: int | None = None, trusted: str = TRUSTED,
                extra: str = "", name: str = "disputed.toml", database_url: str | None = None, mailbox: dict | None = None,
                sections: dict | None = None) -> Path:
    """A configuration file (for the command line, or for load_settings as a user's file is read), written as
    ``tmp_path / name``: SQLite in tmp_path unless ``database_url`` is given, one IMAP mailbox "shop" (its keys
    overridden by ``mailbox``), SMTP on ``smtp_port`` without Sent copies, the web page off. ``sections`` are
    merged in by section (a list, such as ``mailbox``, replaces the one here); ``extra`` is TOML appended as
    written (sections of its own)."""
    data: dict = {"database": {"url": database_url or f"sqlite:///{tmp_path / 'disputed.db'}"}}
    if imap is not None:
        data["mailbox"] = [{
            "name": "shop", "host": imap.host, "port": imap.port, "security": "none", "username": imap.username,
            "password": imap.password if password is None else password, **(mailbox or {}),
        }]
    data["smtp"] = {"host": "127.0.0.1", "port": smtp_port or 1, "security": "none", "from": "Innoshop Support <support@innoshop.test>",
                    "file_in_sent": False, "retry_base_seconds": 0.1, "max_retries": 5}
    data["security"] = {"trusted_authserv_ids": [trusted]}
    data["web"] = {"enabled": False}
    for key, value in (sections or {}).items():
        if isinstance(value, dict):
            data.setdefault(key, {}).update(value)
        else:
            data[key] = value
    path = tmp_path / name
    path.write_text(toml_text(data) + extra, encoding="utf-8")
    return path


def toml_text(data: dict) -> str:
    """``data`` (sections of plain values, or lists of them such as ``mailbox``) as a TOML file."""
    blocks = []
    for section, body in data.items():
        for table in body if isinstance(body, list) else [body]:
            header = f"[[{section}]]" if isinstance(body, list) else f"[{section}]"
            blocks.append("\n".join([header, *(f"{key} = {_toml_value(value)}" for key, value in table.items())]))
    return "\n\n".join(blocks) + "\n"


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    raise TypeError(f"no TOML form for {value!r}")
