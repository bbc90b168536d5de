"""The operator's command line, run as a user runs it (typer's runner, real SQLite)."""

from __future__ import annotations

import json
import os
import stat
import textwrap

from sqlmodel import select
from typer.testing import CliRunner

from disputed.cli import app
from disputed.store.db import make_engine, session_scope
from disputed.store.models import ClaimCode, Draft, DraftStatus, MessageStatus, OrderFact, StoredMessage
from tests.support import DEMO_MAIL

runner = CliRunner()


def _config(tmp_path, maildir=None) -> str:
    path = tmp_path / "disputed.toml"
    mailbox = f'[[mailbox]]\nname = "local"\nsource = "maildir"\npath = "{maildir}"\n' if maildir else ""
    path.write_text(textwrap.dedent(f"""\
        [database]
        url = "sqlite:///{tmp_path / 'cli.db'}"
        {mailbox}
        [smtp]
        host = "127.0.0.1"
        port = 1
        security = "none"
        from = "Innoshop Support <support@innoshop.test>"
        file_in_sent = false
        [security]
        trusted_authserv_ids = ["mx.demo.test"]
        [web]
        enabled = false
        """), encoding="utf-8")
    return str(path)


def _invoke(config: str, *args: str, **kwargs):
    result = runner.invoke(app, ["--config", config, *args], catch_exceptions=False, **kwargs)
    return result


def _seeded(tmp_path) -> str:
    maildir = tmp_path / "Maildir"
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True)
    for n, path in enumerate(sorted(DEMO_MAIL.glob("*.eml"))):
        (maildir / "new" / f"{n}.demo.host").write_bytes(path.read_bytes())
    config = _config(tmp_path, maildir)
    assert _invoke(config, "run", "--once").exit_code == 0
    return config


def test_parse_prints_the_contract_keys_without_a_database(tmp_path):
    config = _config(tmp_path)
    result = _invoke(config, "parse", "--json", str(DEMO_MAIL / "01-return-wrong-item.eml"), str(DEMO_MAIL / "05-forged-lookalike.eml"))
    assert result.exit_code == 0
    first, forged = (json.loads(line) for line in result.stdout.splitlines())
    assert {"file", "platform", "kind", "issue", "order_id", "asin", "language", "authentic"} <= set(first)
    assert (first["kind"], first["issue"], first["order_id"], first["asin"], first["authentic"]) == ("return_request", "wrong_item", "113-4829301-7765432", "B07XK2QW9M", True)
    assert forged["authentic"] is False
    assert not (tmp_path / "cli.db").exists()


def test_queue_json_show_approve_reject(tmp_path):
    config = _seeded(tmp_path)
    rows = [json.loads(line) for line in _invoke(config, "queue", "--json").stdout.splitlines()]
    assert rows and {"id", "case_id", "status", "platform", "kind", "order_id", "to", "subject"} <= set(rows[0])
    assert [r["due_at"] for r in rows] == sorted(r["due_at"] for r in rows)  # most urgent first
    approved_ids = []
    for candidate in (r for r in rows if r["to"]):
        result = _invoke(config, "approve", str(candidate["id"]), "--as", "lena")
        if result.exit_code == 0:
            approved_ids.append(candidate["id"])
            break
        assert "not ready to send" in result.stderr  # only an unfinished draft is refused
    sendable = next(r for r in rows if r["id"] in approved_ids)
    shown = _invoke(config, "show", str(sendable["id"]))
    assert shown.exit_code == 0 and sendable["subject"] in shown.stdout and "history" in shown.stdout
    assert "中文阅读" in shown.stdout  # the Chinese reading, rendered for the showing
    other = next(r for r in rows if r["id"] != sendable["id"])
    assert _invoke(config, "reject", str(other["id"]), "--reason", "wrong tone").exit_code == 0
    again = _invoke(config, "reject", str(other["id"]), "--reason", "twice")
    assert again.exit_code == 1 and "no longer be rejected" in again.stderr
    approved = [json.loads(line) for line in _invoke(config, "queue", "--json", "--status", "approved").stdout.splitlines()]
    assert [r["id"] for r in approved] == [sendable["id"]]
    assert _invoke(config, "queue", "--status", "bogus").exit_code == 2


