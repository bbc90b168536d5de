"""Parsing in a worker process that is stopped when a message takes too long.

A regular expression cannot be interrupted and holds the GIL while it runs, so a message built to
make one pattern slow would stall every thread of the daemon (the watchers, the sender, the
approval page) for as long as the pattern runs. The daemon therefore never parses in its own
process: one ``ParseWorker`` child (``python -c "from disputed.daemon.parseworker import main; main()"``) does, for its whole life, and is started (the parsers' models
loaded) when the daemon starts.

The child parses each message under an interval timer of ``parse_seconds``. The timer's signal,
SIGALRM, keeps its default action, which ends the process wherever it is, in the middle of a
pattern included. The parent sees the child's results end after the message before, so it knows
which message it was: that message is quarantined with the reason, a new child is started and is
handed the rest of the batch. A child that ends for any other reason (killed, out of memory) costs
the message it was on one attempt (it is retried, alone), and is replaced the same way. A child
that cannot be started is an error (``ParseWorkerError``), never a quiet fall-back to parsing in
the daemon's own process.

The protocol on the child's stdin and stdout: 8-byte big-endian length, then a pickle. The parent
sends the ``SecuritySettings`` and whether the semantic layer is used (``[parsing] semantic``, a
pair); the child answers ``READY`` once its models are loaded. Then the
parent sends batches ``[(raw, received_at), ...]``; the child answers ``TAKEN`` once it has read
one (a child that ended before that is replaced with no message to blame), then one ``Parsed``
per message, as each is done; end of input ends the child.
"""

from __future__ import annotations

import logging
import os
import pickle
import select
import signal
import subprocess
import sys
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from disputed.config.settings import SecuritySettings
from disputed.notification import Notification

log = logging.getLogger(__name__)

READY = "ready"
TAKEN = "taken"  # the child has read a batch and starts parsing it
# How long a new child may take to load the parsers' models (about 2 s on a quiet machine).
START_SECONDS = 60.0
# The child stops itself at parse_seconds; the parent kills a child that has neither answered nor
# ended this much later (stopped by a debugger, stuck in the kernel).
KILL_GRACE_SECONDS = 5.0
# While it waits for the child, the parent wakes this often to keep its claims on the batch alive.
WAIT_TICK_SECONDS = 0.25

Item = tuple[bytes, datetime]


@dataclass(frozen=True)
class Parsed:
    note: Notification | None = None
    quarantine: str | None = None  # outside the limits: quarantined at once
    error: str | None = None  # anything else: retried, then quarantined


class ParseWorkerError(RuntimeError):
    """No parse worker could be started: nothing is parsed until that is fixed."""


def stopped_reason(seconds: float) -> str:
    return f"parse time limit of {seconds:g}s exceeded: the parse was stopped"


