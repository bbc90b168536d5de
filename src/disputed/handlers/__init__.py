"""The handler registry: an explicit, ordered list. The first handler that takes a
notification's kind and issue handles it."""

from __future__ import annotations

from disputed.handlers.base import Handler
from disputed.vocabulary import Issue, Kind

REGISTRY: tuple[Handler, ...] = ()


def route(kind: Kind, issue: Issue | None, registry: tuple[Handler, ...] | None = None) -> Handler | None:
    for handler in REGISTRY if registry is None else registry:
        if kind in handler.kinds and (handler.issues is None or issue in handler.issues):
            return handler
    return None
