"""The command line: ``disputed run``, the queue commands, and the operator's tools."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape
from typer.core import TyperGroup

from disputed.config import ConfigError, Settings, load_settings
from disputed.terminal import json_line, visible

CONFIG_FLAGS = ("--config", "-c")


class _ConfigAnywhere(TyperGroup):
    """Takes ``--config FILE`` after the subcommand too (``disputed run --config FILE``): it is
    moved in front of the subcommand before the arguments are parsed."""

    def parse_args(self, ctx, args: list[str]) -> list[str]:
        return super().parse_args(ctx, _config_first(args))


def _config_first(args: list[str]) -> list[str]:
    front, rest, i = [], [], 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest += args[i:]
            break
        if arg in CONFIG_FLAGS and i + 1 < len(args):
            front += [arg, args[i + 1]]
            i += 2
            continue
        if arg.startswith("--config="):
            front.append(arg)
        else:
            rest.append(arg)
        i += 1
    return front + rest


app = typer.Typer(cls=_ConfigAnywhere, no_args_is_help=True, add_completion=False, help="disputed: marketplace notifications in, approved replies out.")
quarantine_app = typer.Typer(no_args_is_help=True, help="Messages that could not be processed.")
user_app = typer.Typer(no_args_is_help=True, help="Operators of the web page.")
letter_app = typer.Typer(no_args_is_help=True, help="Letters an operator starts.")
orders_app = typer.Typer(no_args_is_help=True, help="Order facts the handlers use.")
codes_app = typer.Typer(no_args_is_help=True, help="The pool of claim codes.")
mailbox_app = typer.Typer(no_args_is_help=True, help="Mailboxes: OAuth consent and login state.")
app.add_typer(quarantine_app, name="quarantine")
app.add_typer(user_app, name="user")
app.add_typer(letter_app, name="letter")
app.add_typer(orders_app, name="orders")
app.add_typer(codes_app, name="codes")
notify_app = typer.Typer(no_args_is_help=True, help="Telling the team: the [[notify.channel]] configured.")
app.add_typer(notify_app, name="notify")
app.add_typer(mailbox_app, name="mailbox")

out = Console()
err = Console(stderr=True, soft_wrap=True)  # an error names a file or a key: never broken across lines


@dataclass
class Env:
    config: Optional[Path]
    _settings: Settings | None = None
    _engine = None
    _templates = None

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            try:
                self._settings = load_settings(self.config)
            except ConfigError as exc:
                err.print(f"[bold red]configuration error[/]\n{exc}", highlight=False)
                raise typer.Exit(2) from None
            from disputed.parsers import semantic

            semantic.configure(self._settings.parsing.semantic)  # what this command parses, it reads as the daemon does
        return self._settings

    @property
    def templates(self):
        """The command's one template library (built on first use), handed to whatever renders."""
        if self._templates is None:
            from disputed.rendering import TemplateLibrary

            self._templates = TemplateLibrary.for_settings(self.settings)
        return self._templates

    @property
    def engine(self):
        if self._engine is None:
            from disputed.store.db import make_engine
            from disputed.store.schema import SchemaError

            try:
                self._engine = make_engine(self.settings.database.url)
            except SchemaError as exc:
                err.print(f"[bold red]database error[/]\n{exc}", highlight=False)
                raise typer.Exit(2) from None
        return self._engine


def _print_version(value: bool) -> None:
    if value:
        from disputed import __version__

        out.print(f"disputed {__version__}", highlight=False)
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    config: Optional[Path] = typer.Option(None, "--config", "-c", envvar="DISPUTED_CONFIG", help="TOML configuration file."),
    log_level: str = typer.Option("INFO", "--log-level", envvar="DISPUTED_LOG_LEVEL"),
    log_format: str = typer.Option("text", "--log-format", envvar="DISPUTED_LOG_FORMAT", help="text, or json: one JSON object a line."),
    version: bool = typer.Option(False, "--version", is_eager=True, callback=_print_version, help="Print the version and exit."),
) -> None:
    from disputed.logs import configure_logging

    try:
        configure_logging(log_level, log_format)
    except ValueError as exc:
        err.print(f"[bold red]error[/] {exc}", highlight=False)
        raise typer.Exit(2) from None
    ctx.obj = Env(config=config)


def _env(ctx: typer.Context) -> Env:
    return ctx.obj


