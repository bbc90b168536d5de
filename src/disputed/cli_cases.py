"""``disputed cases`` and ``disputed case ...``: the operators' inbox on the command line.

Thin: each command reads its arguments, calls ``store.inbox`` or ``store.case_actions`` in one transaction, and
prints. ``--as NAME`` names the operator (a user of the web page); their role decides what they may do."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from disputed.cli import _env, app, err, out

case_app = typer.Typer(no_args_is_help=True, help="One case: read it, decide it, answer it, close it.")
app.add_typer(case_app, name="case")

AS = typer.Option(os.environ.get("USER", "operator"), "--as", help="Who acts: a user (disputed user add); their role decides.")


def _actor(session, name: str):
    from disputed.store import auth
    from disputed.store.case_actions import Actor, CaseError

    user = auth.get_user(session, name)
    if user is None or not user.active:
        raise CaseError(f"no active user {name!r}: act --as a user (add one with: disputed user add)")
    return Actor(user.name, user.role, client="cli")


def _drafting(env):
    from disputed.store.case_actions import Drafting

    return Drafting(settings=env.settings, templates=env.templates)


def _run(ctx: typer.Context, by: str, action):
    """``action(session, actor)`` in one transaction; a refusal prints its reason and exits 1 with nothing written."""
    from disputed.store.case_actions import CaseError
    from disputed.store.db import session_scope
    from disputed.store.inbox import SearchError

    env = _env(ctx)
    try:
        with session_scope(env.engine) as session:
            return action(session, _actor(session, by))
    except (CaseError, SearchError) as exc:
        err.print(f"[red]{exc}[/]", highlight=False)
        raise typer.Exit(1) from None


def case_json(case, drafts) -> dict:
    from disputed.store.inbox import needs_person

    return {
        "id": case.id,
        "state": case.state,
        "needs_person": needs_person(case.state),
        "status": str(case.status),
        "closed_reason": case.closed_reason,
        "platform": case.platform,
        "kind": case.kind,
        "issue": case.issue,
        "order_id": case.order_id,
        "mailbox": case.mailbox,
        "language": case.language,
        "buyer": case.buyer_name,
        "subject": case.subject,
        "due_at": case.due_at.isoformat() if case.due_at else None,
        "drafts": [d.id for d in drafts],
    }


@app.command()
def cases(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="One JSON object a line."),
    state: str = typer.Option("needs_person", "--state", help="needs_person (default), a state, several joined by commas."),
    every: bool = typer.Option(False, "--all", help="Every case, whatever its state."),
    search: Optional[str] = typer.Option(None, "--search", "-s", help="Order id, buyer name or address, ASIN, words of the messages."),
    platform: Optional[str] = None,
    kind: Optional[str] = None,
    issue: Optional[str] = None,
    mailbox: Optional[str] = None,
    language: Optional[str] = None,
    page: int = typer.Option(1, min=1),
    per: int = typer.Option(50, min=1, max=1000),
) -> None:
    """Every case in a state that says what a person must do; by default those that need a person, most urgent first."""
    from disputed.store.db import session_scope
    from disputed.store.inbox import CaseFilter, SearchError, count_by_state, drafts_of, list_cases, parse_states

    env = _env(ctx)
    try:
        states = () if every else parse_states(state)
        flt = CaseFilter(states=states, platform=platform, kind=kind, issue=issue, mailbox=mailbox, language=language, search=search)
        with session_scope(env.engine) as session:
            rows = list_cases(session, flt, limit=per, offset=(page - 1) * per)
            drafts = drafts_of(session, [c.id for c in rows])
            counts = count_by_state(session, flt)
    except (ValueError, SearchError) as exc:
        err.print(f"[red]{exc}[/]", highlight=False)
        raise typer.Exit(2) from None
    if as_json:
        for case in rows:
            out.print(json.dumps(case_json(case, drafts[case.id]), ensure_ascii=False), highlight=False, soft_wrap=True)
        return
    table = Table(box=None, pad_edge=False)
    for column in ("case", "state", "due", "platform", "kind", "issue", "order", "lang", "drafts", "subject"):
        table.add_column(column, overflow="fold")
    for case in rows:
        table.add_row(str(case.id), case.state, f"{case.due_at:%Y-%m-%d %H:%M}" if case.due_at else "—", case.platform or "", case.kind or "",
                      case.issue or "", case.order_id or "", case.language or "", ",".join(str(d.id) for d in drafts[case.id]), (case.subject or "")[:60])
    out.print(table)
    out.print("  ".join(f"{name}: {n}" for name, n in counts.items()), highlight=False)


@case_app.command("show")
def case_show(ctx: typer.Context, case_id: int, by: str = AS) -> None:
    """The case, every message of its thread, its drafts and its history."""
    from sqlmodel import select

    from disputed.store import attachments
    from disputed.store.case_actions import desk_for, get_case, messages_of
    from disputed.store.models import CaseEvent, Draft
    from disputed.web.mailview import view_message

    def read(session, _actor):
        case = get_case(session, case_id)
        messages = messages_of(session, case_id)
        drafts = session.exec(select(Draft).where(Draft.case_id == case_id).order_by(Draft.id)).all()
        events = session.exec(select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.id)).all()
        return case, messages, drafts, events, attachments.of_drafts(session, [d.id for d in drafts])

    case, messages, drafts, events, files = _run(ctx, by, read)
    out.print(f"[bold]case {case.id}[/] {case.state} — {case.platform} {case.kind} issue={case.issue} order={case.order_id} due={case.due_at}", highlight=False)
    for message in messages:
        view = view_message(message.raw)
        out.print(f"\n[bold]message {message.id}[/] {message.stored_at:%Y-%m-%d %H:%M} from {view.sender}\nSubject: {view.subject}", highlight=False)
        out.print(view.text, highlight=False, markup=False)
        for attachment in view.attachments:
            out.print(f"  attachment: {attachment.name} ({attachment.content_type}, {attachment.size:,} bytes)", highlight=False, markup=False)
    for draft in drafts:
        where = desk_for(draft, case) or f"to {draft.to_addr or '(no recipient)'}"
        out.print(f"\n[bold]draft {draft.id}[/] {draft.status} {draft.audience} {draft.language} {draft.template}: {where}", highlight=False)
        for file in files.get(draft.id, []):
            out.print(f"  file {file.id}: {file.filename} ({file.content_type}, {file.size:,} bytes)", highlight=False, markup=False)
    out.print("\n[bold]history[/]")
    for event in events:
        out.print(f"  {event.at:%Y-%m-%d %H:%M} {event.type} {event.actor}: {event.detail}", highlight=False, markup=False)


@case_app.command("classify")
def case_classify(ctx: typer.Context, case_id: int, issue: str, by: str = AS) -> None:
    """Set or correct the buyer's issue; its handler drafts as if the classifier had said it."""
    from disputed.store.case_actions import classify

    env = _env(ctx)
    drafts = _run(ctx, by, lambda session, actor: classify(session, case_id, issue, by=actor, drafting=_drafting(env)))
    out.print(f"case {case_id}: issue {issue}; " + (f"drafts {', '.join(map(str, drafts))} queued" if drafts else "no draft (write a reply)"))


