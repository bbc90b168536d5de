"""The bench's push test draws from notices that always queue a draft: each is understood surely enough to."""

from __future__ import annotations

from disputed.bench.corpus import DRAFTING, TRUSTED_AUTHSERV, notification, templates
from disputed.config.settings import SecuritySettings
from disputed.parsers import parse_message
from disputed.vocabulary import Kind

TRIAGE_THRESHOLD = 0.55  # the policy's default


def test_every_push_sample_is_read_above_the_triage_threshold():
    assert set(DRAFTING) <= {name for name, _ in templates()}
    security = SecuritySettings(trusted_authserv_ids=[TRUSTED_AUTHSERV])
    for n in range(len(DRAFTING)):
        note = parse_message(notification(n, only=DRAFTING), security=security)
        assert note.kind is not Kind.UNRECOGNISED and note.authentic, note
        if note.kind is Kind.BUYER_MESSAGE:
            assert note.confidence is not None and note.confidence >= TRIAGE_THRESHOLD + 0.1, (note.subject, note.confidence)