# -- the daemon ------------------------------------------------------------------------
@app.command()
def run(
    ctx: typer.Context,
    once: bool = typer.Option(False, "--once", help="One full pass, then exit."),
    web: bool = typer.Option(True, "--web/--no-web"),
    since: Optional[str] = typer.Option(None, "--since", metavar="DATE", help="File mail received before DATE (2026-11-01) as history: kept, never drafted."),
) -> None:
    """Run the daemon (or one pass of it)."""
    from disputed.daemon.runner import Daemon

    env = _env(ctx)
    if env.config is None:
        err.print("[bold red]configuration error[/]\nno configuration file: give --config FILE or set DISPUTED_CONFIG "
                  "(config/disputed.example.toml explains every key; ./scripts/demo runs a demo with its own)", highlight=False)
        raise typer.Exit(2)
    settings = env.settings
    if since is not None:
        settings = _with_history_before(settings, since)
    try:
        daemon = Daemon(settings, env.engine, templates=env.templates)
    except ConfigError as exc:
        err.print(f"[bold red]configuration error[/]\n{exc}", highlight=False)
        raise typer.Exit(2) from None
    if not once:
        daemon.run_forever(web=web)
        return
    report = daemon.run_once()
    for name, ing in report.ingested.items():
        out.print(f"{name}: {ing.stored} new message(s)" + (f", {ing.rematched} re-matched after UIDVALIDITY change" if ing.rematched else ""))
    for name, problem in report.errors.items():
        err.print(f"[red]{name}: {problem}[/]")
    for channel, problem in report.alerts.failed.items():
        err.print(f"[red]notify channel {channel}: not delivered (tried again later): {escape(problem)}[/]", highlight=False)
    p, s = report.processed, report.sent
    out.print(f"processed {p.processed}, quarantined {p.quarantined}, drafts queued {p.drafts}; sent {s.sent}, failed {s.failed}, deferred {s.deferred}, unknown {s.unknown}")
    if report.errors:
        raise typer.Exit(1)


def _with_history_before(settings: Settings, since: str) -> Settings:
    from datetime import datetime, timezone

    try:
        moment = datetime.fromisoformat(since)
    except ValueError:
        err.print(f"[bold red]error[/] --since takes a date like 2026-11-01, not {since!r}", highlight=False)
        raise typer.Exit(2) from None
    moment = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    policy = settings.policy.model_copy(update={"history_before": moment})
    return settings.model_copy(update={"policy": policy})


@app.command()
def web(ctx: typer.Context) -> None:
    """Serve the approval page alone (the daemon serves it too)."""
    from disputed.web.app import serve

    env = _env(ctx)
    serve(env.settings, env.engine, templates=env.templates)


@app.command()
def parse(ctx: typer.Context, files: list[Path] = typer.Argument(..., exists=True, dir_okay=False), as_json: bool = typer.Option(False, "--json")) -> None:
    """Parse .eml files and print what disputed understands; touches no database."""
    from disputed.parsers import QuarantineError, parse_message

    security = _env(ctx).settings.security
    for path in files:
        try:
            note = parse_message(path.read_bytes(), security=security)
            data = {"file": str(path), **note.public_dict()}
        except QuarantineError as exc:
            data = {"file": str(path), "error": exc.reason}
        # Everything printed below may come from the message: markup off, control characters visible.
        if as_json:
            out.print(json_line(data), highlight=False, soft_wrap=True, markup=False)
        else:
            out.print(visible(path), style="bold", highlight=False, markup=False)
            for key in ("platform", "kind", "issue", "order_id", "asin", "language", "authentic", "amount", "currency", "reason", "buyer_comment", "error"):
                if data.get(key) is not None:
                    out.print(visible(f"  {key}: {data[key]}"), highlight=False, markup=False)


# -- the queue -------------------------------------------------------------------------
@app.command()
def queue(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json"),
    status: list[str] = typer.Option(["pending"], "--status", help="pending, approved, sent, failed, unknown, rejected ..."),
    platform: Optional[str] = None,
    kind: Optional[str] = None,
    issue: Optional[str] = None,
    mailbox: Optional[str] = None,
    language: Optional[str] = None,
    limit: int = 100,
) -> None:
    """Drafts waiting for approval, most urgent first."""
    from disputed.store.db import session_scope
    from disputed.store.models import DraftStatus
    from disputed.store.queue import QueueFilter, list_queue

    env = _env(ctx)
    try:
        statuses = tuple(DraftStatus(s) for s in status)
    except ValueError as exc:
        err.print(f"[red]{exc}[/]; statuses: {', '.join(s.value for s in DraftStatus)}")
        raise typer.Exit(2) from None
    flt = QueueFilter(statuses=statuses, platform=platform, kind=kind, issue=issue, mailbox=mailbox, language=language)
    with session_scope(env.engine) as session:
        rows = list_queue(session, flt=flt, limit=limit)
    if as_json:
        for draft, case in rows:
            out.print(json_line(_draft_json(draft, case)), highlight=False, soft_wrap=True, markup=False)
        return
    from disputed.display import queue_view

    out.print(queue_view(rows, out))
    if not rows:
        out.print("the queue is empty")


