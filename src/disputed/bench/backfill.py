"""One backfill, in a process of its own so that its peak memory is its own.

Run as ``python -c "from disputed.bench.backfill import main; main()" '<json>'``: it
stores and processes every message of one IMAP mailbox into a fresh SQLite file,
exactly as ``disputed run --once`` does for a mailbox (ingest in batches with the
checkpoint, then parse, case and draft), and prints one JSON line with the timings
and the peak resident memory of itself and of its parse worker.
"""

from __future__ import annotations

import json
import logging
import resource
import sys
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
    source = open_source(mailbox)
    try:
        status = source.open()
        stored = ingest_new(engine, mailbox.name, source, status, batch_size=mailbox.batch_size)
    finally:
        source.close()
    ingested = time.perf_counter()
    report = processor.drain()
    done = time.perf_counter()
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
    }), flush=True)
