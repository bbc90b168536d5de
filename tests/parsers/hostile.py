"""Messages built to make a backtracking regular expression take quadratic time (issue 12), each at about
250 KB. Shared by the parser timing test and the case page's."""

from __future__ import annotations

from tests.parsers.build import message

SIZE = 250_000
# Linear work on SIZE takes milliseconds, backtracking minutes; generous for a loaded machine.
BOUND_SECONDS = 3.0
RELAY_FROM = "From: Buyer <buyer-x1@marketplace.amazon.com>"
SUBJECT = "Subject: Message from Amazon customer Buyer (Order: 111-2948817-5501936)"


def _html(body: str) -> bytes:
    return message(["From: Someone <someone@buyer-mail.test>", "Subject: hello"], body.encode(), "text/html; charset=utf-8")


# name -> raw message; the names follow the table.
PAYLOADS: dict[str, bytes] = {
    "From with a run of spaces": message(["From: a" + " " * SIZE + "b", "Subject: hello"], b"hi"),
    "Reply-To with a run of spaces": message(["From: Someone <someone@buyer-mail.test>",
                                              "Reply-To: a" + " " * SIZE + "b", "Subject: hello"], b"hi"),
    "relay body of bare newlines": message([RELAY_FROM, SUBJECT], b"\n" * SIZE),
    "relay lines of dashes then x": message([RELAY_FROM, SUBJECT], (b"-" * 2000 + b"x\n") * (SIZE // 2001)),
    "html of unclosed <a": _html("<a" * (SIZE // 2)),
    "html deep <p> then unclosed <script": _html("<p>" * 1100 + "<script " * ((SIZE - 3300) // 8)),
    "html img src then spaces": _html("<img src=" + " " * SIZE),
    # Not in the review's table: the case page's mail library took 25 s on 20,000 quotes.
    "Content-Type parameter of quotes": message(["From: Someone <someone@buyer-mail.test>", "Subject: hello"], b"<p>hi",
                                                "text/html; charset=" + '"' * SIZE),
}
