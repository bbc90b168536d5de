"""Forged and hostile mail, end to end through real Dovecot and aiosmtpd: a notice that claims a marketplace
counts only when a trusted Authentication-Results (or, when configured, dkimpy) passes for an allow-listed domain
aligned with From; anything else becomes an "unverified" case with its evidence and no draft. Buyer text never
runs as template code and never reaches a header, however it is encoded."""

from __future__ import annotations

import base64
import email
import email.policy
import shutil
import subprocess
from pathlib import Path

import dkim
import pytest
from sqlmodel import select

from disputed.daemon.runner import Daemon
from disputed.store import queue
from disputed.store.db import make_engine, session_scope
from disputed.store.models import Case, CaseEvent, CaseStatus, Draft, StoredMessage
from tests.servers.dns import TxtServer
from tests.support import TRUSTED, settings_for
from tests.daemon.test_faults import NOT_RECEIVED, approve_all_pending, buyer_notice, order_id

CORPUS = Path(__file__).parents[1] / "fixtures" / "mail"
PASS = "dkim=pass header.d={d}; dmarc=pass header.from={d}"
CYRILLIC_AMAZON = "\u0430mazon.com".encode("idna").decode()  # "аmazon.com" with a Cyrillic а

# (what the forger tried, sender, Authentication-Results lines topmost first, extra headers)
FORGERIES = [
    ("look-alike amaz0n, signed by itself", "Amazon <b1@marketplace.amaz0n.com>", [f"{TRUSTED}; " + PASS.format(d="marketplace.amaz0n.com")], ()),
    ("look-alike with a hyphen", "Amazon Marketplace <b2@amazon-marketplace.com>", [f"{TRUSTED}; " + PASS.format(d="amazon-marketplace.com")], ()),
    ("allow-listed name as a subdomain", "Amazon <b3@marketplace.amazon.com.evil.test>", [f"{TRUSTED}; " + PASS.format(d="amazon.com.evil.test")], ()),
    ("IDN homograph", f"Amazon <b4@{CYRILLIC_AMAZON}>", [f"{TRUSTED}; " + PASS.format(d=CYRILLIC_AMAZON)], ()),
    ("display name says Amazon", '"Amazon.com" <notices@seller-help.test>', [f"{TRUSTED}; " + PASS.format(d="seller-help.test")], ()),
    ("display name is an Amazon address", '"buyer@marketplace.amazon.com" <b6@evil.test>', [f"{TRUSTED}; " + PASS.format(d="evil.test")], ()),
    ("results from an untrusted server", "Amazon <b7@marketplace.amazon.com>", ["mx.evil.test; " + PASS.format(d="marketplace.amazon.com")], ()),
    ("trusted-looking results planted below ours", "Amazon <b8@marketplace.amazon.com>",
     [f"{TRUSTED}; dkim=fail header.d=marketplace.amazon.com; dmarc=fail header.from=marketplace.amazon.com",
      f"{TRUSTED}; " + PASS.format(d="marketplace.amazon.com")], ()),
    ("signed, but by another domain", "Amazon <b9@marketplace.amazon.com>", [f"{TRUSTED}; dkim=pass header.d=evil.test"], ()),
    ("signed by another Amazon domain, not aligned", "Amazon <b10@marketplace.amazon.com>", [f"{TRUSTED}; dkim=pass header.d=amazon.de"], ()),
    ("SPF alone", "Amazon <b11@marketplace.amazon.com>", [f"{TRUSTED}; spf=pass smtp.mailfrom=marketplace.amazon.com"], ()),
    ("no authentication at all", "Amazon <b12@marketplace.amazon.com>", [], ()),
    ("two From addresses", "Amazon <b13@marketplace.amazon.com>, Evil <x@evil.test>", [f"{TRUSTED}; " + PASS.format(d="marketplace.amazon.com")], ()),
]
FORGED_BASE = 500  # order numbers of the forgeries


def forged(index: int) -> bytes:
    _what, sender, results, extra = FORGERIES[index]
    raw = buyer_notice(FORGED_BASE + index, sender=sender, auth="", headers=tuple(f"Authentication-Results: {r}" for r in results) + extra)
    return raw


