"""Parsing a backlog in worker processes gives exactly what parsing in-process gives."""

from __future__ import annotations

from sqlmodel import select

from disputed.bench.corpus import notifications
from disputed.daemon.ingest import ingest_new
from disputed.daemon.process import POOL_THRESHOLD, Processor
from disputed.sources import MaildirSource
from disputed.store.db import make_engine, session_scope
from disputed.store.models import Case, Draft, MessageStatus, StoredMessage
from tests.support import settings_for


def _backfill(tmp_path, name: str, workers: int, count: int):
    maildir = tmp_path / name / "Maildir"
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True)
    for n, raw in enumerate(notifications(count)):
        (maildir / "new" / f"{n:06d}.bench.host").write_bytes(raw)
    settings = settings_for(tmp_path / name, extra={
        "mailbox": [{"name": "local", "source": "maildir", "path": str(maildir)}],
        "security": {"trusted_authserv_ids": ["mx.seller-mail.test"]},
        "daemon": {"process_batch": 100},
    })
    engine = make_engine(settings.database.url)
    source = MaildirSource(maildir)
    ingest_new(engine, "local", source, source.open())
    report = Processor(settings, engine, parse_workers=workers).drain()
    with session_scope(engine) as session:
        messages = session.exec(select(StoredMessage.source_key, StoredMessage.status, StoredMessage.kind, StoredMessage.platform, StoredMessage.parsed).order_by(StoredMessage.source_key)).all()
        cases = sorted(session.exec(select(Case.key, Case.kind, Case.issue)).all())
        drafts = sorted(session.exec(select(Draft.template, Draft.language, Draft.to_addr, Draft.status)).all())
    return report, messages, cases, drafts


def test_worker_processes_parse_like_the_daemon_itself(tmp_path):
    count = 3 * POOL_THRESHOLD + 7  # several batches big enough for the workers
    alone = _backfill(tmp_path, "alone", 0, count)
    pooled = _backfill(tmp_path, "pooled", 2, count)
    assert pooled[0].processed == alone[0].processed == count
    assert pooled[0].drafts == alone[0].drafts > 0
    assert {status for _, status, *_ in pooled[1]} == {MessageStatus.PROCESSED}
    strip = lambda rows: [(key, kind, platform, {k: v for k, v in parsed.items() if k != "received_at"}) for key, _, kind, platform, parsed in rows]
    assert strip(pooled[1]) == strip(alone[1])
    assert pooled[2] == alone[2] and pooled[3] == alone[3]
