"""What a monitor asks: /healthz (each component's state; 503 when one is failing or stale) and /metrics
(Prometheus text). Neither needs a login: both give counts and states, no mail; the page listens on localhost
unless the seller puts it elsewhere."""

from __future__ import annotations

from datetime import timedelta

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST
from sqlalchemy import text

from disputed import metrics
from disputed.store import health

router = APIRouter()


@router.get("/healthz", include_in_schema=False)
def healthz(request: Request) -> JSONResponse:
    verdicts = _verdicts(request)
    healthy = all(verdict.ok for verdict in verdicts)
    body = {"status": "ok" if healthy else "failing", "components": {v.name: v.public_dict() for v in verdicts}}
    return JSONResponse(body, status_code=200 if healthy else 503, headers={"Cache-Control": "no-store"})


def _verdicts(request: Request) -> list[health.Verdict]:
    settings, engine = request.app.state.settings, request.app.state.engine
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # the store down: nothing else can be read either
        return [health.Verdict("database", False, "failing", f"{type(exc).__name__}: {exc}"[:300], None, None)]
    verdicts = [health.Verdict("database", True, "ok", "answers", None, None)]
    verdicts += health.assess(
        engine, [m.name for m in settings.mailbox],
        stale_after=timedelta(minutes=settings.daemon.stale_sync_minutes), running_since=request.app.state.started_at,
    )
    verdicts.append(health.authentication_verdict(engine, settings.security.trusted_authserv_ids))
    verdicts += health.channel_verdicts(engine, [channel.name for channel in settings.notify.channel])
    return verdicts


@router.get("/metrics", include_in_schema=False)
def prometheus_metrics(request: Request) -> Response:
    return Response(metrics.exposition(request.app.state.engine), media_type=CONTENT_TYPE_LATEST)