def _draft_json(draft, case) -> dict:
    return {
        "id": draft.id,
        "case_id": case.id,
        "status": str(draft.status),
        "platform": case.platform,
        "kind": case.kind,
        "issue": case.issue,
        "order_id": case.order_id,
        "mailbox": case.mailbox,
        "language": draft.language,
        "audience": str(draft.audience),
        "template": draft.template,
        "to": draft.to_addr,
        "subject": draft.subject,
        "due_at": draft.due_at.isoformat() if draft.due_at else None,
        "created_at": draft.created_at.isoformat(),
        "message_id": draft.message_id,
    }


def _latest_buyer_parse(session, case_id: int) -> dict:
    """The parse of the case's latest message with buyer words (for the reading), or {}."""
    from sqlmodel import select

    from disputed.store.models import StoredMessage

    rows = session.exec(select(StoredMessage.parsed).where(StoredMessage.case_id == case_id).order_by(StoredMessage.id.desc())).all()
    return next((parsed for parsed in rows if parsed and parsed.get("buyer_comment")), {})


def _buyer_wants(parsed: dict) -> list[str]:
    from disputed.operator_reading import readings

    wants = readings(parsed) if parsed else {"en": ""}
    return [f"buyer wants: {wants['en']}", f"买家诉求：{wants['zh']}"] if wants["en"] else []


@app.command()
def show(ctx: typer.Context, draft_id: int) -> None:
    """A draft with its case, its readings and the case history."""
    from sqlmodel import select

    from disputed.drafting import fill_readings
    from disputed.store import attachments, readiness
    from disputed.store.db import session_scope
    from disputed.store.models import Case, CaseEvent, DraftStatus
    from disputed.store.queue import QueueError, get_draft

    env = _env(ctx)
    with session_scope(env.engine) as session:
        try:
            draft = get_draft(session, draft_id)
        except QueueError as exc:
            err.print(f"[red]{exc}[/]")
            raise typer.Exit(1) from None
        case = session.get(Case, draft.case_id)
        events = session.exec(select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id)).all()
        fill_readings([draft], env.templates)
        found = readiness.check(session, draft, platform=case.platform) if draft.status in (DraftStatus.PENDING, DraftStatus.FAILED, DraftStatus.APPROVED) else None
        buyer_parse = _latest_buyer_parse(session, case.id)
        files = attachments.of_draft(session, draft.id)
    out.print(f"[bold]draft {draft.id}[/] ({draft.status}, {draft.audience}, {draft.language}, template {draft.template}) — case {case.id} {case.key}")
    out.print(f"case: {case.platform} {case.kind} issue={case.issue} order={case.order_id} status={case.status} due={case.due_at}", highlight=False)
    for line in _buyer_wants(buyer_parse):
        out.print(visible(line), highlight=False, markup=False)
    out.print(visible(f"To: {draft.to_addr or '(none: edit to add one)'}\nSubject: {draft.subject}\nIn-Reply-To: {draft.in_reply_to}\n"), highlight=False, markup=False)
    out.print(visible(draft.body), highlight=False, markup=False)
    for file in files:
        out.print(visible(f"attached: {file.filename} ({file.content_type}, {file.size:,} bytes; file {file.id})"), highlight=False, markup=False)
    _print_beside_text(draft, found)
    if draft.options:
        out.print("options offered: " + ", ".join(f"{o['number']}. {o['type']}" + (f" {o['percent']}%" if o.get("percent") else "") for o in draft.options))
    for label, text in (("English reading", draft.reading_en), ("中文阅读", draft.reading_zh)):
        if text and draft.language not in ("en" if label.startswith("E") else "zh",):
            out.print(f"\n[bold]{label}[/]")
            out.print(visible(text), highlight=False, markup=False)
    out.print("\n[bold]history[/]")
    for event in events:
        out.print(visible(f"  {event.at:%Y-%m-%d %H:%M} {event.type} {event.actor}: {event.detail}"), highlight=False, markup=False)


