"""A real Dovecot IMAP server started from a temporary directory, on its own loopback port.

The system binary runs in the foreground with a configuration written here: IMAP only, no TLS, plaintext logins,
users in a passwd-file that `add_user` extends while the server runs, maildir storage under the temporary
directory, and a `Sent` folder every account gets automatically. Nothing touches /etc/dovecot or a system Dovecot
that may be listening on port 143.

Dovecot refuses to deliver mail as uid 0, so when the tests run as root the mailboxes belong to `nobody`; the
server itself still runs as root, as a system Dovecot would.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import psutil
from imapclient import IMAPClient

from disputed.bench.servers import BenchServerError, DovecotIdentity, dovecot_config

from .net import LOOPBACK, free_port

BINARY_CANDIDATES = ("/usr/sbin/dovecot", "/usr/local/sbin/dovecot")
USERNAME_PATTERN = re.compile(r"^[A-Za-z0-9._@-]+$")
APPENDUID_PATTERN = re.compile(rb"\[APPENDUID (\d+) ([\d:,]+)\]")
# Files in which Dovecot keeps a maildir folder's UIDs and UIDVALIDITY; without them the folder is new to it.
UID_STATE_FILES = ("dovecot-uidlist", "dovecot.index", "dovecot.index.log", "dovecot.index.log.2",
                   "dovecot.index.cache")
LIST_INDEX_FILES = ("dovecot.list.index", "dovecot.list.index.log", "dovecot.list.index.log.2")
_account_numbers = itertools.count(1)


class DovecotError(RuntimeError):
    """Dovecot could not be found, started or driven; the message carries the tail of its log."""


def find_dovecot() -> str:
    """The Dovecot binary: $DOVECOT, else the system one. Raises with the way to install it when absent."""
    candidates = [os.environ.get("DOVECOT", ""), shutil.which("dovecot") or "", *BINARY_CANDIDATES]
    for candidate in candidates:
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    raise DovecotError("Dovecot is not installed: run ./scripts/test as root (it installs dovecot-imapd), "
                       "or `apt-get install dovecot-imapd`, or point $DOVECOT at the binary.")


def _identity() -> DovecotIdentity:
    try:
        return DovecotIdentity.for_current_process()
    except BenchServerError as error:
        raise DovecotError(str(error)) from None


class DovecotServer:
    """One Dovecot instance. `start()` it, `add_user()`, talk IMAP to `host`:`port`; `close()` removes everything.

    `stop()` is a clean shutdown, `kill()` a crash (SIGKILL to every Dovecot process of this instance); after
    either the port is closed and no process of the instance is left. `restart()` keeps the port and the mail.
    """

    host = LOOPBACK

    def __init__(self, port: int | None = None, root: Path | None = None, binary: str | None = None):
        self.binary = binary or find_dovecot()
        self._fixed_port = port is not None
        self.port = port or free_port()
        self.root = Path(root or tempfile.mkdtemp(prefix="disputed-dovecot-"))
        self.identity = _identity()
        self.config_path = self.root / "dovecot.conf"
        self.users_dir = self.root / "users"
        # Dovecot greets with this, so start() knows it reached this instance and not something else on the port.
        self.greeting = f"disputed-test-dovecot-{secrets.token_hex(4)}"
        self.log_path = self.root / "dovecot.log"
        self.output_path = self.root / "master.out"
        self.homes = self.root / "home"
        self._users: dict[str, str] = {}
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None
        self._prepare_directories()

    def __repr__(self) -> str:
        return f"<DovecotServer {self.host}:{self.port} root={self.root} running={self.running}>"

    # -- life cycle ---------------------------------------------------------------------------------------------

    def _prepare_directories(self) -> None:
        # Dovecot's unprivileged processes (auth, login) must reach the passwd file and sockets in here.
        self.root.chmod(0o755)
        for name in ("run", "state"):
            (self.root / name).mkdir(exist_ok=True)
        self.homes.mkdir(exist_ok=True)
        os.chown(self.homes, self.identity.mail_uid, self.identity.mail_gid)
        self.users_dir.mkdir(exist_ok=True)
        self.users_dir.chmod(0o755)

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self, timeout: float = 10.0) -> DovecotServer:
        if self.running:
            return self
        for _ in range(3):
            if self._start_once(timeout):
                return self
            if self._fixed_port or "Address already in use" not in self.log_tail():
                break
            self.port = free_port()  # someone took our port between choosing and binding it
        raise DovecotError(f"Dovecot did not start on {self.host}:{self.port} (config {self.config_path}).\n"
                           f"--- log ---\n{self.log_tail()}")

    def _start_once(self, timeout: float) -> bool:
        self.config_path.write_text(dovecot_config(self.root, self.port, self.identity, self.greeting, name="disputed-test"))
        (self.root / "run" / "master.pid").unlink(missing_ok=True)  # left behind by kill(); Dovecot would refuse
        output = open(self.output_path, "ab")
        try:
            self._process = subprocess.Popen(
                [self.binary, "-F", "-c", str(self.config_path)],
                stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, so kill() reaches the login and imap children
            )
        finally:
            output.close()
        if _wait_for_greeting(self.host, self.port, self.greeting, timeout, is_alive=lambda: self.running):
            return True
        self._terminate(signal.SIGKILL, timeout=5)
        return False

    def stop(self, timeout: float = 10.0) -> None:
        """Clean shutdown (SIGTERM); escalates to SIGKILL if Dovecot does not exit within `timeout`."""
        self._terminate(signal.SIGTERM, timeout)

    def kill(self) -> None:
        """Crash the server: SIGKILL to the master and all its children at once."""
        self._terminate(signal.SIGKILL, timeout=10)

    def restart(self, timeout: float = 10.0) -> DovecotServer:
        self.stop(timeout)
        return self.start(timeout)

    def _terminate(self, sig: signal.Signals, timeout: float) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        group = process.pid
        with contextlib.suppress(ProcessLookupError):
            # The whole group at once: a SIGTERM to the master alone makes it wait about a second for children.
            os.killpg(group, sig)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(group, signal.SIGKILL)
            process.wait(5)
        # Children of a killed master outlive it; they hold the listening socket until they are gone too.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(group, signal.SIGKILL)
        if not _wait_group_gone(group, timeout=5):  # once every process is gone, so is the listening socket
            raise DovecotError(f"Dovecot (process group {group}) did not go away.\n{self.log_tail()}")

    def close(self) -> None:
        """Stop the server and delete its directory (kept when DISPUTED_KEEP_SERVERS=1, for debugging)."""
        try:
            self.stop()
        finally:
            if os.environ.get("DISPUTED_KEEP_SERVERS") != "1":
                shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> DovecotServer:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.close()

    def log_tail(self, lines: int = 40) -> str:
        text = ""
        for path in (self.output_path, self.log_path):
            if path.exists():
                text += path.read_text(errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    # -- users ----------------------------------------------------------------------------------------------------

    def add_user(self, name: str, password: str) -> None:
        """Create a user; works while the server runs (each user has a passwd file Dovecot reads at first login)."""
        if not USERNAME_PATTERN.match(name):
            raise ValueError(f"user name {name!r}: use letters, digits and . _ @ - only")
        if any(ch in password for ch in ":\r\n\0"):
            raise ValueError("password must not contain ':', CR, LF or NUL (passwd-file format)")
        with self._lock:
            if name in self._users:
                raise ValueError(f"user {name!r} exists already")
            entry = self.users_dir / name
            entry.write_text(f"{name}:{{PLAIN}}{password}::::::\n")
            entry.chmod(0o644)
            self._users[name] = password

    def new_account(self, prefix: str = "user") -> ImapAccount:
        """A user nobody else uses, with a random password."""
        name = f"{prefix}{next(_account_numbers)}-{secrets.token_hex(3)}"
        password = secrets.token_urlsafe(12)
        self.add_user(name, password)
        return ImapAccount(self.host, self.port, name, password, server=self)

    def maildir(self, user: str, folder: str = "INBOX") -> Path:
        base = self.homes / user / "Maildir"
        return base if folder.upper() == "INBOX" else base / ("." + folder)

    # -- IMAP helpers ---------------------------------------------------------------------------------------------

    @contextlib.contextmanager
    def client(self, user: str, password: str, timeout: float = 10.0) -> Iterator[IMAPClient]:
        """A logged-in imapclient connection, logged out afterwards."""
        imap = IMAPClient(self.host, self.port, ssl=False, timeout=timeout)
        try:
            imap.login(user, password)
            yield imap
        finally:
            with contextlib.suppress(Exception):
                imap.logout()

    def append(self, user: str, password: str, raw: bytes, folder: str = "INBOX",
               flags: Sequence[str | bytes] = (), received: datetime | None = None) -> int:
        """APPEND one message (``received`` sets its INTERNALDATE); returns the UID Dovecot gave it."""
        with self.client(user, password) as imap:
            answer = imap.append(folder, raw, flags=tuple(flags), msg_time=received)
        found = APPENDUID_PATTERN.search(answer or b"")
        if not found:
            raise DovecotError(f"APPEND answer without APPENDUID: {answer!r}")
        return _expand_uid_set(found.group(2).decode())[0]

    def append_many(self, user: str, password: str, raws: Iterable[bytes], folder: str = "INBOX",
                    batch: int = 500) -> list[int]:
        """APPEND many messages over one connection, `batch` per MULTIAPPEND (a few thousand a second)."""
        uids: list[int] = []
        with self.client(user, password) as imap:
            for chunk in _chunks(raws, batch):
                answer = imap.multiappend(folder, chunk)
                found = APPENDUID_PATTERN.search(b" ".join(_response_lines(answer)))
                if not found:
                    raise DovecotError(f"MULTIAPPEND answer without APPENDUID: {answer!r}")
                uids.extend(_expand_uid_set(found.group(2).decode()))
        return uids

    def uids(self, user: str, password: str, folder: str = "INBOX") -> list[int]:
        with self.client(user, password) as imap:
            imap.select_folder(folder, readonly=True)
            return sorted(imap.search("ALL"))

    def fetch_all(self, user: str, password: str, folder: str = "INBOX") -> list[bytes]:
        """Every message's raw bytes, in UID order, without setting \\Seen."""
        with self.client(user, password) as imap:
            imap.select_folder(folder, readonly=True)
            uids = sorted(imap.search("ALL"))
            if not uids:
                return []
            fetched = imap.fetch(uids, ["BODY.PEEK[]"])
            return [fetched[uid][b"BODY[]"] for uid in uids]

    def uidvalidity(self, user: str, password: str, folder: str = "INBOX") -> int:
        with self.client(user, password) as imap:
            return int(imap.folder_status(folder, ["UIDVALIDITY"])[b"UIDVALIDITY"])

    def create_folder(self, user: str, password: str, folder: str) -> None:
        with self.client(user, password) as imap:
            imap.create_folder(folder)

    def delete_folder(self, user: str, password: str, folder: str) -> None:
        with self.client(user, password) as imap:
            imap.delete_folder(folder)

    def recreate_folder(self, user: str, password: str, folder: str = "INBOX", keep_messages: bool = True) -> int:
        """Make Dovecot treat `folder` as a new mailbox, so its UIDVALIDITY changes; returns the new UIDVALIDITY.

        keep_messages=True (the "mailbox was rebuilt" case): the same messages stay, with new UIDs from 1. Done by
        removing Dovecot's UID list and indexes for the folder, which works for INBOX too (IMAP cannot delete
        INBOX). keep_messages=False: an empty folder, by IMAP DELETE + CREATE (INBOX: expunge all, then reset).
        Sessions that have the folder selected are disconnected by Dovecot ("IMAP session state is inconsistent").
        """
        before = self.uidvalidity(user, password, folder)
        if keep_messages or folder.upper() == "INBOX":
            if not keep_messages:
                self._expunge_all(user, password, folder)
            self._forget_uids(user, folder)
        else:
            self.delete_folder(user, password, folder)
            self.create_folder(user, password, folder)
        after = self.uidvalidity(user, password, folder)
        if after == before:
            raise DovecotError(f"UIDVALIDITY of {user}/{folder} stayed {before} after recreating it")
        return after

    def _expunge_all(self, user: str, password: str, folder: str) -> None:
        with self.client(user, password) as imap:
            imap.select_folder(folder)
            uids = imap.search("ALL")
            if uids:
                imap.delete_messages(uids)
                imap.expunge()

    def _forget_uids(self, user: str, folder: str) -> None:
        folder_dir = self.maildir(user, folder)
        if not folder_dir.is_dir():
            raise DovecotError(f"no maildir for {user}/{folder} at {folder_dir}")
        for name in UID_STATE_FILES:
            (folder_dir / name).unlink(missing_ok=True)
        for name in LIST_INDEX_FILES:  # the mailbox list index caches each folder's UIDVALIDITY
            (self.maildir(user) / name).unlink(missing_ok=True)