def test_edit_through_the_editor_returns_an_approved_draft_to_pending(tmp_path):
    config = _seeded(tmp_path)
    row = next(json.loads(line) for line in _invoke(config, "queue", "--json").stdout.splitlines() if json.loads(line)["to"])
    _invoke(config, "approve", str(row["id"]), "--as", "lena")
    editor = tmp_path / "editor.sh"
    editor.write_text("#!/bin/sh\nsed -i 's/^Subject: .*/Subject: Edited subject/' \"$1\"\n", encoding="utf-8")
    editor.chmod(editor.stat().st_mode | stat.S_IEXEC)
    result = _invoke(config, "edit", str(row["id"]), env={**os.environ, "EDITOR": str(editor), "VISUAL": ""})
    assert result.exit_code == 0 and "pending" in result.stdout
    with session_scope(make_engine(f"sqlite:///{tmp_path / 'cli.db'}")) as session:
        draft = session.get(Draft, row["id"])
    assert draft.subject == "Edited subject" and draft.status == DraftStatus.PENDING and draft.approved_sha256 is None


def test_hijacker_letter_orders_and_codes(tmp_path):
    config = _config(tmp_path)
    result = _invoke(config, "letter", "hijacker", "--asin", "B07XK2QW9M", "--seller", "CheapCopy Store", "--brand", "Innoshop", "--to", "cheapcopy@marketplace.amazon.com")
    assert result.exit_code == 0, result.stdout
    orders = tmp_path / "orders.csv"
    orders.write_text("order_id,ship_date,shipping_method,destination,tracking_number,delivered_date\n"
                      "114-9902311-3345121,2026-10-01,china_post,US,RR123456789CN,\n", encoding="utf-8")
    assert _invoke(config, "orders", "import", str(orders)).exit_code == 0
    bad = tmp_path / "bad.csv"
    bad.write_text("order_id,ship_date\n114-1,yesterday-ish\n", encoding="utf-8")
    failed = _invoke(config, "orders", "import", str(bad))
    assert failed.exit_code == 2 and ":2:" in failed.stderr
    assert _invoke(config, "codes", "add", "AAAA-1111", "BBBB-2222", "--percent", "60").exit_code == 0
    with session_scope(make_engine(f"sqlite:///{tmp_path / 'cli.db'}")) as session:
        letter = session.exec(select(Draft).where(Draft.template == "hijacker")).one()
        assert "CheapCopy Store" in letter.body and "B07XK2QW9M" in letter.body and letter.to_addr == "cheapcopy@marketplace.amazon.com"
        assert session.get(OrderFact, "114-9902311-3345121").shipping_method == "china_post"
        assert len(session.exec(select(ClaimCode)).all()) == 2


def test_quarantine_list_show_retry(tmp_path):
    config = _seeded(tmp_path)
    engine = make_engine(f"sqlite:///{tmp_path / 'cli.db'}")
    with session_scope(engine) as session:
        row = session.exec(select(StoredMessage)).first()
        row.status, row.error = MessageStatus.QUARANTINED, "MIME nesting deeper than 10"
        session.add(row)
    listed = _invoke(config, "quarantine", "list", "--json")
    [entry] = [json.loads(line) for line in listed.stdout.splitlines()]
    assert entry["reason"] == "MIME nesting deeper than 10"
    assert "MIME nesting" in _invoke(config, "quarantine", "show", str(entry["id"])).stdout
    assert "1 message(s) back in line" in _invoke(config, "quarantine", "retry", str(entry["id"])).stdout
    with session_scope(engine) as session:
        assert session.get(StoredMessage, entry["id"]).status == MessageStatus.NEW


def test_user_add_and_bad_config(tmp_path):
    config = _config(tmp_path)
    added = _invoke(config, "user", "add", "lena", "--role", "approver", "--password-stdin", input="a-long-password\n")
    assert added.exit_code == 0 and "approver" in added.stdout
    assert _invoke(config, "user", "add", "sam", "--role", "boss", "--password-stdin", input="a-long-password\n").exit_code == 2
    broken = tmp_path / "broken.toml"
    broken.write_text('[smtp]\nport = "x"\n', encoding="utf-8")
    result = _invoke(str(broken), "check-config")
    assert result.exit_code == 2 and "smtp.port" in result.stderr and "line 2" in result.stderr