class ParseWorker:
    """The daemon's parsing process. One thread at a time submits a batch and collects it
    (the processor's drain); ``start`` may be called from another thread to warm it early."""

    def __init__(self, security: SecuritySettings, *, semantic: bool = True, command: list[str] | None = None) -> None:
        self.security = security
        self.semantic = semantic  # off: the child never loads the sentence encoder
        # Not ``-m``: the child's classes must be this module's, not ``__main__``'s, to unpickle here.
        self.command = command or [sys.executable, "-c", "from disputed.daemon.parseworker import main; main()"]
        self.restarts = 0  # children replaced after they ended
        self._proc: subprocess.Popen | None = None
        self._inbox = bytearray()
        self._outstanding: list[Item] = []
        self._lock = threading.Lock()
        self._finalizer: weakref.finalize | None = None

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    def start(self, on_wait: Callable[[], None] | None = None) -> None:
        """Start the child and wait until its models are loaded, unless it is running already.
        A child that ended while idle (killed from outside) is replaced here, costing no message."""
        with self._lock:
            if self._proc is not None and self._proc.poll() is not None:
                log.warning("parse worker %s had ended (exit code %s); starting another", self._proc.pid, self._proc.returncode)
                self.restarts += 1
                self._close_child()
            if self._proc is None:
                self._spawn(on_wait)

    def submit(self, items: list[Item], on_wait: Callable[[], None] | None = None) -> None:
        """Hand the child a batch; ``collect`` gives its results (the caller may work meanwhile)."""
        if self._outstanding:  # a batch whose drain failed before collecting it: its answers are read and dropped
            self.collect(on_wait)
        self.start(on_wait)
        self._outstanding = list(items)
        self._send(self._outstanding, on_wait)

    def collect(self, on_wait: Callable[[], None] | None = None) -> list[Parsed]:
        """One ``Parsed`` per submitted message, in order. ``on_wait`` is called every quarter
        second or so while the child is busy (to renew claims, say)."""
        items, self._outstanding = self._outstanding, []
        results: list[Parsed] = []
        taken = False  # the child has read the batch: from now on it is parsing results[-1] + 1
        while len(results) < len(items):
            try:
                patience = self.security.parse_seconds + KILL_GRACE_SECONDS if taken else START_SECONDS  # reading a big batch takes a while
                frame = self._next_frame(patience, on_wait, parsing=taken)
            except _ChildEnded as ended:
                if taken:
                    results.append(ended.verdict)
                    log.warning("parse worker %s ended while parsing a message (%s); starting another", ended.pid, ended.verdict.quarantine or ended.verdict.error)
                else:  # it died before the batch reached it: no message is to blame
                    log.warning("parse worker %s had ended (%s); starting another", ended.pid, ended.how)
                self.restarts += 1
                self._close_child()
                self.start(on_wait)
                taken = False
                if len(results) < len(items):
                    self._send(items[len(results):], on_wait)
                continue
            if frame == TAKEN:
                taken = True
            else:
                results.append(frame)
        return results

    def close(self) -> None:
        """End the child (it reads end of input and exits)."""
        with self._lock:
            self._close_child()

    # -- the child --------------------------------------------------------------------
    def _spawn(self, on_wait) -> None:
        env = dict(os.environ)
        here = Path(__file__).resolve().parents[2]  # the directory that holds the disputed package
        if here.name not in ("site-packages", "dist-packages"):  # a source tree: the child imports this same code
            env["PYTHONPATH"] = os.pathsep.join(p for p in (str(here), env.get("PYTHONPATH")) if p)
        try:
            self._proc = subprocess.Popen(self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0, env=env)
        except OSError as exc:
            raise ParseWorkerError(f"cannot start the parse worker {self.command[0]}: {exc}") from exc
        self._finalizer = weakref.finalize(self, _end_child, self._proc)
        os.set_blocking(self._proc.stdin.fileno(), False)  # a big batch is written piecewise, keeping claims alive
        self._inbox.clear()
        self._send((self.security, self.semantic), on_wait)
        try:
            answer = self._next_frame(START_SECONDS, on_wait, parsing=False)
        except _ChildEnded as ended:
            self._close_child()
            raise ParseWorkerError(f"the parse worker ended as it started ({ended.how}); its error output is above this line in the log") from None
        if answer != READY:
            self._close_child()
            raise ParseWorkerError(f"the parse worker answered {answer!r} instead of {READY!r} at start")
        log.info("parse worker %s ready", self._proc.pid)

    def _send(self, obj, on_wait) -> None:
        """Write one frame to the child, calling ``on_wait`` while the pipe is full."""
        blob = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
        fd = self._proc.stdin.fileno()
        view = memoryview(len(blob).to_bytes(8, "big") + blob)
        try:
            while view:
                try:
                    view = view[os.write(fd, view):]
                except BlockingIOError:
                    select.select([], [fd], [], WAIT_TICK_SECONDS)
                if view and on_wait is not None:
                    on_wait()
        except OSError:
            pass  # the child has ended: reading its results finds that out, and replaces it

    def _next_frame(self, seconds: float, on_wait, *, parsing: bool):
        """The child's next answer. Raises _ChildEnded when the child ends (or is killed here
        for not answering within ``seconds``)."""
        deadline = time.monotonic() + seconds
        fd = self._proc.stdout.fileno()
        while (frame := self._take_frame()) is None:
            left = deadline - time.monotonic()
            if left <= 0:
                self._proc.kill()
                raise self._ended(parsing, killed_here=True)
            ready, _, _ = select.select([fd], [], [], min(left, WAIT_TICK_SECONDS))
            if ready:
                chunk = os.read(fd, 1 << 16)
                if not chunk:
                    raise self._ended(parsing, killed_here=False)
                self._inbox += chunk
            if on_wait is not None:
                on_wait()
        return frame

    def _take_frame(self):
        inbox = self._inbox
        if len(inbox) < 8:
            return None
        end = 8 + int.from_bytes(inbox[:8], "big")
        if len(inbox) < end:
            return None
        frame = pickle.loads(inbox[8:end])  # a copy (answers are small): the buffer is then cut
        del inbox[:end]
        return frame

    def _ended(self, parsing: bool, *, killed_here: bool) -> _ChildEnded:
        proc = self._proc
        try:
            code = proc.wait(timeout=KILL_GRACE_SECONDS)
        except subprocess.TimeoutExpired:  # it closed its output but lives on
            proc.kill()
            code = proc.wait()
        how = f"killed by {_signal_name(-code)}" if code < 0 else f"exit code {code}"
        if parsing and (killed_here or code == -signal.SIGALRM):
            verdict = Parsed(quarantine=stopped_reason(self.security.parse_seconds))
        else:
            verdict = Parsed(error=f"the parse worker ended ({how}) while parsing this message")
        return _ChildEnded(proc.pid, how, verdict)

    def _close_child(self) -> None:
        if self._finalizer is not None:
            self._finalizer()  # ends the child once; the finalizer is then dead
        self._proc, self._finalizer = None, None
        self._inbox.clear()