def forged_corpus_notices() -> list[tuple[str, bytes]]:
    """Real-looking account and claim notices whose results come from a server we do not trust."""
    names = ["amazon/account_deactivated_en.eml", "amazon/atoz_claim_en.eml", "amazon/chargeback_en.eml",
             "amazon/policy_warning_en.eml", "amazon/perf_odr_en.eml", "ebay/case_opened_en.eml", "aliexpress/dispute_en.eml"]
    return [(name, (CORPUS / name).read_bytes()) for name in names]


def _cases_and_drafts(engine):
    with session_scope(engine) as session:
        cases = session.exec(select(Case)).all()
        drafts = session.exec(select(Draft)).all()
        events = session.exec(select(CaseEvent)).all()
        messages = session.exec(select(StoredMessage)).all()
    return cases, drafts, events, messages


def test_forged_notices_create_no_draft_and_show_their_evidence(tmp_path, imap_account):
    settings = settings_for(tmp_path, imap=imap_account)  # trusts only mx.demo.test, not the corpus's border
    engine = make_engine(settings.database.url)
    genuine = [buyer_notice(n) for n in range(3)]
    for raw in genuine:
        imap_account.append(raw)
    for index in range(len(FORGERIES)):
        imap_account.append(forged(index))
    corpus = forged_corpus_notices()
    for _name, raw in corpus:
        imap_account.append(raw)
    report = Daemon(settings, engine).run_once()
    assert report.processed.quarantined == 0

    cases, drafts, events, messages = _cases_and_drafts(engine)
    drafted_cases = {d.case_id for d in drafts}
    by_msgid = {m.message_id: m for m in messages}
    rejected = 0
    for index, (what, *_rest) in enumerate(FORGERIES):
        row = by_msgid[f"<notice-{FORGED_BASE + index}@marketplace.amazon.com>"]
        assert row.parsed["authentic"] is False, what
        assert row.parsed["auth_evidence"], what
        case = next(c for c in cases if c.id == row.case_id)
        assert case.status == CaseStatus.UNVERIFIED and case.id not in drafted_cases, what
        evidence = [e.detail for e in events if e.case_id == case.id and e.type == "unverified"]
        assert evidence and row.parsed["auth_evidence"] in evidence[0], what
        rejected += 1
    for name, raw in corpus:
        row = by_msgid[email.message_from_bytes(raw)["Message-ID"].strip()]
        assert row.parsed["authentic"] is False and "untrusted" in row.parsed["auth_evidence"], name
        assert row.case_id not in drafted_cases, name
        rejected += 1
    genuine_cases = [c for c in cases if c.order_id in {order_id(n) for n in range(3)}]
    assert len(genuine_cases) == 3 and all(c.id in drafted_cases for c in genuine_cases)
    assert len(drafts) == 3
    print(f"\nforgery: {rejected} forged notices rejected ({len(FORGERIES)} crafted tricks, {len(corpus)} corpus notices "
          f"with untrusted results), 0 drafts from them; 3 genuine notices drafted")


@pytest.mark.parametrize("sender", [
    '"Buyer 1 - Amazon Marketplace" <buyer00001xyz@marketplace.amaz0n.com>',  # a look-alike domain
    '"Buyer 1 - Amazon Marketplace" <buyer00001xyz@marketplace.amazon.com>',  # the real relay domain, unauthenticated
])
def test_a_forged_reply_cannot_take_over_a_genuine_case(tmp_path, imap_account, sender):
    """A forger who knows the thread (our Message-ID, the order number) writes into it: the real case keeps its
    status and threading, and the forgery gets a case of its own."""
    settings = settings_for(tmp_path, imap=imap_account)
    engine = make_engine(settings.database.url)
    imap_account.append(buyer_notice(1))
    Daemon(settings, engine).run_once()
    with session_scope(engine) as session:
        [draft] = session.exec(select(Draft)).all()
        real = session.get(Case, draft.case_id)
        real_status, real_last = real.status, real.last_message_id
    intrusion = buyer_notice(1, sender=sender, auth="",
                             message_id="<forged-reply@evil.test>",
                             headers=(f"In-Reply-To: {draft.message_id}", f"References: {real_last} {draft.message_id}"),
                             text="I would like the first solution, please send the refund to my new account.")
    imap_account.append(intrusion)
    Daemon(settings, engine).run_once()
    with session_scope(engine) as session:
        real = session.get(Case, draft.case_id)
        row = session.exec(select(StoredMessage).where(StoredMessage.message_id == "<forged-reply@evil.test>")).one()
        drafts = session.exec(select(Draft)).all()
    assert row.parsed["authentic"] is False
    assert row.case_id != real.id, "the forged reply joined the genuine case"
    assert (real.status, real.last_message_id) == (real_status, real_last)
    assert len(drafts) == 1


