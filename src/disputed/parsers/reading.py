"""What the buyer's words ask for and offer, read for an operator who does not read their language.

    read_request(buyer_text) -> Request(remedy, attachments, mentioned_facts)

The remedy is the one the buyer names first (a partial refund before a plain refund where
both words sit together); "none" when they name no remedy. Attachments are the photos or
videos they say they sent. Mentioned facts are order numbers, tracking numbers and amounts
written in their words. The words are per language below, one entry per served language;
texts are compared folded (lower case, accents removed), so a cue is written folded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from disputed.parsers.extract import lower_unaccented
from disputed.vocabulary import Remedy

# Remedy cues per language (folded). Partial refunds come before refunds: their words hold the refund's.
REMEDY_CUES: dict[str, dict[Remedy, tuple[str, ...]]] = {
    "en": {Remedy.PARTIAL_REFUND: ("partial refund", "some money back", "discount"),
           Remedy.CANCELLATION: ("cancel",), Remedy.EXCHANGE: ("exchange", "swap"),
           Remedy.REPLACEMENT: ("replacement", "send another", "send a new", "resend", "reship"),
           Remedy.REFUND: ("refund", "money back", "reimburse")},
    "de": {Remedy.PARTIAL_REFUND: ("teilerstattung", "teilruckerstattung", "preisnachlass", "rabatt"),
           Remedy.CANCELLATION: ("stornier", "storno"), Remedy.EXCHANGE: ("umtausch", "tauschen"),
           Remedy.REPLACEMENT: ("ersatz", "neu senden", "nochmal schicken", "neues schicken"),
           Remedy.REFUND: ("erstattung", "geld zuruck", "ruckerstattung")},
    "fr": {Remedy.PARTIAL_REFUND: ("remboursement partiel", "geste commercial", "reduction"),
           Remedy.CANCELLATION: ("annul",), Remedy.EXCHANGE: ("echange", "echanger"),
           Remedy.REPLACEMENT: ("remplacement", "renvoyer un", "en renvoyer", "un nouveau"),
           Remedy.REFUND: ("rembours",)},
    "it": {Remedy.PARTIAL_REFUND: ("rimborso parziale", "sconto"),
           Remedy.CANCELLATION: ("annull",), Remedy.EXCHANGE: ("cambio", "cambiarlo", "cambiare"),
           Remedy.REPLACEMENT: ("sostituzione", "rispedire", "inviare un altro", "nuovo invio"),
           Remedy.REFUND: ("rimbors", "soldi indietro")},
    "es": {Remedy.PARTIAL_REFUND: ("reembolso parcial", "descuento"),
           Remedy.CANCELLATION: ("cancel", "anular"), Remedy.EXCHANGE: ("cambio", "cambiarlo", "cambiar"),
           Remedy.REPLACEMENT: ("reemplazo", "reenviar", "enviar otro", "mandar otro"),
           Remedy.REFUND: ("reembols", "devolucion del dinero", "devuelvan el dinero")},
    "pt": {Remedy.PARTIAL_REFUND: ("reembolso parcial", "desconto"),
           Remedy.CANCELLATION: ("cancel",), Remedy.EXCHANGE: ("troca", "trocar"),
           Remedy.REPLACEMENT: ("reenvi", "mandar outro", "enviar outro", "substitui"),
           Remedy.REFUND: ("reembols", "estorno", "dinheiro de volta", "devolucao do dinheiro")},
    "nl": {Remedy.PARTIAL_REFUND: ("gedeeltelijke terugbetaling", "korting"),
           Remedy.CANCELLATION: ("annuler",), Remedy.EXCHANGE: ("ruilen", "omruilen"),
           Remedy.REPLACEMENT: ("vervang", "opnieuw sturen", "nieuwe sturen"),
           Remedy.REFUND: ("terugbetal", "geld terug", "restitutie")},
    "pl": {Remedy.PARTIAL_REFUND: ("czesciowy zwrot", "rabat", "obnizk"),
           Remedy.CANCELLATION: ("anulow",), Remedy.EXCHANGE: ("wymian", "wymienic"),
           Remedy.REPLACEMENT: ("nowy egzemplarz", "wyslac ponownie", "ponowna wysylk"),
           Remedy.REFUND: ("zwrot pieniedzy", "zwrot srodkow", "zwrot kosztow", "oddac pieniadze")},
    "tr": {Remedy.PARTIAL_REFUND: ("kismi iade", "kısmi iade", "indirim"),
           Remedy.CANCELLATION: ("iptal",), Remedy.EXCHANGE: ("degisim", "degistir"),
           Remedy.REPLACEMENT: ("yenisini", "tekrar gonder", "yeniden gonder"),
           Remedy.REFUND: ("para iadesi", "paramı", "paramin", "iade")},
    "ru": {Remedy.PARTIAL_REFUND: ("частичный возврат", "частичн", "скидк"),
           Remedy.CANCELLATION: ("отмен",), Remedy.EXCHANGE: ("обмен", "обменять"),
           Remedy.REPLACEMENT: ("замен", "отправьте новый", "выслать новый", "отправить новый"),
           Remedy.REFUND: ("вернуть деньги", "верните деньги", "возврат денег", "возврат средств", "вернуть средства")},
    "ja": {Remedy.PARTIAL_REFUND: ("一部返金", "部分返金", "値引き"),
           Remedy.CANCELLATION: ("キャンセル", "取り消"), Remedy.EXCHANGE: ("交換",),
           Remedy.REPLACEMENT: ("代わりの商品", "再送", "新しいもの"),
           Remedy.REFUND: ("返金",)},
    "zh": {Remedy.PARTIAL_REFUND: ("部分退款", "补偿", "折扣"),
           Remedy.CANCELLATION: ("取消",), Remedy.EXCHANGE: ("换成", "换货", "更换", "换一"),
           Remedy.REPLACEMENT: ("补发", "重发", "再发"),
           Remedy.REFUND: ("退款", "退钱")},
    "ko": {Remedy.PARTIAL_REFUND: ("부분 환불", "일부 환불", "할인"),
           Remedy.CANCELLATION: ("취소",), Remedy.EXCHANGE: ("교환",),
           Remedy.REPLACEMENT: ("재발송", "다시 보내", "새 제품"),
           Remedy.REFUND: ("환불",)},
    "ar": {Remedy.PARTIAL_REFUND: ("استرداد جزئي", "خصم", "تعويض"),
           Remedy.CANCELLATION: ("إلغاء", "الغاء", "ألغ"), Remedy.EXCHANGE: ("استبدال", "تبديل"),
           Remedy.REPLACEMENT: ("بديل", "إعادة إرسال", "ارسال جديد"),
           Remedy.REFUND: ("استرداد", "استرجاع المبلغ", "أموالي", "فلوسي")},
}
ATTACHMENT_CUES: dict[str, tuple[str, ...]] = {
    "photo": ("photo", "picture", "pic ", "image", "foto", "bild", "immagin", "imagen", "zdjeci", "zdjęc", "fotograf",
              "resim", "фото", "снимок", "写真", "画像", "照片", "图片", "截图", "사진", "صورة", "صور"),
    "video": ("video", "vidéo", "film", "wideo", "видео", "動画", "ビデオ", "视频", "동영상", "영상", "فيديو"),
}
# Words that say the picture is on its way to the seller, in any served language: only then is it an attachment.
_ATTACH_VERBS = ("attach", "sent", "send", "enclos", "here", "anbei", "angehang", "beigefugt", "ci-joint", "joint",
                 "allegat", "allego", "adjunt", "adjunto", "anex", "envio", "segue", "bijgevoegd", "bijlage",
                 "zalacz", "zalącz", "ekte", "ekledim", "gonderdim", "прилага", "прикреп", "отправ", "添付", "送り",
                 "附上", "附件", "发给", "发了", "첨부", "보내", "مرفق", "أرفقت", "ارفقت", "أرسلت", "below", "see")

_ORDER = re.compile(r"\b\d{3}-\d{7}-\d{7}\b|\b\d{2}-\d{5}-\d{5}\b|\b\d{9,19}\b")
_TRACKING = re.compile(r"\b[A-Z]{2}\d{9}[A-Z]{2}\b|\b1Z[0-9A-Z]{16}\b")
_AMOUNT = re.compile(r"(?:[$€£¥₩₺₽]|R\$|zł|TL)\s?\d{1,7}(?:[.,]\d{1,2})?|\d{1,7}(?:[.,]\d{1,2})?\s?(?:[$€£¥₩₺₽]|"
                     r"eur|euro|usd|gbp|jpy|brl|pln|zł|try|tl|rub|руб|krw|원|円|元|ريال|درهم)(?!\w)", re.I)
_MAX_FACTS = 6


@dataclass(frozen=True)
class Request:
    remedy: Remedy
    attachments: tuple[str, ...]
    mentioned_facts: tuple[str, ...]


def read_request(buyer_text: str) -> Request:
    folded = lower_unaccented(buyer_text)
    return Request(_remedy(folded), _attachments(folded), _mentioned(buyer_text))


def _remedy(folded: str) -> Remedy:
    first: tuple[int, int, Remedy] | None = None  # (position, rank, remedy): earliest, then the listed order
    for word, rank, remedy in _folded_remedy_cues():
        position = folded.find(word)
        if position >= 0 and (first is None or (position, rank) < first[:2]):
            first = (position, rank, remedy)
    return first[2] if first else Remedy.NONE


@lru_cache(maxsize=1)
def _folded_remedy_cues() -> tuple[tuple[str, int, Remedy], ...]:
    return tuple((lower_unaccented(word), rank, remedy) for cues in REMEDY_CUES.values()
                 for rank, (remedy, words) in enumerate(cues.items()) for word in words)


def _attachments(folded: str) -> tuple[str, ...]:
    said = any(verb in folded for verb in _ATTACH_VERBS)
    if not said:
        return ()
    return tuple(kind for kind, words in ATTACHMENT_CUES.items() if any(lower_unaccented(word) in folded for word in words))


def _mentioned(text: str) -> tuple[str, ...]:
    mentioned: list[str] = []
    for match in _ORDER.finditer(text):
        mentioned.append(f"order {match.group(0)}")
    for match in _TRACKING.finditer(text):
        mentioned.append(f"tracking {match.group(0)}")
    for match in _AMOUNT.finditer(text):
        mentioned.append(f"amount {match.group(0).strip()}")
    return tuple(dict.fromkeys(mentioned))[:_MAX_FACTS]
