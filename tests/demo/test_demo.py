"""The demo's own run: it approves only a complete draft, and what reaches its SMTP sink holds
no placeholder."""

from __future__ import annotations

import io
from email import message_from_bytes, policy

from rich.console import Console

from disputed.demo import run_demo
from disputed.store.readiness import PLACEHOLDER


def test_the_demo_sends_a_complete_reply_and_no_placeholder(tmp_path):
    printed = io.StringIO()
    assert run_demo(tmp_path / "demo", serve_web=False, port=0, console=Console(file=printed, width=200)) == 0
    [sent] = sorted((tmp_path / "demo" / "outbox").glob("*.eml"))
    body = message_from_bytes(sent.read_bytes(), policy=policy.default).get_content()
    assert not PLACEHOLDER.search(body) and "[[" not in body and "None" not in body
    assert "LX204417385CN" in body  # filled from the demo's order report
    output = printed.getvalue()
    assert "not approved:" in output and "not ready to send" in output  # the unfinished drafts say why
    assert "the sent message holds placeholders" not in output
