"""The README's first command: the whole pipeline on a laptop, with nothing to set up.

A local Maildir seeded with sample notifications, SQLite, a local SMTP sink (aiosmtpd)
that writes what it receives to ``outbox/``, one pass, the queue, one approval and
a real send; then, unless --no-web, the daemon keeps running with the approval page.
"""

from __future__ import annotations

import logging
import os
import shutil
from importlib import resources
from pathlib import Path

from rich.console import Console
from disputed.display import queue_view

from disputed.config import load_settings
from disputed.demo.sink import SmtpSink
from disputed.store.db import make_engine, session_scope
from disputed.store.queue import QueueFilter, approve, list_queue

MARKER = ".disputed-demo"
DEMO_USER, DEMO_PASSWORD = "demo", "demo-approver"

CONFIG = """\
# Written by `disputed demo`. Every key is explained in config/disputed.example.toml.
[database]
url = "sqlite:///{db}"

[[mailbox]]
name = "demo"
source = "maildir"
path = "{maildir}"
poll_seconds = 1

[smtp]
host = "127.0.0.1"
port = {smtp_port}
security = "none"
from = "Innoshop Support <support@innoshop.test>"

[security]
trusted_authserv_ids = ["mx.demo.test"]

[policy]
seller_name = "Lena"
shop_name = "Innoshop"

[web]
port = {web_port}
secret_key = "demo-only-not-secret"
"""


def prepare(workdir: Path, smtp_port: int, web_port: int) -> Path:
    """A fresh demo folder: config, Maildir seeded with the sample mail. Returns the config path."""
    if workdir.exists():
        if not (workdir / MARKER).exists() and any(workdir.iterdir()):
            raise SystemExit(f"{workdir} exists and is not a demo folder; choose another with --dir")
        shutil.rmtree(workdir)
    maildir = workdir / "Maildir"
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True)
    (workdir / MARKER).touch()
    samples = sorted((p for p in resources.files("disputed.demo").joinpath("mail").iterdir() if p.name.endswith(".eml")), key=lambda p: p.name)
    for n, sample in enumerate(samples):
        (maildir / "new" / f"{1_700_000_000 + n}.demo{n}.localhost").write_bytes(sample.read_bytes())
    config = workdir / "disputed.toml"
    config.write_text(CONFIG.format(db=(workdir / "disputed.db").resolve(), maildir=maildir.resolve(), smtp_port=smtp_port, web_port=web_port), encoding="utf-8")
    return config


def run_demo(workdir: Path, *, serve_web: bool, port: int, console: Console) -> int:
    from disputed.daemon.runner import Daemon

    logging.getLogger("mail.log").setLevel(logging.WARNING)  # the sink's per-command chatter
    if "DISPUTED_LOG_LEVEL" not in os.environ:
        logging.getLogger("disputed").setLevel(logging.WARNING)  # the demo prints its own account

    sink = SmtpSink(workdir / "outbox")
    sink.start()
    try:
        config = prepare(workdir, sink.port, port)
        settings = load_settings(config)
        engine = make_engine(settings.database.url)
        console.print(f"[bold]disputed demo[/] in {workdir}: Maildir with {len(list((workdir / 'Maildir' / 'new').iterdir()))} sample notifications, SMTP sink on 127.0.0.1:{sink.port}")
        daemon = Daemon(settings, engine)
        report = daemon.run_once()
        p = report.processed
        console.print(f"pass 1: processed {p.processed} message(s), {p.drafts} draft(s) queued, {p.quarantined} quarantined")
        _print_queue(console, engine)
        chosen = _approve_first_sendable(engine)
        if chosen is None:
            console.print("[red]no draft with a recipient to approve[/]")
            return 1
        console.print(f"approved draft {chosen} as {DEMO_USER!r}; pass 2 sends it")
        report = Daemon(settings, engine).run_once()
        console.print(f"pass 2: sent {report.sent.sent}, failed {report.sent.failed}")
        for path in sorted(sink.outbox.glob("*.eml")):
            head = path.read_bytes().split(b"\n\n", 1)[0].decode("utf-8", "replace")
            console.print(f"[green]the SMTP sink received[/] {path}:", highlight=False)
            console.print("\n".join(l for l in head.splitlines() if l.split(":")[0] in ("From", "To", "Subject", "Message-ID", "In-Reply-To", "References")), highlight=False, markup=False)
        if not serve_web:
            return 0 if report.sent.sent == 1 else 1
        _ensure_demo_user(engine)
        console.print(f"\n[bold]approval page:[/] http://127.0.0.1:{port}/  (user {DEMO_USER!r}, password {DEMO_PASSWORD!r}); Ctrl-C stops the demo")
        Daemon(settings, engine).run_forever(web=True)
        return 0
    finally:
        sink.stop()


def _print_queue(console: Console, engine) -> None:
    with session_scope(engine) as session:
        rows = list_queue(session, flt=QueueFilter(), limit=50)
    console.print(queue_view(rows, console, title="approval queue, most urgent first"))


def _approve_first_sendable(engine) -> int | None:
    with session_scope(engine) as session:
        for draft, _case in list_queue(session, flt=QueueFilter(), limit=50):
            if draft.to_addr:
                approve(session, draft.id, by=DEMO_USER)
                return draft.id
    return None


def _ensure_demo_user(engine) -> None:
    from sqlmodel import select

    from disputed.store import auth

    with session_scope(engine) as session:
        if session.exec(select(auth.User).where(auth.User.name == DEMO_USER)).first() is None:
            auth.add_user(session, name=DEMO_USER, password=DEMO_PASSWORD, role=auth.Role.ADMIN)

