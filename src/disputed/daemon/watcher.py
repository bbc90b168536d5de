"""A mailbox watcher: connect, ingest what is new, process it, wait for more.

It waits with IMAP IDLE where the server offers it (re-issued before the 29-minute
limit of RFC 2177) and sleeps ``poll_seconds`` otherwise. A dead server is retried
with capped exponential back-off; nothing is lost because nothing advances until
it is stored. ``stop()`` ends the watcher gracefully: a batch being fetched is stored
and checkpointed first, the next one is left for whoever watches the mailbox next.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable

from sqlalchemy.engine import Engine

from disputed import metrics
from disputed.store.workqueue import backoff_seconds
from disputed.config.settings import DaemonSettings, MailboxSettings
from disputed.daemon.ingest import IngestReport, LeaseLost, ingest_new
from disputed.sources import SourceAuthError, SourceError, open_source
from disputed.store.health import LOGIN, UNREACHABLE, HealthRecorder, mailbox_component

log = logging.getLogger(__name__)

# A server tells an IDLE client nothing about a folder that was deleted and recreated (a new
# UIDVALIDITY) or a connection that silently died; only the next command shows it. So IDLE is
# left and the folder re-examined at least this often, however long idle_renew_seconds is.
IDLE_CHECK_SECONDS = 120.0


class Stopped(Exception):
    """stop() was called while a pass had batches left to fetch."""


class MailboxWatcher:
    def __init__(self, mailbox: MailboxSettings, engine: Engine, daemon: DaemonSettings, *, holder: str | None, on_stored: Callable[[IngestReport], None]) -> None:
        self.mailbox = mailbox
        self.engine = engine
        self.daemon = daemon
        self.holder = holder
        self.on_stored = on_stored
        self.stop_event = threading.Event()
        self.failures = 0
        self.source = None  # the open source, while a session runs (for status and tests)
        self.busy = False  # in a pass (fetching, storing), rather than waiting for mail
        self.health = HealthRecorder(engine)
        self.component = mailbox_component(mailbox.name)
        self.sessions = 0  # every one after the first is a reconnect (counted for /metrics)

    def stop(self) -> None:
        self.stop_event.set()

    def run(self) -> None:
        """Until stopped: one connected session after another, backing off between failures."""
        while not self.stop_event.is_set():
            try:
                self._session()
                self.failures = 0
            except Stopped:
                return
            except LeaseLost as exc:
                log.warning("%s", exc)
                return
            except SourceAuthError as exc:
                self._record_failure(exc, LOGIN)
                self._back_off(exc, floor=self.daemon.auth_retry_seconds)
            except (SourceError, OSError) as exc:
                self._record_failure(exc, UNREACHABLE)
                self._back_off(exc)
            except Exception as exc:  # the store failing, or a bug: back off and try again, never die silently
                log.exception("%s: unexpected failure", self.mailbox.name)
                self._back_off(exc)

    def _record_failure(self, exc: Exception, problem: str) -> None:
        """The failure goes where operators look (/healthz, the page, notifications), not only in the log;
        the store being down too must not turn a mailbox failure into a crash of the watcher."""
        try:
            if self.health.failed(self.component, _gist(exc), problem):
                log.error("%s: %s failure: %s", self.mailbox.name, problem, exc)
        except Exception:
            log.exception("%s: could not record the mailbox's failure", self.mailbox.name)

    def _back_off(self, exc: Exception, floor: float = 0.0) -> None:
        self.failures += 1
        delay = backoff_seconds(self.failures, self.daemon.reconnect_base_seconds, self.daemon.reconnect_cap_seconds)
        delay = max(floor, delay * random.uniform(0.7, 1.0))
        # A refused login repeats itself for as long as nobody fixes it: _record_failure said so
        # once, when it began or changed; each retry is no news.
        quiet = isinstance(exc, SourceAuthError)
        log.log(logging.DEBUG if quiet else logging.WARNING, "%s: %s; retrying in %.1fs (failure %d)", self.mailbox.name, exc, delay, self.failures)
        self.stop_event.wait(delay)

    def _session(self) -> None:
        self.sessions += 1
        if self.sessions > 1:
            metrics.MAILBOX_RECONNECTS.labels(self.mailbox.name).inc()
        source = self.source = open_source(self.mailbox)
        self._stop_between_batches(source)
        try:
            status = source.open()
            log.info("%s: connected (UIDVALIDITY %s, %s messages)", self.mailbox.name, status.uidvalidity, status.exists)
            while not self.stop_event.is_set():
                self._pass(source, status)
                # Only a completed pass proves the server healthy: a session that fails after login
                # every time must keep backing off, not retry at the base delay forever.
                self.failures = 0
                if self.stop_event.is_set():
                    break
                self._wait(source)
                status = source.refresh()  # UIDVALIDITY may have changed while we waited
        finally:
            self.source = None
            source.close()

    def _stop_between_batches(self, source) -> None:
        """Ingest asks the source for one batch at a time and commits each before asking
        again; once stopped, the next request ends the pass instead."""
        fetch = source.fetch

        def fetch_unless_stopped(positions):
            if self.stop_event.is_set():
                raise Stopped(self.mailbox.name)
            return fetch(positions)

        source.fetch = fetch_unless_stopped  # on the instance: ingest still sees the source's own type

    def _pass(self, source, status) -> None:
        self.busy = True
        try:
            report = ingest_new(self.engine, self.mailbox.name, source, status, batch_size=self.mailbox.batch_size, holder=self.holder,
                                on_recent_stored=self.on_stored)
        finally:
            self.busy = False
        if report.stored or report.rematched:
            log.info("%s: stored %d new message(s)%s", self.mailbox.name, report.stored, f", re-matched {report.rematched}" if report.rematched else "")
        if self.health.ok(self.component):
            log.info("%s: syncing again", self.mailbox.name)
        self.on_stored(report)

    def _wait(self, source) -> None:
        if self.mailbox.source == "maildir":
            source.wait_for_change(self.mailbox.poll_seconds, self.stop_event)  # notices new files itself
        elif self.mailbox.idle and source.supports_idle:
            source.wait_for_change(min(self.daemon.idle_renew_seconds, IDLE_CHECK_SECONDS), self.stop_event)
        else:
            self.stop_event.wait(self.mailbox.poll_seconds)


def _gist(exc: Exception) -> str:
    """What an error is about, without parts that change while its cause does not (an OAuth
    grant's countdown), so that a repeat is not taken for news."""
    return str(getattr(exc, "reason", None) or exc)