def _print_beside_text(draft, found) -> None:
    """The handler's notes for the operator, what keeps the draft from leaving, and an edit of
    the draft it replaced."""
    from disputed.handlers.base import OPERATOR_ADVICE, OPERATOR_QUESTION, SUPERSEDED_EDIT

    context = draft.context or {}
    for label, key in (("operator note", OPERATOR_QUESTION), ("advice", OPERATOR_ADVICE)):
        if context.get(key):
            out.print(f"\n[bold]{label}:[/] ", end="")
            out.print(visible(context[key]), highlight=False, markup=False)
    if found is not None:
        for line in found.missing:
            out.print("[red]not ready:[/] ", end="")
            out.print(visible(line), highlight=False, markup=False)
        for line in found.warnings:
            out.print("[yellow]warning:[/] ", end="")
            out.print(visible(line), highlight=False, markup=False)
    previous = context.get(SUPERSEDED_EDIT)
    if previous:
        out.print(f"\n[bold]previous edit[/] (draft {previous['draft_id']}, replaced by this one; `disputed take-over {draft.id}` uses it)")
        out.print(visible(f"Subject: {previous['subject']}\n{previous['body']}"), highlight=False, markup=False)


@app.command(name="take-over")
def take_over(ctx: typer.Context, draft_id: int, by: str = typer.Option(os.environ.get("USER", "operator"), "--as")) -> None:
    """Put the operator's edit of the draft this one replaced into it."""
    _act(ctx, "take_over_edit", draft_id, by=by)


@app.command()
def approve(ctx: typer.Context, draft_id: int, by: str = typer.Option(..., "--as", help="Who approves.")) -> None:
    """Approve a draft exactly as it stands; the sender takes it next."""
    _act(ctx, "approve", draft_id, by=by)


@app.command()
def reject(ctx: typer.Context, draft_id: int, reason: str = typer.Option(..., "--reason"), by: str = typer.Option(os.environ.get("USER", "operator"), "--as")) -> None:
    """Reject a draft with a reason."""
    _act(ctx, "reject", draft_id, by=by, reason=reason)


@app.command()
def settle(ctx: typer.Context, draft_id: int, sent: bool = typer.Option(..., "--sent/--resend", help="It did arrive / send it again."), by: str = typer.Option(os.environ.get("USER", "operator"), "--as")) -> None:
    """Settle a draft whose send outcome is unknown."""
    _act(ctx, "resolve_unknown", draft_id, by=by, was_sent=sent)


def _act(ctx: typer.Context, action: str, draft_id: int, **kwargs) -> None:
    from disputed.store import queue as q
    from disputed.store.db import session_scope

    env = _env(ctx)
    if action == "approve":  # a letter whose account of the facts is out of date is brought up to date first
        kwargs["templates"] = env.templates
    refused = None
    try:
        with session_scope(env.engine) as session:
            try:
                draft = getattr(q, action)(session, draft_id, **kwargs)
            except q.TextRefreshed as exc:  # the new text is kept (committed) and must be read again
                refused = exc
    except q.QueueError as exc:
        refused = exc
    if refused is not None:
        err.print(str(refused), style="red", highlight=False, markup=False)
        raise typer.Exit(1) from None
    out.print(f"draft {draft.id}: {draft.status}")


@app.command()
def edit(ctx: typer.Context, draft_id: int, by: str = typer.Option(os.environ.get("USER", "operator"), "--as")) -> None:
    """Edit a draft in $EDITOR (To:, Subject: and the body). An approved draft returns to pending."""
    from disputed.store import queue as q
    from disputed.store.db import session_scope

    env = _env(ctx)
    with session_scope(env.engine) as session:
        draft = q.get_draft(session, draft_id)
        text = f"To: {draft.to_addr}\nSubject: {draft.subject}\n\n{draft.body}"
    edited = _run_editor(text)
    if edited is None or edited == text:
        out.print("no change")
        return
    head, _, body = edited.partition("\n\n")
    fields = dict(line.split(":", 1) for line in head.splitlines() if ":" in line)
    try:
        with session_scope(env.engine) as session:
            draft = q.edit(session, draft_id, by=by, body=body, subject=fields.get("Subject", "").strip(), to_addr=fields.get("To", "").strip())
    except q.QueueError as exc:
        err.print(f"[red]{exc}[/]")
        raise typer.Exit(1) from None
    out.print(f"draft {draft.id}: saved ({draft.status})")