@case_app.command("reply")
def case_reply(
    ctx: typer.Context,
    case_id: int,
    template: Optional[str] = typer.Option(None, "--template", help="A template of the case's family; without it, --body."),
    body: Optional[str] = typer.Option(None, "--body", help="The reply's text ('-' reads it from standard input)."),
    subject: str = typer.Option("", "--subject"),
    attach: list[Path] = typer.Option([], "--attach", help="A file to send with it (a return label PDF, a photo); repeat for more."),
    by: str = AS,
) -> None:
    """Queue a reply for approval, from a template or your own words, in the buyer's language."""
    import sys

    from disputed.store.case_actions import reply

    env = _env(ctx)
    files = _read_files(attach, env.settings.attachments.max_file_bytes)
    text = sys.stdin.read() if body == "-" else (body or "")
    draft_id = _run(ctx, by, lambda session, actor: reply(session, case_id, by=actor, drafting=_drafting(env), template=template, subject=subject, body=text, files=files))
    out.print(f"draft {draft_id} queued for approval (disputed show {draft_id})" + (f" with {len(files)} file(s)" if files else ""))


@case_app.command("attach")
def case_attach(ctx: typer.Context, draft_id: int, files: list[Path] = typer.Argument(..., help="The files to send with the draft."), by: str = AS) -> None:
    """Send files with a draft (a return label PDF, a photo of the right item); an approved draft waits for approval again."""
    from disputed.store.case_actions import attach

    env = _env(ctx)
    uploads = _read_files(files, env.settings.attachments.max_file_bytes)
    ids = _run(ctx, by, lambda session, actor: attach(session, draft_id, uploads, by=actor, settings=env.settings))
    out.print(f"draft {draft_id}: attached {', '.join(f'{u.filename} (file {i})' for u, i in zip(uploads, ids))}", highlight=False)


