"""``disputed bench``: each figure next to its baseline, measured in the same run.

- backfill: messages per second through fetch, store, parse, case and draft, against a
  bare imapclient ``FETCH BODY.PEEK[]`` of the same mailbox in batches of the same size;
- the semantic layer's cost: the same backfill again with ``[parsing] semantic = false`` (the
  cue lexicons alone), rate against rate;
- memory: peak resident memory of a backfill (and of its parse worker), the semantic layer
  loaded, at two mailbox sizes (the rate's backfill and a bigger one): the difference is what
  grows with the mailbox;
- first connection: a mailbox of years of mail of which a small share is recent, from start
  to a usable queue (every recent message processed), against a raw FETCH of the mailbox;
- push: APPEND to "pending draft visible in the queue" over IMAP IDLE, against APPEND to
  "EXISTS seen by a bare imapclient IDLE session" (Dovecot waits before it notifies);
- send: approved drafts sent by the sender, against a bare aiosmtplib loop sending the
  same messages over one connection;
- cases: the cases page served over HTTP with that many cases in the store, against a bare
  indexed SELECT of the same page (``bench/inbox.py``);
- stages: the parse stage against the standard library's reading of the same mail, and the
  processing stage against the parse alone, with no server (``bench/stages.py``).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

import aiosmtplib

from disputed.bench.corpus import DRAFTING, TRUSTED_AUTHSERV, dated, notification, notifications
from disputed.bench.servers import Account, BenchDovecot, SinkProcess, append_many

FROM = "Innoshop Support <support@innoshop.test>"


@dataclass
class Options:
    messages: int = 5_000  # the backfill timed with and without the semantic layer
    memory_messages: int = 20_000  # a bigger backfill whose peak memory is set beside the first's (issue 14: 50,000)
    latency_samples: int = 40
    drafts: int = 1_000
    batch_size: int = 200
    cases: int = 0  # cases in the store behind the cases page (0: skip)
    stages: int = 2_000  # notifications parsed and processed on their own (0: skip)
    first_connection: int = 50_000  # messages in the first-connection mailbox (0: skip)
    live_share: float = 0.02  # of which this share arrived today; the rest two years ago
    workdir: Path | None = None


@dataclass
class Results:
    lines: list[tuple[str, str, str, str]] = field(default_factory=list)  # figure, value, baseline, ratio
    notes: list[str] = field(default_factory=list)
    peaks: dict[int, tuple[float, float]] = field(default_factory=dict)  # backfill size -> peak RSS MB (daemon, parse worker)

    def add(self, figure: str, value: str, baseline: str = "", ratio: str = "") -> None:
        self.lines.append((figure, value, baseline, ratio))


def run_bench(options: Options, say: Callable[[str], None] = print) -> Results:
    results = Results()
    workdir = Path(options.workdir or tempfile.mkdtemp(prefix="disputed-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    say(f"benchmark work directory: {workdir}")
    if options.cases:
        from disputed.bench import inbox

        inbox.measure(options.cases, workdir, results.add, say)
    # Per-message INFO lines are not what is measured (the backfill and push daemons run at
    # WARNING too); they would also flood the console the figures are printed to.
    product_log = logging.getLogger("disputed")
    level = product_log.level
    product_log.setLevel(logging.WARNING)
    try:
        if options.stages:
            from disputed.bench import stages

            stages.measure(options.stages, workdir, results.add, say)
    finally:
        product_log.setLevel(level)
    if not (options.messages or options.memory_messages or options.latency_samples or options.drafts or options.first_connection):
        return results
    dovecot = BenchDovecot().start()
    sink = SinkProcess()
    product_log.setLevel(logging.WARNING)
    try:
        if options.messages:
            _backfill(dovecot, options, options.messages, workdir, results, say, rate=True)
        if options.memory_messages:
            _backfill(dovecot, options, options.memory_messages, workdir, results, say, rate=False)
        if options.first_connection:
            _first_connection(dovecot, options, workdir, results, say)
        if options.latency_samples:
            _push(dovecot, sink, options, workdir, results, say)
        if options.drafts:
            _send(dovecot, sink, options, workdir, results, say)
    finally:
        product_log.setLevel(level)
        sink.stop()
        dovecot.stop()
    return results


def format_results(results: Results) -> str:
    rows = [("figure", "disputed", "baseline (same run)", "ratio"), *results.lines]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    out = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows]
    out.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(out + [""] + [f"* {note}" for note in results.notes])


# -- backfill ------------------------------------------------------------------------------
def _settings(db: Path, account: Account | None, sink_port: int = 25, *, batch_size: int = 200, extra: dict | None = None) -> dict:
    data: dict = {
        "database": {"url": f"sqlite:///{db}"},
        "security": {"trusted_authserv_ids": [TRUSTED_AUTHSERV]},
        "daemon": {"instance_id": "bench", "lease_seconds": 30},
        "web": {"enabled": False},
        "smtp": {"host": "127.0.0.1", "port": sink_port, "security": "none", "from": FROM, "max_per_recipient_per_day": 1_000_000},
    }
    if account is not None:
        data["mailbox"] = [{
            "name": "bench", "host": account.host, "port": account.port, "security": "none", "username": account.username,
            "password": account.password, "batch_size": batch_size, "poll_seconds": 3600,
        }]
    for key, value in (extra or {}).items():
        data.setdefault(key, {}).update(value)
    return data


# Issue 14: a backfill's peak memory, the daemon's and its parse worker's together, with the semantic layer loaded.
RSS_LIMIT_MB = 350


def _backfill(dovecot: BenchDovecot, options: Options, count: int, workdir: Path, results: Results, say, *, rate: bool) -> None:
    account = dovecot.new_account(f"backfill{'rate' if rate else 'memory'}{count}")
    say(f"backfill: appending {count} notifications to Dovecot ...")
    append_many(account, notifications(count))
    fetch_rate = _raw_fetch_rate(account, options.batch_size)
    say(f"backfill: raw FETCH {fetch_rate:,.0f} msg/s; running the backfill ...")
    job = {"settings": _settings(workdir / f"backfill-{count}.db", account, batch_size=options.batch_size)}
    got = _run_backfill(job, count)
    rss, workers = got["maxrss_kb"] / 1024, got["worker_maxrss_kb"] / 1024
    results.peaks[count] = (rss, workers)
    if rate:
        pipeline = count / got["seconds"]
        results.add(f"backfill {count:,} (fetch+store+parse+case+draft)", f"{pipeline:,.0f} msg/s", f"raw FETCH {fetch_rate:,.0f} msg/s", f"{pipeline / fetch_rate:.3f}")
        results.add("  of which ingest (fetch+store+checkpoint)", f"{count / got['ingest_seconds']:,.0f} msg/s", f"raw FETCH {fetch_rate:,.0f} msg/s", f"{count / got['ingest_seconds'] / fetch_rate:.2f}")
        results.add("  of which processing (parse+case+draft)", f"{count / got['process_seconds']:,.0f} msg/s", _parse_only_rate())
        results.notes.append(f"backfill {count:,}: {got['drafts']:,} drafts, {got['quarantined']} quarantined, peak RSS {rss:.0f} MB + parse worker {workers:.0f} MB")
        # The same mailbox again (BODY.PEEK leaves it as it was) into a fresh store, with the lexicons alone.
        say("backfill: the same mailbox again with the semantic layer off (parsing.semantic = false) ...")
        job = {"settings": _settings(workdir / f"backfill-{count}-lexicons.db", account, batch_size=options.batch_size, extra={"parsing": {"semantic": False}})}
        off = _run_backfill(job, count)
        off_pipeline, off_rss, off_workers = count / off["seconds"], off["maxrss_kb"] / 1024, off["worker_maxrss_kb"] / 1024
        results.add(f"backfill {count:,}, semantic layer on / off", f"{pipeline:,.0f} msg/s", f"off (lexicons alone) {off_pipeline:,.0f} msg/s", f"{pipeline / off_pipeline:.2f}")
        results.add("  of which processing, on / off", f"{count / got['process_seconds']:,.0f} msg/s", f"off {count / off['process_seconds']:,.0f} msg/s", f"{off['process_seconds'] / got['process_seconds']:.2f}")
        results.notes.append(f"backfill {count:,} with the semantic layer off: {off['drafts']:,} drafts (on: {got['drafts']:,}), peak RSS {off_rss:.0f} MB + parse worker {off_workers:.0f} MB (on: {rss:.0f} + {workers:.0f} MB)")
    else:
        results.add(f"peak RSS, backfill of {count:,}, semantic layer loaded", f"{rss + workers:.0f} MB (daemon {rss:.0f} + parse worker {workers:.0f})", f"limit {RSS_LIMIT_MB} MB", f"{(rss + workers) / RSS_LIMIT_MB:.2f}")
        results.notes.append(f"backfill {count:,}: the daemon's peak {got['ingest_maxrss_kb'] / 1024:.0f} MB by the end of ingest (fetch+store), {rss:.0f} MB by the end of processing")
        smaller = [n for n in results.peaks if n < count]
        if smaller:
            n = max(smaller)
            was = results.peaks[n]
            results.add(f"  growth from a backfill of {n:,} to {count:,}", f"{rss + workers - sum(was):+.0f} MB (daemon {rss - was[0]:+.0f}, worker {workers - was[1]:+.0f})", f"{n:,}: {sum(was):.0f} MB", "")


def _first_connection(dovecot: BenchDovecot, options: Options, workdir: Path, results: Results, say) -> None:
    """A seller connects a mailbox with two years of mail: the old disputes are filed as history, the recent
    ones draft. What counts is how soon the recent ones are in the queue."""
    count, now = options.first_connection, datetime.now(timezone.utc)
    every = max(1, round(1 / options.live_share)) if options.live_share > 0 else count + 1
    account = dovecot.new_account(f"firstconnection{count}")
    say(f"first connection: appending {count} notifications, one in {every} from today, the rest two years old ...")
    append_many(account, (dated(notification(n), now - timedelta(minutes=5) if n % every == 0 else now - timedelta(days=730, seconds=n)) for n in range(count)))
    fetch_rate = _raw_fetch_rate(account, options.batch_size)
    say("first connection: running the backfill ...")
    job = {"settings": _settings(workdir / f"first-{count}.db", account, batch_size=options.batch_size), "live_since": (now - timedelta(days=1)).isoformat()}
    got = _run_backfill(job, count)
    raw = count / fetch_rate
    results.add(f"first connection, {count:,} messages ({count // every:,} from today): usable queue", f"{got['usable_seconds']:.1f} s", f"raw FETCH of the mailbox {raw:.1f} s", f"{got['usable_seconds'] / raw:.1f}")
    results.add("  all of it stored, parsed and grouped", f"{got['seconds']:.1f} s", "aim: usable queue under 60 s")
    results.notes.append(f"first connection {count:,}: {got['drafts']:,} drafts, {got['history']:,} cases filed as history, {got['quarantined']} quarantined")


def _run_backfill(job: dict, count: int) -> dict:
    code = "from disputed.bench.backfill import main; main()"
    done = subprocess.run([sys.executable, "-c", code, json.dumps(job)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"backfill failed:\n{done.stderr[-3000:]}")
    got = json.loads(done.stdout.strip().splitlines()[-1])
    if got["processed"] + got["quarantined"] != count:
        raise RuntimeError(f"backfill processed {got['processed']} + quarantined {got['quarantined']} of {count}")
    return got


def _raw_fetch_rate(account: Account, batch: int) -> float:
    imap = account.client(timeout=120)
    try:
        imap.select_folder("INBOX", readonly=True)
        uids = sorted(imap.search(["ALL"]))
        started = time.perf_counter()
        fetched = 0
        for i in range(0, len(uids), batch):
            fetched += len(imap.fetch(uids[i : i + batch], ["BODY.PEEK[]"]))
        return fetched / (time.perf_counter() - started)
    finally:
        imap.logout()


def _parse_only_rate(sample: int = 600) -> str:
    """parse_message alone, in this process, on the same kind of mail: the floor under processing."""
    from disputed.config.settings import SecuritySettings
    from disputed.parsers import parse_message

    security = SecuritySettings(trusted_authserv_ids=[TRUSTED_AUTHSERV])
    raws = list(notifications(sample, start=10_000_000))
    for raw in raws[:50]:
        parse_message(raw, security=security)
    started = time.perf_counter()
    for raw in raws:
        parse_message(raw, security=security)
    return f"parse_message alone {sample / (time.perf_counter() - started):,.0f} msg/s/core"


# -- push latency --------------------------------------------------------------------------
def _push(dovecot: BenchDovecot, sink: SinkProcess, options: Options, workdir: Path, results: Results, say) -> None:
    samples = options.latency_samples
    say(f"push: {samples} APPENDs to a bare IDLE session ...")
    raw_latencies = _raw_idle_latencies(dovecot.new_account("idle-raw"), samples)
    say(f"push: {samples} APPENDs to a mailbox `disputed run` watches ...")
    latencies = _daemon_push_latencies(dovecot.new_account("idle-daemon"), sink, samples, workdir)
    rp, dp = _percentiles(raw_latencies), _percentiles(latencies)
    results.add("push: APPEND -> pending draft in the queue, p50", f"{dp[0] * 1000:.0f} ms", f"APPEND -> EXISTS in bare IDLE {rp[0] * 1000:.0f} ms", f"{dp[0] / rp[0]:.2f}")
    results.add("push: p95, semantic layer loaded (aim: under 1 s)", f"{dp[1] * 1000:.0f} ms", f"{rp[1] * 1000:.0f} ms", f"{dp[1] / rp[1]:.2f}")
    results.add("push: p99", f"{dp[2] * 1000:.0f} ms", f"{rp[2] * 1000:.0f} ms", f"{dp[2] / rp[2]:.2f}")


def _percentiles(values: list[float]) -> tuple[float, float, float]:
    ordered = sorted(values)
    q = statistics.quantiles(ordered, n=100, method="inclusive") if len(ordered) > 1 else [ordered[0]] * 99
    return q[49], q[94], q[98]


def _raw_idle_latencies(account: Account, samples: int) -> list[float]:
    watcher, writer = account.client(), account.client()
    latencies = []
    try:
        watcher.select_folder("INBOX", readonly=True)
        for n in range(samples):
            watcher.idle()
            time.sleep(0.05)
            started = time.perf_counter()
            writer.append("INBOX", notification(20_000_000 + n))
            while not any(isinstance(r, tuple) and len(r) > 1 and r[1] == b"EXISTS" for r in watcher.idle_check(timeout=10)):
                if time.perf_counter() - started > 10:
                    raise RuntimeError("bare IDLE session saw no EXISTS within 10 s")
            latencies.append(time.perf_counter() - started)
            watcher.idle_done()
    finally:
        for imap in (watcher, writer):
            try:
                imap.logout()
            except Exception:
                pass
    return latencies


def _daemon_push_latencies(account: Account, sink: SinkProcess, samples: int, workdir: Path) -> list[float]:
    db = workdir / "push.db"
    config = workdir / "push.json"
    config.write_text(json.dumps(_settings(db, account, sink.port)))
    env = {**os.environ, "DISPUTED_LOG_LEVEL": "WARNING"}
    code = "import json, sys; from disputed.bench.run import _serve; _serve(sys.argv[1])"
    daemon = subprocess.Popen([sys.executable, "-c", code, str(config)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    writer = account.client()
    latencies = []
    try:
        if not _wait_until(lambda: _table_ready(db), 30):
            raise RuntimeError(f"the daemon did not start:\n{_tail(daemon)}")
        time.sleep(1.5)  # connected, first pass done, waiting in IDLE
        reader = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
        # The first message is not timed: it may find the parsers still loading (the daemon
        # starts loading them at once, but their load can outlast the pause above).
        for n in range(-1, samples):
            before = _newest_pending(reader)
            started = time.perf_counter()
            writer.append("INBOX", notification(30_000_000 + n, only=DRAFTING))
            if not _wait_until(lambda: _newest_pending(reader) > before, 30, step=0.005):
                raise RuntimeError(f"no draft for pushed message {n} within 30 s:\n{_tail(daemon)}")
            if n >= 0:
                latencies.append(time.perf_counter() - started)
            time.sleep(0.25)  # back into IDLE before the next one
        reader.close()
    finally:
        try:
            writer.logout()
        except Exception:
            pass
        daemon.send_signal(signal.SIGTERM)
        try:
            daemon.wait(30)
        except subprocess.TimeoutExpired:
            daemon.kill()
            daemon.wait()
    return latencies


def _serve(config_path: str) -> None:
    """The daemon, as `disputed run --no-web` runs it, from the bench's JSON settings."""
    import logging

    from disputed.config.settings import Settings
    from disputed.daemon.runner import Daemon
    from disputed.store.db import make_engine

    logging.basicConfig(level=logging.WARNING)
    settings = Settings.model_validate(json.loads(Path(config_path).read_text()))
    Daemon(settings, make_engine(settings.database.url)).run_forever(web=False)


