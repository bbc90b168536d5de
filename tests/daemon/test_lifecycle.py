"""Order life-cycle mail: drafted from imported order facts, once a stage, never into a dispute."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from disputed.daemon.lifecycle import queue_lifecycle
from disputed.handlers.base import OrderRecord
from disputed.orders import upsert_orders
from disputed.rendering import TemplateLibrary
from disputed.store.db import make_engine, session_scope
from disputed.store.models import Case, Draft, utcnow
from tests.support import settings_for


def _facts(order: str, **values) -> OrderRecord:
    return OrderRecord(order_id=order, platform="amazon", buyer_name="Ana Silva", buyer_email=f"{order[:3]}x@marketplace.amazon.com", **values)


def _templates_by_order(engine) -> dict[str, list[str]]:
    with session_scope(engine) as session:
        rows = session.exec(select(Case.order_id, Draft.template).join(Draft, Draft.case_id == Case.id)).all()
    out: dict[str, list[str]] = {}
    for order, template in rows:
        out.setdefault(order, []).append(template)
    return out


def test_stages_follow_the_order_and_go_out_once(tmp_path):
    settings = settings_for(tmp_path, extra={"policy": {"lifecycle": ["shipped", "delivery_check", "feedback_request"], "feedback_after_days": 5}})
    engine = make_engine(settings.database.url)
    templates = TemplateLibrary()
    now = utcnow()
    with session_scope(engine) as session:
        upsert_orders(session, [
            _facts("301-0000001-0000001", ship_date=now - timedelta(days=1), shipping_method="epacket", destination="US", tracking_number="LX1CN", carrier_status="in_transit"),
            _facts("302-0000002-0000002", ship_date=now - timedelta(days=20), carrier_status="delivered", delivered_date=now - timedelta(days=8)),
            OrderRecord(order_id="303-0000003-0000003", platform="amazon", ship_date=now - timedelta(days=2)),  # no address: nothing
        ])
    assert queue_lifecycle(settings, engine, templates) == 2
    assert _templates_by_order(engine) == {"301-0000001-0000001": ["order.shipped"], "302-0000002-0000002": ["order.delivery_check"]}
    assert queue_lifecycle(settings, engine, templates) == 1  # delivered 8 days ago: now the feedback request
    assert queue_lifecycle(settings, engine, templates) == 0  # and nothing twice
    with session_scope(engine) as session:
        shipped = session.exec(select(Draft).where(Draft.template == "order.shipped")).one()
    assert shipped.to_addr == "301x@marketplace.amazon.com" and "LX1CN" in shipped.body


def test_no_lifecycle_mail_into_an_open_dispute_or_when_not_wanted(tmp_path):
    settings = settings_for(tmp_path, extra={"policy": {"lifecycle": ["delivery_check"]}})
    engine = make_engine(settings.database.url)
    now = utcnow()
    with session_scope(engine) as session:
        upsert_orders(session, [_facts("304-0000004-0000004", carrier_status="delivered", delivered_date=now - timedelta(days=2))])
        session.add(Case(key="amazon:304-0000004-0000004", platform="amazon", order_id="304-0000004-0000004", kind="atoz_claim", issue="not_received"))
    assert queue_lifecycle(settings, engine, TemplateLibrary()) == 0
    off = settings_for(tmp_path)
    assert queue_lifecycle(off, engine, TemplateLibrary()) == 0
