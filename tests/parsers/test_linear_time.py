"""No mail makes a regular expression run for long (issue 12): every parser entry point, and the case page's
view of a message, on the payloads the security review measured and on generated ones, each about 250 KB.

A backtracking pattern on such input takes minutes (the review measured 61 to 816 seconds); a linear one takes
milliseconds. The bound is generous so that a loaded machine does not flake, and still far below minutes.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from disputed.parsers import QuarantineError, classify, parse_message, warm_up
from disputed.platforms import ORDER
from disputed.web.mailview import view_message
from tests.parsers.build import message, security
from tests.parsers.hostile import BOUND_SECONDS, PAYLOADS, RELAY_FROM, SIZE, SUBJECT
from tests.parsers.redos import fragments, module_patterns, repeated

pytestmark = pytest.mark.slow  # 140 timings of hostile input at 250 KB each (about 25 s in all)

# One entry per compiled pattern object (several modules import the same rules).
PATTERNS = {name: pattern for name, pattern in {id(p): (n, p) for n, p in sorted(module_patterns(
    "disputed.parsers", "disputed.web", *(f"disputed.platforms.{name}" for name in ORDER)).items(), reverse=True)}.values()}
FEW = settings(max_examples=4, deadline=None, derandomize=True, database=None,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.fixture(scope="module", autouse=True)
def loaded():
    """The language model and the classifier's lexicons are loaded once per process, not per message."""
    warm_up()


def seconds(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def parse(raw: bytes) -> None:
    try:
        parse_message(raw, security=security(parse_seconds=600))
    except QuarantineError:
        pass  # a limit may set it aside; only the time matters here


@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_the_reviews_payloads_parse_quickly(name):
    took = seconds(lambda: parse(PAYLOADS[name]))
    assert took < BOUND_SECONDS, f"parse_message on {name!r} took {took:.1f}s"


@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_the_reviews_payloads_are_shown_quickly(name):
    took = seconds(lambda: view_message(PAYLOADS[name]))
    assert took < BOUND_SECONDS, f"the case page's view of {name!r} took {took:.1f}s"


def hostile_text(pattern) -> st.SearchStrategy[str]:
    """About SIZE characters: a prefix and a short unit of the pattern's own pieces, the unit repeated."""
    pieces = fragments(pattern)
    return st.builds(
        lambda prefix, unit, suffix: repeated("".join(unit), SIZE, prefix=prefix, suffix=suffix),
        st.sampled_from(["", *pieces]), st.lists(st.sampled_from(pieces), min_size=1, max_size=4), st.sampled_from(["", *pieces]),
    )


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_every_pattern_is_linear_on_its_own_pieces(name):
    pattern = PATTERNS[name]

    @FEW
    @given(text=hostile_text(pattern))
    def check(text):
        subject = text.encode("utf-8", "surrogatepass") if isinstance(pattern.pattern, bytes) else text
        took = seconds(lambda: [None for _ in pattern.finditer(subject)])
        assert took < BOUND_SECONDS, f"{name} took {took:.1f}s"

    check()


def placed(where: str, text: str) -> bytes:
    """``text`` put where attacker text reaches the parser: an address, the subject, a MIME parameter, a relayed
    body, HTML."""
    text = text.replace("\r", " ")
    header_text = text.replace("\n", " ")
    plain = "From: Someone <someone@buyer-mail.test>"
    if where == "from":
        return message([f"From: {header_text}", "Subject: hello"], b"hi")
    if where == "reply-to":
        return message([plain, f"Reply-To: {header_text}", "Subject: hello"], b"hi")
    if where == "subject":
        return message([plain, f"Subject: {header_text}"], b"hi")
    if where == "content-type":
        return message([plain, "Subject: hello"], b"<p>hi", f"text/html; charset={header_text}")
    if where == "content-disposition":
        return message([plain, "Subject: hello", f"Content-Disposition: attachment; filename={header_text}"], b"hi")
    body = text.encode("utf-8", "surrogatepass")
    if where == "relayed text":
        return message([RELAY_FROM, SUBJECT], b"------------- Begin message -------------\n" + body)
    return message([plain, "Subject: hello"], b"<html><body><p>" + body, "text/html; charset=utf-8")


PLACES = ("from", "reply-to", "subject", "content-type", "content-disposition", "relayed text", "html")
ANY_PATTERN = st.sampled_from(sorted(PATTERNS)).flatmap(lambda name: hostile_text(PATTERNS[name]))
SOME = settings(max_examples=20, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


ENTRY_POINTS = {"parse_message": parse, "the case page's view": view_message}


@pytest.mark.parametrize("entry", sorted(ENTRY_POINTS))
def test_generated_hostile_mail_is_read_quickly(entry):
    @SOME
    @given(where=st.sampled_from(PLACES), text=ANY_PATTERN)
    def check(where, text):
        raw = placed(where, text)
        took = seconds(lambda: ENTRY_POINTS[entry](raw))
        assert took < BOUND_SECONDS, f"{entry} with the text in the {where} took {took:.1f}s"

    check()


def _cues() -> dict[str, object]:
    classify.compile_lexicons()
    return {f"{language}:{index}": cue.regex for language in sorted(classify._lexicons())
            for index, cue in enumerate(classify._compiled(language).cues)}


CUES = _cues()


@SOME
@given(name=st.sampled_from(sorted(CUES)), data=st.data())
def test_the_classifier_is_quick_on_text_made_of_its_own_cues(name, data):
    """Buyer text reaches a few hundred lexicon cues per language (up to classify.MAX_TEXT_CHARS of it)."""
    text = data.draw(hostile_text(CUES[name]))
    took = seconds(lambda: classify.classify_issue(text, name.split(":")[0]))
    assert took < BOUND_SECONDS, f"classify_issue on pieces of cue {name} took {took:.1f}s"
