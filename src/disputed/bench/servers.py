"""The servers a benchmark run talks to: a private Dovecot and a counting SMTP sink.

Both live only for the run, on free loopback ports, in a temporary directory. The
Dovecot is configured the way the test suite's is (maildir, plaintext logins, one
passwd file per user, IDLE checked every second) so the figures match what the
tests exercise; nothing touches a system Dovecot or /etc.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import grp
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from aiosmtpd.controller import Controller
from imapclient import IMAPClient

LOOPBACK = "127.0.0.1"


class BenchServerError(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


def find_dovecot() -> str:
    for candidate in (os.environ.get("DOVECOT", ""), shutil.which("dovecot") or "", "/usr/sbin/dovecot"):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    raise BenchServerError("the benchmark needs Dovecot: apt-get install dovecot-imapd (or set $DOVECOT)")


@dataclass(frozen=True)
class Account:
    host: str
    port: int
    username: str
    password: str

    def client(self, timeout: float = 30.0) -> IMAPClient:
        imap = IMAPClient(self.host, self.port, ssl=False, timeout=timeout)
        imap.login(self.username, self.password)
        return imap


@dataclass(frozen=True)
class DovecotIdentity:
    """Which system users Dovecot's processes and mail files run as. As root, mail must
    belong to an unprivileged user, because Dovecot refuses to deliver as uid 0."""

    internal_user: str
    internal_group: str
    login_user: str
    mail_uid: int
    mail_gid: int
    running_as_root: bool

    @classmethod
    def for_current_process(cls) -> DovecotIdentity:
        if os.geteuid() != 0:
            me, group = pwd.getpwuid(os.geteuid()).pw_name, grp.getgrgid(os.getegid()).gr_name
            return cls(me, group, me, os.geteuid(), os.getegid(), False)
        internal, login, owner = _user("dovecot"), _user("dovenull"), _user("nobody")
        owner = owner or login or internal
        if owner is None:
            raise BenchServerError("running as root needs an unprivileged user (nobody, dovenull or dovecot) to own the mail")
        internal_name = internal.pw_name if internal else "root"
        internal_group = grp.getgrgid(internal.pw_gid).gr_name if internal else "root"
        return cls(internal_name, internal_group, login.pw_name if login else internal_name, owner.pw_uid, owner.pw_gid, True)


def _user(name: str):
    with contextlib.suppress(KeyError):
        return pwd.getpwnam(name)
    return None


def dovecot_config(root: Path, port: int, identity: DovecotIdentity, greeting: str, *, name: str, oauth2_args: Path | None = None) -> str:
    """A Dovecot of our own: IMAP only on loopback at ``port``, plaintext logins from one
    passwd file per user, Maildir homes under ``root``, a Sent folder, no penalty after a
    wrong password (one bad login must not slow every later one from 127.0.0.1). With
    ``oauth2_args`` (an oauth2 passdb's settings file) it also takes XOAUTH2 and OAUTHBEARER."""
    mechanisms = "plain login" + (" xoauth2 oauthbearer" if oauth2_args else "")
    oauth2_passdb = f"passdb {{\n  driver = oauth2\n  mechanisms = xoauth2 oauthbearer\n  args = {oauth2_args}\n}}\n" if oauth2_args else ""
    # Unprivileged Dovecot cannot chroot or switch users, so every service runs as the current user.
    unprivileged = "" if identity.running_as_root else f"service auth-worker {{\n  user = {identity.internal_user}\n}}\n"
    return f"""protocols = imap
listen = {LOOPBACK}
base_dir = {root}/run
state_dir = {root}/state
instance_name = {name}-{port}
log_path = {root}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = {mechanisms}
first_valid_uid = 1
first_valid_gid = 1
default_internal_user = {identity.internal_user}
default_internal_group = {identity.internal_group}
default_login_user = {identity.login_user}
auth_failure_delay = 0 secs
login_greeting = {greeting}
mail_location = maildir:~/Maildir
mail_max_userip_connections = 1000
mailbox_idle_check_interval = 1 secs
passdb {{
  driver = passwd-file
  mechanisms = plain login
  args = scheme=PLAIN username_format=%u {root}/users/%u
}}
{oauth2_passdb}userdb {{
  driver = static
  args = uid={identity.mail_uid} gid={identity.mail_gid} home={root}/home/%u
}}
namespace inbox {{
  inbox = yes
  separator = .
  mailbox Sent {{
    auto = create
    special_use = \\Sent
  }}
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = {LOOPBACK}
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
{unprivileged}"""


class BenchDovecot:
    def __init__(self) -> None:
        self.binary = find_dovecot()
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="disputed-bench-dovecot-"))
        self.greeting = f"disputed-bench-{secrets.token_hex(4)}"
        self.process: subprocess.Popen | None = None

    def start(self) -> BenchDovecot:
        identity = DovecotIdentity.for_current_process()
        self.root.chmod(0o755)
        for name in ("run", "state", "home", "users"):
            (self.root / name).mkdir(exist_ok=True)
        (self.root / "users").chmod(0o755)
        os.chown(self.root / "home", identity.mail_uid, identity.mail_gid)
        (self.root / "dovecot.conf").write_text(dovecot_config(self.root, self.port, identity, self.greeting, name="disputed-bench"))
        self.process = subprocess.Popen(
            [self.binary, "-F", "-c", str(self.root / "dovecot.conf")],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True,
        )
        if not self._greeted(10.0):
            log = (self.root / "dovecot.log").read_text(errors="replace")[-2000:] if (self.root / "dovecot.log").exists() else ""
            self.stop()
            raise BenchServerError(f"Dovecot did not start on {LOOPBACK}:{self.port}\n{log}")
        return self

    def _greeted(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            with contextlib.suppress(OSError):
                with socket.create_connection((LOOPBACK, self.port), timeout=1) as sock:
                    if self.greeting.encode() in sock.recv(512):
                        return True
            time.sleep(0.05)
        return False

    def new_account(self, name: str) -> Account:
        password = secrets.token_urlsafe(12)
        entry = self.root / "users" / name
        entry.write_text(f"{name}:{{PLAIN}}{password}::::::\n")
        entry.chmod(0o644)
        return Account(LOOPBACK, self.port, name, password)

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(5)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
        shutil.rmtree(self.root, ignore_errors=True)


def append_many(account: Account, raws, *, batch: int = 500) -> int:
    """MULTIAPPEND ``raws`` to INBOX over one connection; returns how many. A raw may be ``(bytes, datetime)``:
    the message with that arrival time (INTERNALDATE)."""
    count = 0
    chunk: list[bytes] = []
    with contextlib.closing(_Logout(account.client())) as holder:
        for raw in raws:
            chunk.append({"msg": raw[0], "date": raw[1]} if isinstance(raw, tuple) else raw)
            if len(chunk) >= batch:
                holder.imap.multiappend("INBOX", chunk)
                count += len(chunk)
                chunk = []
        if chunk:
            holder.imap.multiappend("INBOX", chunk)
            count += len(chunk)
    return count


class _Logout:
    def __init__(self, imap: IMAPClient) -> None:
        self.imap = imap

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.imap.logout()


class SinkProcess:
    """The counting sink in a process of its own, so that it does not compete with the
    sender being measured for this interpreter's GIL (a real SMTP server would not)."""

    def __init__(self) -> None:
        code = "from disputed.bench.servers import _sink_main; _sink_main()"
        self.proc = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.port = int(self._ask("port"))

    def _ask(self, command: str) -> str:
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        answer = self.proc.stdout.readline()
        if not answer:
            raise BenchServerError("the SMTP sink process died")
        return answer.strip()

    def counts(self) -> tuple[int, int]:
        """(messages received, duplicates by Message-ID)"""
        received, duplicates = self._ask("count").split()
        return int(received), int(duplicates)

    def reset(self) -> None:
        self._ask("reset")

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self._ask("quit")
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def _sink_main() -> None:
    sink = SmtpSink().start()
    for line in sys.stdin:
        command = line.strip()
        if command == "port":
            print(sink.port, flush=True)
        elif command == "count":
            with sink.lock:
                print(sink.count, sum(n - 1 for n in sink.message_ids.values() if n > 1), flush=True)
        elif command == "reset":
            sink.reset()
            print("ok", flush=True)
        elif command == "quit":
            print("bye", flush=True)
            break
    sink.stop()


class _CountingHandler:
    def __init__(self, sink: SmtpSink) -> None:
        self.sink = sink

    async def handle_DATA(self, server, session, envelope):
        self.sink.received(envelope.original_content or envelope.content)
        return "250 OK: queued"


class SmtpSink:
    """aiosmtpd that accepts everything and counts it (by Message-ID, to spot a repeat)."""

    def __init__(self) -> None:
        self.port = free_port()
        self.count = 0
        self.message_ids: dict[bytes, int] = {}
        self.lock = threading.Lock()
        self.controller = Controller(_CountingHandler(self), hostname=LOOPBACK, port=self.port, server_hostname="sink.bench.test", ready_timeout=10)

    def start(self) -> SmtpSink:
        self.controller.start()
        return self

    def received(self, raw: bytes) -> None:
        head = raw.split(b"\r\n\r\n", 1)[0]
        mid = next((line.split(b":", 1)[1].strip() for line in head.split(b"\r\n") if line.lower().startswith(b"message-id:")), b"")
        with self.lock:
            self.count += 1
            self.message_ids[mid] = self.message_ids.get(mid, 0) + 1

    def duplicates(self) -> int:
        with self.lock:
            return sum(n - 1 for n in self.message_ids.values() if n > 1)

    def reset(self) -> None:
        with self.lock:
            self.count = 0
            self.message_ids.clear()

    def stop(self) -> None:
        self.controller.stop()