def _run_editor(text: str) -> str | None:
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    with tempfile.NamedTemporaryFile("w+", suffix=".txt", delete=False, encoding="utf-8") as fh:
        fh.write(text)
        path = fh.name
    try:
        if subprocess.call([*editor.split(), path]) != 0:
            err.print(f"[red]{editor} exited with an error; nothing saved[/]")
            return None
        return Path(path).read_text(encoding="utf-8")
    finally:
        os.unlink(path)


# -- quarantine --------------------------------------------------------------------------
@quarantine_app.command("list")
def quarantine_list(ctx: typer.Context, as_json: bool = typer.Option(False, "--json")) -> None:
    """Quarantined messages with their reasons."""
    from sqlmodel import select

    from disputed.store.db import session_scope
    from disputed.store.models import MessageStatus, StoredMessage

    with session_scope(_env(ctx).engine) as session:
        rows = session.exec(
            select(StoredMessage.id, StoredMessage.mailbox, StoredMessage.message_id, StoredMessage.size, StoredMessage.attempts, StoredMessage.error).where(StoredMessage.status == MessageStatus.QUARANTINED).order_by(StoredMessage.id)
        ).all()
    for row in rows:
        data = dict(id=row[0], mailbox=row[1], message_id=row[2], size=row[3], attempts=row[4], reason=row[5])
        if as_json:
            out.print(json_line(data), highlight=False, soft_wrap=True, markup=False)
        else:
            out.print(visible(f"{row[0]}  {row[1]}  {row[3]} bytes  {row[4]} attempt(s)  {row[2] or '-'}\n    {row[5]}"), highlight=False, markup=False)
    if not rows and not as_json:
        out.print("nothing in quarantine")


@quarantine_app.command("show")
def quarantine_show(ctx: typer.Context, message: int, raw: bool = typer.Option(False, "--raw", help="Print the raw message.")) -> None:
    from disputed.store.db import session_scope
    from disputed.store.models import StoredMessage

    with session_scope(_env(ctx).engine) as session:
        row = session.get(StoredMessage, message)
    if row is None:
        err.print(f"[red]no message {message}[/]")
        raise typer.Exit(1)
    out.print(visible(f"message {row.id} in {row.mailbox} at {row.source_key}; status {row.status}; {row.attempts} attempt(s)\nreason: {row.error}\nsha256: {row.sha256}"), highlight=False, markup=False)
    if raw:
        sys.stdout.buffer.write(row.raw)  # asked for byte for byte (to save or pipe), so not escaped
    else:
        head = row.raw.replace(b"\r\n", b"\n").split(b"\n\n", 1)[0][:4000].decode("utf-8", "replace")
        out.print(visible(head), highlight=False, markup=False)


@quarantine_app.command("retry")
def quarantine_retry(ctx: typer.Context, messages: list[int] = typer.Argument(None), all_: bool = typer.Option(False, "--all")) -> None:
    """Put quarantined messages back in line (after a fix or a new version)."""
    from sqlalchemy import update

    from disputed.store.db import session_scope
    from disputed.store.models import MessageStatus, StoredMessage

    stmt = update(StoredMessage).where(StoredMessage.status == MessageStatus.QUARANTINED)
    if not all_:
        if not messages:
            err.print("name message ids or use --all")
            raise typer.Exit(2)
        stmt = stmt.where(StoredMessage.id.in_(messages))
    with session_scope(_env(ctx).engine) as session:
        count = session.execute(stmt.values(status=MessageStatus.NEW, attempts=0, claimed_by=None, claimed_until=None)).rowcount
    out.print(f"{count} message(s) back in line; the next pass processes them")


# -- users -------------------------------------------------------------------------------
@user_app.command("add")
def user_add(ctx: typer.Context, name: str, role: str = typer.Option(..., "--role", help="viewer | agent | approver | admin"), password_stdin: bool = typer.Option(False, "--password-stdin")) -> None:
    """Add an operator; the password is prompted (or read from stdin)."""
    from disputed.store import auth

    try:
        role_value = auth.Role(role)
    except ValueError:
        err.print(f"[red]unknown role {role!r}[/]; roles: viewer, agent, approver, admin")
        raise typer.Exit(2) from None
    password = sys.stdin.readline().rstrip("\n") if password_stdin else typer.prompt("password", hide_input=True, confirmation_prompt=True)
    problem = auth.password_problem(password)
    if problem:
        err.print(f"refused: {problem}", style="red", markup=False)
        raise typer.Exit(2)
    try:
        auth.user_cli_add(_env(ctx).engine, name, role_value, password)
    except (auth.AuthError, ValueError) as exc:
        err.print(f"[red]{exc}[/]")
        raise typer.Exit(2) from None
    out.print(f"user {name} added as {role_value}")


