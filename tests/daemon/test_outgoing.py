"""The outgoing message as bytes: read back with Python's email package (policy.default) it says
what the draft says, in every template language and with hostile header values, and it is
what the email package's own EmailMessage builder made of the same draft."""

from __future__ import annotations

import asyncio
import email
import email.header
import re
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from disputed.daemon.outgoing import LOOP_HEADER, addressees, build_message, build_raw, clean_header
from disputed.daemon.sender import Sender
from disputed.store.db import make_engine, session_scope
from disputed.store.models import Case, Draft
from disputed.store.queue import approve
from disputed.languages import TEMPLATE_LANGUAGES
from tests.support import settings_for

FROM = "Innoshop Support <support@innoshop.test>"
HEADERS = ["from", "to", "subject", "message-id", "date", "in-reply-to", "references", "auto-submitted",
           LOOP_HEADER.lower(), "content-type", "content-transfer-encoding", "mime-version"]

# (subject, buyer, body) in each template language; long lines without spaces in ja and zh.
SAMPLES = {
    "en": ("Re: your order 114-1234567-7654321 – parcel on its way", "Sam O'Neil <sam@example.com>",
           "Hello Sam,\n\nyour parcel left our warehouse on Monday and should reach you within five working days. "
           "If it has not arrived by Friday week, tell us and we will send another one at no cost.\n\nKind regards\n"),
    "de": ("Re: Ihre Bestellung 114-1234567-7654321 – Rückerstattung über 12,50 €", "Jörg Müller <joerg@example.de>",
           "Hallo Herr Müller,\n\nwir haben die Rückerstattung über 12,50 € veranlasst; sie erscheint in drei bis fünf Werktagen.\n"
           "Die Größe „XL“ ist leider ausverkauft.\n\nMit freundlichen Grüßen\n"),
    "fr": ("Re: votre commande 114-1234567-7654321 – colis endommagé", "Zoé Lefèvre <zoe@example.fr>",
           "Bonjour Madame Lefèvre,\n\nnous sommes désolés que le colis soit arrivé abîmé. Pourriez-vous nous envoyer une photo ?\n"
           "Nous vous proposerons ensuite un remboursement ou un échange, à votre choix.\n\nCordialement\n"),
    "it": ("Re: il suo ordine 114-1234567-7654321 – rimborso già effettuato", "Niccolò Bianchi <nico@example.it>",
           "Gentile cliente,\n\nil rimborso è già stato effettuato e sarà visibile entro qualche giorno lavorativo.\n\nCordiali saluti\n"),
    "es": ("Re: su pedido 114-1234567-7654321 – ¿dónde está el paquete?", "Begoña Núñez <bego@example.es>",
           "Hola, Begoña:\n\nsu paquete salió ayer de nuestro almacén; el número de seguimiento llegará mañana.\n\n¡Gracias por su paciencia!\n"),
    "ja": ("Re: ご注文（114-1234567-7654321）について：配送状況のご案内", "山田 太郎 <yamada@example.jp>",
           "山田様\n\nお問い合わせいただきありがとうございます。ご注文の商品は昨日発送いたしました。配送業者の追跡情報によりますと、三日以内にお届けの予定です。"
           "万一届かない場合は、お手数ですがご連絡くださいませ。\n\nよろしくお願いいたします。\n"),
    "zh": ("回复：您的订单 114-1234567-7654321 的退款已处理", "王小明 <wang@example.cn>",
           "您好，\n\n感谢您的耐心等待。我们已经为您的订单办理了全额退款，款项将在三到五个工作日内退回到您的原支付账户。如有任何疑问，请随时与我们联系。\n\n此致\n"),
    "pt": ("Re: seu pedido 114-1234567-7654321 – reembolso de R$ 49,90", "João Araújo <joao@example.com.br>",
           "Olá, João,\n\no reembolso de R$ 49,90 já foi solicitado e deve aparecer na sua fatura em até cinco dias úteis.\n\nAtenciosamente\n"),
    "nl": ("Re: uw bestelling 114-1234567-7654321 – pakket onderweg", "Sanne de Vries <sanne@example.nl>",
           "Beste mevrouw De Vries,\n\nuw pakket is gisteren verzonden en zou binnen vijf werkdagen moeten aankomen. Laat het ons gerust weten als dat niet zo is.\n\nMet vriendelijke groet\n"),
    "pl": ("Re: zamówienie 114-1234567-7654321 – zwrot pieniędzy", "Łukasz Żółć <lukasz@example.pl>",
           "Dzień dobry,\n\nzwrot pieniędzy został zlecony i pojawi się na Państwa koncie w ciągu pięciu dni roboczych.\n\nZ poważaniem\n"),
    "tr": ("Re: 114-1234567-7654321 numaralı siparişiniz – kargo yolda", "Ayşe Yılmaz <ayse@example.com.tr>",
           "Merhaba Ayşe Hanım,\n\nsiparişiniz dün kargoya verildi ve beş iş günü içinde elinize ulaşması bekleniyor. Bir sorun olursa lütfen bize yazın.\n\nSaygılarımızla\n"),
    "ru": ("Re: ваш заказ 114-1234567-7654321 – посылка в пути", "Анна Смирнова <anna@example.ru>",
           "Здравствуйте, Анна!\n\nВаша посылка отправлена вчера и должна прийти в течение пяти рабочих дней. Если этого не случится, пожалуйста, напишите нам.\n\nС уважением\n"),
    "ko": ("Re: 주문 114-1234567-7654321 환불 안내", "김민준 <minjun@example.kr>",
           "안녕하세요, 고객님.\n\n주문하신 상품의 환불이 처리되었습니다. 영업일 기준 3~5일 이내에 결제하신 수단으로 돌아갑니다. 궁금하신 점이 있으시면 언제든지 문의해 주세요.\n\n감사합니다.\n"),
    "ar": ("Re: طلبك رقم 114-1234567-7654321 – الشحنة في الطريق", "سارة أحمد <sara@example.ae>",
           "مرحباً سارة،\n\nتم شحن طلبك أمس، ومن المتوقع أن يصلك خلال خمسة أيام عمل. إذا لم يصل، يرجى مراسلتنا.\n\nمع خالص التحية\n"),
}
# The samples base64 writes shorter than quoted-printable: the scripts outside ASCII, and Turkish, whose ı ş ğ ç ü
# are frequent enough.
BASE64_LANGUAGES = {"ja", "zh", "ru", "ko", "ar", "tr"}

