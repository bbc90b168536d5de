"""Whether a draft may leave: the one check every way out calls.

Approving (``disputed approve``, the web page's button and its ``a`` key, "send now"),
auto-approval while drafting, and the sender right before SMTP all ask ``check``. A
draft is *unfinished* while it holds a place for the operator to complete
(``[[FILL IN: ...]]``), template code or a value the template did not know, an operator
note that asks for a fact the operator has not supplied by editing, no recipient, or a
statement about contact with the buyer that the case's recorded sends no longer bear
out: it cannot be approved or sent, and the refusal names what is missing. A draft that
breaks its marketplace's messaging rules carries *warnings*: a person may approve it
after reading them, auto-approval never does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, func, select

from disputed.handlers.base import BUYER_WRITTEN_ON, OPERATOR_QUESTION
from disputed.platforms import rule_breaches
from disputed.rendering import TemplateLibrary
from disputed.store.history import record
from disputed.store.models import Case, CaseEvent, Draft, DraftStatus
from disputed.vocabulary import Audience

# Places an operator must complete: "[[FILL IN: amount]]", "[ORDER ID]", "<<name>>".
PLACEHOLDER = re.compile(r"\[\[[^\]\n]{1,80}\]\]|\[[A-Z][A-Z_ ]{2,40}\]|<<[^>\n]{1,80}>>")
# Template code: a whole expression or statement where one can be seen, else a lone delimiter.
TEMPLATE_CODE = re.compile(r"\{\{[^{}\n]{0,200}\}\}|\{%[^%\n]{0,200}%\}|\{\{|\{%|%\}|\}\}")
# The buyer's own words a template quotes: what they wrote is theirs, brackets and braces included, and is not
# something left for the operator to complete (it arrived as text and stays text: the templates never run it).
BUYER_WORDS = ("buyer_comment",)


@dataclass(frozen=True)
class Readiness:
    missing: tuple[str, ...] = ()  # unfinished or untrue: the draft may not leave
    warnings: tuple[str, ...] = ()  # the marketplace's rules it breaks: a person must approve it

    @property
    def ready(self) -> bool:
        return not self.missing

    @property
    def may_auto_approve(self) -> bool:
        return not self.missing and not self.warnings

    def refusal(self, draft_id: int | None) -> str:
        return f"draft {draft_id} is not ready to send: " + "; ".join(self.missing)


def check(session: Session, draft: Draft, *, platform: str | None = None, rules: bool = True) -> Readiness:
    """What keeps ``draft`` from leaving (``platform``: the case's, looked up when not given).
    ``rules=False`` leaves the marketplace's rules out (only what is unfinished or untrue)."""
    if rules and platform is None and draft.audience == Audience.BUYER:  # the rules are the buyer messages'
        platform = session.exec(select(Case.platform).where(Case.id == draft.case_id)).first()
    context = draft.context or {}
    asks = context.get(OPERATOR_QUESTION) or BUYER_WRITTEN_ON in context  # only then does an edit matter
    edited = bool(asks) and draft.id is not None and was_edited(session, draft.id)
    found = check_text(platform if rules else None, draft.audience, draft.language, draft.to_addr, draft.subject, draft.body, draft.context, edited=edited)
    contact = stated_contact_is_stale(session, draft)
    if contact is None:
        return found
    if edited:  # the operator's own words: shown to whoever approves, not overwritten
        return Readiness(found.missing, (*found.warnings, contact))
    return Readiness((*found.missing, contact), found.warnings)


def check_text(platform: str | None, audience: str, language: str, to_addr: str, subject: str, body: str, context: dict[str, Any] | None, *, edited: bool) -> Readiness:
    """The check of a text alone (a draft being written has nothing in the store to compare)."""
    missing = unfinished(to_addr, subject, body, context, edited=edited)
    breaches = rule_breaches(platform, language, f"{subject}\n{body}") if audience == Audience.BUYER else []
    return Readiness(tuple(missing), tuple(str(b) for b in breaches))


NO_RECIPIENT = "no recipient (edit the draft to add one)"  # not asked of a letter done on the platform (case_actions.desk_for)


def unfinished(to_addr: str, subject: str, body: str, context: dict[str, Any] | None, *, edited: bool) -> list[str]:
    """What is left to complete in a text, before any fact is compared with the store."""
    missing = []
    if not to_addr.strip():
        missing.append(NO_RECIPIENT)
    text = f"{subject}\n{body}"
    quoted = [words for key in BUYER_WORDS if isinstance(words := (context or {}).get(key), str)]
    places = list(dict.fromkeys(m.group(0) for m in PLACEHOLDER.finditer(text) if not _quoted(m.group(0), quoted)))
    if places:
        missing.append("placeholders to complete: " + ", ".join(places[:5]) + (f" and {len(places) - 5} more" if len(places) > 5 else ""))
    if any(not _quoted(m.group(0), quoted) for m in TEMPLATE_CODE.finditer(text)):
        missing.append("template code left in the text ({{ ... }} or {% ... %})")
    note = (context or {}).get(OPERATOR_QUESTION)
    if note and not edited:
        missing.append(f"the operator note asks for a fact; supply it by editing the draft: {note}")
    return missing


def _quoted(found: str, buyer_words: list[str]) -> bool:
    return any(found in words for words in buyer_words)


def was_edited(session: Session, draft_id: int) -> bool:
    stmt = select(CaseEvent.id).where(CaseEvent.draft_id == draft_id, CaseEvent.type == "edited").limit(1)
    return session.exec(stmt).first() is not None


def buyer_written_on(session: Session, case_id: int) -> str | None:
    """The day the case's first reply to the buyer was sent (ISO date), from the recorded sends."""
    stmt = select(func.min(Draft.sent_at)).where(Draft.case_id == case_id, Draft.audience == Audience.BUYER, Draft.status == DraftStatus.SENT)
    first = session.exec(stmt).first()
    return first.date().isoformat() if first is not None else None


def stated_contact_is_stale(session: Session, draft: Draft) -> str | None:
    """For a letter that states whether the buyer was written to: what differs from the sends."""
    context = draft.context or {}
    if BUYER_WRITTEN_ON not in context:
        return None
    recorded = buyer_written_on(session, draft.case_id)
    if context[BUYER_WRITTEN_ON] == recorded:
        return None
    said = f"the buyer was written to on {context[BUYER_WRITTEN_ON]}" if context[BUYER_WRITTEN_ON] else "the buyer was not written to"
    true = f"the first reply was sent on {recorded}" if recorded else "no reply to the buyer has been sent"
    return f"the letter says {said}, but {true}"


def return_to_operator(session: Session, draft: Draft, why: str) -> None:
    """An approved draft that may not leave goes back to the queue with the reason."""
    draft.status, draft.claimed_by, draft.smtp_phase, draft.next_attempt_at = DraftStatus.PENDING, None, None, None
    draft.approved_by = draft.approved_at = draft.approved_sha256 = None
    draft.smtp_response = why[:500]
    session.add(draft)
    record(session, case_id=draft.case_id, type="send_refused", detail=f"draft {draft.id}: {why}", draft_id=draft.id)


def blocks_sending(session: Session, draft: Draft) -> str | None:
    """Why the sender must not send ``draft`` now (None: it may). Auto-approved drafts must also
    keep the marketplace's rules; a person's approval covers the warnings they were shown."""
    found = check(session, draft, rules=draft.approved_by == "auto")  # a person approved the warnings they saw
    if not found.ready:
        return found.refusal(draft.id)
    if draft.approved_by == "auto" and found.warnings:
        return f"draft {draft.id} breaks the marketplace's rules and needs a person's approval: " + "; ".join(found.warnings)
    return None


def bring_contact_up_to_date(session: Session, draft: Draft, templates: TemplateLibrary) -> bool:
    """Re-render a letter whose account of contact with the buyer the recorded sends no longer
    bear out, while its text is still the template's (an operator's edit is never overwritten).
    True when the text changed: whoever was about to approve it must read it again."""
    if stated_contact_is_stale(session, draft) is None or was_edited(session, draft.id):
        return False
    context = {**(draft.context or {}), BUYER_WRITTEN_ON: buyer_written_on(session, draft.case_id)}
    rendered = templates.render(draft.template, draft.language, context)
    changed = rendered.body != draft.body
    draft.context, draft.body = context, rendered.body
    if changed:  # the other readings are rendered again when next shown
        draft.reading_en = rendered.body if draft.language == "en" else None
        draft.reading_zh = rendered.body if draft.language == "zh" else None
        record(session, case_id=draft.case_id, type="facts_updated", detail=f"draft {draft.id}: re-rendered from the case's recorded sends", draft_id=draft.id)
    session.add(draft)
    return changed