def _table_ready(db: Path) -> bool:
    if not db.exists():
        return False
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            conn.execute("SELECT count(*) FROM draft").fetchone()
        return True
    except sqlite3.Error:
        return False


def _newest_pending(conn: sqlite3.Connection) -> int:
    """The newest pending draft's id: what `disputed queue` would show first among the new."""
    return conn.execute("SELECT coalesce(max(id), 0) FROM draft WHERE status = 'PENDING'").fetchone()[0]


def _wait_until(predicate, timeout: float, step: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return False


def _tail(proc: subprocess.Popen) -> str:
    if proc.poll() is None:
        return "(still running)"
    return (proc.stderr.read() or "")[-2000:]


# -- send ----------------------------------------------------------------------------------
def _send(dovecot: BenchDovecot, sink: SinkProcess, options: Options, workdir: Path, results: Results, say) -> None:
    count = options.drafts
    say(f"send: {count} messages with a bare aiosmtplib loop, then {count} approved drafts with the sender ...")
    bare = _bare_send_rate(_approved_drafts(workdir / "send-bare.db", count), sink)
    plain = _sender_rate(workdir / "send.db", None, count, sink)
    filed = _sender_rate(workdir / "send-filed.db", dovecot.new_account("sent-copies"), count, sink)
    results.add(f"send {count:,} approved drafts", f"{plain:,.0f} msg/s", f"bare aiosmtplib loop {bare:,.0f} msg/s", f"{plain / bare:.2f}")
    results.add("  with a copy filed in Sent (IMAP APPEND)", f"{filed:,.0f} msg/s", f"{bare:,.0f} msg/s", f"{filed / bare:.2f}")


def _approved_drafts(db: Path, count: int, account: Account | None = None):
    from disputed.config.settings import Settings
    from disputed.store.db import make_engine, session_scope
    from disputed.store.models import Case, Draft, DraftStatus, utcnow
    from disputed.store.queue import text_digest

    settings = Settings.model_validate(_settings(db, account))
    engine = make_engine(settings.database.url)
    with session_scope(engine) as session:
        for n in range(count):
            case = Case(key=f"bench:{n}", platform="amazon", order_id=f"111-{n:07d}-0000000", kind="buyer_message", issue="not_received",
                        last_message_id=f"<in-{n}@marketplace.amazon.com>", references=f"<in-{n}@marketplace.amazon.com>")
            session.add(case)
            session.flush()
            draft = Draft(
                case_id=case.id, handler="bench", template="not_received_in_transit", to_addr=f"buyer{n:05d}@marketplace.amazon.com",
                subject=f"Re: your order 111-{n:07d}-0000000", body=_BODY.format(n=n), message_id=f"<bench-out-{n}@innoshop.test>",
                in_reply_to=case.last_message_id, references=case.references,
            )
            draft.status, draft.approved_by, draft.approved_at = DraftStatus.APPROVED, "bench", utcnow()
            draft.approved_sha256 = text_digest(draft)
            session.add(draft)
    return settings, engine


_BODY = """Hello,

thank you for your message about order {n}. Your parcel left our warehouse on time and is on its way;
the tracking shows it in transit. The promised delivery time for your destination has not passed yet,
so please allow a few more days. If it has not arrived by then, write to us and we will send a
replacement or refund you in full, whichever you prefer.

Kind regards,
Customer Service
"""


def _bare_send_rate(prepared, sink: SinkProcess) -> float:
    from sqlmodel import select

    from disputed.daemon.outgoing import build_raw, recipients
    from disputed.store.db import session_scope
    from disputed.store.models import Draft

    settings, engine = prepared
    with session_scope(engine) as session:
        messages = [(_send_message_object(build_raw(d, from_addr=FROM, instance="bare")), recipients(d.to_addr)) for d in session.exec(select(Draft).order_by(Draft.id))]

    async def loop() -> float:
        smtp = aiosmtplib.SMTP(hostname="127.0.0.1", port=sink.port, timeout=30)
        await smtp.connect()
        started = time.perf_counter()
        for message, rcpts in messages:
            await smtp.send_message(message, sender="support@innoshop.test", recipients=rcpts)
        elapsed = time.perf_counter() - started
        await smtp.quit()
        return len(messages) / elapsed

    sink.reset()
    rate = asyncio.run(loop())
    _check_sink(sink, len(messages))
    return rate


def _send_message_object(raw: bytes):
    """The sender's bytes as an EmailMessage whose headers are header objects, as in one built with
    the email package: what the bare loop has always handed to ``send_message``. (One parsed from
    bytes keeps source lines and parses each header again when flattened, which would make the
    baseline slower than it was.)"""
    import email
    from email import policy
    from email.message import EmailMessage

    parsed = email.message_from_bytes(raw, policy=policy.default)
    message = EmailMessage()
    for name, value in parsed.items():
        message[name] = value
    message.set_payload(parsed.get_payload())
    return message


def _sender_rate(db: Path, account: Account | None, count: int, sink: SinkProcess) -> float:
    from disputed.config.settings import Settings
    from disputed.daemon.sender import Sender
    from disputed.store.db import make_engine

    _approved_drafts(db, count, account)
    data = _settings(db, account, sink.port, extra={"smtp": {"file_in_sent": account is not None}})
    settings = Settings.model_validate(data)
    sender = Sender(settings, make_engine(settings.database.url))
    sink.reset()
    started = time.perf_counter()
    report = asyncio.run(sender.send_due())
    elapsed = time.perf_counter() - started
    sender.close()
    if report.sent != count:
        raise RuntimeError(f"the sender sent {report.sent} of {count}: {report}")
    _check_sink(sink, count)
    return count / elapsed


def _check_sink(sink: SinkProcess, expected: int) -> None:
    received, duplicates = sink.counts()
    if received != expected or duplicates:
        raise RuntimeError(f"the SMTP sink received {received} of {expected} messages, {duplicates} twice")


__all__ = ["Options", "Results", "format_results", "run_bench"]
