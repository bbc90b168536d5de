"""Is a message that claims to come from a marketplace really from it?

A claim (From domain, a look-alike of it, or a display name naming the marketplace)
counts as authentic only when the topmost Authentication-Results header written by a
trusted authserv-id reports dkim=pass or dmarc=pass for a domain on that platform's
allow-list, aligned with the From domain. Optionally dkimpy verifies the signature
locally. Everything below the trusted header was written by someone else and is
ignored, however it looks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

import authres

from disputed.config.settings import SecuritySettings
from disputed.parsers.extract import lower_unaccented
from disputed.parsers.mime import MAX_HEADER_VALUE_CHARS, ReadMail
from disputed.platforms import PLATFORMS
from disputed.vocabulary import Platform

# Sending domains of each platform (its package's ``sites``); subdomains (marketplace.amazon.de,
# members.ebay.com) are included.
BUILTIN_DOMAINS: dict[Platform, tuple[str, ...]] = {Platform(name): tuple(found.sites) for name, found in PLATFORMS.items()}

# Brand tokens looked for in domains and display names after undoing common disguises.
_BRANDS = {Platform(name): found.brand for name, found in PLATFORMS.items()}
_DISGUISES = str.maketrans({"0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "@": "a", "$": "s", "|": "l"})
# Non-Latin letters that look Latin (Cyrillic and Greek), as used in IDN look-alikes.
_CONFUSABLES = str.maketrans({
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j", "ԁ": "d", "һ": "h",
    "ո": "n", "м": "m", "т": "t", "в": "b", "к": "k", "ѕ": "s", "ɑ": "a", "α": "a", "ο": "o", "ν": "v", "ζ": "z",
})


@dataclass(frozen=True, slots=True)
class Verdict:
    authentic: bool | None
    evidence: str


def allowed_domains(platform: Platform, security: SecuritySettings) -> tuple[str, ...]:
    extra = tuple(d.lower().strip(".") for d in security.sender_domains.get(platform, ()))
    return BUILTIN_DOMAINS[platform] + extra


def within(domain: str, base: str) -> bool:
    """``domain`` is ``base`` or one of its subdomains."""
    return domain == base or domain.endswith("." + base)


def _bases_of(domain: str) -> frozenset[str]:
    """Every ``base`` for which ``within(domain, base)``: the domain and what follows each of its dots.
    One set look-up per allow-listed domain then replaces a string comparison each."""
    bases = [domain]
    dot = domain.find(".")
    while dot >= 0:
        bases.append(domain[dot + 1 :])
        dot = domain.find(".", dot + 1)
    return frozenset(bases)


def platform_of_domain(domain: str, extra: dict[Platform, list[str]] | None = None) -> Platform | None:
    """The platform whose allow-list holds ``domain`` (subdomains included)."""
    bases = _bases_of(domain)
    for platform, domains in BUILTIN_DOMAINS.items():
        if not bases.isdisjoint(domains):
            return platform
    for platform, domains in (extra or {}).items():
        if any(within(domain, base.lower().strip(".")) for base in domains):
            return platform
    return None


def _tokens(text: str) -> tuple[str, ...]:
    """Words of a domain or name with IDN, confusable letters and digits-for-letters undone."""
    # Asked once per brand, of the same few senders' domains and names: short ones are remembered.
    return _short_tokens(text) if len(text) <= 256 else _split_tokens(text)


@lru_cache(maxsize=1024)
def _short_tokens(text: str) -> tuple[str, ...]:
    return _split_tokens(text)


def _split_tokens(text: str) -> tuple[str, ...]:
    if "xn--" in text:
        try:
            text = ".".join(label.encode("ascii").decode("idna") if label.startswith("xn--") else label
                            for label in text.split("."))
        except (UnicodeError, ValueError):
            pass
    text = lower_unaccented(text).translate(_CONFUSABLES)
    words = []
    for word in re.split(r"[\s.\-_,;:()<>\"'/]+", text):
        word = re.sub(r"[^a-z]", "", word.translate(_DISGUISES)).replace("rn", "m").replace("vv", "w")
        if word:
            words.append(word)
    return tuple(words)


def _names_brand(text: str, brand: str) -> bool:
    return any(word.startswith(brand) or word.endswith(brand) for word in _tokens(text))


def claimed_platform(mail: ReadMail, security: SecuritySettings | None = None) -> tuple[Platform | None, str]:
    """The marketplace the sender presents itself as, and how (domain, look-alike, display name)."""
    extra = dict(security.sender_domains) if security else None
    platform = platform_of_domain(mail.from_domain, extra)
    if platform is not None:
        return platform, f"From domain {mail.from_domain}"
    for platform, brand in _BRANDS.items():
        if _names_brand(mail.from_domain, brand):
            return platform, f"From domain {mail.from_domain} imitates {brand}"
    for platform, brand in _BRANDS.items():
        if _names_brand(mail.from_name, brand):
            return platform, f"display name {mail.from_name!r} names {brand}"
    return None, ""


DnsFunc = Callable[..., bytes | None]
# Headers a notice has once (RFC 5322 §3.6); a second copy is how a signed message gets a new meaning.
_SINGLE_HEADERS = ("Subject", "Reply-To")


def verify(
    mail: ReadMail,
    platform: Platform | None,
    security: SecuritySettings,
    dnsfunc: DnsFunc | None = None,
) -> Verdict:
    """The authenticity verdict for a message parsed as coming from ``platform``."""
    if platform is None:
        return Verdict(None, "")
    allowed = allowed_domains(platform, security)
    bases = _bases_of(mail.from_domain)
    base = next((b for b in allowed if b in bases), None)
    if mail.from_count != 1:
        return Verdict(False, f"{mail.from_count} From addresses; cannot tell who sent it")
    for name in _SINGLE_HEADERS:  # a signature covers one of them; which one a reader shows is anyone's guess
        count = len(mail.raw_headers(name))
        if count > 1:
            return Verdict(False, f"{count} {name} headers; cannot tell which one the sender signed")
    if base is None:
        how = claimed_platform(mail, security)[1] or "content names the marketplace"
        return Verdict(False, f"claims {platform.value} ({how}) but From domain {mail.from_domain or '(none)'} "
                              f"is not on the {platform.value} allow-list")
    trusted, ignored = _trusted_results(mail, security)
    findings = [f"ignored Authentication-Results from untrusted {', '.join(sorted(ignored))}"] if ignored else []
    outcome = _aligned_pass(trusted, mail.from_domain, base) if trusted is not None else None
    if outcome is not None:
        passed, detail = outcome
        if passed:
            return Verdict(True, "; ".join([detail, *findings]))
        findings.insert(0, detail)
    elif trusted is None:
        findings.insert(0, "no Authentication-Results header from a trusted authserv-id")
    else:
        findings.insert(0, "the trusted Authentication-Results header could not be read")
    if security.dkim_verify:
        passed, detail = _dkim_locally(mail, base, dnsfunc or _resolver_lookup(tuple(security.dkim_resolvers)))
        if passed:
            return Verdict(True, "; ".join([detail, *findings]))
        findings.append(detail)
    return Verdict(False, "; ".join(findings))


def _trusted_results(mail: ReadMail, security: SecuritySettings) -> tuple[str | None, set[str]]:
    """The topmost Authentication-Results written by a trusted authserv-id (trimmed to what the
    verdict reads, see ``_essentials``), and the ids ignored."""
    trusted_ids = {t.lower() for t in security.trusted_authserv_ids}
    ignored: set[str] = set()
    for raw in mail.raw_headers("Authentication-Results"):
        serv = _authserv_id(raw)
        if serv in trusted_ids:
            # Anything below was written before our border and is not ours.
            return _essentials(raw), ignored
        ignored.add(serv or "(unreadable)")
    return None, ignored


_AUTHSERV = re.compile(r"^\s*(?:\([^()]*\)\s*)*([^\s;()]+)")


def _authserv_id(raw: str) -> str:
    match = _AUTHSERV.match(raw)
    return match.group(1).lower() if match else ""


@lru_cache(maxsize=1024)
def _aligned_pass(header_value: str, from_domain: str, base: str) -> tuple[bool, str] | None:
    """``_passes`` for our border's header, read by authres; None when authres cannot read it (it then
    does not count).

    Our border copies text the sender chose into its header (the envelope sender, a HELO name), and
    only a real parser knows where such a quoted string ends: ``"a)b;dmarc=pass header.from=x"@evil``
    is one property value, not a result. authres is thorough but slow (milliseconds per header), so a
    header without quotes or backslashes, where no text can hide a ";" or a ")", is first trimmed to
    its dkim and dmarc results and their domain properties (see ``_essentials``): the same sender's
    headers then trim to the same text, and the answers, remembered per value, are found again.
    """
    try:
        header = authres.AuthenticationResultsHeader.parse("Authentication-Results: " + header_value)
    except Exception:  # authres raises several syntax error types; a malformed header simply does not count
        return None
    return _passes(header, from_domain, base)


_COMMENT = re.compile(r"\([^()]*+\)")
_KEPT_PROPERTIES = re.compile(r"^(?:header\.d|header\.i|header\.from)=", re.I)
_COMMENT_DEPTH = 4


def _essentials(raw: str) -> str:
    """``raw`` unfolded; when it holds no quoted string, no quoted pair and comments at most
    _COMMENT_DEPTH deep, only its dkim and dmarc results with their domain properties are kept.
    Empty (unreadable) when longer than MAX_HEADER_VALUE_CHARS."""
    if len(raw) > MAX_HEADER_VALUE_CHARS:  # authres's time grows faster than the header; ours are short
        return ""
    value = " ".join(raw.split())
    if '"' in value or "\\" in value:  # only authres can tell where a quoted string or quoted pair ends
        return value
    if "(" in value or ")" in value:
        for _ in range(_COMMENT_DEPTH):  # nested comments, innermost first
            value = _COMMENT.sub(" ", value)
        if "(" in value or ")" in value:
            return " ".join(raw.split())
    parts = [p.strip() for p in value.split(";")]
    kept = [parts[0]]
    for resinfo in parts[1:]:
        tokens = resinfo.split()
        if not tokens or tokens[0].split("=", 1)[0].lower() not in ("dkim", "dmarc"):
            continue
        kept.append(" ".join([tokens[0], *(t for t in tokens[1:] if _KEPT_PROPERTIES.match(t))]))
    return "; ".join(kept) if len(kept) > 1 else f"{parts[0]}; none"


def _passes(header, from_domain: str, base: str) -> tuple[bool, str]:
    seen: list[str] = []
    for result in header.results:
        method = (result.method or "").lower()
        outcome = (result.result or "").lower()
        domain = _property(result.properties, ("header.d", "header.i") if method == "dkim" else ("header.from",))
        if method not in ("dkim", "dmarc"):
            continue
        seen.append(f"{method}={outcome} {domain or '?'}")
        if outcome != "pass" or not domain:
            continue
        if within(domain, base) and within(from_domain, base):
            return True, f"{header.authserv_id}: {method}=pass for {domain}, aligned with From {from_domain}"
    summary = ", ".join(seen) if seen else "no dkim or dmarc result"
    return False, f"{header.authserv_id}: no aligned pass ({summary})"


def _property(properties: Iterable, names: tuple[str, ...]) -> str:
    for name in names:
        for prop in properties:
            if f"{prop.type}.{prop.name}".lower() == name and prop.value:
                value = str(prop.value).lower()
                return value.rsplit("@", 1)[-1].strip(".")
    return ""


@lru_cache(maxsize=8)
def _resolver_lookup(servers: tuple[str, ...]) -> DnsFunc | None:
    """A DKIM key lookup that asks ``servers`` ("host" or "host:port") instead of the system's resolver."""
    if not servers:
        return None
    import dns.nameserver
    import dns.resolver

    resolver = dns.resolver.Resolver(configure=False)
    resolver.nameservers = [dns.nameserver.Do53Nameserver(*_host_and_port(server)) for server in servers]

    def lookup(name: bytes, timeout: float = 5) -> bytes | None:
        try:
            answer = resolver.resolve(name.decode("ascii"), "TXT", lifetime=timeout)
        except Exception:  # no such key, or no answer: dkimpy counts the signature as unverified
            return None
        return b"".join(b"".join(record.strings) for record in answer)

    return lookup


