"""The shop's own examples: buyer words an operator labelled with their issue.

When an operator sets or corrects a case's issue, the buyer's words become an example of
that shop (``label_example``); the classifier consults the shop's examples before the
shipped ones (``shop_examples`` -> ``disputed.parsers.reconsider``). A wrong label is taken
back with ``remove_example``: the row stays, marked removed, and no longer counts.

Web and CLI call these; they do not commit (the caller's session scope does).
"""

from __future__ import annotations

import numpy as np
from sqlmodel import Session, select

from disputed.parsers import semantic
from disputed.store.models import ShopExample, utcnow
from disputed.vocabulary import Issue

MAX_EXAMPLE_CHARS = semantic.MAX_EMBED_CHARS


class ExampleError(ValueError):
    """The example cannot be labelled or removed; the message says why."""


def label_example(session: Session, text: str, issue: Issue | str, language: str | None, actor: str) -> ShopExample:
    """Keep ``text`` as the shop's example of ``issue``, labelled by ``actor``."""
    words = (text or "").strip()[:MAX_EXAMPLE_CHARS]
    if not words:
        raise ExampleError("an example needs the buyer's words; this text is empty")
    try:
        issue = Issue(issue)
    except ValueError:
        raise ExampleError(f"unknown issue {issue!r}; one of: {', '.join(i.value for i in Issue)}") from None
    if not actor:
        raise ExampleError("an example needs the name of who labelled it")
    # With the semantic layer off ([parsing] semantic = false) the encoder is not loaded for it: the example is kept
    # without its vector, and embedded when the layer is next used (``shop_examples``).
    vector = semantic.embed([words])[0].astype("<f4").tobytes() if semantic.enabled() else b""
    example = ShopExample(text=words, issue=issue.value, language=language, labelled_by=actor, vector=vector)
    session.add(example)
    session.flush()
    return example


def remove_example(session: Session, example_id: int, actor: str) -> ShopExample:
    """Take back a label: the example stops counting; who removed it and when are kept."""
    example = session.get(ShopExample, example_id)
    if example is None:
        raise ExampleError(f"no shop example {example_id}")
    if example.removed_at is None:
        example.removed_at = utcnow()
        example.removed_by = actor
        session.add(example)
        session.flush()
    return example


def current_examples(session: Session) -> list[ShopExample]:
    """The examples that count, oldest first."""
    query = select(ShopExample).where(ShopExample.removed_at.is_(None)).order_by(ShopExample.id)
    return list(session.exec(query))


def shop_examples(session: Session) -> semantic.ShopExamples | None:
    """The shop's examples as the classifier reads them (their stored vectors), or None when there are none.

    An example labelled while the semantic layer was off is embedded (and its vector stored) here, on first use."""
    rows = current_examples(session)
    if not rows:
        return None
    for row in rows:
        if not row.vector:
            row.vector = semantic.embed([row.text])[0].astype("<f4").tobytes()
            session.add(row)
    vectors = np.stack([np.frombuffer(row.vector, dtype="<f4") for row in rows]).astype(np.float32)
    return semantic.ShopExamples(vectors, tuple(Issue(row.issue) for row in rows))
