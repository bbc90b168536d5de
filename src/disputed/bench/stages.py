"""The parse stage and the processing stage on their own, on one machine's local disk, no servers.

- parse: ``parse_message`` on the benchmark's notifications, against the standard library's own
  reading of the same bytes (parsed with ``email``'s default policy, the body found and decoded):
  what any program that reads the mail pays. The ratio is what disputed's understanding costs on
  top of it.
- processing: the processor draining the same messages from a Maildir-fed SQLite store (parse in
  its worker, case, handler, draft), against ``parse_message`` alone in this process: the ratio
  says how much of the processing the writing of cases and drafts adds to the parse.

These are the figures that decide whether a shortcut in the parsers or in the writing of cases
and drafts earns its keep: each is measured with and without it, as ratios against the same run's
baseline (issue 16, closing note).
"""

from __future__ import annotations

import email
import email.policy
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from disputed.bench.corpus import TRUSTED_AUTHSERV, notifications

Add = Callable[..., None]
# The parse figures take the best of this many passes: the least disturbed by other work on the machine.
PASSES = 3


def measure(count: int, workdir: Path, add: Add, say: Callable[[str], None]) -> None:
    from disputed.config.settings import SecuritySettings
    from disputed.parsers import parse_message, warm_up

    raws = list(notifications(count))
    security = SecuritySettings(trusted_authserv_ids=[TRUSTED_AUTHSERV])
    say(f"stages: parsing {count:,} notifications, {PASSES} passes each way ...")
    warm_up()
    for raw in raws[:50]:
        parse_message(raw, security=security)
    parse, stdlib = _best_rates(raws, (lambda raw: parse_message(raw, security=security), _stdlib_read))
    add(f"parse {count:,} notifications (parse_message)", f"{parse:,.0f} msg/s", f"stdlib email read {stdlib:,.0f} msg/s", f"{parse / stdlib:.3f}")
    say(f"stages: processing {count:,} stored notifications ...")
    processing = _processing_rate(raws, Path(tempfile.mkdtemp(prefix="stages-", dir=workdir)))
    add(f"process {count:,} (parse in the worker + case + draft)", f"{processing:,.0f} msg/s", f"parse_message alone {parse:,.0f} msg/s", f"{processing / parse:.3f}")


def _best_rates(raws: list[bytes], readers: tuple[Callable[[bytes], object], ...]) -> list[float]:
    """Each reader's best rate over ``PASSES`` passes, the readers taking turns: a machine that is
    busier for a while slows them alike."""
    best = [float("inf")] * len(readers)
    for _ in range(PASSES):
        for index, read in enumerate(readers):
            started = time.perf_counter()
            for raw in raws:
                read(raw)
            best[index] = min(best[index], time.perf_counter() - started)
    return [len(raws) / seconds for seconds in best]


def _stdlib_read(raw: bytes) -> str:
    message = email.message_from_bytes(raw, policy=email.policy.default)
    body = message.get_body(("plain", "html"))
    try:
        return body.get_content() if body is not None else ""
    except (LookupError, ValueError):  # an unknown charset or a broken part: the reader gives up on the body
        return ""


def _processing_rate(raws: list[bytes], workdir: Path) -> float:
    from disputed.bench.run import _settings
    from disputed.config.settings import Settings
    from disputed.daemon.ingest import ingest_new
    from disputed.daemon.process import Processor
    from disputed.rendering import TemplateLibrary
    from disputed.sources import MaildirSource
    from disputed.store.db import make_engine

    maildir = workdir / "Maildir"
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True)
    for n, raw in enumerate(raws):
        (maildir / "new" / f"{n:07d}.bench.host").write_bytes(raw)
    data = _settings(workdir / "stages.db", None)
    data["mailbox"] = [{"name": "local", "source": "maildir", "path": str(maildir)}]
    settings = Settings.model_validate(data)
    engine = make_engine(settings.database.url)
    source = MaildirSource(maildir)
    ingest_new(engine, "local", source, source.open())
    processor = Processor(settings, engine, templates=TemplateLibrary.for_settings(settings))
    processor.start_parsing()  # the worker's start-up is the daemon's start, not the processing
    try:
        started = time.perf_counter()
        report = processor.drain()
        elapsed = time.perf_counter() - started
    finally:
        processor.close()
    if report.processed + report.quarantined != len(raws):
        raise RuntimeError(f"processing took {report.processed} + {report.quarantined} quarantined of {len(raws)}")
    return len(raws) / elapsed