def _chunks(items: Iterable[bytes], size: int) -> Iterator[list[bytes]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _response_lines(answer) -> list[bytes]:
    """imapclient returns MULTIAPPEND's answer as (typ, [lines]) or bytes depending on the version."""
    if isinstance(answer, bytes):
        return [answer]
    if isinstance(answer, tuple):
        return [line for line in answer[1] if isinstance(line, bytes)]
    return [str(answer).encode()]


def _expand_uid_set(uid_set: str) -> list[int]:
    uids: list[int] = []
    for part in uid_set.split(","):
        first, _, last = part.partition(":")
        uids.extend(range(int(first), int(last or first) + 1))
    return uids


def _wait_for_greeting(host: str, port: int, greeting: str, timeout: float, is_alive) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and is_alive():
        with contextlib.suppress(OSError):
            with socket.create_connection((host, port), timeout=0.25) as connection:
                if greeting.encode() in connection.recv(512):
                    return True
        time.sleep(0.01)
    return False


def _wait_group_gone(group: int, timeout: float) -> bool:
    """True once no live (non-zombie) process is left in the process group."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _live_members(group):
            return True
        time.sleep(0.02)
    return False


def _live_members(group: int) -> list[int]:
    members = []
    for process in psutil.process_iter(["status"]):
        with contextlib.suppress(psutil.Error):
            if os.getpgid(process.pid) == group and process.info["status"] != psutil.STATUS_ZOMBIE:
                members.append(process.pid)
    return members


@dataclass
class ImapAccount:
    """A user on a test Dovecot, with the helpers tests need to put mail in and look at it."""

    host: str
    port: int
    username: str
    password: str
    server: DovecotServer = field(repr=False)

    def append(self, raw: bytes, folder: str = "INBOX", flags: Sequence[str | bytes] = (),
               received: datetime | None = None) -> int:
        return self.server.append(self.username, self.password, raw, folder, flags, received)

    def append_many(self, raws: Iterable[bytes], folder: str = "INBOX") -> list[int]:
        return self.server.append_many(self.username, self.password, raws, folder)

    def uids(self, folder: str = "INBOX") -> list[int]:
        return self.server.uids(self.username, self.password, folder)

    def fetch_all(self, folder: str = "INBOX") -> list[bytes]:
        return self.server.fetch_all(self.username, self.password, folder)

    def uidvalidity(self, folder: str = "INBOX") -> int:
        return self.server.uidvalidity(self.username, self.password, folder)

    def recreate_folder(self, folder: str = "INBOX", keep_messages: bool = True) -> int:
        return self.server.recreate_folder(self.username, self.password, folder, keep_messages)

    def client(self) -> contextlib.AbstractContextManager[IMAPClient]:
        return self.server.client(self.username, self.password)