class _ChildEnded(Exception):
    def __init__(self, pid: int, how: str, verdict: Parsed) -> None:
        super().__init__(how)
        self.pid, self.how, self.verdict = pid, how, verdict


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def _end_child(proc: subprocess.Popen) -> None:
    """Close the child's input, so it exits; kill it if it does not soon."""
    for stream in (proc.stdin, proc.stdout):
        try:
            stream.close()
        except OSError:
            pass
    try:
        proc.wait(timeout=KILL_GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


# -- the child's side ---------------------------------------------------------------------
def parse_item(raw: bytes, received_at: datetime, security: SecuritySettings) -> Parsed:
    from disputed.parsers import QuarantineError, parse_message

    try:
        return Parsed(note=parse_message(raw, security=security, received_at=received_at))
    except QuarantineError as exc:
        return Parsed(quarantine=exc.reason)
    except Exception as exc:
        return Parsed(error=f"{type(exc).__name__}: {exc}")


def _write_frame(stream, obj) -> None:
    blob = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(len(blob).to_bytes(8, "big") + blob)
    stream.flush()


def _read_frame(stream):
    """The next object, or None at end of input."""
    head = stream.read(8)
    if len(head) < 8:
        return None
    return pickle.loads(stream.read(int.from_bytes(head, "big")))


def main() -> None:
    signal.signal(signal.SIGALRM, signal.SIG_DFL)  # the time limit ends this process, mid-pattern included
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole process group; the daemon ends us
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but results may reach the pipe
    logging.basicConfig(level=logging.WARNING, format=f"parse worker {os.getpid()}: %(levelname)s %(name)s: %(message)s")
    from disputed.parsers import semantic, warm_up

    setup = _read_frame(stdin)
    if setup is None:
        return
    security, use_semantic = setup
    semantic.configure(use_semantic)
    warm_up()
    _write_frame(stdout, READY)
    while (items := _read_frame(stdin)) is not None:
        _write_frame(stdout, TAKEN)
        for raw, received_at in items:
            signal.setitimer(signal.ITIMER_REAL, security.parse_seconds)
            result = parse_item(raw, received_at, security)
            signal.setitimer(signal.ITIMER_REAL, 0)
            _write_frame(stdout, result)
