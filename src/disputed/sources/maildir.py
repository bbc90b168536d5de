"""A local Maildir folder (the demo's mailbox, or one synced by mbsync/offlineimap).

Maildir has no UIDs; a file's unique name (before the ``:2,`` flags) is its position.
Files are only read, never moved from new/ to cur/.
"""

from __future__ import annotations

import os
import time
import zlib
from collections.abc import Iterator, Sequence
from datetime import datetime, timezone
from pathlib import Path

from disputed.sources.base import FetchedMessage, FolderStatus, SourceError


def maildir_key(filename: str) -> str:
    return filename.split(":", 1)[0]


class MaildirSource:
    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._files: dict[str, Path] = {}
        self._signature: tuple[int, int] | None = None

    def open(self) -> FolderStatus:
        if not (self.path / "cur").is_dir() or not (self.path / "new").is_dir():
            raise SourceError(f"{self.path} is not a Maildir (needs cur/ and new/)")
        self._scan()
        # A stable stand-in for UIDVALIDITY: the folder's identity.
        validity = zlib.crc32(str(self.path.resolve()).encode()) or 1
        return FolderStatus(uidvalidity=validity, exists=len(self._files))

    def refresh(self) -> FolderStatus:
        return self.open()

    def _scan(self) -> None:
        files: dict[str, Path] = {}
        for sub in ("cur", "new"):
            with os.scandir(self.path / sub) as entries:
                for entry in entries:
                    if entry.is_file() and not entry.name.startswith("."):
                        files[maildir_key(entry.name)] = Path(entry.path)
        self._files = files

    def new_positions(self, after_uid: int = 0, known: set[str] | None = None) -> list[str]:
        self._scan()
        known = known or set()
        fresh = [key for key in self._files if key not in known]
        return sorted(fresh, key=lambda k: (self._mtime(k), k))

    def positions_since(self, when: datetime) -> list[str]:
        self._scan()
        since = when.replace(hour=0, minute=0, second=0, microsecond=0).timestamp()
        return sorted((key for key in self._files if self._mtime(key) >= since), key=lambda k: (self._mtime(k), k))

    def _mtime(self, key: str) -> float:
        try:
            return self._files[key].stat().st_mtime
        except OSError:
            return 0.0

    def fetch(self, positions: Sequence[str]) -> Iterator[FetchedMessage]:
        for key in positions:
            path = self._files.get(key)
            if path is None:
                continue
            try:
                raw = path.read_bytes()
            except FileNotFoundError:  # flags changed by a mail client: it moved to cur/
                self._scan()
                path = self._files.get(key)
                if path is None:
                    continue
                raw = path.read_bytes()
            yield FetchedMessage(key=key, uid=0, raw=raw, arrived_at=_mtime(path))

    def wait_for_change(self, timeout: float, stop=None) -> bool:
        deadline = time.monotonic() + timeout
        before = self._dir_signature()
        while time.monotonic() < deadline and not (stop is not None and stop.is_set()):
            time.sleep(min(0.25, max(0.0, deadline - time.monotonic())))
            if self._dir_signature() != before:
                return True
        return False

    def _dir_signature(self) -> tuple[int, int]:
        return tuple(os.stat(self.path / sub).st_mtime_ns for sub in ("new", "cur"))  # type: ignore[return-value]

    def close(self) -> None:
        self._files = {}


def _mtime(path) -> datetime | None:
    """A Maildir file keeps its delivery time as its modification time (mail clients move it, they do not rewrite it)."""
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, timezone.utc)
    except OSError:
        return None
