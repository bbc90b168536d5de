"""`disputed cases` and `disputed case ...` as an operator runs them, on the demo mailbox (real SQLite)."""

from __future__ import annotations

import json

from disputed.store import auth
from disputed.store.db import make_engine, session_scope
from tests.test_cli import _invoke, _seeded


def _users(config_path: str, tmp_path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'cli.db'}")
    with session_scope(engine) as session:
        for role in ("viewer", "agent", "approver"):
            auth.add_user(session, name=role, password="correct horse battery", role=role)
    engine.dispose()


def _cases(config: str, *args: str) -> list[dict]:
    result = _invoke(config, "cases", "--json", *args)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines() if line.strip()]


def test_cases_lists_what_needs_a_person_and_the_actions_move_it_on(tmp_path):
    config = _seeded(tmp_path)
    _users(config, tmp_path)
    every = _cases(config, "--all")
    assert every and {"id", "state", "needs_person", "platform", "kind", "issue", "order_id", "mailbox", "language", "due_at", "drafts"} <= set(every[0])
    default = _cases(config)
    assert default and all(c["needs_person"] for c in default)
    assert {c["id"] for c in every if c["needs_person"]} == {c["id"] for c in default}
    dues = [c["due_at"] for c in default if c["due_at"]]
    assert dues == sorted(dues), "most urgent deadline first"

    forged = [c for c in default if c["status"] == "unverified"]
    assert forged and forged[0]["state"] == "needs_decision" and not forged[0]["drafts"], "the forged notice is in sight, undrafted"
    waiting = next(c for c in default if c["state"] == "waiting_approval")

    refused = _invoke(config, "case", "close", str(waiting["id"]), "--reason", "resolved", "--as", "agent")
    assert refused.exit_code == 1 and "needs approver" in refused.output
    assert _invoke(config, "case", "close", str(waiting["id"]), "--reason", "resolved", "--as", "approver").exit_code == 0
    assert [c["state"] for c in _cases(config, "--state", "closed")] == ["closed"]
    again = _invoke(config, "case", "close", str(waiting["id"]), "--reason", "resolved", "--as", "approver")
    assert again.exit_code == 1 and "already closed" in again.output
    assert _invoke(config, "case", "reopen", str(waiting["id"]), "--as", "agent").exit_code == 0

    unknown = _invoke(config, "case", "classify", "424242", "damaged", "--as", "agent")
    assert unknown.exit_code == 1 and "no case 424242" in unknown.output
    bad_issue = _invoke(config, "case", "classify", str(waiting["id"]), "haunted", "--as", "agent")
    assert bad_issue.exit_code == 1 and "unknown issue" in bad_issue.output
    nobody = _invoke(config, "case", "reopen", str(waiting["id"]), "--as", "mallory")
    assert nobody.exit_code == 1 and "no active user" in nobody.output

    shown = _invoke(config, "case", "show", str(waiting["id"]), "--as", "viewer")
    assert shown.exit_code == 0 and "history" in shown.output and "reopened" in shown.output
    written = _invoke(config, "case", "reply", str(waiting["id"]), "--body", "Thank you, we are looking into it.", "--as", "agent")
    assert written.exit_code == 0, written.output
    assert _cases(config, "--all", "--search", every[0]["order_id"] or "amazon")
    fraud = _invoke(config, "case", "fraud", str(forged[0]["id"]), "--reason", "look-alike domain", "--as", "approver")
    assert fraud.exit_code == 0, fraud.output
    assert forged[0]["id"] not in {c["id"] for c in _cases(config)}

    kind = next(c["kind"] for c in _cases(config) if c["kind"])
    of_kind = [c["id"] for c in _cases(config, "--kind", kind)]
    bulk = _invoke(config, "case", "bulk", "close", "--kind", kind, "--before", "2999-01-01", "--reason", "duplicate", "--as", "approver")
    assert bulk.exit_code == 0 and f"close: {len(of_kind)} cases" in bulk.output, bulk.output
    assert _cases(config, "--kind", kind) == []
    bad = _invoke(config, "case", "bulk", "explode", "--as", "approver")
    assert bad.exit_code == 1 and "unknown bulk action" in bad.output


def test_the_state_filter_rejects_an_unknown_state(tmp_path):
    config = _seeded(tmp_path)
    result = _invoke(config, "cases", "--state", "sleeping")
    assert result.exit_code == 2 and "unknown state" in result.output


def test_a_reply_takes_files_on_the_command_line_and_refuses_a_forbidden_one(tmp_path):
    import re

    from tests.web.test_files import PDF, SVG

    config = _seeded(tmp_path)
    _users(config, tmp_path)
    case = next(c for c in _cases(config) if c["state"] == "waiting_approval")
    label, drawing = tmp_path / "return-label.pdf", tmp_path / "drawing.svg"
    label.write_bytes(PDF)
    drawing.write_bytes(SVG)
    refused = _invoke(config, "case", "reply", str(case["id"]), "--body", "The label.", "--attach", str(label), "--attach", str(drawing), "--as", "agent")
    assert refused.exit_code == 1 and "SVG" in refused.output
    missing = _invoke(config, "case", "reply", str(case["id"]), "--body", "The label.", "--attach", str(tmp_path / "nowhere.pdf"), "--as", "agent")
    assert missing.exit_code == 1 and "nowhere.pdf" in missing.output
    assert len(_cases(config, "--all", "--search", case["order_id"] or "amazon")[0]["drafts"]) == len(case["drafts"]), "no draft was written"
    written = _invoke(config, "case", "reply", str(case["id"]), "--body", "The label.", "--attach", str(label), "--as", "agent")
    assert written.exit_code == 0 and "with 1 file(s)" in written.output, written.output
    draft_id = re.search(r"draft (\d+)", written.output).group(1)
    shown = _invoke(config, "case", "show", str(case["id"]), "--as", "viewer")
    file_id = re.search(r"file (\d+): return-label.pdf \(application/pdf", shown.output).group(1)
    assert f"attached: return-label.pdf (application/pdf, {len(PDF)} bytes; file {file_id})" in _invoke(config, "show", draft_id).output
    viewer = _invoke(config, "case", "attach", draft_id, str(label), "--as", "viewer")
    assert viewer.exit_code == 1 and "needs agent" in viewer.output
    again = _invoke(config, "case", "attach", draft_id, str(label), "--as", "agent")
    assert again.exit_code == 1 and "already carries a file named return-label.pdf" in again.output
    assert _invoke(config, "case", "detach", file_id, "--as", "agent").exit_code == 0
    assert "return-label.pdf" not in _invoke(config, "case", "show", str(case["id"]), "--as", "viewer").output.split("history")[0].split(f"draft {draft_id}")[-1]
