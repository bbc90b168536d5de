"""Authenticity verdicts: trusted Authentication-Results, allow-lists, alignment, look-alikes, local DKIM."""

from __future__ import annotations

import base64
import shutil
import subprocess
import time

import dkim
import pytest

from disputed.parsers import parse_message
from disputed.vocabulary import Platform
from tests.parsers.build import message, security
from tests.parsers.corpus import TRUSTED_AUTHSERV_ID as TRUSTED
from tests.parsers.hostile import BOUND_SECONDS

RETURN_BODY = b"Order ID: 114-3941689-8762232\nReturn reason: Wrong item was sent\n"


def notice(from_header: str, *auth_headers: str, **limits):
    headers = [*auth_headers, f"From: {from_header}", "Subject: Return requested for order 114-3941689-8762232",
               "Message-ID: <n1@test>"]
    return parse_message(message(headers, RETURN_BODY), security=security(**limits))


def ar(serv: str, results: str) -> str:
    return f"Authentication-Results: {serv};\n\t{results}"


def test_trusted_dkim_pass_aligned_with_from_is_authentic():
    n = notice("Amazon <return@amazon.com>", ar(TRUSTED, "dkim=pass header.d=amazon.com header.s=x header.b=abc"))
    assert n.platform is Platform.AMAZON and n.authentic is True
    assert "dkim=pass for amazon.com" in n.auth_evidence


def test_relaxed_alignment_between_subdomain_and_organisational_domain():
    n = notice("Jo - Amazon Marketplace <abc@marketplace.amazon.de>", ar(TRUSTED, "dkim=pass header.d=amazon.de"))
    assert n.authentic is True


def test_dmarc_pass_counts():
    n = notice("Amazon <return@amazon.co.uk>", ar(TRUSTED, "dkim=none; spf=pass smtp.mailfrom=amazon.co.uk; "
                                                          "dmarc=pass (p=reject) header.from=amazon.co.uk"))
    assert n.authentic is True


def test_authserv_id_comparison_ignores_case_and_leading_comments():
    n = notice("Amazon <return@amazon.com>", ar(f"(border) {TRUSTED.upper()}", "dkim=pass header.d=amazon.com"))
    assert n.authentic is True


@pytest.mark.parametrize(
    ("results", "evidence"),
    [
        ("dkim=fail header.d=amazon.com", "dkim=fail"),
        ("dkim=pass header.d=evil.test", "dkim=pass evil.test"),  # signed, but by someone else
        ("dkim=pass header.d=amazon.de", "dkim=pass amazon.de"),  # a real Amazon domain, not aligned with amazon.com
        ("spf=pass smtp.mailfrom=amazon.com", "no dkim or dmarc result"),  # SPF alone does not prove the From
        ("dmarc=pass header.from=evil.test", "dmarc=pass evil.test"),
    ],
)
def test_no_aligned_pass_is_not_authentic(results, evidence):
    n = notice("Amazon <return@amazon.com>", ar(TRUSTED, results))
    assert n.authentic is False
    assert evidence in n.auth_evidence


def test_untrusted_authserv_ids_are_ignored():
    n = notice("Amazon <return@amazon.com>", ar("mx.evil.test", "dkim=pass header.d=amazon.com; dmarc=pass header.from=amazon.com"))
    assert n.authentic is False
    assert "untrusted mx.evil.test" in n.auth_evidence
    assert "no Authentication-Results header from a trusted authserv-id" in n.auth_evidence


def test_a_trusted_looking_header_below_ours_is_ignored():
    ours = ar(TRUSTED, "dkim=fail header.d=amazon.com")
    planted = ar(TRUSTED, "dkim=pass header.d=amazon.com; dmarc=pass header.from=amazon.com")
    assert notice("Amazon <return@amazon.com>", ours, "Received: from attacker.test", planted).authentic is False


def test_an_untrusted_header_above_ours_changes_nothing():
    theirs = ar("mx.evil.test", "dkim=fail header.d=amazon.com")
    ours = ar(TRUSTED, "dkim=pass header.d=amazon.com")
    assert notice("Amazon <return@amazon.com>", theirs, ours).authentic is True


def test_malformed_trusted_header_does_not_count():
    n = notice("Amazon <return@amazon.com>", "Authentication-Results: " + TRUSTED + "; dkim=pass header.d=(unclosed")
    assert n.authentic is False


