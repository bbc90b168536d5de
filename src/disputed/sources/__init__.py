"""Where mail comes from: IMAP mailboxes and local Maildir folders.

Both kinds answer the same small questions (what is new since a checkpoint, give me
those messages' bytes, wait for a change) and return plain values; neither changes
the mailbox. The one thing written to a mailbox, a copy of each reply we send, goes
through the Sent folder (``sent``), which uses the same sources.
"""

from disputed.sources.base import FetchedMessage, FolderStatus, MessageSource, SourceError, SourceAuthError
from disputed.sources.imap import ImapSource
from disputed.sources.maildir import MaildirSource
from disputed.sources.sent import SentFolder, sent_folder_for

__all__ = [
    "FetchedMessage",
    "FolderStatus",
    "ImapSource",
    "MaildirSource",
    "MessageSource",
    "SentFolder",
    "SourceAuthError",
    "SourceError",
    "open_source",
    "sent_folder_for",
]


def open_source(settings) -> MessageSource:
    """The source for one [[mailbox]] entry."""
    if settings.source == "maildir":
        return MaildirSource(settings.path)
    return ImapSource(settings)
