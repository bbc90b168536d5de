"""The README's first command: the whole pipeline on a laptop, with nothing to set up.

A local Maildir seeded with sample notifications, the seller's order report for their
orders, SQLite, a local SMTP sink (aiosmtpd) that writes what it receives to ``outbox/``,
one pass, the queue, one approval of a complete draft and a real send; then, unless
--no-web, the daemon keeps running with the approval page. A draft with places left to
complete is refused like anywhere else, and the demo says why.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from datetime import date, datetime, timedelta, timezone
from email import message_from_bytes, policy
from email.utils import format_datetime, parsedate_to_datetime
from importlib import resources
from pathlib import Path

from rich.console import Console
from disputed.display import queue_view

from disputed.config import load_settings
from disputed.demo.sink import SmtpSink
from disputed.orders import parse_orders, upsert_orders
from disputed.store.db import make_engine, session_scope
from disputed.store.queue import QueueError, QueueFilter, approve, list_queue
from disputed.store.readiness import PLACEHOLDER

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


# The seller's order report for the sample mail's orders (dates relative to the day the demo runs,
# so the parcel of the "where is it?" message is always inside its promised delivery time).
ORDERS = """\
order_id,ship_date,shipping_method,destination,tracking_number,carrier_status,item
114-9902311-3345121,{recent},china_post,ES,LX204417385CN,in_transit,Hand coffee press
112-5550192-8812034,{earlier},epacket,US,LX204417390CN,in_transit,Bamboo cutting board
113-4829301-7765432,{earlier},epacket,US,LX204417402CN,delivered,Porcelain cup set
302-1188457-2210934,{earlier},china_post,DE,LX204417416CN,delivered,Glass teapot
"""


def order_report(today: date) -> str:
    return ORDERS.format(recent=(today - timedelta(days=20)).isoformat(), earlier=(today - timedelta(days=30)).isoformat())


# The sample mail was written as if received in the day before this moment; the demo moves every date in it
# (the Date header, the notices' "November 24, 2026") by as much as it takes to make that day yesterday, so
# that the queue looks as it would on a working morning: nothing overdue by weeks.
SAMPLES_WRITTEN = datetime(2026, 11, 22, 9, 0, tzinfo=timezone.utc)
_DATE_HEADER = re.compile(rb"^Date: ([^\r\n]+)", re.MULTILINE)
_WRITTEN_DATE = re.compile(rb"\b(January|February|March|April|May|June|July|August|September|October|November|December) (\d{1,2}), (\d{4})\b")


def moved_in_time(raw: bytes, shift: timedelta) -> bytes:
    def header(match: re.Match) -> bytes:
        return b"Date: " + format_datetime(parsedate_to_datetime(match.group(1).decode()) + shift).encode()

    def written(match: re.Match) -> bytes:
        moved = datetime.strptime(match.group(0).decode(), "%B %d, %Y") + shift
        return f"{moved:%B} {moved.day}, {moved.year}".encode()

    return _WRITTEN_DATE.sub(written, _DATE_HEADER.sub(header, raw, count=1))


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
    shift = datetime.now(timezone.utc).replace(microsecond=0) - SAMPLES_WRITTEN
    for n, sample in enumerate(samples):
        (maildir / "new" / f"{1_700_000_000 + n}.demo{n}.localhost").write_bytes(moved_in_time(sample.read_bytes(), shift))
    (workdir / "orders.csv").write_text(order_report(date.today()), encoding="utf-8")
    config = workdir / "disputed.toml"
    config.write_text(CONFIG.format(db=(workdir / "disputed.db").resolve(), maildir=maildir.resolve(), smtp_port=smtp_port, web_port=web_port), encoding="utf-8")
    return config


def run_demo(workdir: Path, *, serve_web: bool, port: int, console: Console) -> int:
    from disputed.daemon.runner import Daemon

    quieter = {"mail.log": logging.WARNING}  # the sink's per-command chatter
    if "DISPUTED_LOG_LEVEL" not in os.environ:
        quieter["disputed"] = logging.WARNING  # the demo prints its own account
    before = {name: logging.getLogger(name).level for name in quieter}
    for name, level in quieter.items():
        logging.getLogger(name).setLevel(level)

    sink = SmtpSink(workdir / "outbox")
    sink.start()
    try:
        config = prepare(workdir, sink.port, port)
        settings = load_settings(config)
        engine = make_engine(settings.database.url)
        console.print(f"[bold]disputed demo[/] in {workdir}: Maildir with {len(list((workdir / 'Maildir' / 'new').iterdir()))} sample notifications, SMTP sink on 127.0.0.1:{sink.port}")
        with session_scope(engine) as session:
            imported = upsert_orders(session, parse_orders((workdir / "orders.csv").read_text(encoding="utf-8"), "orders.csv"))
        console.print(f"imported the order report: facts for {imported} order(s)")
        daemon = Daemon(settings, engine)
        report = daemon.run_once()
        p = report.processed
        console.print(f"pass 1: processed {p.processed} message(s), {p.drafts} draft(s) queued, {p.quarantined} quarantined")
        _print_queue(console, engine)
        chosen = _approve_first_complete(engine, console)
        if chosen is None:
            console.print("[red]no complete draft with a recipient to approve[/]")
            return 1
        console.print(f"approved draft {chosen} as {DEMO_USER!r}; pass 2 sends it")
        report = Daemon(settings, engine).run_once()
        console.print(f"pass 2: sent {report.sent.sent}, failed {report.sent.failed}")
        unfinished = _print_outbox(console, sink.outbox)
        if not serve_web:
            return 0 if report.sent.sent == 1 and not unfinished else 1
        _ensure_demo_user(engine)
        console.print(f"\n[bold]approval page:[/] http://127.0.0.1:{port}/  (user {DEMO_USER!r}, password {DEMO_PASSWORD!r}); Ctrl-C stops the demo")
        Daemon(settings, engine).run_forever(web=True)
        return 0
    finally:
        sink.stop()
        for name, level in before.items():  # run in-process (the tests), the demo leaves logging as it found it
            logging.getLogger(name).setLevel(level)


def _print_queue(console: Console, engine) -> None:
    with session_scope(engine) as session:
        rows = list_queue(session, flt=QueueFilter(), limit=50)
    console.print(queue_view(rows, console, title="approval queue, most urgent first"))


def _approve_first_complete(engine, console: Console) -> int | None:
    """The most urgent draft the readiness check lets through; the others say what they miss."""
    for draft, _case in _queue(engine):
        try:
            with session_scope(engine) as session:
                approve(session, draft.id, by=DEMO_USER)
            return draft.id
        except QueueError as exc:
            console.print(f"[yellow]not approved:[/] {exc}", highlight=False)
    return None


def _queue(engine):
    with session_scope(engine) as session:
        return list_queue(session, flt=QueueFilter(), limit=50)


def _print_outbox(console: Console, outbox: Path) -> list[str]:
    """Show what reached the SMTP sink; returns the placeholders found in it (there must be none)."""
    unfinished: list[str] = []
    for path in sorted(outbox.glob("*.eml")):
        message = message_from_bytes(path.read_bytes(), policy=policy.default)
        console.print(f"[green]the SMTP sink received[/] {path}:", highlight=False)
        for name in ("From", "To", "Subject", "Message-ID", "In-Reply-To", "References"):
            if message[name]:
                console.print(f"{name}: {message[name]}", highlight=False, markup=False)
        body = message.get_content()
        console.print("\n" + body, highlight=False, markup=False)
        unfinished += PLACEHOLDER.findall(body)
    if unfinished:
        console.print(f"[red]the sent message holds placeholders: {unfinished}[/]")
    return unfinished


def _ensure_demo_user(engine) -> None:
    from sqlmodel import select

    from disputed.store import auth

    with session_scope(engine) as session:
        if session.exec(select(auth.User).where(auth.User.name == DEMO_USER)).first() is None:
            auth.add_user(session, name=DEMO_USER, password=DEMO_PASSWORD, role=auth.Role.ADMIN)