HOSTILE_COMMENT = "Broken [/] \x1b[2J\x1b]0;owned\x07 see \x1b]8;;http://evil.example/\x1b\\here\x1b]8;;\x1b\\ \x9b31m [bold]x"


def test_parse_prints_buyer_text_as_text(tmp_path):
    """Rich markup in the buyer's words neither crashes the command nor styles anything, and no
    escape sequence (clear screen, window title, OSC 8 link, C1 CSI) reaches the terminal."""
    config = _config(tmp_path)
    mail = tmp_path / "hostile.eml"
    original = (DEMO_MAIL / "01-return-wrong-item.eml").read_text(encoding="utf-8")
    mail.write_text(original.replace("I really want the blue one.", HOSTILE_COMMENT), encoding="utf-8")
    plain = _invoke(config, "parse", str(mail))
    assert plain.exit_code == 0, plain.output
    as_json = _invoke(config, "parse", "--json", str(mail))
    assert as_json.exit_code == 0, as_json.output
    for output in (plain.stdout, as_json.stdout):
        assert not any(ch in output for ch in "\x1b\x07\x9b")
    unwrapped = plain.stdout.replace("\n", "")  # the console wraps at its width
    assert "Broken [/] \\x1b[2J\\x1b]0;owned\\x07 see \\x1b]8;;http://evil.example/" in unwrapped
    assert "[bold]x" in unwrapped
    assert HOSTILE_COMMENT in json.loads(as_json.stdout)["buyer_comment"]


def test_quarantine_show_makes_raw_header_control_characters_visible(tmp_path):
    config = _seeded(tmp_path)
    engine = make_engine(f"sqlite:///{tmp_path / 'cli.db'}")
    with session_scope(engine) as session:
        row = session.exec(select(StoredMessage)).first()
        row.raw = b"From: a@b.test\r\nSubject: [red]x[/] \x1b]8;;http://evil.example/\x1b\\click\r\nX-Title: \x1b]0;owned\x07\r\n\r\nbody\r\n"
        row.status, row.error = MessageStatus.QUARANTINED, "test [/] \x1b[31m"
        session.add(row)
        row_id = row.id
    engine.dispose()
    shown = _invoke(config, "quarantine", "show", str(row_id))
    assert shown.exit_code == 0, shown.output
    assert "\x1b" not in shown.stdout and "\x07" not in shown.stdout
    assert "Subject: [red]x[/] \\x1b]8;;http://evil.example/\\x1b\\click" in shown.stdout
    assert "body" not in shown.stdout  # the headers only; CRLF mail is cut at its blank line too
    assert "reason: test [/] \\x1b[31m" in shown.stdout


def test_user_add_refuses_weak_passwords_with_a_clear_message(tmp_path):
    config = _config(tmp_path)
    for weak, why in (("password", "commonly used"), ("        ", "blank"), ("short1", "at least 8"), ("Sunshine1", "commonly used")):
        result = _invoke(config, "user", "add", "weak", "--role", "admin", "--password-stdin", input=weak + "\n")
        assert result.exit_code == 2 and why in result.stderr, (weak, result.stderr)
    engine = make_engine(f"sqlite:///{tmp_path / 'cli.db'}")
    with session_scope(engine) as session:
        from disputed.store import auth

        assert auth.get_user(session, "weak") is None
    engine.dispose()


def test_approve_refuses_a_draft_with_places_left_to_complete_and_show_says_why(tmp_path):
    config = _seeded(tmp_path)
    rows = [json.loads(line) for line in _invoke(config, "queue", "--json").stdout.splitlines()]
    unfinished = next(r for r in rows if r["order_id"] == "114-9902311-3345121")  # no order facts: fill-ins
    refused = _invoke(config, "approve", str(unfinished["id"]), "--as", "lena")
    assert refused.exit_code == 1 and "not ready to send" in refused.stderr and "[[FILL IN:" in refused.stderr
    shown = _invoke(config, "show", str(unfinished["id"])).stdout
    assert "operator note:" in shown and "No order facts" in shown and "not ready:" in shown
    with session_scope(make_engine(f"sqlite:///{tmp_path / 'cli.db'}")) as session:
        assert session.get(Draft, unfinished["id"]).status == DraftStatus.PENDING