HOSTILE_SUBJECTS = [
    "Re: hi\r\nBcc: victim@example.test",
    "Re: hi\nX-Injected: yes\rMore",
    "Re: line\u2028separator\u2029and\x85next\x00nul\x1b[31m",
    "Re: " + "a" * 1000,
    "Re: " + "word " * 300,
    "注文" * 400,
    "😀" * 120,
    "Re: =?utf-8?b?SGk=?= looks encoded",
    "=?utf-8?q?Admin?=",
    "Re: Ümlaut " + "x" * 90 + " ende",
    "",
    "   ",
]
HOSTILE_BUYERS = [
    "Eve <eve@example.test>\r\nBcc: victim@example.test",
    '"Dr. Who, Jr." <who@example.test>',
    '"He said \\"hi\\" \\\\ back" <quote@example.test>',
    '"=?utf-8?q?Admin?=" <admin-look@example.test>',
    "=?utf-8?b?5bGx55Sw?= <encoded@example.test>",
    "山田 太郎 <yamada@example.jp>, Jörg <joerg@example.de>, plain@example.com, no-reply@example.com",
    '"' + "Very Long Name " * 20 + '" <long@example.test>',
    "Ärger " * 30 + "<umlauts@example.test>",
    "someone@bücher.example",
]


def reference_message(draft: Draft, *, auto: bool = False) -> EmailMessage:
    """The message as the email package's own builder made it (the sender's builder before it wrote bytes)."""
    from disputed.daemon.outgoing import message_ids

    msg = EmailMessage()
    msg["From"] = clean_header(FROM)
    msg["To"] = [Address(display_name=clean_header(name), addr_spec=addr) for name, addr in addressees(draft.to_addr)]
    msg["Subject"] = clean_header(draft.subject)
    msg["Message-ID"] = clean_header(draft.message_id)
    msg["Date"] = email.utils.formatdate(localtime=False, usegmt=True)
    replied_to = message_ids(draft.in_reply_to)[:1]
    if replied_to:
        msg["In-Reply-To"] = replied_to[0]
        msg["References"] = " ".join(message_ids(draft.references)[-20:] or replied_to)
    msg["Auto-Submitted"] = "auto-replied" if auto else "no"
    msg[LOOP_HEADER] = "test-1"
    msg.set_content(draft.body, charset="utf-8")
    return msg


