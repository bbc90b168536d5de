"""The Sent folder: where every reply is filed, and where an unknown send is looked for."""

from __future__ import annotations

import logging
import socket
import time
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from disputed.config.settings import MailboxSettings, Settings
from disputed.sources.imap import ImapSource

log = logging.getLogger(__name__)


class SentFolder(Protocol):
    def file(self, raw: bytes) -> None: ...

    def file_all(self, raws: list[bytes]) -> int:
        """File ``raws`` in order; how many of them, from the first, were filed. Raises only
        when not even the first could be (so a copy filed is never reported as missing)."""
        ...

    def contains(self, message_id: str) -> bool: ...

    def close(self) -> None: ...


class ImapSentFolder:
    """A connection of its own to the mailbox's account, opened on first use."""

    def __init__(self, mailbox: MailboxSettings) -> None:
        self.mailbox = mailbox
        self.source: ImapSource | None = None
        self.folder_ready = False  # the Sent folder was seen (or made) on this connection

    def _open(self) -> ImapSource:
        if self.source is None or not self.source.is_open:
            self.source = ImapSource(self.mailbox, timeout=15)
            self.source.open()
            self.folder_ready = False
        return self.source

    def file(self, raw: bytes) -> None:
        self.file_all([raw])

    def file_all(self, raws: list[bytes]) -> int:
        """One MULTIAPPEND for all of ``raws`` where the server offers it (RFC 3502: all or none,
        one command, and for Dovecot one transaction), else one APPEND each. The folder is
        looked for once per connection, not before every copy."""
        try:
            source = self._open()
            if not self.folder_ready:
                source.make_folder(self.mailbox.sent_folder)
                self.folder_ready = True
            if source.append_all(self.mailbox.sent_folder, raws):
                return len(raws)
        except Exception:
            self.close()  # reconnect next time
            raise
        return _one_by_one(self._append, raws)

    def _append(self, raw: bytes) -> None:
        try:
            self._open().append(self.mailbox.sent_folder, raw)
        except Exception:
            self.close()
            raise

    def contains(self, message_id: str) -> bool:
        try:
            return self._open().has_message_id(self.mailbox.sent_folder, message_id)
        except Exception:
            self.close()
            raise

    def close(self) -> None:
        if self.source is not None:
            self.source.close()
            self.source = None


class MaildirSentFolder:
    """Maildir++ ``.Sent`` beside the inbox, as mbsync and Dovecot lay it out."""

    def __init__(self, inbox: Path, folder: str) -> None:
        self.root = Path(inbox) / f".{folder}"
        for sub in ("tmp", "new", "cur"):
            (self.root / sub).mkdir(parents=True, exist_ok=True)

    def file(self, raw: bytes) -> None:
        name = f"{time.time_ns()}.{socket.gethostname()}:2,S"
        tmp = self.root / "tmp" / name
        tmp.write_bytes(raw)
        tmp.rename(self.root / "cur" / name)

    def file_all(self, raws: list[bytes]) -> int:
        return _one_by_one(self.file, raws)

    def contains(self, message_id: str) -> bool:
        needle = message_id.encode()
        return any(needle in path.read_bytes()[:65536] for path in (self.root / "cur").iterdir())

    def close(self) -> None:
        pass


def _one_by_one(file: Callable[[bytes], None], raws: list[bytes]) -> int:
    for count, raw in enumerate(raws):
        try:
            file(raw)
        except Exception as exc:
            if count == 0:
                raise
            log.warning("filed %d of %d copies in Sent: %s", count, len(raws), exc)
            return count
    return len(raws)


def sent_folder_for(settings: Settings) -> SentFolder | None:
    if not settings.smtp.file_in_sent or not settings.mailbox:
        return None
    chosen = next((m for m in settings.mailbox if m.name == settings.smtp.sent_mailbox), settings.mailbox[0])
    if chosen.source == "maildir":
        return MaildirSentFolder(chosen.path, chosen.sent_folder)
    return ImapSentFolder(chosen)
