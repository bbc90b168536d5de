"""One IMAP mailbox, through imapclient. Read-only: the folder is EXAMINEd and
bodies fetched with BODY.PEEK, so ingesting never changes a flag."""

from __future__ import annotations

import logging
import re
import socket
import ssl
import time
from datetime import datetime, timezone
from collections.abc import Iterator, Sequence

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError, LoginError

from disputed.sources.base import FetchedMessage, FolderStatus, SourceAuthError, SourceError

log = logging.getLogger(__name__)

_NEWS_LINE = re.compile(rb"\* \d+ (EXISTS|RECENT)\b", re.I)
_NETWORK_ERRORS = (OSError, socket.timeout, ssl.SSLError, IMAPClientError, EOFError)


class ImapSource:
    def __init__(self, settings, *, timeout: float = 30.0) -> None:
        self.settings = settings
        self.timeout = timeout
        self.client: IMAPClient | None = None
        self.uidvalidity = 0
        self._idling = False

    # -- connection ---------------------------------------------------------------
    def open(self) -> FolderStatus:
        """Connect, log in, EXAMINE the folder."""
        self.close()
        s = self.settings
        try:
            context = ssl.create_default_context()
            if not s.verify_tls:
                context.check_hostname = False
                context.verify_mode = ssl.CERT_NONE
            client = IMAPClient(s.host, port=s.port, ssl=s.security == "ssl", ssl_context=context, timeout=self.timeout)
            try:
                if s.security == "starttls":
                    client.starttls(context)
                self._log_in(client)
            except BaseException:
                _shut(client)  # a refused login must not leave the connection open until it is collected
                raise
            self.client = client
            return self._examine(s.folder)
        except LoginError as exc:
            raise SourceAuthError(f"{s.name}: login refused for {s.username!r} at {s.host}:{s.port}") from exc
        except _NETWORK_ERRORS as exc:
            raise SourceError(f"{s.name}: cannot reach {s.host}:{s.port}: {type(exc).__name__}: {exc}") from exc

    def _log_in(self, client: IMAPClient) -> None:
        s = self.settings
        if s.auth != "oauth2":
            client.login(s.username, s.secret())
            return
        from disputed.oauth.tokens import login_with_token  # here: disputed.oauth imports disputed.sources

        def sasl(token: str) -> None:
            try:
                if s.oauth_mechanism == "oauthbearer":
                    client.oauthbearer_login(s.username, token)
                else:
                    client.oauth2_login(s.username, token)
            except LoginError as exc:
                raise PermissionError(str(exc)) from None

        login_with_token(s, sasl)

    def _examine(self, folder: str) -> FolderStatus:
        info = self.client.select_folder(folder, readonly=True)
        self._take_stashed_news()  # EXAMINE's own EXISTS is not news
        self.uidvalidity = int(info.get(b"UIDVALIDITY", 0))
        return FolderStatus(uidvalidity=self.uidvalidity, exists=int(info.get(b"EXISTS", 0)))

    def refresh(self) -> FolderStatus:
        try:
            return self._examine(self.settings.folder)
        except _NETWORK_ERRORS as exc:
            raise SourceError(f"{self.settings.name}: EXAMINE failed: {exc}") from exc

    def close(self) -> None:
        client, self.client = self.client, None
        if client is None:
            return
        try:
            if self._idling:
                client.idle_done()
            client.logout()
        except Exception:  # a dead connection has nothing left to say
            try:
                client.shutdown()
            except Exception:
                pass
        finally:
            self._idling = False

    @property
    def supports_idle(self) -> bool:
        return self.client is not None and self.client.has_capability("IDLE")

    # -- reading ------------------------------------------------------------------
    def new_positions(self, after_uid: int, known: set[str] | None = None) -> list[int]:
        """UIDs above ``after_uid``. ``n:*`` always matches the highest UID, even when
        it is below n, so the answer is filtered rather than trusted."""
        try:
            uids = self.client.search(["UID", f"{after_uid + 1}:*"])
        except _NETWORK_ERRORS as exc:
            raise SourceError(f"{self.settings.name}: search failed: {exc}") from exc
        return sorted(uid for uid in uids if uid > after_uid)

    def positions_since(self, when: datetime) -> list[int]:
        """UIDs of the mail received since ``when``'s date (IMAP SINCE compares INTERNALDATE by day)."""
        try:
            return sorted(self.client.search(["SINCE", when.date()]))
        except _NETWORK_ERRORS as exc:
            raise SourceError(f"{self.settings.name}: search failed: {exc}") from exc

    def fetch(self, positions: Sequence[int]) -> Iterator[FetchedMessage]:
        if not positions:
            return
        try:
            answer = self.client.fetch(list(positions), ["BODY.PEEK[]", "INTERNALDATE"])
        except _NETWORK_ERRORS as exc:
            raise SourceError(f"{self.settings.name}: fetch failed: {exc}") from exc
        for uid in sorted(answer):
            raw = answer[uid].get(b"BODY[]")
            if raw is None:  # expunged between SEARCH and FETCH
                continue
            yield FetchedMessage(key=f"{self.uidvalidity}/{uid}", uid=uid, raw=bytes(raw), arrived_at=_utc(answer[uid].get(b"INTERNALDATE")))

    def wait_for_change(self, timeout: float, stop=None) -> bool:
        """IDLE (RFC 2177) until the server reports new mail, ``timeout`` passes or
        ``stop`` is set; one IDLE command throughout, checked every second.
        Without IDLE, sleep; the caller polls again either way."""
        if not self.supports_idle:
            (stop.wait if stop is not None else time.sleep)(timeout)
            return False
        if self._take_stashed_news():
            return True  # mail arrived during the last pass: the server will not say so again in IDLE
        deadline = time.monotonic() + timeout
        changed = False
        try:
            self.client.idle()
            self._idling = True
            changed = self._take_stashed_news() or self._buffered_news()
            while not changed and time.monotonic() < deadline and not (stop is not None and stop.is_set()):
                slice_ = max(0.05, min(1.0, deadline - time.monotonic()))
                responses = self.client.idle_check(timeout=slice_)
                if _says_bye(responses) or (not responses and _peer_closed(self.client.socket())):
                    # imapclient's idle_check swallows EOF and keeps answering "nothing new":
                    # without this a restarted server would go unnoticed until the IDLE renewal.
                    raise SourceError(f"{self.settings.name}: the server closed the connection during IDLE")
                changed = _reports_mail(responses)
            _text, tail = self.client.idle_done()
            self._idling = False
        except _NETWORK_ERRORS as exc:
            self._idling = False
            raise SourceError(f"{self.settings.name}: IDLE failed: {exc}") from exc
        return changed or _reports_mail(tail)

    def _take_stashed_news(self) -> bool:
        """Did the server announce new mail (``* n EXISTS``) while answering an earlier
        command? imaplib files such unsolicited lines away and imapclient never looks at
        them, and a server tells each session of a change only once: without this check
        mail that arrives between our SEARCH and our IDLE would wait for the next renewal."""
        stash = getattr(getattr(self.client, "_imap", None), "untagged_responses", None)
        if not isinstance(stash, dict):
            return False
        news = stash.pop("EXISTS", None)
        stash.pop("RECENT", None)
        return bool(news)

    def _buffered_news(self) -> bool:
        """Did "* n EXISTS" arrive together with the server's "+ idling"? Such lines sit in
        imaplib's read buffer, and idle_check only polls the socket, so it would never see
        them. Complete lines already buffered are read here, without blocking."""
        imap = getattr(self.client, "_imap", None)
        reader = getattr(imap, "file", None)
        if reader is None or not hasattr(reader, "peek"):
            return False
        sock = self.client.socket()
        news = False
        sock.setblocking(False)
        try:
            while b"\n" in reader.peek(1):
                line = reader.readline()
                if line.startswith(b"* BYE"):
                    raise SourceError(f"{self.settings.name}: the server closed the connection: {line.strip()!r}")
                news = news or bool(_NEWS_LINE.match(line))
        except (BlockingIOError, InterruptedError, ssl.SSLWantReadError):
            pass  # nothing (more) buffered
        finally:
            sock.setblocking(True)
            sock.settimeout(self.timeout)
        return news

    # -- the Sent folder ----------------------------------------------------------
    def has_message_id(self, folder: str, message_id: str) -> bool:
        """Is a message with this Message-ID in ``folder``? Used to settle unknown sends."""
        try:
            if not self.client.folder_exists(folder):
                return False
            self.client.select_folder(folder, readonly=True)
            found = self.client.search(["HEADER", "Message-ID", message_id])
            self._examine(self.settings.folder)
            return bool(found)
        except _NETWORK_ERRORS as exc:
            raise SourceError(f"{self.settings.name}: search in {folder} failed: {exc}") from exc


def _shut(client: IMAPClient) -> None:
    try:
        client.shutdown()
    except Exception:
        pass


def _reports_mail(responses) -> bool:
    return any(isinstance(r, tuple) and len(r) > 1 and r[1] in (b"EXISTS", b"RECENT") for r in responses or ())


def _says_bye(responses) -> bool:
    return any(isinstance(r, tuple) and r and r[0] == b"BYE" for r in responses or ())


def _peer_closed(sock) -> bool:
    """Has the server closed the connection? Peeks at the TCP stream through a duplicate of the
    socket, so a TLS layer on top and the socket's blocking mode are left untouched."""
    try:
        probe = socket.fromfd(sock.fileno(), sock.family, sock.type)
    except (OSError, ValueError):
        return True  # no usable socket left
    try:
        return probe.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
    except (BlockingIOError, InterruptedError):
        return False  # open, nothing to read
    except OSError:
        return True
    finally:
        probe.close()


def _utc(value) -> datetime | None:
    """imapclient hands INTERNALDATE over as this machine's local time without a zone (normalise_times)."""
    if not isinstance(value, datetime):
        return None
    return value.astimezone(timezone.utc)
