"""Letters an operator starts by hand (no notification behind them)."""

from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlmodel import select

from disputed.config.settings import Settings
from disputed.drafting import DraftingContext, queue_draft
from disputed.handlers.hijacker import hijacker_letter
from disputed.rendering import TemplateLibrary
from disputed.store.db import session_scope
from disputed.store.models import Case, utcnow
from disputed.store.queue import record
from disputed.vocabulary import Kind


def queue_hijacker_letter(
    settings: Settings, engine: Engine, templates: TemplateLibrary, *, asin: str, seller: str, brand: str | None, to: str, platform: str,
    more_asins: list[str] | None = None, registration: str | None = None,
) -> int:
    """A trademark warning to a seller hijacking ``asin``; returns the draft id."""
    outcome = hijacker_letter(
        asin=asin, seller=seller, brand=brand or settings.policy.shop_name, to=to or None,
        more_asins=more_asins or (), registration=registration, marketplace=platform,
    )
    dctx = DraftingContext(settings=settings, templates=templates, now=utcnow())
    key = f"{platform}:hijacker:{asin}:{seller}"
    with session_scope(engine) as session:
        case = session.exec(select(Case).where(Case.key == key)).first()
        if case is None:
            case = Case(key=key, platform=platform, kind=Kind.POLICY_WARNING, asin=asin, subject=f"Listing {asin}: {seller}", language="en")
            session.add(case)
            session.flush()
        record(session, case_id=case.id, type="operator_letter", detail=f"trademark warning to {seller} about {asin}", actor="operator")
        draft = queue_draft(session, case, None, outcome, dctx, handler="hijacker")
        return draft.id