# -- letters, orders, codes -------------------------------------------------------------
@letter_app.command("hijacker")
def letter_hijacker(
    ctx: typer.Context,
    asin: str = typer.Option(..., "--asin"),
    seller: str = typer.Option(..., "--seller", help="The hijacking seller's name or id."),
    brand: Optional[str] = typer.Option(None, "--brand", help="Default: [policy] shop_name."),
    more_asins: list[str] = typer.Option([], "--also-asin", help="Further listings of the brand it sells on."),
    registration: Optional[str] = typer.Option(None, "--registration", help="Trademark office and number."),
    to: str = typer.Option("", "--to", help="Where the letter goes (e.g. the seller's relay address)."),
    platform: str = typer.Option("amazon", "--platform"),
) -> None:
    """Queue a trademark warning to a seller hijacking a listing."""
    from disputed.operator_letters import queue_hijacker_letter

    env = _env(ctx)
    try:
        draft_id = queue_hijacker_letter(env.settings, env.engine, env.templates, asin=asin, seller=seller, brand=brand, to=to, platform=platform, more_asins=more_asins, registration=registration)
    except ValueError as exc:
        err.print(f"[red]{exc}[/]")
        raise typer.Exit(2) from None
    out.print(f"draft {draft_id} queued for approval (disputed show {draft_id})")


@orders_app.command("import")
def orders_import(ctx: typer.Context, file: Path = typer.Argument(..., exists=True, dir_okay=False)) -> None:
    """Read an order report (Amazon's tab-separated report or a simple CSV)."""
    from disputed.orders import OrderImportError, import_orders, upsert_orders
    from disputed.store.db import session_scope

    try:
        rows = import_orders(file)
    except OrderImportError as exc:
        err.print(f"[red]{exc}[/]")
        raise typer.Exit(2) from None
    with session_scope(_env(ctx).engine) as session:
        count = upsert_orders(session, rows)
    out.print(f"{count} order(s) imported from {file}")


@orders_app.command("lifecycle")
def orders_lifecycle(ctx: typer.Context) -> None:
    """Queue the order life-cycle letters that are due ([policy] lifecycle); the daemon does this every sweep."""
    from disputed.daemon.lifecycle import queue_lifecycle

    env = _env(ctx)
    if not env.settings.policy.lifecycle:
        err.print("no stages wanted: set [policy] lifecycle = [\"shipped\", \"delivery_check\", \"feedback_request\"]")
        raise typer.Exit(2)
    out.print(f"{queue_lifecycle(env.settings, env.engine, env.templates)} life-cycle draft(s) queued")


@codes_app.command("add")
def codes_add(ctx: typer.Context, codes: list[str], percent: int = typer.Option(..., "--percent", min=1, max=100)) -> None:
    """Load claim codes into the pool handed out with option follow-ups."""
    from disputed.store.db import session_scope
    from disputed.store.models import ClaimCode

    with session_scope(_env(ctx).engine) as session:
        for code in codes:
            session.merge(ClaimCode(code=code.strip(), percent=percent))
    out.print(f"{len(codes)} code(s) in the pool at {percent}%")


# -- demo and checks ----------------------------------------------------------------------
@app.command()
def demo(
    ctx: typer.Context,
    workdir: Path = typer.Option(Path("var/demo"), "--dir", help="Where the demo keeps its mailbox and database."),
    serve_web: bool = typer.Option(True, "--web/--no-web", help="Keep the approval page open after the pass."),
    port: int = typer.Option(8025, "--port"),
) -> None:
    """A demo on SQLite: seeded local mailbox, one pass, the queue, a real send to a local SMTP sink."""
    from disputed.demo import run_demo

    raise typer.Exit(run_demo(workdir, serve_web=serve_web, port=port, console=out))


