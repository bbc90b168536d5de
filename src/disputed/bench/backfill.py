"""One backfill, in a process of its own so that its peak memory is its own.

Run as ``python -c "from disputed.bench.backfill import main; main()" '<json>'``: it
stores and processes every message of one IMAP mailbox into a fresh SQLite file,
exactly as ``disputed run --once`` does for a mailbox (ingest in batches with the
checkpoint, then parse, case and draft), and prints one JSON line with the timings
and the peak resident memory of itself and of its parse worker.

With ``live_since`` (an ISO time) it also reports ``usable_seconds``: when every message
that reached the mailbox since then had been processed (drafted or held for a person),
the moment a seller connecting a mailbox with years of history has a queue to work.
"""

from __future__ import annotations

import json
import logging
import resource
import sqlite3
import sys
import threading
import time
from types import SimpleNamespace

from disputed.config.settings import Settings
from disputed.daemon.ingest import ingest_new
from disputed.daemon.process import Processor
from disputed.rendering import TemplateLibrary
from disputed.sources import open_source
from disputed.store.db import make_engine


def main() -> None:
    job = json.loads(sys.argv[1])
    logging.basicConfig(level=logging.WARNING)
    settings = Settings.model_validate(job["settings"])
    engine = make_engine(settings.database.url)
    mailbox = settings.mailbox[0]
    processor = Processor(settings, engine, templates=TemplateLibrary.for_settings(settings))
    processor.start_parsing()  # as the daemon does at its start: the worker's start-up is not the backfill's
    started = time.perf_counter()
    usable = _UsableQueueWatch(settings.database.url, job.get("live_since"), started)
    # As the daemon does: a first connection's recent mail is processed while the backlog is still being stored.
    drainer = _Drainer(processor) if job.get("live_since") else None
    source = open_source(mailbox)
    try:
        status = source.open()
        stored = ingest_new(engine, mailbox.name, source, status, batch_size=mailbox.batch_size,
                            on_recent_stored=(lambda report: (drainer.wake(), usable.live_stored())) if drainer else None)
    finally:
        source.close()
    ingested = time.perf_counter()
    ingest_peak_kb = peak_rss_kb()
    usable.live_stored()
    report = drainer.finish() if drainer else processor.drain()
    done = time.perf_counter()
    usable.stop()
    worker_peak_kb = peak_rss_kb(processor.parser.pid)  # read while the worker lives: its own high-water mark
    processor.close()
    print(json.dumps({
        "stored": stored.stored,
        "processed": report.processed,
        "quarantined": report.quarantined,
        "drafts": report.drafts,
        "ingest_seconds": ingested - started,
        "process_seconds": done - ingested,
        "seconds": done - started,
        "maxrss_kb": peak_rss_kb(),
        "ingest_maxrss_kb": ingest_peak_kb,
        "worker_maxrss_kb": worker_peak_kb if worker_peak_kb is not None else resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
        "usable_seconds": usable.seconds if usable.seconds is not None else done - started,
        "history": _count(settings.database.url, "SELECT count(DISTINCT case_id) FROM case_event WHERE type = 'history'"),
    }), flush=True)


def peak_rss_kb(pid: int | None = None) -> int | None:
    """A process's own peak resident memory (VmHWM), in kB; None for a process that is gone.

    Not ``getrusage``'s ``ru_maxrss``: Linux carries that over from the parent through fork and exec, so a
    process started by a big one reports the parent's peak when it is bigger than its own (the bench's
    process holds the parsers' models itself, and the backfill starts its worker)."""
    if pid is None:
        try:
            return _vm_hwm_kb("self")
        except OSError:  # no /proc: the rusage figure, an upper bound
            return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        return _vm_hwm_kb(str(pid))
    except OSError:
        return None


def _vm_hwm_kb(pid: str) -> int:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise OSError(f"no VmHWM for process {pid}")


class _Drainer:
    """Drains in a thread of its own whenever woken, like the daemon's processor thread; ``finish`` drains what is
    left once ingest is done and adds up the reports."""

    def __init__(self, processor: Processor) -> None:
        self.processor, self.reports = processor, []
        self._wanted, self._done = threading.Event(), threading.Event()
        self._thread = threading.Thread(target=self._run, name="drain", daemon=True)
        self._thread.start()

    def wake(self, _report=None) -> None:
        self._wanted.set()

    def finish(self) -> SimpleNamespace:
        self._done.set()
        self._wanted.set()
        self._thread.join()
        return SimpleNamespace(**{name: sum(getattr(r, name) for r in self.reports) for name in ("processed", "quarantined", "drafts")})

    def _run(self) -> None:
        while True:
            self._wanted.wait()
            self._wanted.clear()
            self.reports.append(self.processor.drain())
            if self._done.is_set() and not self._wanted.is_set():
                return


class _UsableQueueWatch:
    """Polls the store, on a connection of its own, for the moment no live message waits any more."""

    POLL_SECONDS = 0.25

    def __init__(self, url: str, live_since: str | None, started: float) -> None:
        self.seconds: float | None = None
        self._path, self._since, self._started = url.removeprefix("sqlite:///"), live_since, started
        self._live_stored, self._stopped = threading.Event(), threading.Event()
        if live_since is not None:
            threading.Thread(target=self._watch, name="usable-queue", daemon=True).start()

    def live_stored(self) -> None:
        """Every live message is in the store (the recent mail of a first connection is stored first)."""
        self._live_stored.set()

    def stop(self) -> None:
        self._stopped.set()

    def _watch(self) -> None:
        since = self._since.replace("T", " ")[:19]  # as SQLite holds UTC times and enum names: "YYYY-MM-DD HH:MM:SS...", "NEW"
        query = "SELECT count(*) FROM message WHERE status = 'NEW' AND arrived_at >= ?"
        while not self._stopped.wait(self.POLL_SECONDS):
            if not self._live_stored.is_set():
                continue  # a live message may not be stored yet
            if _count(f"sqlite:///{self._path}", query, (since,)) == 0:
                self.seconds = time.perf_counter() - self._started
                return


def _count(url: str, query: str, parameters: tuple = ()) -> int:
    with sqlite3.connect(url.removeprefix("sqlite:///"), timeout=30) as conn:
        return conn.execute(query, parameters).fetchone()[0]