@pytest.mark.parametrize(
    ("sender", "how"),
    [
        ("Amazon <seller-notification@amaz0n.com>", "imitates amazon"),
        ("Amazon <return@amazon.com.evil.test>", "imitates amazon"),
        ("Amazon Seller Support <help@amazon-seller-support.com>", "imitates amazon"),
        ("Amazon <return@arnazon.com>", "imitates amazon"),  # rn looks like m
        ("Amazon <return@xn--mazon-3ve.com>", "imitates amazon"),  # Cyrillic а in an IDN
        ("Amazon.com <alerts@evil.test>", "display name"),
        ('"return@amazon.com" <alerts@evil.test>', "display name"),
        ("Amazon <return@amazon.com@evil.test>", ""),
    ],
)
def test_look_alikes_and_display_name_tricks(sender, how):
    # Even a passing signature for the look-alike domain itself proves nothing about Amazon.
    domain = sender.rsplit("@", 1)[1].rstrip(">")
    n = notice(sender, ar(TRUSTED, f"dkim=pass header.d={domain}; dmarc=pass header.from={domain}"))
    assert n.platform is Platform.AMAZON
    assert n.authentic is False
    assert "allow-list" in n.auth_evidence or "From addresses" in n.auth_evidence
    assert how in n.auth_evidence


def test_mail_that_claims_no_marketplace_has_no_verdict():
    n = parse_message(message(["From: Debayan <debayan@friends.test>", "Subject: lunch?"], b"See you at noon."),
                      security=security())
    assert n.platform is None and n.authentic is None and n.auth_evidence == ""


def test_configured_sender_domains_extend_the_allow_list():
    sender = "Amazon Notifications <notices@partner-notify.test>"
    results = ar(TRUSTED, "dkim=pass header.d=partner-notify.test")
    assert notice(sender, results).authentic is False
    extended = notice(sender, results, sender_domains={Platform.AMAZON: ["partner-notify.test"]})
    assert extended.platform is Platform.AMAZON and extended.authentic is True


def test_other_platforms_have_their_own_allow_lists():
    n = notice("eBay <ebay@ebay.de>", ar(TRUSTED, "dkim=pass header.d=ebay.de"))
    assert n.platform is Platform.EBAY and n.authentic is True
    forged = notice("eBay <ebay@ebay.de>", ar(TRUSTED, "dkim=pass header.d=amazon.de"))
    assert forged.authentic is False


# --- local DKIM verification with dkimpy ----------------------------------------------------


@pytest.fixture(scope="module")
def rsa_key(tmp_path_factory):
    openssl = shutil.which("openssl")
    assert openssl, "openssl is needed to make a test DKIM key"
    folder = tmp_path_factory.mktemp("dkim")
    private = folder / "key.pem"
    subprocess.run([openssl, "genrsa", "-traditional", "-out", str(private), "2048"], check=True, capture_output=True)
    public_der = subprocess.run([openssl, "rsa", "-in", str(private), "-pubout", "-outform", "DER"],
                                check=True, capture_output=True).stdout
    return private.read_bytes(), base64.b64encode(public_der)


def signed(rsa_key, domain: str, from_domain: str, body: bytes = RETURN_BODY) -> bytes:
    raw = message([f"From: Amazon <return@{from_domain}>", "Subject: Return requested for order 114-3941689-8762232",
                   "Message-ID: <dk1@test>"], body)
    signature = dkim.sign(raw, b"s2026", domain.encode(), rsa_key[0], include_headers=[b"from", b"subject", b"message-id"])
    return signature + raw


def dns_for(rsa_key, domain: str):
    records = {f"s2026._domainkey.{domain}.".encode(): b"v=DKIM1; k=rsa; p=" + rsa_key[1]}
    return lambda name, timeout=5: records.get(name if name.endswith(b".") else name + b".")


def test_local_dkim_check_passes_for_an_allow_listed_aligned_signature(rsa_key):
    raw = signed(rsa_key, "amazon.com", "amazon.com")
    n = parse_message(raw, security=security(dkim_verify=True), dkim_dnsfunc=dns_for(rsa_key, "amazon.com"))
    assert n.authentic is True
    assert "local DKIM verification passed for amazon.com" in n.auth_evidence


def test_local_dkim_check_is_off_unless_configured(rsa_key):
    raw = signed(rsa_key, "amazon.com", "amazon.com")
    assert parse_message(raw, security=security(), dkim_dnsfunc=dns_for(rsa_key, "amazon.com")).authentic is False


def test_local_dkim_check_fails_for_a_tampered_body(rsa_key):
    raw = signed(rsa_key, "amazon.com", "amazon.com").replace(b"Wrong item was sent", b"Item defective, refund now")
    n = parse_message(raw, security=security(dkim_verify=True), dkim_dnsfunc=dns_for(rsa_key, "amazon.com"))
    assert n.authentic is False


def test_local_dkim_check_needs_the_signing_domain_aligned(rsa_key):
    raw = signed(rsa_key, "evil.test", "amazon.com")
    n = parse_message(raw, security=security(dkim_verify=True), dkim_dnsfunc=dns_for(rsa_key, "evil.test"))
    assert n.authentic is False
    assert "no valid aligned signature" in n.auth_evidence


