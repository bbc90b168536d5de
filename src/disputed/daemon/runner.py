"""The daemon: APScheduler runs the watchers, the processor, the sender and the sweeps."""

from __future__ import annotations

import asyncio
import logging
import random
import signal
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy.engine import Engine

from disputed import metrics
from disputed.alerts import Notifier, PassReport as AlertReport
from disputed.config.settings import ConfigError, MailboxSettings, Settings, channel_problems, check_secrets, insecure_transports
from disputed.daemon import leases
from disputed.daemon.ingest import IngestReport, ingest_new
from disputed.daemon.parseworker import ParseWorkerError
from disputed.daemon.process import ProcessReport, Processor
from disputed.daemon.sender import Sender, SendReport
from disputed.daemon.sweep import SweepReport, sweep
from disputed.daemon.watcher import MailboxWatcher
from disputed.oauth.tokens import install_keeper
from disputed.parsers import semantic
from disputed.rendering import TemplateLibrary
from disputed.sources import SourceAuthError, SourceError, open_source
from disputed.store import health
from disputed.store.db import is_postgres

log = logging.getLogger(__name__)


class _StillRunningIsNormal(logging.Filter):
    """A tick that finds the job's last run still going (a long send, a big drain) is skipped by
    design (``max_instances = 1``); APScheduler would warn about it on every tick."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "maximum number of running instances reached" not in record.getMessage()


logging.getLogger("apscheduler.scheduler").addFilter(_StillRunningIsNormal())

# Leases are tended (renewed, balanced) every third of the lease time, and at least this often, so a
# mailbox handed over at a join is picked up within seconds even with a long lease.
MAX_LEASE_TICK = 5.0
# An instance starting with others at the same moment waits this long (at most one tick) after its
# first heartbeat before taking mailboxes, so none of them takes every mailbox only to hand most back.
JOIN_SECONDS = 1.0
# A mailbox taken beyond the share because it stayed free, handed back and taken again for the same
# reason within this many lease times, is kept that long: whoever should take it is not taking it.
RESCUE_HOLD = 10
# How often, at most, the newest notices are checked for failing authentication (see _warn_if_notices_fail_authentication).
AUTHENTICATION_CHECK_SECONDS = 60.0


@dataclass
class PassReport:
    ingested: dict[str, IngestReport] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    processed: ProcessReport = field(default_factory=ProcessReport)
    sent: SendReport = field(default_factory=SendReport)
    swept: SweepReport = field(default_factory=SweepReport)
    alerts: AlertReport = field(default_factory=AlertReport)


class Daemon:
    def __init__(self, settings: Settings, engine: Engine, *, templates: TemplateLibrary | None = None) -> None:
        check_secrets(settings)
        problems = channel_problems(settings)
        if problems:
            raise ConfigError("\n".join(problems))
        install_keeper(settings, engine)  # OAuth mailboxes log in with its tokens
        for warning in insecure_transports(settings):
            log.warning("insecure connection: %s", warning)
        self.settings = settings
        self.engine = engine
        semantic.configure(settings.parsing.semantic)  # this process's own readings too (an operator's re-parse)
        self.instance = settings.daemon.instance_id
        self.templates = templates or TemplateLibrary.for_settings(settings)  # the process's one library, handed down
        self.processor = Processor(settings, engine, instance=self.instance, templates=self.templates)
        self.sender = Sender(settings, engine, instance=self.instance)
        self.health = health.HealthRecorder(engine)
        self.notifier = Notifier(settings, engine, instance=self.instance)
        self.authentication_said: str | None = None
        self.authentication_checked = -AUTHENTICATION_CHECK_SECONDS  # monotonic time of the last check
        self.shared = is_postgres(engine)  # several instances may share a PostgreSQL store
        self.stop_event = threading.Event()
        self.watchers: dict[str, tuple[MailboxWatcher, threading.Thread]] = {}
        self.lock = threading.RLock()  # the watchers, their leases and the "watching" list change together
        d = settings.daemon
        self.lease_tick = min(max(1.0, d.lease_seconds / 3), MAX_LEASE_TICK)  # three renewals per lease at least
        self.grace_seconds = 2 * self.lease_tick
        self.handing_off: set[str] = set()  # held, its watcher finishing its batch; released when it ends
        self.free_since: dict[str, float] = {}  # free mailboxes, since when (monotonic) we have seen them free
        self.rescued_at: dict[str, float] = {}  # taken over our share because it stayed free; when, last
        self.kept: dict[str, float] = {}  # rescued twice running: not handed back again for a while; since when
        self.drain_wanted = threading.Event()
        self.drainer = threading.Thread(target=self._drain_when_asked, name="drain", daemon=True)
        self.scheduler: BackgroundScheduler | None = None
        self.web = None
        leases.ensure_rows(engine, [m.name for m in settings.mailbox])

    # -- one pass, for cron and tests -----------------------------------------------
    def run_once(self) -> PassReport:
        report = PassReport()
        self._start_clean()
        for mailbox in self.settings.mailbox:
            component = health.mailbox_component(mailbox.name)
            try:
                report.ingested[mailbox.name] = self._ingest_once(mailbox)
                self.health.ok(component)
            except SourceError as exc:
                report.errors[mailbox.name] = str(exc)
                log.error("%s: %s", mailbox.name, exc)
                self.health.failed(component, str(exc), health.LOGIN if isinstance(exc, SourceAuthError) else health.UNREACHABLE)
            except Exception as exc:  # one mailbox's failure (e.g. the store refusing a batch) must not end the pass
                report.errors[mailbox.name] = f"{type(exc).__name__}: {exc}"
                log.exception("%s: ingest failed", mailbox.name)
        try:
            report.processed = self.processor.drain()
        except ParseWorkerError as exc:  # nothing can be parsed: said, and the rest of the pass still runs
            report.errors["parse worker"] = str(exc)
            log.error("%s", exc)
        if report.processed.processed:
            self._warn_if_notices_fail_authentication()
        report.sent = asyncio.run(self.sender.send_due())
        metrics.count_sends(report.sent.sent, report.sent.failed, report.sent.deferred, report.sent.unknown)
        self.sender.file_unfiled()
        report.swept = sweep(self.settings, self.engine, self.templates)
        report.alerts = self.notifier.run_pass()
        self.sender.close()
        self.processor.close()
        return report

    def _ingest_once(self, mailbox: MailboxSettings) -> IngestReport:
        holder = self.instance if self.shared else None
        if holder and not leases.acquire(self.engine, mailbox.name, holder, self.settings.daemon.lease_seconds):
            log.info("%s: held by another instance; skipped", mailbox.name)
            return IngestReport(mailbox=mailbox.name)
        source = open_source(mailbox)
        try:
            status = source.open()
            return ingest_new(self.engine, mailbox.name, source, status, batch_size=mailbox.batch_size, holder=holder)
        finally:
            source.close()
            if holder:
                leases.release(self.engine, mailbox.name, holder)

    def _start_clean(self) -> None:
        """A lone instance owns every claim: what a killed predecessor held is void."""
        if not self.shared:
            self.processor.release_claims()
            self.sender.reconcile(all_claims=True)

    # -- the service ----------------------------------------------------------------
    def run_forever(self, *, web: bool = True) -> None:
        self._start_clean()
        self._install_signals()
        if self.shared:
            leases.beat(self.engine, self.instance, self.settings.daemon.lease_seconds, ())
        self.drainer.start()
        self.scheduler = self._build_scheduler()
        self.scheduler.start()
        if web and self.settings.web.enabled:
            self._start_web()
        log.info("disputed %s running: %d mailbox(es), database %s", self.instance, len(self.settings.mailbox), self.engine.url.render_as_string(hide_password=True))
        try:
            self.stop_event.wait()
        finally:
            self.shutdown()

    def _build_scheduler(self) -> BackgroundScheduler:
        d = self.settings.daemon
        workers = len(self.settings.mailbox) + 6
        scheduler = BackgroundScheduler(executors={"default": ThreadPoolExecutor(workers)}, job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 30})
        # On a shared store the heartbeat is already in: the first tick comes after the others
        # started at the same moment have had time to send theirs, so none takes every mailbox.
        first_tick = datetime.now() + timedelta(seconds=min(JOIN_SECONDS, self.lease_tick) if self.shared else 0)
        scheduler.add_job(self.tend_leases, "interval", seconds=self.lease_tick, id="leases", next_run_time=first_tick)
        scheduler.add_job(self.process_job, "interval", seconds=5, id="process")
        scheduler.add_job(self.send_job, "interval", seconds=d.send_interval_seconds, id="send", next_run_time=datetime.now())
        scheduler.add_job(self.sweep_job, "interval", seconds=d.sweep_interval_seconds, id="sweep", next_run_time=datetime.now())
        if self.settings.notify.channel:
            scheduler.add_job(self.notify_job, "interval", seconds=self.settings.notify.urgent_seconds, id="notify", next_run_time=datetime.now())
        return scheduler

    # -- mailboxes and their watchers ---------------------------------------------
    #
    # On a shared store each tick renews our leases (with the heartbeat), stops watchers whose lease
    # another instance took, gives back what we hold beyond our fair share or takes free mailboxes up
    # to it, and starts a watcher for every lease held. The "watching" list in our heartbeat row is
    # written before a watcher starts and after it has ended, so it covers every running watcher.

    def tend_leases(self) -> None:
        """Keep exactly one watcher per mailbox we hold; on a shared store, hold a fair share."""
        with self.lock:
            if self.stop_event.is_set():
                return
            if not self.shared:
                self._start_watchers([m.name for m in self.settings.mailbox])
                return
            names = [m.name for m in self.settings.mailbox]
            seconds = self.settings.daemon.lease_seconds
            leases.beat(self.engine, self.instance, seconds, self.watchers)
            held = leases.renew(self.engine, self.instance, names, seconds)
            self._stop_lost(held)
            for name in [n for n in self.handing_off if not self._alive(n)]:  # a release that failed before
                self._release(name)
                held.discard(name)
            survey = leases.survey(self.engine, names)
            now = time.monotonic()
            self.free_since = {name: self.free_since.get(name, now) for name in survey.free()}
            counts = survey.counts()
            # What is being handed over is not ours to count, nor (for a while) what nobody else takes:
            # giving that back would only leave it free again (instances listing different mailboxes).
            self.kept = {name: since for name, since in self.kept.items() if name in held and now - since < RESCUE_HOLD * seconds}
            counts[self.instance] = len(held - self.handing_off - self.kept.keys())
            give = leases.surplus(self.instance, counts, len(names))
            if give:
                self._hand_over(held - self.kept.keys(), give)
            else:
                held |= self._take_free(survey, room=leases.room(self.instance, counts, len(names)))
            self._start_watchers(sorted(held - self.handing_off))

    def _stop_lost(self, held: set[str]) -> None:
        for name, (watcher, thread) in self.watchers.items():
            if name not in held and thread.is_alive() and not watcher.stop_event.is_set():
                log.warning("%s: lease lost to another instance; stopping its watcher", name)
                watcher.stop()

    def _hand_over(self, held: set[str], count: int) -> None:
        """Give ``count`` leases back gracefully: each watcher finishes the batch it is storing, and
        its lease is released the moment it ends (in _watcher_ended), for another instance to take."""
        ours = [name for name in held if name not in self.handing_off]
        # Watchers waiting for mail first: they stop within a second, a busy one after its batch.
        ours.sort(key=lambda name: (self._busy(name), random.random()))
        for name in ours[:count]:
            self.handing_off.add(name)
            running = self.watchers.get(name)
            log.info("%s: over this instance's fair share; handing the mailbox over", name)
            if running is not None and running[1].is_alive():
                running[0].stop()
            else:
                self._release(name)

    def _busy(self, name: str) -> bool:
        running = self.watchers.get(name)
        return running is not None and running[0].busy

    def _take_free(self, survey: leases.Survey, room: int) -> set[str]:
        """Free mailboxes, up to ``room`` of them; and any that has stayed free for the grace period
        whatever our share (its rightful taker is not taking it: nothing is left unwatched)."""
        now = time.monotonic()
        free = survey.free()
        taken: set[str] = set()
        for name in random.sample(free, len(free)):  # instances taking at once mostly try different rows
            overdue = now - self.free_since[name] >= self.grace_seconds
            if (overdue or room > 0) and leases.acquire(self.engine, name, self.instance, self.settings.daemon.lease_seconds):
                taken.add(name)
                room -= 1
                if overdue and room < 0:
                    self._rescued(name, now)
        return taken

    def _rescued(self, name: str, now: float) -> None:
        """Taken beyond our share: normally handed back at the next tick (a slow taker gets another
        chance); rescued again soon after, nobody else takes it, so it is kept for a while."""
        again = now - self.rescued_at.get(name, -RESCUE_HOLD * self.settings.daemon.lease_seconds) < RESCUE_HOLD * self.settings.daemon.lease_seconds
        self.rescued_at[name] = now
        if again:
            self.kept[name] = now
        log.info("%s: free for %.0fs; taken beyond this instance's share%s", name, now - self.free_since[name], " and kept" if again else "")

    def _start_watchers(self, names: list[str]) -> None:
        by_name = {m.name: m for m in self.settings.mailbox}
        wanted = [name for name in names if not self._alive(name)]
        if not wanted:
            return
        entries = {}
        for name in wanted:
            watcher = MailboxWatcher(by_name[name], self.engine, self.settings.daemon, holder=self.instance if self.shared else None, on_stored=self._after_ingest)
            thread = threading.Thread(target=self._watch, args=(name, watcher), name=f"watch-{name}", daemon=True)
            entries[name] = (watcher, thread)
        self.watchers.update(entries)
        self._publish_watching()  # before any of them runs
        for _watcher, thread in entries.values():
            thread.start()

    def _alive(self, name: str) -> bool:
        running = self.watchers.get(name)
        return running is not None and running[1].is_alive()

    def _watch(self, name: str, watcher: MailboxWatcher) -> None:
        try:
            watcher.run()
        finally:
            self._watcher_ended(name, watcher)

    def _watcher_ended(self, name: str, watcher: MailboxWatcher) -> None:
        with self.lock:
            if self.watchers.get(name, (None,))[0] is watcher:
                del self.watchers[name]
            if not self.shared:
                return
            try:
                self._publish_watching()  # before the lease goes: never two instances listing one mailbox
                if name in self.handing_off or self.stop_event.is_set():
                    self._release(name)
                    log.info("%s: lease released", name)
            except Exception:  # the store is unreachable: the lease runs out by itself
                log.exception("%s: could not release the lease", name)
        self.drain_wanted.set()  # what its last batch stored (a pass cut short reports nothing)

    def _release(self, name: str) -> None:
        leases.release(self.engine, name, self.instance)
        self.handing_off.discard(name)

    def _publish_watching(self) -> None:
        if self.shared:
            leases.set_watching(self.engine, self.instance, self.watchers)

    def _after_ingest(self, report: IngestReport) -> None:
        if report.stored or report.rematched:
            self.drain_wanted.set()

    def _drain_when_asked(self) -> None:
        """Process what the watchers stored, in a thread of its own: a watcher goes straight back to
        its mailbox (and, asked to hand it over, ends after its batch, not after everyone's parsing)."""
        try:
            self.processor.start_parsing()  # while the watchers connect, so that the first message does not wait for it
        except Exception:  # it is only done early; the first drain tries again, and says why it cannot
            log.exception("the parse worker did not start")
        while True:
            self.drain_wanted.wait()
            if self.stop_event.is_set():
                return
            self.drain_wanted.clear()
            try:
                processed = self.processor.drain()
            except Exception:  # the store failing, or a bug: the process job tries again
                log.exception("processing failed")
                continue
            if processed.drafts:
                log.info("%d draft(s) queued for approval", processed.drafts)
            if processed.processed:
                self._warn_if_notices_fail_authentication()
            if processed.drafts and self.settings.policy.auto_approve:
                self.wake_sender()  # an auto-approved draft need not wait for the next tick
            if processed.drafts or processed.processed:
                self.wake_notifier()  # an urgent claim is told now, not at the next tick

    def _warn_if_notices_fail_authentication(self) -> None:
        """Said loudly, and again only when the picture changes: with ``trusted_authserv_ids`` not naming the
        seller's mail server every notice is unverified, the queue stays empty and nothing else says why.
        Looked at most once a minute: it reads the newest notices, and a backfill drains hundreds of times."""
        now = time.monotonic()
        if now - self.authentication_checked < AUTHENTICATION_CHECK_SECONDS:
            return
        self.authentication_checked = now
        try:
            verdict = health.authentication_verdict(self.engine, self.settings.security.trusted_authserv_ids)
        except Exception:
            log.exception("could not check the notices' authentication")
            return
        said = verdict.detail.split(";", 1)[-1]  # the advice, not the counts, decides whether to say it again
        if not verdict.ok and said != self.authentication_said:
            log.warning("MOST MARKETPLACE NOTICES FAIL AUTHENTICATION: %s", verdict.detail)
        self.authentication_said = said if not verdict.ok else None

    def process_job(self) -> None:
        self.processor.drain()

    def send_job(self) -> None:
        report = asyncio.run(self.sender.send_due())
        metrics.count_sends(report.sent, report.failed, report.deferred, report.unknown)
        if report.sent or report.failed or report.unknown:
            log.info("sender: %d sent, %d failed, %d deferred, %d unknown", report.sent, report.failed, report.deferred, report.unknown)

    def sweep_job(self) -> None:
        sweep(self.settings, self.engine, self.templates)
        self.sender.file_unfiled()

    def wake_sender(self) -> None:
        if self.scheduler is not None:
            self.scheduler.modify_job("send", next_run_time=datetime.now())

    def notify_job(self) -> None:
        self.notifier.run_pass()

    def wake_notifier(self) -> None:
        if self.scheduler is not None and self.settings.notify.channel:
            self.scheduler.modify_job("notify", next_run_time=datetime.now())

    def _start_web(self) -> None:
        from disputed.web.app import start_in_thread  # the web layer is optional at import time

        self.web = start_in_thread(self.settings, self.engine, templates=self.templates, wake_sender=self.wake_sender)
        log.info("approval page on %s", self.web.url)

    def _install_signals(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda signum, _frame: self._on_signal(signum))

    def _on_signal(self, signum: int) -> None:
        log.info("signal %s: shutting down", signal.Signals(signum).name)
        self.stop_event.set()

    def shutdown(self) -> None:
        with self.lock:  # a tick under way finishes first; later ones see the stop and do nothing
            self.stop_event.set()
            running = dict(self.watchers)
        if self.shared:
            self._quietly(leases.retire, self.engine, self.instance)  # the others' shares grow now
        for watcher, _thread in running.values():
            watcher.stop()  # each ends after its batch and releases its lease (_watcher_ended)
        for _watcher, thread in running.values():
            thread.join(timeout=10)
        self.drain_wanted.set()  # wakes the drainer to see the stop
        if self.drainer.is_alive():
            self.drainer.join(timeout=10)
        if self.scheduler is not None:
            self.scheduler.shutdown(wait=True)
        if self.web is not None:
            self.web.stop()
        if self.shared:
            for name in running:  # a watcher that did not end in time: the process is about to exit
                self._quietly(leases.release, self.engine, name, self.instance)
            self._quietly(leases.leave, self.engine, self.instance)
        self.sender.close()
        self.processor.close()
        log.info("disputed %s stopped", self.instance)

    @staticmethod
    def _quietly(step, *args) -> None:
        """A shutdown step that may fail (the store gone) without stopping the rest."""
        try:
            step(*args)
        except Exception:
            log.exception("shutdown: %s failed", step.__name__)