@app.command()
def bench(
    messages: int = typer.Option(5_000, "--messages", help="Notifications in the backfill whose rate is compared with a raw FETCH, and with the semantic layer off (0: skip)."),
    memory_messages: int = typer.Option(20_000, "--memory-messages", help="Notifications in a bigger backfill whose peak memory is set beside the first's (issue 14: 50000; 0: skip)."),
    latency_samples: int = typer.Option(40, "--latency-samples", help="APPENDs timed until their draft is in the queue (0: skip)."),
    drafts: int = typer.Option(1_000, "--drafts", help="Approved drafts sent (0: skip)."),
    workdir: Optional[Path] = typer.Option(None, "--dir", help="Where the databases go (default: a new temporary directory)."),
    cases: int = typer.Option(0, "--cases", help="Time the cases page with this many cases in the store (e.g. 100000; 0: skip)."),
    stages: int = typer.Option(2_000, "--stages", help="Parse and process this many notifications on their own, no server (0: skip)."),
    first_connection: int = typer.Option(50_000, "--first-connection", help="Messages in a newly connected mailbox, 2% of them from today, timed to a usable queue (0: skip)."),
) -> None:
    """Measure backfill, memory, push latency and sending, each next to its baseline from the same run.

    Starts its own Dovecot and SMTP sink; needs Dovecot installed. A quick run: --messages 2000 --memory-messages 0.
    The parse and processing stages alone, no server: --messages 0 --memory-messages 0 --latency-samples 0 --drafts 0 --first-connection 0."""
    from disputed.bench import Options, format_results, run_bench

    options = Options(messages=messages, memory_messages=memory_messages, latency_samples=latency_samples, drafts=drafts, workdir=workdir, cases=cases,
                      stages=stages, first_connection=first_connection)
    results = run_bench(options, say=lambda line: err.print(line, highlight=False))
    out.print(format_results(results), highlight=False, soft_wrap=True)


@app.command("check-config")
def check_config(ctx: typer.Context, connect: bool = typer.Option(False, "--connect", help="Also log in to every mailbox and to SMTP.")) -> None:
    """Validate the configuration, the secrets it names, and (--connect) every login."""
    from sqlalchemy.engine import make_url

    from disputed.config.settings import channel_problems, secret_problems

    settings = _env(ctx).settings
    secrets, channels = secret_problems(settings), channel_problems(settings)
    for problem in secrets + channels:
        err.print(f"[red]{escape(problem)}[/]", highlight=False)
    if secrets or channels:
        said = [f"{len(secrets)} secret(s) missing"] * bool(secrets) + [f"{len(channels)} notification channel problem(s)"] * bool(channels)
        err.print(f"[bold red]configuration incomplete[/]: {', '.join(said)}", highlight=False)
        raise typer.Exit(2)
    database = make_url(settings.database.url).render_as_string(hide_password=True)
    out.print(f"configuration OK: {len(settings.mailbox)} mailbox(es), database {database}, smtp {settings.smtp.host}:{settings.smtp.port}", highlight=False)
    if settings.notify.channel:
        out.print("notify: " + ", ".join(f"{c.name} ({c.type}{', urgent only' if c.urgent_only else ''})" for c in settings.notify.channel), highlight=False)
    if connect:
        from disputed.daemon.logins import check_logins

        results = check_logins(settings, _env(ctx).engine)
        for result in results:
            mark = "[green]ok[/]" if result.ok else "[red]FAILED[/]"
            out.print(f"{mark} {result.what}: {result.detail}", highlight=False)
        if not all(r.ok for r in results):
            raise typer.Exit(1)


@notify_app.command("test")
def notify_test(ctx: typer.Context, channel: str = typer.Argument(..., help="The channel's name in [[notify.channel]].")) -> None:
    """Send a test message through one channel now (limits and batching do not apply)."""
    from disputed.alerts import Notifier
    from disputed.alerts.channels import DeliveryError
    from disputed.config.settings import channel_problems

    env = _env(ctx)
    names = [c.name for c in env.settings.notify.channel]
    if channel not in names:
        err.print(f"[red]no channel {channel!r}[/]; configured: {', '.join(names) or 'none ([[notify.channel]] in the configuration)'}", highlight=False)
        raise typer.Exit(2)
    problems = channel_problems(env.settings, only=channel)
    if problems:
        err.print("[bold red]configuration error[/]\n" + escape("\n".join(problems)), highlight=False)
        raise typer.Exit(2)
    try:
        Notifier(env.settings, env.engine, instance=env.settings.daemon.instance_id).send_trial(channel)
    except DeliveryError as exc:
        err.print(f"[red]{escape(channel)}: not delivered: {escape(str(exc))}[/]", highlight=False)
        raise typer.Exit(1) from None
    out.print(f"{channel}: test message delivered")