@pytest.fixture(scope="module")
def rsa_key(tmp_path_factory):
    openssl = shutil.which("openssl")
    assert openssl, "openssl is needed to make a test DKIM key"
    private = tmp_path_factory.mktemp("dkim") / "key.pem"
    subprocess.run([openssl, "genrsa", "-traditional", "-out", str(private), "2048"], check=True, capture_output=True)
    public = subprocess.run([openssl, "rsa", "-in", str(private), "-pubout", "-outform", "DER"], check=True, capture_output=True).stdout
    return private.read_bytes(), base64.b64encode(public)


@pytest.fixture
def dkim_keys(rsa_key):
    """A real DNS server on 127.0.0.1 serving the test key for two signing domains (the machine has no network)."""
    server = TxtServer({"s2026._domainkey.marketplace.amazon.com": b"v=DKIM1; k=rsa; p=" + rsa_key[1],
                        "s2026._domainkey.evil.test": b"v=DKIM1; k=rsa; p=" + rsa_key[1]}).start()
    try:
        yield server
    finally:
        server.stop()


def test_local_dkim_check_end_to_end(tmp_path, imap_account, rsa_key, dkim_keys):
    """dkim_verify = true and no trusted Authentication-Results: dkimpy decides, asking the DNS server named by
    dkim_resolvers for the keys from the daemon's parse worker; the mail goes through Dovecot."""

    def signed(n: int, domain: str, **kwargs) -> bytes:
        raw = buyer_notice(n, auth="", **kwargs)
        return dkim.sign(raw, b"s2026", domain.encode(), rsa_key[0], include_headers=[b"from", b"subject", b"message-id"]) + raw

    good = signed(1, "marketplace.amazon.com")
    tampered = signed(2, "marketplace.amazon.com").replace(NOT_RECEIVED.encode(), b"Please refund me twice, to this new account.")
    foreign = signed(3, "evil.test")  # a valid signature, by the wrong domain
    settings = settings_for(tmp_path, imap=imap_account, extra={"security": {"dkim_verify": True, "trusted_authserv_ids": [], "dkim_resolvers": [dkim_keys.address]}})
    engine = make_engine(settings.database.url)
    for raw in (good, tampered, foreign):
        imap_account.append(raw)
    Daemon(settings, engine).run_once()
    cases, drafts, _events, messages = _cases_and_drafts(engine)
    verdicts = {m.message_id: (m.parsed["authentic"], m.parsed["auth_evidence"]) for m in messages}
    assert verdicts["<notice-1@marketplace.amazon.com>"][0] is True
    assert "local DKIM verification passed" in verdicts["<notice-1@marketplace.amazon.com>"][1]
    assert verdicts["<notice-2@marketplace.amazon.com>"][0] is False
    assert verdicts["<notice-3@marketplace.amazon.com>"][0] is False
    assert [c.order_id for c in cases if c.id in {d.case_id for d in drafts}] == [order_id(1)]
    assert "s2026._domainkey.marketplace.amazon.com." in dkim_keys.questions  # asked over the wire, not a stand-in


# -- buyer text is data: no template code, no header injection -------------------------------------------------

INJECTED_SUBJECTS = [
    # RFC 2047 words that decode to CR/LF and a header of the attacker's
    "=?utf-8?q?Re=3A_order=0D=0ABcc=3A_victim=40evil=2Etest=0D=0AX-Injected=3A_1?=",
    "=?utf-8?b?" + base64.b64encode("Hello\r\nBcc: victim@evil.test\nX-Injected: 2".encode()).decode() + "?=",
    # Unicode line separators and NEL, which Python's str.splitlines treats as line breaks
    "=?utf-8?b?" + base64.b64encode("Hi\u2028Bcc: victim@evil.test\u2029X-Injected: 3\x85end".encode()).decode() + "?=",
]


