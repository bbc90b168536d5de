"""The daemon parses in a worker process of its own, which is stopped when a parse takes too long.

What each test would catch: a worker that does not really parse (the results are compared with
``parse_message``'s own, and the daemon's process is forbidden to parse at all), a dead worker
that is not replaced, a worker that cannot start being hidden by parsing in-process, a time limit
that is only noticed after the parse, and a claim that lapses while a batch is parsed.

The slow message is real work, not a fake parser: a legal 2 MB HTML mail (as much as the HTML
converter takes) whose parse takes a few tenths of a second, with a ``From`` header that makes the
parsers' address pattern slow for minutes as long as that pattern backtracks. The tests set
``parse_seconds`` to 0.1 s, so the parse is stopped by the limit whichever of the two makes it
slow, and stays so once the pattern is made linear.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from sqlmodel import select

import disputed.parsers
from disputed.bench.corpus import notifications
from disputed.config.settings import SecuritySettings
from disputed.daemon.ingest import ingest_new
from disputed.daemon.parseworker import ParseWorker, ParseWorkerError, stopped_reason
from disputed.daemon.process import Processor
from disputed.rendering import TemplateLibrary
from disputed.parsers import parse_message
from disputed.sources import MaildirSource
from disputed.store.db import make_engine, session_scope
from disputed.store.models import DraftStatus, MessageStatus, StoredMessage
from disputed.store.queue import QueueFilter, list_queue
from tests.servers.net import free_port
from tests.support import config_file, sample, settings_for

TRUSTED = "mx.seller-mail.test"  # the bench corpus's border MTA
LIMIT = 0.1  # parse_seconds in the slow-message tests


def slow_mail(n: int) -> bytes:
    """A legal 2 MB HTML mail whose parse takes well over ``LIMIT``."""
    rows = "".join(f"<p>row {i}: the parcel arrived broken, I would like a refund</p>" for i in range(31_000))
    return (
        "From: a" + " " * 250_000 + "b\r\n"
        f"To: support@innoshop.test\r\nSubject: slow {n}\r\nMessage-ID: <slow-{n}@example.test>\r\n"
        "Date: Mon, 07 Dec 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        f"<html><body>{rows}</body></html>\r\n"
    ).encode()


def _maildir(tmp_path: Path, raws: list[bytes], **daemon) -> tuple:
    maildir = tmp_path / "Maildir"
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True)
    for n, raw in enumerate(raws):
        (maildir / "new" / f"{n:06d}.test.host").write_bytes(raw)
    settings = settings_for(tmp_path, extra={
        "mailbox": [{"name": "local", "source": "maildir", "path": str(maildir)}],
        "security": {"trusted_authserv_ids": [TRUSTED], "parse_seconds": daemon.pop("parse_seconds", 10.0)},
        "daemon": {"process_batch": 50, **daemon},
    })
    engine = make_engine(settings.database.url)
    source = MaildirSource(maildir)
    ingest_new(engine, "local", source, source.open())
    return settings, engine


def _messages(engine) -> list[StoredMessage]:
    with session_scope(engine) as session:
        return list(session.exec(select(StoredMessage).order_by(StoredMessage.id)).all())


def _forbid_parsing_here(monkeypatch) -> None:
    """The test's own process (the daemon's) must not parse: only the worker may."""
    def refuse(*_args, **_kwargs):
        raise AssertionError("parsed in the daemon's own process")

    monkeypatch.setattr(disputed.parsers, "_parse", refuse)


def _without_received_at(parsed: dict) -> dict:
    return {key: value for key, value in parsed.items() if key != "received_at"}


def test_the_worker_process_parses_exactly_what_parse_message_gives(tmp_path, monkeypatch):
    raws = list(notifications(130))
    security = SecuritySettings(trusted_authserv_ids=[TRUSTED])
    disputed.parsers.warm_up()  # as the worker does: the models' loading is not a parse (nor within its time limit)
    expected = [_without_received_at(parse_message(raw, security=security).public_dict()) for raw in raws]
    settings, engine = _maildir(tmp_path, raws)
    _forbid_parsing_here(monkeypatch)
    processor = Processor(settings, engine, templates=TemplateLibrary.for_settings(settings))
    try:
        report = processor.drain()
        worker = processor.parser.pid
        assert worker is not None and worker != os.getpid() and Path(f"/proc/{worker}").exists()
    finally:
        processor.close()
    assert report.processed == len(raws) and report.drafts > 0
    rows = _messages(engine)
    assert {row.status for row in rows} == {MessageStatus.PROCESSED}
    assert [_without_received_at(row.parsed) for row in rows] == expected
    assert not Path(f"/proc/{worker}").exists() or _state(worker) == "Z", "the worker outlived close()"


def test_with_the_semantic_layer_off_the_worker_reads_with_the_lexicons_alone(tmp_path, monkeypatch):
    """``[parsing] semantic = false`` reaches the worker: its readings of buyer words are the lexicon's, below the
    triage threshold (the daemon's process parses nothing, as above)."""
    from disputed.parsers.classify import LEXICON_ONLY_CONFIDENCE

    raws = list(notifications(60))
    settings, engine = _maildir(tmp_path, raws)
    settings = settings.model_copy(update={"parsing": settings.parsing.model_copy(update={"semantic": False})})
    _forbid_parsing_here(monkeypatch)
    processor = Processor(settings, engine, templates=TemplateLibrary.for_settings(settings))
    try:
        processor.drain()
    finally:
        processor.close()
    read = [row.parsed for row in _messages(engine) if row.parsed and row.parsed.get("confidence") is not None]
    from_words = [p for p in read if p["confidence"] < 1.0]
    assert from_words and all(p["confidence"] <= LEXICON_ONLY_CONFIDENCE for p in from_words)


def test_a_killed_worker_is_replaced_and_no_message_pays_for_it(tmp_path, monkeypatch):
    raws = list(notifications(120))
    settings, engine = _maildir(tmp_path, raws)
    _forbid_parsing_here(monkeypatch)
    processor = Processor(settings, engine, templates=TemplateLibrary.for_settings(settings))
    try:
        first = processor.drain(max_batches=1)
        killed = processor.parser.pid
        os.kill(killed, signal.SIGKILL)
        _wait(lambda: _ended_child(killed))
        rest = processor.drain()
        assert processor.parser.pid not in (None, killed)
    finally:
        processor.close()
    assert first.processed == 50 and rest.processed == 70
    assert {(row.status, row.attempts) for row in _messages(engine)} == {(MessageStatus.PROCESSED, 1)}


def test_a_worker_that_cannot_start_is_an_error_not_a_fall_back(tmp_path, monkeypatch):
    settings, engine = _maildir(tmp_path, list(notifications(10)))
    _forbid_parsing_here(monkeypatch)
    processor = Processor(settings, engine, templates=TemplateLibrary.for_settings(settings))
    processor.parser = ParseWorker(settings.security, command=[sys.executable, "-c", "pass"])  # exits at once
    with pytest.raises(ParseWorkerError, match="ended as it started"):
        processor.drain()
    assert {row.status for row in _messages(engine)} == {MessageStatus.NEW}  # nothing lost, nothing parsed here
    processor.parser = ParseWorker(settings.security)
    processor.release_claims()
    try:
        assert processor.drain().processed == 10
    finally:
        processor.close()


@pytest.mark.slow
def test_a_parse_over_the_limit_is_stopped_quarantined_and_never_claimed_again(tmp_path, monkeypatch):
    """Five slow messages cost five stopped workers and their replacements, several times the
    claim time (2 s): the claims are renewed meanwhile, so an instance draining beside this one
    never takes (and parses) any of the batch a second time."""
    normal = list(notifications(2))
    count = 5
    slow = [slow_mail(n) for n in range(count)]
    settings, engine = _maildir(tmp_path, [normal[0], *slow, normal[1]], lease_seconds=2, parse_seconds=LIMIT)
    _forbid_parsing_here(monkeypatch)
    processor = Processor(settings, engine, templates=TemplateLibrary.for_settings(settings), instance="one")
    other = Processor(settings, engine, templates=TemplateLibrary.for_settings(settings), instance="other")
    other.start_parsing()
    done = threading.Event()
    taken_by_other = []

    def drain_beside() -> None:
        _wait(lambda: _claimed_by(engine) == {"one"})  # the batch is claimed: from now on, would it be taken again?
        while not done.is_set():
            report = other.drain()
            taken_by_other.append(report.processed + report.quarantined + report.failed)
            time.sleep(0.2)

    beside = threading.Thread(target=drain_beside)
    beside.start()
    started = time.monotonic()
    try:
        report = processor.drain()
        restarts = processor.parser.restarts
    finally:
        done.set()
        beside.join()
        processor.close()
        other.close()
    elapsed = time.monotonic() - started
    assert elapsed > 2 * settings.daemon.lease_seconds, f"the batch took only {elapsed:.1f}s: it did not outlast the claim"
    assert (report.processed, report.quarantined, restarts) == (2, count, count)
    assert sum(taken_by_other) == 0
    rows = _messages(engine)
    assert [(row.status, row.attempts, row.claimed_by) for row in rows] == [(MessageStatus.PROCESSED, 1, None)] + [(MessageStatus.QUARANTINED, 1, None)] * count + [(MessageStatus.PROCESSED, 1, None)]
    assert {row.error for row in rows[1:-1]} == {stopped_reason(LIMIT)}


@pytest.mark.slow
def test_while_a_slow_message_is_parsed_the_daemon_answers_and_quarantines_it_once(tmp_path, imap_account):
    """``disputed run`` on real Dovecot: /healthz answers within a second from delivery to quarantine,
    the message is quarantined with the reason after one attempt (``disputed quarantine list``), and
    mail delivered afterwards is parsed by the replacement worker."""
    port = free_port()
    database = tmp_path / "disputed.db"
    config = config_file(tmp_path, imap=imap_account, trusted="mx.demo.test", mailbox={"poll_seconds": 3600}, sections={
        "security": {"parse_seconds": LIMIT},
        "daemon": {"instance_id": "parse-limit", "lease_seconds": 2},
        "web": {"enabled": True, "port": port},
    })
    log = tmp_path / "daemon.log"
    with log.open("wb") as sink:
        daemon = subprocess.Popen([sys.executable, "-m", "disputed", "--config", str(config), "run"], stdout=sink, stderr=sink)
    url = f"http://127.0.0.1:{port}/healthz"
    engine = make_engine(f"sqlite:///{database}")
    try:
        _wait(lambda: _answers(url) is not None, patience=60)
        _wait(lambda: _workers(daemon.pid), patience=60)  # warmed at the start
        first_worker = _workers(daemon.pid)
        imap_account.append(slow_mail(1))
        latencies = []
        while not _quarantined(engine):
            assert daemon.poll() is None, log.read_text()[-3000:]
            assert len(latencies) < 1200, "the slow message was never quarantined"
            latencies.append(_answers(url))
            time.sleep(0.05)
        for _ in range(10):  # and while the stopped worker is replaced
            latencies.append(_answers(url))
            time.sleep(0.05)
        assert None not in latencies and max(latencies) < 1.0, f"/healthz answered in up to {max(t or 99 for t in latencies):.2f}s"
        print(f"\n/healthz asked {len(latencies)} times from delivery until the worker was replaced: slowest answer {max(latencies) * 1000:.0f} ms")
        imap_account.append(sample("02-buyer-not-received.eml"))
        _wait(lambda: _pending_drafts(engine) == 1, patience=60)
        last_worker = _workers(daemon.pid)
        assert last_worker and last_worker != first_worker
    finally:
        daemon.send_signal(signal.SIGTERM)
        daemon.wait(timeout=60)
    _wait(lambda: all(_state(pid) in ("Z", None) for pid in last_worker))  # the worker ends with the daemon
    [entry] = [json.loads(line) for line in _cli(config, "quarantine", "list", "--json").splitlines() if line.strip()]
    assert entry["reason"] == stopped_reason(LIMIT) and entry["attempts"] == 1
    assert stopped_reason(LIMIT) in _cli(config, "quarantine", "show", str(entry["id"]))
    assert f"parse worker {first_worker[0]} ended while parsing a message" in log.read_text()


# -- helpers ------------------------------------------------------------------------------------
def _wait(predicate, patience: float = 20.0) -> None:
    deadline = time.monotonic() + patience
    while not predicate():
        assert time.monotonic() < deadline, "waited in vain"
        time.sleep(0.05)


def _state(pid: int) -> str | None:
    """The process's state letter (Z: ended, not yet reaped), or None when it is gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return None


def _ended_child(pid: int) -> bool:
    """Whether our child has ended, all its threads included, leaving it to be reaped by its owner
    (/proc shows a killed leader as a zombie while its other threads may still be exiting)."""
    return os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None


def _workers(pid: int) -> list[int]:
    """The running children of a process (the daemon's parse worker)."""
    children = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        children += [int(child) for child in task.read_text().split()]
    return sorted(child for child in children if _state(child) not in ("Z", None))


def _cli(config: Path, *args: str) -> str:
    return subprocess.run([sys.executable, "-m", "disputed", "--config", str(config), *args], capture_output=True, text=True, check=True).stdout


def _answers(url: str) -> float | None:
    """Seconds /healthz took to answer (its verdict aside: a 503 says a component fails, which
    the test mailbox's account may well do), or None when it did not answer."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            response.read()
    except urllib.error.HTTPError as refusal:
        refusal.read()
    except OSError:
        return None
    return time.monotonic() - started


def _quarantined(engine) -> bool:
    with session_scope(engine) as session:
        return session.exec(select(StoredMessage.id).where(StoredMessage.status == MessageStatus.QUARANTINED)).first() is not None


def _claimed_by(engine) -> set[str | None]:
    with session_scope(engine) as session:
        return set(session.exec(select(StoredMessage.claimed_by)).all())


def _pending_drafts(engine) -> int:
    with session_scope(engine) as session:
        return len(list_queue(session, flt=QueueFilter(statuses=(DraftStatus.PENDING,))))