# --- issue 12: what the sender can put into our own border's header, and repeated headers ------------------

FORGED_ENVELOPE = '"a)b;dmarc=pass header.from=amazon.com x(c"@evil.test'


def test_a_quoted_envelope_sender_cannot_add_a_result_to_our_header():
    """The border copies the envelope sender into its own header; quoted, it holds ")", ";" and "(". Read with
    its quoting honoured, it is one property value of a failed SPF check, not a dmarc=pass."""
    n = notice("Amazon <return@amazon.com>", ar(TRUSTED, f"spf=fail smtp.mailfrom={FORGED_ENVELOPE}; dkim=none; dmarc=fail header.from=amazon.com"))
    assert n.authentic is False
    assert "dmarc=fail" in n.auth_evidence


def test_a_quoted_pair_in_a_comment_cannot_end_it_early():
    n = notice("Amazon <return@amazon.com>", ar(TRUSTED, r"spf=fail (a\)b; dmarc=pass header.from=amazon.com x) smtp.mailfrom=x@evil.test"))
    assert n.authentic is False


def test_unquoted_headers_still_read_the_same():
    n = notice("Amazon <return@amazon.com>", ar(TRUSTED, "spf=pass (sender ok; really) smtp.mailfrom=bounce@amazon.com; "
                                                          "dkim=pass ((nested) comment) header.d=amazon.com header.b=abc"))
    assert n.authentic is True


@pytest.mark.parametrize("extra", [
    ["Subject: Return requested for order 114-0000000-0000000"],
    ["Reply-To: buyer@marketplace.amazon.com", "Reply-To: someone@evil.test"],
])
def test_a_repeated_subject_or_reply_to_makes_a_notice_unverified(extra):
    headers = [ar(TRUSTED, "dkim=pass header.d=amazon.com"), "From: Amazon <return@amazon.com>",
               "Subject: Return requested for order 114-3941689-8762232", "Message-ID: <n1@test>", *extra]
    n = parse_message(message(headers, RETURN_BODY), security=security())
    assert n.authentic is False
    assert "headers; cannot tell which one the sender signed" in n.auth_evidence


def test_the_reply_to_read_is_the_last_one_the_signature_covers():
    headers = ["From: Amazon Marketplace <marketplace-messages@amazon.co.uk>", "Reply-To: Evil <x1@evil.test>",
               "Reply-To: Priya <x4t8q2m6k1zv9wr@marketplace.amazon.co.uk>", "Subject: Inquiry from Amazon customer Priya (Order: 206-1029384-7561023)"]
    n = parse_message(message(headers, b"Where is my parcel?"), security=security())
    assert n.reply_to == "x4t8q2m6k1zv9wr@marketplace.amazon.co.uk"


@pytest.mark.parametrize("relay", ["marketplace.amazon.evil.test", "marketplace.amazon.com.evil.test", "evilmarketplace.amazon.com"])
def test_a_relay_address_must_be_on_the_platforms_allow_list(relay):
    headers = [ar(TRUSTED, "dkim=pass header.d=amazon.com"), "From: Amazon Marketplace <marketplace-messages@amazon.com>",
               f"Reply-To: Buyer <b1@{relay}>", "Subject: Inquiry from Amazon customer Jo (Order: 206-1029384-7561023)"]
    n = parse_message(message(headers, b"Where is my parcel?"), security=security())
    assert n.reply_to is None
    assert n.marketplace == "amazon.com"  # the sender's own domain, not the reply-to's look-alike


def test_a_genuine_relay_address_is_kept():
    headers = [ar(TRUSTED, "dkim=pass header.d=amazon.co.uk"), "From: Amazon Marketplace <marketplace-messages@amazon.co.uk>",
               "Reply-To: Buyer <b1@marketplace.amazon.co.uk>", "Subject: Inquiry from Amazon customer Jo (Order: 206-1029384-7561023)"]
    n = parse_message(message(headers, b"Where is my parcel?"), security=security())
    assert n.reply_to == "b1@marketplace.amazon.co.uk" and n.marketplace == "amazon.co.uk" and n.authentic is True


def test_an_overlong_trusted_header_does_not_count_and_costs_little():
    """authres's time grows faster than the header (80,000 comment words: 18 s); a header past the limit is not read."""
    padding = "(" + "a " * 80_000 + ")"
    start = time.perf_counter()
    n = notice("Amazon <return@amazon.com>", ar(TRUSTED, f"spf=fail {padding} smtp.mailfrom=x@evil.test; dkim=pass header.d=amazon.com"))
    assert time.perf_counter() - start < BOUND_SECONDS
    assert n.authentic is False and "could not be read" in n.auth_evidence
