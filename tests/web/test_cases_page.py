"""The cases page and the actions on a case through the web: what the default view shows, search, every new POST
behind its role and its CSRF token, and the actions doing what the command line's do."""

from __future__ import annotations

import pytest
from sqlmodel import select

from disputed.store import auth
from disputed.store.db import session_scope
from disputed.store.models import Case, CaseStatus, Draft, DraftStatus
from disputed.vocabulary import Audience
from tests.store.test_case_actions import deliver
from tests.support import settings_for

from .conftest import ROLES, add_case
from .test_access import snapshot


@pytest.fixture
def inbox(engine, seeded):
    """Beside the seeded drafts: an unverified notice, a closed case, an account notice with a letter done on the
    platform, and a twin of case 1 (same order, another key)."""
    with session_scope(engine) as session:
        forged = Case(key="unverified:x", platform="amazon", mailbox="shop", kind="chargeback", status=CaseStatus.UNVERIFIED, subject="Chargeback (forged?)")
        closed, _ = add_case(session, 7, case_status=CaseStatus.RESOLVED, status=DraftStatus.SENT)
        account = Case(key="amazon:performance_warning:B0X", platform="amazon", mailbox="shop", kind="performance_warning", subject="Your Order Defect Rate is above target")
        twin = Case(key="thread:<twin@x>", platform="amazon", order_id=session.get(Case, seeded.case_id).order_id, mailbox="shop", subject="About my order")
        session.add_all([forged, account, twin])
        session.flush()
        letter = Draft(case_id=account.id, handler="account", template="platform.plan_of_action", audience=Audience.PLATFORM, subject="Plan of action", body="Root cause: late carrier scans.", message_id="<poa@x>")
        session.add(letter)
        session.flush()
        return {"forged": forged.id, "closed": closed.id, "account": account.id, "letter": letter.id, "twin": twin.id}


def after(operator, path, form) -> str:
    """The page a POST redirects to, with its flash."""
    response = operator.post(path, form)
    assert response.status_code == 303, response.text
    return operator.get(response.headers["location"]).text


def state_of(engine, case_id):
    with session_scope(engine) as session:
        return session.get(Case, case_id).state


def test_the_default_view_is_everything_that_needs_a_person_most_urgent_first(login, seeded, inbox, engine):
    with session_scope(engine) as session:
        overdue_case = session.get(Draft, seeded.other_draft_id).case_id  # due two hours ago
    page = login("viewer").get("/cases")
    assert page.status_code == 200
    text = page.text
    for case_id in (seeded.case_id, inbox["forged"], inbox["account"], inbox["twin"]):
        assert f'id="case-{case_id}"' in text
    assert f'id="case-{inbox["closed"]}"' not in text
    overdue, soon = text.index(f'id="case-{overdue_case}"'), text.index(f'id="case-{seeded.case_id}"')
    assert overdue < soon, "the overdue case comes first"
    assert "amazon:performance_warning" not in text, "a short label, never the case key"
    assert f">#{inbox['account']}<" in text
    closed = login("viewer").get("/cases?state=closed").text
    assert f'id="case-{inbox["closed"]}"' in closed and f'id="case-{seeded.case_id}"' not in closed
    bad = login("viewer").get("/cases?state=sleeping")
    assert bad.status_code == 200 and "unknown state" in bad.text


def test_search_finds_by_order_and_words(login, seeded, inbox):
    viewer = login("viewer")
    found = viewer.get("/cases?state=all&q=001-0000000-0000000").text
    assert f'id="case-{seeded.case_id}"' in found and f'id="case-{inbox["forged"]}"' not in found
    found = viewer.get("/cases?state=all&q=Defect").text
    assert f'id="case-{inbox["account"]}"' in found and f'id="case-{seeded.case_id}"' not in found
    assert "nothing to search for" in viewer.get("/cases?q=%21%21").text
    due_soon = viewer.get("/cases?state=all&kind=return_request&before=2000-01-01").text
    assert f'id="case-{seeded.case_id}"' not in due_soon
    due_later = viewer.get("/cases?state=all&kind=return_request&before=2999-01-01").text
    assert f'id="case-{seeded.case_id}"' in due_later and f'id="case-{inbox["account"]}"' not in due_later
    assert "Invalid isoformat" in viewer.get("/cases?before=soon").text


# Every new POST, the least role it needs, and what it sends.
def _posts(seeded, inbox):
    return [
        (f"/cases/{seeded.case_id}/classify", {"issue": "damaged"}, "agent"),
        (f"/cases/{seeded.case_id}/reply", {"body": "Thank you."}, "agent"),
        (f"/cases/{inbox['closed']}/reopen", {}, "agent"),
        (f"/cases/{seeded.case_id}/close", {"reason": "resolved"}, "approver"),
        (f"/cases/{inbox['twin']}/merge", {"into": str(seeded.case_id)}, "approver"),
        (f"/cases/{inbox['forged']}/trust", {"reason": "checked with Amazon"}, "approver"),
        (f"/cases/{inbox['forged']}/fraud", {"reason": "look-alike"}, "approver"),
        (f"/drafts/{inbox['letter']}/handled", {}, "approver"),
        ("/cases/bulk", {"action": "close:duplicate", "case": [str(seeded.case_id)]}, "approver"),
    ]


def test_every_new_action_is_refused_below_its_role_and_without_its_token(login, seeded, inbox, engine):
    operators = {role: login(role) for role in ROLES}
    for path, form, least in _posts(seeded, inbox):
        for role in ROLES[: ROLES.index(least)]:
            before = snapshot(engine)
            response = operators[role].post(path, form)
            assert response.status_code == 403, (path, role)
            assert snapshot(engine) == before, (path, role)
        before = snapshot(engine)
        assert operators["admin"].post(path, form, csrf="0" * 64).status_code == 403, path
        assert snapshot(engine) == before, path