# -- mailboxes ---------------------------------------------------------------------------
@mailbox_app.command("authorize")
def mailbox_authorize(
    ctx: typer.Context,
    name: str,
    paste: bool = typer.Option(False, "--paste", help="Open the consent page yourself and paste the address it sends you to (instead of the device code)."),
    by: str = typer.Option(os.environ.get("USER", "operator"), "--as", help="Who consents (kept with the grant)."),
) -> None:
    """Give an OAuth mailbox its grant: the device-code flow where the provider offers it, else paste the code."""
    from disputed.config.settings import check_secrets
    from disputed.oauth import consent

    env = _env(ctx)
    try:
        check_secrets(env.settings)
        mailbox = consent.oauth_mailbox(env.settings, name)
        if mailbox.provider().device_url and not paste:
            grant = consent.by_device(env.settings, env.engine, mailbox, by=by, show=_show_device_code)
        else:
            grant = _paste_flow(env, mailbox, by)
    except (ConfigError, consent.ConsentError) as exc:
        err.print(f"[red]{name}: {exc}[/]", highlight=False)
        raise typer.Exit(2) from None
    out.print(f"{name}: authorized for {grant.account or mailbox.username} (scope: {grant.scope or 'as configured'})", highlight=False)


def _show_device_code(device) -> None:
    err.print(f"Open {device.verification_uri} and enter the code [bold]{device.user_code}[/]", highlight=False)
    if device.verification_uri_complete:
        err.print(f"(or open {device.verification_uri_complete})", highlight=False)
    err.print("waiting for the consent ...", highlight=False)


def _paste_flow(env: Env, mailbox, by: str):
    from urllib.parse import parse_qs, urlsplit

    from disputed.oauth import consent

    redirect_uri = mailbox.oauth_redirect_uri or "http://127.0.0.1/"
    request = consent.begin(mailbox, redirect_uri)
    err.print(f"Open this address, consent, then paste the address your browser was sent to (it starts with {redirect_uri}):\n{request.url}", highlight=False, soft_wrap=True)
    pasted = sys.stdin.readline().strip()
    answer = {k: v[0] for k, v in parse_qs(urlsplit(pasted).query).items()} if "?" in pasted else {"code": pasted}
    if "error" in answer:
        raise consent.ConsentError(f"the provider answered {answer['error']}: {answer.get('error_description', '')}")
    if "state" in answer and answer["state"] != request.state:
        raise consent.ConsentError("the pasted address belongs to another consent (its state differs); run the command again")
    if not answer.get("code"):
        raise consent.ConsentError("nothing pasted: no code")
    return consent.finish(env.settings, env.engine, mailbox, request, answer["code"], by=by)


@mailbox_app.command("forget")
def mailbox_forget(ctx: typer.Context, name: str) -> None:
    """End an OAuth mailbox's grant: revoked at the provider, deleted here (authorize again to reconnect)."""
    from disputed.oauth import consent

    env = _env(ctx)
    try:
        mailbox = consent.oauth_mailbox(env.settings, name)
        said = consent.forget(env.settings, env.engine, mailbox)
    except (ConfigError, consent.ConsentError) as exc:
        err.print(f"[red]{name}: {exc}[/]", highlight=False)
        raise typer.Exit(2) from None
    out.print(f"{name}: grant deleted; {said}", highlight=False)


@mailbox_app.command("status")
def mailbox_status(ctx: typer.Context, as_json: bool = typer.Option(False, "--json")) -> None:
    """Each mailbox's login method and, for OAuth, whether its grant works."""
    from disputed.store.grants import mailbox_states

    from sqlmodel import Session

    env = _env(ctx)
    with Session(env.engine) as session:
        states = mailbox_states(env.settings, session)
    if as_json:
        out.print_json(json.dumps([s.__dict__ for s in states], default=str))
        return
    for state in states:
        out.print(f"{state.name}: {state.auth} {state.summary}", highlight=False)


@mailbox_app.command("new-key")
def mailbox_new_key() -> None:
    """Print a new key for encrypting refresh tokens (put it in DISPUTED_OAUTH_KEY, or in the file that key_file of the oauth section names)."""
    from cryptography.fernet import Fernet

    out.print(Fernet.generate_key().decode(), highlight=False)


from disputed import cli_cases  # noqa: E402,F401  (registers `cases` and `case ...` on app)


def main() -> None:
    app()
