"""The shop's own examples: an operator's labels change what the classifier reads, and taking one back undoes it."""

from __future__ import annotations

import pytest

from disputed.notification import Notification
from disputed.parsers import reconsider
from disputed.parsers.classify import classify_issue
from disputed.store.db import make_engine, session_scope
from disputed.store.examples import ExampleError, current_examples, label_example, remove_example, shop_examples
from disputed.vocabulary import Issue, Kind

# A personalisation error, which this shop calls "not as described"; the shipped model reads it otherwise.
ASKED = "The initials on the necklace are the wrong letters."
LABELLED = ("Wrong initials on the necklace, I asked for A.M.", "My necklace has the wrong initials on it.")
SHOP_ISSUE = Issue.NOT_AS_DESCRIBED


@pytest.fixture
def engine(tmp_path):
    return make_engine(f"sqlite:///{tmp_path / 'store.db'}")


def _buyer_note(text: str) -> Notification:
    reading = classify_issue(text, "en")
    return Notification(kind=Kind.BUYER_MESSAGE, platform=None, subject="Question", sender="b@example.com",
                        message_id="<m@example.com>", buyer_comment=text, issue=reading.issue,
                        confidence=reading.confidence)


def _issue_with_shop(engine, text: str) -> Issue | None:
    with session_scope(engine) as session:
        return reconsider(_buyer_note(text), shop_examples(session)).issue


def test_two_labelled_messages_teach_a_phrasing_and_removing_the_label_undoes_it(engine):
    shipped = classify_issue(ASKED, "en").issue
    assert shipped is not SHOP_ISSUE
    assert _issue_with_shop(engine, ASKED) is shipped  # no examples yet: the shipped reading stands

    with session_scope(engine) as session:
        ids = [label_example(session, text, SHOP_ISSUE, "en", "anna").id for text in LABELLED]
    assert _issue_with_shop(engine, ASKED) is SHOP_ISSUE

    with session_scope(engine) as session:
        removed = remove_example(session, ids[0], "boss")
        assert (removed.removed_by, removed.removed_at is not None) == ("boss", True)
        remove_example(session, ids[1], "boss")
        assert current_examples(session) == []
    assert _issue_with_shop(engine, ASKED) is shipped


def test_an_unrelated_message_is_not_pulled_to_the_shop_examples(engine):
    with session_scope(engine) as session:
        for text in LABELLED:
            label_example(session, text, SHOP_ISSUE, "en", "anna")
    assert _issue_with_shop(engine, "The parcel never arrived, it has been six weeks.") is Issue.NOT_RECEIVED


def test_bad_examples_get_a_clear_error(engine):
    with session_scope(engine) as session:
        with pytest.raises(ExampleError, match="empty"):
            label_example(session, "   ", Issue.OTHER, "en", "anna")
        with pytest.raises(ExampleError, match="unknown issue"):
            label_example(session, "hello", "nonsense", "en", "anna")
        with pytest.raises(ExampleError, match="no shop example"):
            remove_example(session, 999, "anna")


def test_a_label_made_with_the_semantic_layer_off_counts_once_it_is_on(engine):
    from disputed.parsers import semantic

    semantic.configure(False)
    try:
        with session_scope(engine) as session:
            for text in LABELLED:
                label_example(session, text, SHOP_ISSUE, "en", "anna")
        with session_scope(engine) as session:
            assert [row.vector for row in current_examples(session)] == [b"", b""]  # the encoder was not asked
    finally:
        semantic.configure(True)
    assert _issue_with_shop(engine, ASKED) is SHOP_ISSUE
    with session_scope(engine) as session:
        assert all(len(row.vector) == 512 * 4 for row in current_examples(session))  # embedded once, kept
