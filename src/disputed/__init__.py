"""disputed: a mailbox automation daemon for marketplace sellers.

Flow, one direction only:
source -> store -> parse -> cases -> handlers -> drafts -> approval -> sender.
"""

__version__ = "0.1.0"