def draft_for(subject: str, to_addr: str, body: str, n: int = 1) -> Draft:
    return Draft(case_id=n, handler="test", template="t", to_addr=to_addr, subject=subject, body=body, message_id=f"<out-{n}@innoshop.test>",
                 in_reply_to=f"<in-{n}@marketplace.amazon.com>", references=f"<older-{n}@marketplace.amazon.com> <in-{n}@marketplace.amazon.com>")


def parsed(raw: bytes) -> EmailMessage:
    return email.message_from_bytes(raw, policy=policy.default)


def assert_well_formed(raw: bytes) -> EmailMessage:
    """7-bit, CRLF only, lines within RFC 5322's 78 (headers) and RFC 2045's 76 (encoded body)
    characters, our headers once each, and nothing the parser calls a defect."""
    assert raw.isascii()
    assert b"\n" not in raw.replace(b"\r\n", b"") and b"\r" not in raw.replace(b"\r\n", b"")
    head, body = raw.split(b"\r\n\r\n", 1)
    assert all(len(line) <= 78 for line in head.split(b"\r\n")), max(head.split(b"\r\n"), key=len)
    message = parsed(raw)
    assert [name.lower() for name in message.keys()] == HEADERS
    assert not message.defects and not any(message[name].defects for name in message.keys())
    limit = 78 if message["Content-Transfer-Encoding"] == "7bit" else 76
    assert all(len(line) <= limit for line in body.split(b"\r\n"))
    assert message.get_content_type() == "text/plain" and message.get_content_charset() == "utf-8"
    return message


def addresses(message: EmailMessage, name: str) -> list[tuple[str, str]]:
    return [(a.display_name, a.addr_spec) for a in message[name].addresses]


def assert_names(message: EmailMessage, expected: list[tuple[str, str]]) -> None:
    """The To addresses as the email package reads them. It reads a space between two encoded
    words of a display name, where RFC 2047 says there is none (see
    test_long_display_names_decode_exactly), so names written with several are compared without
    their spaces."""
    several = dict(message.raw_items())["To"].count("=?utf-8?") > 1
    squeeze = (lambda name: "".join(name.split())) if several else (lambda name: name)
    assert [(squeeze(n), a) for n, a in addresses(message, "to")] == [(squeeze(n), a) for n, a in expected]


def text(message: EmailMessage) -> str:
    return message.get_content().replace("\r\n", "\n")


def assert_same_as_reference(draft: Draft) -> EmailMessage:
    ours = assert_well_formed(build_raw(draft, from_addr=FROM, instance="test-1"))
    theirs = parsed(reference_message(draft).as_bytes())
    for name in ("message-id", "in-reply-to", "references", "auto-submitted", LOOP_HEADER):
        assert str(ours[name]) == str(theirs[name]), name
    assert addresses(ours, "from") == addresses(theirs, "from")
    assert ours["date"].datetime.tzinfo is not None
    # The email package decodes text that only looks like an encoded word; we keep it as the buyer wrote it.
    if "=?" not in draft.to_addr:
        assert_names(ours, [(clean_header(n), a) for n, a in addressees(draft.to_addr)])
        assert_names(theirs, [(clean_header(n), a) for n, a in addressees(draft.to_addr)])
    if "=?" not in draft.subject:
        # The email package loses the space between two encoded words it folds apart (an Arabic subject); ours keeps it.
        assert str(ours["subject"]) in (str(theirs["subject"]), draft.subject)
    assert text(ours) == text(theirs)
    return ours