@case_app.command("detach")
def case_detach(ctx: typer.Context, file_id: int, by: str = AS) -> None:
    """Take an attached file (its number in `disputed case show`) off its draft."""
    from disputed.store.case_actions import detach

    draft_id = _run(ctx, by, lambda session, actor: detach(session, file_id, by=actor))
    out.print(f"file {file_id} taken off draft {draft_id}")


def _read_files(paths: list[Path], most: int):
    """The files as uploads; a missing or unreadable one stops the command before anything is written."""
    from disputed.store.attachments import Upload

    uploads = []
    for path in paths:
        try:
            with path.open("rb") as handle:
                data = handle.read(most + 1)  # one byte past the limit is enough to refuse it
        except OSError as exc:
            err.print(f"[red]{path}: {exc.strerror}[/]", highlight=False)
            raise typer.Exit(1) from None
        uploads.append(Upload(path.name, data))
    return uploads


@case_app.command("close")
def case_close(ctx: typer.Context, case_ids: list[int], reason: str = typer.Option(..., "--reason", help="resolved, refunded_on_platform, no_reply_needed, duplicate"), note: str = "", by: str = AS) -> None:
    """Close one case or several at once (all or none)."""
    from disputed.store.case_actions import bulk, close

    if len(case_ids) == 1:
        _run(ctx, by, lambda session, actor: close(session, case_ids[0], by=actor, reason=reason, note=note))
    else:
        _run(ctx, by, lambda session, actor: bulk(session, case_ids, "close", by=actor, reason=reason))
    out.print(f"closed ({reason}): {', '.join(map(str, case_ids))}")


@case_app.command("reopen")
def case_reopen(ctx: typer.Context, case_id: int, note: str = "", by: str = AS) -> None:
    """Bring a closed case back in front of a person."""
    from disputed.store.case_actions import reopen

    _run(ctx, by, lambda session, actor: reopen(session, case_id, by=actor, note=note))
    out.print(f"case {case_id}: reopened, needs a decision")


@case_app.command("merge")
def case_merge(ctx: typer.Context, source: int, into: int, by: str = AS) -> None:
    """Join case SOURCE into case INTO (the same order that came apart)."""
    from disputed.store.case_actions import merge

    _run(ctx, by, lambda session, actor: merge(session, source, into, by=actor))
    out.print(f"case {source} merged into case {into}")


@case_app.command("trust")
def case_trust(ctx: typer.Context, case_id: int, reason: str = typer.Option(..., "--reason"), by: str = AS) -> None:
    """Vouch for a notice that failed authentication (approver); it is then handled and drafted."""
    from disputed.store.case_actions import trust

    env = _env(ctx)
    drafts = _run(ctx, by, lambda session, actor: trust(session, case_id, by=actor, reason=reason, drafting=_drafting(env)))
    out.print(f"case {case_id}: trusted; " + (f"drafts {', '.join(map(str, drafts))} queued" if drafts else "no draft"))


@case_app.command("fraud")
def case_fraud(ctx: typer.Context, case_id: int, reason: str = typer.Option(..., "--reason"), by: str = AS) -> None:
    """Judge an unverified notice forged: closed, never drafted."""
    from disputed.store.case_actions import mark_fraud

    _run(ctx, by, lambda session, actor: mark_fraud(session, case_id, by=actor, reason=reason))
    out.print(f"case {case_id}: closed as fraud")


@case_app.command("handled")
def case_handled(ctx: typer.Context, draft_id: int, by: str = AS) -> None:
    """Record that a letter to the platform was done there (Seller Central, Resolution Centre), not e-mailed."""
    from disputed.store.case_actions import mark_handled

    _run(ctx, by, lambda session, actor: mark_handled(session, draft_id, by=actor))
    out.print(f"draft {draft_id}: done on the platform")


@case_app.command("bulk")
def case_bulk(
    ctx: typer.Context,
    action: str = typer.Argument(..., help="close, reject or handled"),
    kind: Optional[str] = typer.Option(None, "--kind"),
    platform: Optional[str] = typer.Option(None, "--platform"),
    before: Optional[datetime] = typer.Option(None, "--before", help="Cases due (or, undated, created) before this time."),
    reason: str = typer.Option("", "--reason", help="For close: a close reason; for reject: why."),
    by: str = AS,
) -> None:
    """One action on every case that needs a person and matches (e.g. all return requests before a date)."""
    from disputed.store.case_actions import bulk, select_for_bulk

    changed = _run(ctx, by, lambda session, actor: bulk(session, select_for_bulk(session, kind=kind, platform=platform, before=before), action, by=actor, reason=reason))
    out.print(f"{action}: {changed} cases")
