"""The daemon: APScheduler runs the watchers, the processor, the sender and the sweeps."""

from __future__ import annotations

import asyncio
import logging
import signal
import threading
from dataclasses import dataclass, field
from datetime import datetime

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy.engine import Engine

from disputed.config.settings import MailboxSettings, Settings, check_secrets
from disputed.daemon import leases
from disputed.daemon.ingest import IngestReport, ingest_new
from disputed.daemon.process import ProcessReport, Processor
from disputed.daemon.sender import Sender, SendReport
from disputed.daemon.sweep import SweepReport, sweep
from disputed.daemon.watcher import MailboxWatcher
from disputed.rendering import TemplateLibrary
from disputed.sources import SourceError, open_source
from disputed.store.db import is_postgres

log = logging.getLogger(__name__)


@dataclass
class PassReport:
    ingested: dict[str, IngestReport] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    processed: ProcessReport = field(default_factory=ProcessReport)
    sent: SendReport = field(default_factory=SendReport)
    swept: SweepReport = field(default_factory=SweepReport)


class Daemon:
    def __init__(self, settings: Settings, engine: Engine) -> None:
        check_secrets(settings)
        self.settings = settings
        self.engine = engine
        self.instance = settings.daemon.instance_id
        self.templates = TemplateLibrary(settings.templates.dir, settings.policy.default_language)
        self.processor = Processor(settings, engine, instance=self.instance, templates=self.templates)
        self.sender = Sender(settings, engine, instance=self.instance)
        self.shared = is_postgres(engine)  # several instances may share a PostgreSQL store
        self.stop_event = threading.Event()
        self.watchers: dict[str, tuple[MailboxWatcher, threading.Thread]] = {}
        self.scheduler: BackgroundScheduler | None = None
        self.web = None
        leases.ensure_rows(engine, [m.name for m in settings.mailbox])

    # -- one pass, for cron and tests -----------------------------------------------
    def run_once(self) -> PassReport:
        report = PassReport()
        self._start_clean()
        for mailbox in self.settings.mailbox:
            try:
                report.ingested[mailbox.name] = self._ingest_once(mailbox)
            except SourceError as exc:
                report.errors[mailbox.name] = str(exc)
                log.error("%s: %s", mailbox.name, exc)
            except Exception as exc:  # one mailbox's failure (e.g. the store refusing a batch) must not end the pass
                report.errors[mailbox.name] = f"{type(exc).__name__}: {exc}"
                log.exception("%s: ingest failed", mailbox.name)
        report.processed = self.processor.drain()
        report.sent = asyncio.run(self.sender.send_due())
        self.sender.file_unfiled()
        report.swept = sweep(self.settings, self.engine, self.templates)
        self.sender.close()
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
        scheduler.add_job(self.tend_leases, "interval", seconds=max(1.0, d.lease_seconds / 3), id="leases", next_run_time=datetime.now())
        scheduler.add_job(self.process_job, "interval", seconds=5, id="process")
        scheduler.add_job(self.send_job, "interval", seconds=d.send_interval_seconds, id="send", next_run_time=datetime.now())
        scheduler.add_job(self.sweep_job, "interval", seconds=d.sweep_interval_seconds, id="sweep", next_run_time=datetime.now())
        return scheduler

    def tend_leases(self) -> None:
        """Take (or renew) each mailbox's lease and keep exactly one watcher per held lease."""
        for mailbox in self.settings.mailbox:
            held = not self.shared or leases.acquire(self.engine, mailbox.name, self.instance, self.settings.daemon.lease_seconds)
            running = self.watchers.get(mailbox.name)
            alive = running is not None and running[1].is_alive()
            if held and not alive and not self.stop_event.is_set():
                self._start_watcher(mailbox)
            elif not held and alive:
                log.warning("%s: lease lost to another instance; stopping its watcher", mailbox.name)
                running[0].stop()

    def _start_watcher(self, mailbox: MailboxSettings) -> None:
        watcher = MailboxWatcher(mailbox, self.engine, self.settings.daemon, holder=self.instance if self.shared else None, on_stored=self._after_ingest)
        thread = threading.Thread(target=watcher.run, name=f"watch-{mailbox.name}", daemon=True)
        self.watchers[mailbox.name] = (watcher, thread)
        thread.start()

    def _after_ingest(self, report: IngestReport) -> None:
        if report.stored or report.rematched:
            processed = self.processor.drain()
            if processed.drafts:
                log.info("%d draft(s) queued for approval", processed.drafts)
            if processed.drafts and self.settings.policy.auto_approve:
                self.wake_sender()  # an auto-approved draft need not wait for the next tick

    def process_job(self) -> None:
        self.processor.drain()

    def send_job(self) -> None:
        report = asyncio.run(self.sender.send_due())
        if report.sent or report.failed or report.unknown:
            log.info("sender: %d sent, %d failed, %d deferred, %d unknown", report.sent, report.failed, report.deferred, report.unknown)

    def sweep_job(self) -> None:
        sweep(self.settings, self.engine, self.templates)
        self.sender.file_unfiled()

    def wake_sender(self) -> None:
        if self.scheduler is not None:
            self.scheduler.modify_job("send", next_run_time=datetime.now())

    def _start_web(self) -> None:
        from disputed.web.app import start_in_thread  # the web layer is optional at import time

        self.web = start_in_thread(self.settings, self.engine, wake_sender=self.wake_sender)

    def _install_signals(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda signum, _frame: self._on_signal(signum))

    def _on_signal(self, signum: int) -> None:
        log.info("signal %s: shutting down", signal.Signals(signum).name)
        self.stop_event.set()

    def shutdown(self) -> None:
        self.stop_event.set()
        for watcher, _thread in self.watchers.values():
            watcher.stop()
        for _watcher, thread in self.watchers.values():
            thread.join(timeout=10)
        if self.scheduler is not None:
            self.scheduler.shutdown(wait=True)
        if self.web is not None:
            self.web.stop()
        if self.shared:
            for name in self.watchers:
                leases.release(self.engine, name, self.instance)
        self.sender.close()
        log.info("disputed %s stopped", self.instance)