def test_buyer_text_never_runs_as_template_code_nor_injects_headers(tmp_path, imap_account, smtp_server):
    # A seller's own template that copies the buyer's words into the subject and the body.
    overrides = tmp_path / "templates" / "en"
    overrides.mkdir(parents=True)
    (overrides / "not_received.no_facts.txt").write_text(
        "Subject: About your message {{ buyer_comment[-60:] }}\n\nYou wrote: {{ buyer_comment }}\n", encoding="utf-8")
    settings = settings_for(tmp_path, imap=imap_account, smtp=smtp_server, extra={"templates": {"dir": str(overrides.parent)}})
    engine = make_engine(settings.database.url)
    template_code = "{{ 7*7 }} {% for x in range(3) %}LOOP{% endfor %} {{ ''.__class__.__mro__ }}"
    for n, subject in enumerate(INJECTED_SUBJECTS):
        imap_account.append(buyer_notice(n, subject=f"{subject} (Order: {order_id(n)})", text=f"{NOT_RECEIVED} {template_code}"))
    # A thread reply whose own subject carries the injection: the "Re:" an operator builds is made from it.
    imap_account.append(buyer_notice(9, subject=INJECTED_SUBJECTS[0], text=f"{NOT_RECEIVED} {template_code}"))
    Daemon(settings, engine).run_once()
    with session_scope(engine) as session:
        drafts = session.exec(select(Draft)).all()
        assert len(drafts) == len(INJECTED_SUBJECTS) + 1
        assert all(template_code in d.body for d in drafts)  # the buyer's text arrived as text, unevaluated
        subjects = {draft.id: f"Re: {session.get(Case, draft.case_id).subject}" for draft in drafts[:-1]}  # the buyer's subject put back
        subjects[drafts[-1].id] = "Re: thanks\u2028Bcc: victim@evil.test\r\nX-Injected: 4\x85"  # an edit pasted from anywhere
    with session_scope(engine) as session:  # through the operator's own edit action, as the page and the CLI do
        for draft_id, subject in subjects.items():
            queue.edit(session, draft_id, by="lena", subject=subject)
    approve_all_pending(engine)
    report = Daemon(settings, engine).run_once()
    assert report.sent.sent == len(drafts) and report.sent.failed == 0
    received = smtp_server.messages
    assert len(received) == len(drafts)
    for message in received:
        parsed = email.message_from_bytes(message.raw, policy=email.policy.default)
        head = message.raw.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
        assert message.rcpt_tos == (parsed["To"].addresses[0].addr_spec,), head  # nobody added to the envelope
        assert not {name.lower() for name in parsed.keys()} & {"bcc", "cc", "x-injected"}, head
        assert not any(line.lower().startswith((b"bcc", b"x-injected")) for line in head.split(b"\n")), head
        assert parsed["X-Disputed-Loop"] and not parsed.defects
        assert template_code in parsed.get_content() and "LOOPLOOP" not in parsed.get_content()
    print(f"\ninjection: {len(received)} replies to hostile subjects and bodies went out with only our headers")


# --- issue 12: a buyer's words cannot move mail into another case; unvouched mail drives nothing ------------

def _victim_case(settings, engine, imap_account):
    imap_account.append(buyer_notice(1))
    Daemon(settings, engine).run_once()
    with session_scope(engine) as session:
        [draft] = session.exec(select(Draft)).all()
        case = session.get(Case, draft.case_id)
        return draft, case