def test_close_reopen_merge_bulk_and_done_on_the_platform(login, seeded, inbox, engine):
    approver = login("approver")
    case_page = approver.get(f"/cases/{inbox['account']}").text
    assert "Seller Central" in case_page and "Done on the platform" in case_page
    assert f'action="/drafts/{inbox["letter"]}/approve"' not in case_page, "a letter done on the platform never asks for a recipient"
    queue_page = approver.get("/queue").text
    assert f'id="row-{inbox["letter"]}"' in queue_page and f'action="/drafts/{inbox["letter"]}/approve"' not in queue_page
    assert "Seller Central" in queue_page
    assert "<dd>Seller Central</dd>" in approver.get(f"/drafts/{inbox['letter']}/preview").text  # the queue's preview pane says where it goes
    assert approver.post(f"/drafts/{inbox['letter']}/handled", {}).status_code == 303
    assert state_of(engine, inbox["account"]) == "handled_on_platform"

    assert approver.post(f"/cases/{inbox['twin']}/merge", {"into": str(seeded.case_id)}).status_code == 303
    assert state_of(engine, inbox["twin"]) == "closed"
    refused = after(approver, f"/cases/{inbox['forged']}/merge", {"into": str(seeded.case_id)})
    assert "not the same order" in refused

    assert approver.post(f"/cases/{seeded.case_id}/close", {"reason": "refunded_on_platform"}).status_code == 303
    assert state_of(engine, seeded.case_id) == "closed"
    again = after(approver, f"/cases/{seeded.case_id}/close", {"reason": "resolved"})
    assert "already closed" in again
    assert approver.post(f"/cases/{seeded.case_id}/reopen", {}).status_code == 303
    assert state_of(engine, seeded.case_id) == "needs_decision"

    assert approver.post(f"/cases/{inbox['forged']}/fraud", {"reason": "look-alike domain"}).status_code == 303
    with session_scope(engine) as session:
        assert session.get(Case, inbox["forged"]).closed_reason == "fraud"
        assert not session.exec(select(Draft).where(Draft.case_id == inbox["forged"])).all()

    # Bulk: one unknown id and nothing at all is closed.
    other = seeded.other_draft_id
    with session_scope(engine) as session:
        other_case = session.get(Draft, other).case_id
    failed = after(approver, "/cases/bulk", {"action": "close:duplicate", "case": [str(other_case), "999999"]})
    assert "no case 999999" in failed and state_of(engine, other_case) == "waiting_approval"
    assert approver.post("/cases/bulk", {"action": "reject", "reason": "old backlog", "case": [str(other_case)]}).status_code == 303
    with session_scope(engine) as session:
        assert session.get(Draft, other).status == DraftStatus.REJECTED
        actions = [a.action for a in session.exec(select(auth.AuditEntry)).all()]
    assert {"case_handled_on_platform", "case_merged", "case_closed", "case_reopened", "case_merge_refused", "reject"} <= set(actions)


def test_bulk_takes_every_case_the_filters_find_on_every_page(login, seeded, inbox, engine):
    """"All the unverified chargebacks": the filters choose, not the ticks on one page; a bad filter changes nothing."""
    approver = login("approver")
    page = approver.get("/cases?state=all&kind=chargeback").text
    assert 'name="filter_kind" value="chargeback"' in page and 'value="filtered"' in page
    form = {"action": "close:no_reply_needed", "scope": "filtered", "filter_state": "all", "filter_kind": "chargeback"}
    bad = after(approver, "/cases/bulk", {**form, "filter_state": "haunted"})
    assert "unknown state" in bad and state_of(engine, inbox["forged"]) != "closed"
    assert approver.post("/cases/bulk", form).status_code == 303
    assert state_of(engine, inbox["forged"]) == "closed"
    assert state_of(engine, inbox["account"]) != "closed"  # not a chargeback
    assert approver.post("/cases/bulk", {**form, "scope": "selected"}).status_code == 303  # nothing ticked: refused
    assert "no cases selected" in after(approver, "/cases/bulk", {**form, "scope": "selected"})


def test_an_agent_sets_the_issue_of_a_held_message_and_a_draft_appears(login, engine, settings, tmp_path):
    triage = settings_for(tmp_path, database_url=settings.database.url, extra={"policy": {"triage_threshold": 1.0}, "security": {"trusted_authserv_ids": ["mx.seller-mail.test", "mx.demo.test"]}})
    (case_id,) = deliver(triage, engine, "msg_de_damaged.eml")
    agent = login("agent")
    assert f'id="case-{case_id}"' in agent.get("/cases").text
    page = agent.get(f"/cases/{case_id}").text
    assert 'action="/cases/%d/classify"' % case_id in page
    assert agent.post(f"/cases/{case_id}/classify", {"issue": "damaged"}).status_code == 303
    with session_scope(engine) as session:
        drafts = session.exec(select(Draft).where(Draft.case_id == case_id)).all()
        assert [d.template for d in drafts] == ["damaged"] and drafts[0].status == DraftStatus.PENDING
    assert state_of(engine, case_id) == "waiting_approval"
    bad = after(agent, f"/cases/{case_id}/classify", {"issue": "haunted"})
    assert "unknown issue" in bad
    assert after(agent, "/cases/424242/classify", {"issue": "damaged"}).count("no case 424242")
