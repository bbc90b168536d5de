"""The shop's own labelled examples: a buyer's words and the issue an operator gave them.

Written when an operator sets a case's issue; the classifier may learn from them."""

from __future__ import annotations

from sqlmodel import Session

from disputed.store.models import LabelledExample

MAX_TEXT = 4000  # the words that told the issue; a longer message adds nothing but size


def label_example(session: Session, text: str, issue: str, language: str | None, actor: str) -> LabelledExample | None:
    """Keep ``text`` as an example of ``issue`` (nothing for empty text)."""
    text = (text or "").strip()[:MAX_TEXT]
    if not text:
        return None
    example = LabelledExample(text=text, issue=issue, language=language, actor=actor)
    session.add(example)
    return example
