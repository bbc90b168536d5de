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
    source = open_source(mailbox)
    try:
        status = source.open()
        stored = ingest_new(engine, mailbox.name, source, status, batch_size=mailbox.batch_size)
    finally:
        source.close()
    ingested = time.perf_counter()
    usable.ingest_done()
    report = processor.drain()
    done = time.perf_counter()
    usable.stop()
    processor.close()  # the worker's peak memory is counted once it has ended
    print(json.dumps({
        "stored": stored.stored,
        "processed": report.processed,
        "quarantined": report.quarantined,
        "drafts": report.drafts,
        "ingest_seconds": ingested - started,
        "process_seconds": done - ingested,
        "seconds": done - started,
        "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "worker_maxrss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
        "usable_seconds": usable.seconds if usable.seconds is not None else done - started,
        "history": _count(settings.database.url, "SELECT count(DISTINCT case_id) FROM case_event WHERE type = 'history'"),
    }), flush=True)


class _UsableQueueWatch:
    """Polls the store, on a connection of its own, for the moment no live message waits any more."""

    POLL_SECONDS = 0.25

    def __init__(self, url: str, live_since: str | None, started: float) -> None:
        self.seconds: float | None = None
        self._path, self._since, self._started = url.removeprefix("sqlite:///"), live_since, started
        self._ingested, self._stopped = threading.Event(), threading.Event()
        if live_since is not None:
            threading.Thread(target=self._watch, name="usable-queue", daemon=True).start()

    def ingest_done(self) -> None:
        self._ingested.set()

    def stop(self) -> None:
        self._stopped.set()

    def _watch(self) -> None:
        since = self._since.replace("T", " ")[:19]  # as SQLite holds UTC times and enum names: "YYYY-MM-DD HH:MM:SS...", "NEW"
        query = "SELECT count(*) FROM message WHERE status = 'NEW' AND arrived_at >= ?"
        while not self._stopped.wait(self.POLL_SECONDS):
            if not self._ingested.is_set():
                continue  # a live message may not be stored yet
            if _count(f"sqlite:///{self._path}", query, (since,)) == 0:
                self.seconds = time.perf_counter() - self._started
                return


def _count(url: str, query: str, parameters: tuple = ()) -> int:
    with sqlite3.connect(url.removeprefix("sqlite:///"), timeout=30) as conn:
        return conn.execute(query, parameters).fetchone()[0]
