from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


class SourceError(Exception):
    """The mailbox could not be reached or answered badly; worth retrying later."""


class SourceAuthError(SourceError):
    """The server refused our credentials; retrying will not help until config changes."""


@dataclass(frozen=True)
class FolderStatus:
    uidvalidity: int
    exists: int


@dataclass(frozen=True)
class FetchedMessage:
    key: str  # position in the source: "<uidvalidity>/<uid>" or a Maildir file's unique name
    uid: int  # 0 for Maildir
    raw: bytes
    # When the mailbox received it (IMAP INTERNALDATE, a Maildir file's time), aware UTC: a message without a
    # usable Date header is dated by this, never by when disputed stored it (a backfill stores years at once).
    arrived_at: datetime | None = None


class MessageSource(Protocol):
    def open(self) -> FolderStatus: ...

    def refresh(self) -> FolderStatus: ...

    def new_positions(self, after_uid: int, known: set[str] | None = None) -> Sequence[int | str]: ...

    def positions_since(self, when: datetime) -> Sequence[int | str]:
        """The messages that reached the mailbox on or after ``when``'s day, in mailbox order."""
        ...

    def fetch(self, positions: Sequence[int | str]) -> Iterator[FetchedMessage]: ...

    def wait_for_change(self, timeout: float, stop=None) -> bool: ...

    def close(self) -> None: ...