def expected_body(body: str) -> str:
    """``body`` with its line ends made one kind (the lines a byte-wise splitlines finds) and a final one."""
    return "\n".join(line.decode() for line in body.encode().splitlines()) + "\n"


@pytest.mark.parametrize("language", TEMPLATE_LANGUAGES)
def test_every_template_language_reads_back_as_written(language):
    subject, buyer, body = SAMPLES[language]
    draft = draft_for(subject, buyer, body)
    message = assert_same_as_reference(draft)
    assert str(message["subject"]) == subject
    assert_names(message, addressees(buyer))
    assert text(message) == expected_body(body)
    assert message["Content-Transfer-Encoding"] == ("base64" if language in BASE64_LANGUAGES else "quoted-printable")


def test_short_ascii_lines_go_as_7bit_text():
    message = assert_same_as_reference(draft_for("Re: order 1", "buyer@example.com", "Hello,\n\nyour refund is on its way.\n"))
    assert message["Content-Transfer-Encoding"] == "7bit"


@pytest.mark.parametrize("subject", HOSTILE_SUBJECTS)
def test_hostile_subjects_stay_one_subject(subject):
    message = assert_same_as_reference(draft_for(subject, "buyer@example.com", "Hi\n"))
    assert str(message["subject"]) == clean_header(subject)
    assert message["Bcc"] is None and message["X-Injected"] is None


@pytest.mark.parametrize("buyer", HOSTILE_BUYERS)
def test_hostile_buyer_addresses_keep_their_names_and_add_no_one(buyer):
    message = assert_same_as_reference(draft_for("Re: order", buyer, "Hi\n"))
    assert_names(message, [(clean_header(name), addr) for name, addr in addressees(buyer)])
    assert message["Bcc"] is None


def test_display_names_are_quoted_or_encoded_only_when_they_must_be():
    raw = build_raw(draft_for("Re: x", '"Dr. Who, Jr." <who@example.test>, Innoshop Buyer <b@example.test>, Jörg <j@example.de>', "x\n"), from_addr=FROM, instance="test-1")
    to = raw.split(b"\r\nSubject:")[0].split(b"To: ", 1)[1]
    assert to == b'"Dr. Who, Jr." <who@example.test>, Innoshop Buyer <b@example.test>,\r\n =?utf-8?q?J=C3=B6rg?= <j@example.de>'


@pytest.mark.parametrize("body", [
    "x" * 1000 + "\n",
    "trailing spaces   \nand tabs\t\n",
    "a line\r\nwith CRLF\rand a lone CR\n.\n..\nFrom the start\n",
    "",
    "no final newline",
    "€" * 500,
    "mixed 日本語 and English " * 40,
    "nul \x00 and escape \x1b in the body\n",
])
def test_awkward_bodies_read_back_as_written(body):
    message = assert_same_as_reference(draft_for("Re: order", "buyer@example.com", body))
    assert text(message) == expected_body(body)


@pytest.mark.parametrize("name", [("Ärger " * 30).strip(), "山田太郎" * 20, "0000\x80\x80𐀀𐀀" * 12, "=?utf-8?q?x?= " * 12])
def test_long_display_names_decode_exactly(name):
    """What an RFC 2047 decoder (the email package's legacy one) makes of a name that needs several encoded words."""
    quoted = name.replace("\\", "\\\\").replace('"', '\\"')
    message = assert_well_formed(build_raw(draft_for("Re: order", f'"{quoted}" <buyer@example.com>', "Hi\n"), from_addr=FROM, instance="test-1"))
    to = dict(message.raw_items())["To"]
    assert to.count("=?utf-8?") > 1
    display = to.replace("\r\n", "").removesuffix(" <buyer@example.com>")
    assert str(email.header.make_header(email.header.decode_header(display))) == clean_header(name)