def test_an_order_line_typed_by_the_buyer_cannot_take_over_another_case(tmp_path, imap_account):
    """An authenticated buyer (their own relay address, their own order in the relay's subject) types the victim's
    order number inside the marked words: the message stays in the attacker's own case, and the victim's pending
    reply is neither superseded nor readdressed."""
    settings = settings_for(tmp_path, imap=imap_account)
    engine = make_engine(settings.database.url)
    victim_draft, victim = _victim_case(settings, engine, imap_account)
    attack = buyer_notice(2, text=f"Order ID: {order_id(1)}\r\nI would like the first solution, please send it to this address.")
    attack = attack.replace(f"Order ID: {order_id(2)}\r\nItem: Garlic press\r\n\r\n".encode(), b"")  # no fact line above the marker
    imap_account.append(attack)
    Daemon(settings, engine).run_once()
    with session_scope(engine) as session:
        row = session.exec(select(StoredMessage).where(StoredMessage.message_id == "<notice-2@marketplace.amazon.com>")).one()
        victim_now = session.get(Case, victim.id)
        first = session.get(Draft, victim_draft.id)
    assert row.parsed["authentic"] is True and row.parsed["order_id"] == order_id(2)
    assert row.case_id != victim.id
    assert victim_now.buyer_address == victim.buyer_address == "buyer00001xyz@marketplace.amazon.com"
    assert first.status == victim_draft.status == "pending" and first.to_addr == victim.buyer_address


def test_a_case_whose_buyer_would_change_is_flagged_not_reassigned(tmp_path, imap_account):
    """Genuine relayed mail from another buyer address names the case's order in the relay's own subject: the
    case keeps its buyer, is marked for an operator with a history line, and no draft comes of that mail."""
    settings = settings_for(tmp_path, imap=imap_account)
    engine = make_engine(settings.database.url)
    victim_draft, victim = _victim_case(settings, engine, imap_account)
    other = buyer_notice(1, sender='"Someone - Amazon Marketplace" <other99999xyz@marketplace.amazon.com>',
                         message_id="<other-buyer@marketplace.amazon.com>", text="Please send the replacement to my new address.")
    imap_account.append(other)
    Daemon(settings, engine).run_once()
    with session_scope(engine) as session:
        case = session.get(Case, victim.id)
        drafts = session.exec(select(Draft)).all()
        events = session.exec(select(CaseEvent).where(CaseEvent.case_id == victim.id)).all()
        row = session.exec(select(StoredMessage).where(StoredMessage.message_id == "<other-buyer@marketplace.amazon.com>")).one()
    assert row.case_id == victim.id
    assert case.buyer_address == "buyer00001xyz@marketplace.amazon.com"
    assert case.facts.buyer_address_conflict == "other99999xyz@marketplace.amazon.com"
    assert case.status == CaseStatus.TRIAGE
    conflict = [e for e in events if e.type == "buyer_address_conflict"]
    assert conflict and "other99999xyz@marketplace.amazon.com" in conflict[0].detail
    assert [(d.id, d.status) for d in drafts] == [(victim_draft.id, "pending")]


def test_unauthenticated_mail_in_a_cases_thread_drives_no_draft(tmp_path, imap_account):
    """Mail that claims no marketplace but names our reply's Message-ID joins the thread, to be shown; it changes
    nothing the case knows, nor the thread our next reply continues, and it makes no draft."""
    settings = settings_for(tmp_path, imap=imap_account)
    engine = make_engine(settings.database.url)
    victim_draft, victim = _victim_case(settings, engine, imap_account)
    phish = (f"From: Help Desk <help@phish.test>\r\nTo: support@innoshop.test\r\nSubject: Re: your order\r\n"
             f"Message-ID: <phish-1@phish.test>\r\nIn-Reply-To: {victim_draft.message_id}\r\n"
             f"References: {victim.last_message_id} {victim_draft.message_id}\r\nDate: Sun, 22 Nov 2026 11:00:00 +0000\r\n"
             "Content-Type: text/plain; charset=UTF-8\r\n\r\nI would like the first solution. Also log in at http://phish.test/.\r\n").encode()
    imap_account.append(phish)
    Daemon(settings, engine).run_once()
    with session_scope(engine) as session:
        case = session.get(Case, victim.id)
        drafts = session.exec(select(Draft)).all()
        row = session.exec(select(StoredMessage).where(StoredMessage.message_id == "<phish-1@phish.test>")).one()
    assert row.case_id == victim.id and row.parsed["authentic"] is None and row.parsed["platform"] is None
    assert (case.kind, case.status, case.last_message_id, case.references, case.buyer_address) == (
        victim.kind, victim.status, victim.last_message_id, victim.references, victim.buyer_address)
    assert [(d.id, d.status) for d in drafts] == [(victim_draft.id, "pending")]