def _host_and_port(server: str) -> tuple[str, int]:
    """ "192.0.2.1", "192.0.2.1:5353", "2001:db8::1" or "[2001:db8::1]:5353"."""
    if server.startswith("["):
        host, _, port = server[1:].partition("]:")
        return host.rstrip("]"), int(port or 53)
    if server.count(":") == 1:
        host, port = server.split(":")
        return host, int(port)
    return server, 53


def _dkim_locally(mail: ReadMail, base: str, dnsfunc: DnsFunc | None) -> tuple[bool, str]:
    import dkim

    count = len(mail.raw_headers("DKIM-Signature"))
    if count == 0:
        return False, "no DKIM-Signature to verify locally"
    checker = dkim.DKIM(mail.raw)
    for index in range(min(count, 5)):
        try:
            ok = checker.verify(idx=index, dnsfunc=dnsfunc) if dnsfunc else checker.verify(idx=index)
        except Exception as exc:  # dkimpy raises on malformed signatures and DNS failures
            return False, f"local DKIM check failed: {type(exc).__name__}"
        domain = (checker.domain or b"").decode("ascii", "replace").lower()
        if ok and within(domain, base) and within(mail.from_domain, base):
            return True, f"local DKIM verification passed for {domain}, aligned with From {mail.from_domain}"
    return False, "local DKIM verification found no valid aligned signature"