def test_threading_headers_are_the_drafts():
    draft = draft_for("Re: order", "buyer@example.com", "Hi\n", n=7)
    draft.references = " ".join(f"<ref-{i}@example.com>" for i in range(30))
    message = assert_same_as_reference(draft)
    assert str(message["message-id"]) == "<out-7@innoshop.test>"
    assert str(message["in-reply-to"]) == "<in-7@marketplace.amazon.com>"
    assert str(message["references"]).split() == [f"<ref-{i}@example.com>" for i in range(10, 30)]


def test_auto_replies_say_so():
    message = parsed(build_raw(draft_for("Re: order", "buyer@example.com", "Hi\n"), from_addr=FROM, instance="test-1", auto=True))
    assert str(message["auto-submitted"]) == "auto-replied"


def test_non_ascii_from_and_instance_are_encoded():
    message = parsed(build_raw(draft_for("Re: order", "buyer@example.com", "Hi\n"), from_addr="Müller Händler <shop@example.de>", instance="Zweigstelle Köln"))
    assert addresses(message, "from") == [("Müller Händler", "shop@example.de")]
    assert str(message[LOOP_HEADER]) == "Zweigstelle Köln"


def test_build_message_is_the_same_message():
    draft = draft_for(*SAMPLES["ja"])
    raw = build_raw(draft, from_addr=FROM, instance="test-1")
    message = build_message(draft, from_addr=FROM, instance="test-1")
    strip_date = re.compile(rb"Date: [^\r\n]*")
    assert strip_date.sub(b"", message.as_bytes(policy=policy.SMTP)) == strip_date.sub(b"", raw)


# Any text, and text dense in what headers trip over (quotes, separators, encoded-word marks, line breaks).
_TRICKY = list('ab =?"\\,.;:<>@()[]\'_-\t\r\n\x00') + ["ü", "€", "注", "😀", "\u2028", "\u3000", "\u202e"]
_text = st.one_of(st.text(st.characters(blacklist_categories=("Cs",))), st.text(st.sampled_from(_TRICKY)))


def _quoted(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


@settings(max_examples=500, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(subject=_text, name=_text, body=_text, quoting=st.sampled_from([_quoted, lambda name: name]))
def test_any_text_reads_back_as_written(subject, name, body, quoting):
    buyer = f"{quoting(name)} <buyer@example.com>"
    draft = draft_for(subject * 3, buyer, body * 3)
    message = assert_well_formed(build_raw(draft, from_addr=FROM, instance="test-1"))
    assert str(message["subject"]) == clean_header(subject * 3)
    assert_names(message, [(clean_header(n), a) for n, a in addressees(buyer)])
    assert text(message) == expected_body(body * 3)


def test_what_reaches_smtp_and_sent_is_what_was_built(tmp_path, smtp_server, imap_account):
    settings = settings_for(tmp_path, imap=imap_account, smtp=smtp_server)
    engine = make_engine(settings.database.url)
    with session_scope(engine) as session:
        for n, language in enumerate(TEMPLATE_LANGUAGES, start=1):
            subject, buyer, body = SAMPLES[language]
            case = Case(key=f"amazon:114-0000000-000000{n}", platform="amazon", order_id=f"114-0000000-000000{n}", kind="buyer_message", issue="not_received")
            session.add(case)
            session.flush()
            draft = draft_for(subject, buyer, body, n)
            draft.case_id = case.id
            session.add(draft)
            session.flush()
            approve(session, draft.id, by="lena")
    sender = Sender(settings, engine)
    try:
        assert asyncio.run(sender.send_due()).sent == len(TEMPLATE_LANGUAGES)
    finally:
        sender.close()
    received = {m.message_id: m for m in smtp_server.messages}
    filed = {str(parsed(raw)["message-id"]): raw for raw in imap_account.fetch_all("Sent")}
    for n, language in enumerate(TEMPLATE_LANGUAGES, start=1):
        subject, buyer, body = SAMPLES[language]
        on_the_wire = received[f"<out-{n}@innoshop.test>"]
        assert on_the_wire.rcpt_tos == tuple(addr for _, addr in addressees(buyer))
        for raw in (on_the_wire.raw, filed[f"<out-{n}@innoshop.test>"]):
            message = assert_well_formed(raw)
            assert str(message["subject"]) == subject and text(message) == expected_body(body)
