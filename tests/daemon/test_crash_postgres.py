"""The SIGKILL loop of tests/daemon/test_crash.py on PostgreSQL, the multi-instance store: two daemon processes share the
database and the mailbox, each run killed at a random point of ingest, processing or sending; every restart is a
new instance that must take the mailbox lease and the dead instances' claims over once they run out. Then the same
invariants: every message stored once, one case per order, every approved reply received once by Message-ID."""

from __future__ import annotations

import os
import random
import signal
import time

import pytest
from sqlmodel import select

from disputed.store.db import make_engine, session_scope
from disputed.store.models import CaseEvent
from tests.daemon.test_crash import (
    approve_pending, assert_nothing_lost_nothing_twice, buyer_message, finish_unharmed, settled, start_daemon, write_config,
)

KILLS = int(os.environ.get("DISPUTED_PG_CRASH_KILLS", "15"))
INSTANCES = 2  # daemons running side by side in each round


def pg_config(tmp_path, pg_url, imap, smtp, instance: str):
    """The crash test's configuration, with a short SMTP timeout: a dead instance's send claim lasts
    twice that long before another instance may reconcile it."""
    path = write_config(tmp_path / f"{instance}.toml", pg_url, imap, smtp, instance=instance)
    text = path.read_text(encoding="utf-8").replace("retry_cap_seconds = 0.5", "retry_cap_seconds = 0.5\ntimeout_seconds = 3")
    path.write_text(text, encoding="utf-8")
    return path


def wait_for_kill(rng: random.Random, engine, smtp_server, mid_send: bool) -> bool:
    """A random moment of a run (startup takes ~0.5 s, so kills land in ingest, processing and sending),
    or, with ``mid_send``, the moment the SMTP server takes a message: what the running instances drafted
    is approved while they run, and the kill lands while that batch is being sent."""
    if not mid_send:
        time.sleep(rng.uniform(0.3, 2.0))
        return False
    before = len(smtp_server.messages)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and len(smtp_server.messages) == before:
        approve_pending(engine)
        time.sleep(0.005)
    return len(smtp_server.messages) > before


@pytest.mark.slow
def test_sigkill_loop_on_postgres_loses_nothing_and_sends_nothing_twice(tmp_path, pg_url, imap_account, smtp_server):
    rng = random.Random(int(os.environ.get("DISPUTED_CRASH_SEED", "20261122")))
    engine = make_engine(pg_url)
    log = tmp_path / "daemons.log"
    appended = kills = rounds = sends_killed = 0
    while kills < KILLS:
        for _ in range(rng.randint(2, 8)):  # new mail keeps arriving between crashes
            imap_account.append(buyer_message(appended))
            appended += 1
        mid_send = rounds % 2 == 1  # every other round is killed mid-send, the others at a random moment
        if not mid_send:
            approve_pending(engine)
        procs = []
        for n in range(INSTANCES):  # a fresh instance id each time, as a restarted service gets
            config = pg_config(tmp_path, pg_url, imap_account, smtp_server, f"pg-{rounds}-{n}")
            procs.append(start_daemon(config, log))
        rounds += 1
        sends_killed += wait_for_kill(rng, engine, smtp_server, mid_send)
        for proc in rng.sample(procs, len(procs)):
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            kills += 1
            time.sleep(rng.uniform(0.0, 0.4))

    # A last, unharmed instance takes over once the dead instances' lease and claims run out.
    finish_unharmed(pg_config(tmp_path, pg_url, imap_account, smtp_server, "pg-final"), log, engine, appended)

    assert settled(engine, appended), log.read_text()[-3000:]
    sent, unknown, received = assert_nothing_lost_nothing_twice(engine, imap_account, smtp_server, appended)
    assert sent, "the loop should send replies, not only ingest"
    with session_scope(engine) as session:
        recoveries = session.exec(select(CaseEvent.type, CaseEvent.detail).where(CaseEvent.type.in_(["send_resumed", "outcome_unknown", "sent"]))).all()
    resumed = sum(1 for kind, _ in recoveries if kind == "send_resumed")
    found_in_sent = sum(1 for kind, detail in recoveries if kind == "sent" and "found in Sent" in detail)
    unknown_received = sum(1 for d in unknown if d.message_id in received)
    print(f"\nPostgreSQL crash loop: {kills} kills survived ({rounds} rounds of {INSTANCES} instances, {sends_killed} "
          f"killed while a batch was being sent), {appended} messages "
          f"checked, {len(sent)} replies sent once, {len(unknown)} outcome-unknown shown to operators ({unknown_received} of them had reached the server), "
          f"0 duplicates; {resumed} sends resumed after a kill before DATA, {found_in_sent} settled from the Sent folder")
