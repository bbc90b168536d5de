"""Portuguese (Brazil), Dutch, Polish and Turkish: the lexicons read buyers' own phrasings, option
answers and negations, the letter phrases catch what marketplaces forbid in those languages, and the
letters write numbers as those languages do.

The sentences are the project's own, written for these tests (never from the blind set)."""

from __future__ import annotations

import pytest

from disputed.parsers.classify import classify_issue, classify_lexically
from disputed.platforms import rule_breaches
from disputed.languages import TEMPLATE_LANGUAGES
from disputed.vocabulary import Issue
from tests.parsers.test_classify import THRESHOLD
from tests.languages.test_templates import LIBRARY, full_context, option

NR, WRONG, NAD = Issue.NOT_RECEIVED, Issue.WRONG_ITEM, Issue.NOT_AS_DESCRIBED
QUALITY, DAMAGED, MISSING = Issue.QUALITY_DEFECT, Issue.DAMAGED, Issue.MISSING_PARTS
CUSTOMS, EMPTY, SIZE = Issue.CUSTOMS_TAX, Issue.EMPTY_PACKAGE, Issue.SIZE_FIT
TRACKING, CANCEL, EXCHANGE = Issue.TRACKING_INQUIRY, Issue.CANCELLATION, Issue.EXCHANGE_REQUEST
USAGE = Issue.USAGE_QUESTION

LANGUAGES = ("pt", "nl", "pl", "tr")

# One buyer sentence per issue and language, colloquial spellings included.
SENTENCES = [
    ("pt", NR, "Meu pedido ainda não chegou, já faz 40 dias."),
    ("pt", NR, "to esperando ate hoje e nada, o rastreio diz entregue mas nao recebi"),
    ("pt", TRACKING, "Cadê meu pedido? Qual o código de rastreio?"),
    ("pt", WRONG, "Veio o produto errado, pedi um fone e veio um carregador."),
    ("pt", NAD, "A cor é totalmente diferente das fotos do anúncio."),
    ("pt", QUALITY, "O aparelho parou de funcionar depois de uma semana."),
    ("pt", DAMAGED, "A caixa chegou toda amassada e o copo veio quebrado."),
    ("pt", MISSING, "Faltou o cabo carregador na caixa."),
    ("pt", CUSTOMS, "Fui taxado em 60 reais pela Receita, ninguém me avisou."),
    ("pt", EMPTY, "A caixa veio vazia, só tinha plástico bolha."),
    ("pt", SIZE, "Ficou muito apertado, quero trocar por um tamanho maior."),
    ("pt", USAGE, "Como faço para conectar no celular?"),
    ("pt", CANCEL, "Quero cancelar o pedido, não preciso mais."),
    ("pt", EXCHANGE, "Pode trocar a cor para preto antes de enviar?"),
    ("nl", NR, "Ik heb mijn bestelling na zes weken nog steeds niet ontvangen."),
    ("nl", TRACKING, "Waar blijft mijn pakket? Kunt u mij de track and trace sturen?"),
    ("nl", WRONG, "Ik heb een zwarte jas besteld maar een blauwe gekregen, verkeerd artikel dus."),
    ("nl", NAD, "De kleur is heel anders dan op de foto."),
    ("nl", QUALITY, "Het apparaat werkt na twee dagen al niet meer."),
    ("nl", DAMAGED, "De doos was helemaal ingedeukt en de vaas kwam kapot aan."),
    ("nl", MISSING, "De schroeven ontbreken, ik kan het niet in elkaar zetten."),
    ("nl", CUSTOMS, "Ik moest 25 euro invoerrechten betalen bij de bezorging."),
    ("nl", EMPTY, "Er zat niks in de doos, alleen wat papier."),
    ("nl", SIZE, "De schoenen zijn te klein, ze vallen echt klein."),
    ("nl", USAGE, "Hoe koppel ik de oordopjes aan mijn telefoon?"),
    ("nl", CANCEL, "Graag mijn bestelling annuleren, ik heb het niet meer nodig."),
    ("nl", EXCHANGE, "Kan ik de kleur nog wijzigen naar zwart voordat het verzonden wordt?"),
    ("pl", NR, "Paczka nadal nie doszła, czekam już ponad miesiąc."),
    ("pl", NR, "paczka nadal nie doszla, czekam juz ponad miesiac"),
    ("pl", TRACKING, "Gdzie jest moja paczka? Proszę o numer przesyłki."),
    ("pl", WRONG, "Zamówiłam czarną kurtkę, a przyszła niebieska. To zły produkt."),
    ("pl", NAD, "Kolor jest zupełnie inny niż na zdjęciu, towar niezgodny z opisem."),
    ("pl", QUALITY, "Po tygodniu przestał działać, nie włącza się."),
    ("pl", DAMAGED, "Karton był zgnieciony, a wazon przyszedł rozbity."),
    ("pl", CUSTOMS, "Musiałem zapłacić cło i VAT przy odbiorze, 40 zł."),
    ("pl", EMPTY, "Paczka była pusta, w środku tylko papier."),
    ("pl", SIZE, "Buty są za małe, rozmiarówka zaniżona."),
    ("pl", USAGE, "Jak połączyć słuchawki z telefonem?"),
    ("pl", CANCEL, "Proszę anulować zamówienie, już nie potrzebuję."),
    ("pl", EXCHANGE, "Czy mogę jeszcze zmienić kolor na czarny przed wysyłką?"),
    ("tr", NR, "Siparişim 40 gündür hâlâ gelmedi."),
    ("tr", TRACKING, "Kargom nerede? Takip numarasını gönderebilir misiniz?"),
    ("tr", WRONG, "Siyah sipariş ettim, beyaz geldi. Yanlış ürün gönderilmiş."),
    ("tr", NAD, "Rengi fotoğraftakinden çok farklı."),
    ("tr", QUALITY, "Ürün bir hafta sonra çalışmayı bıraktı, artık açılmıyor."),
    ("tr", DAMAGED, "Koli ezilmişti ve bardak kırık geldi."),
    ("tr", DAMAGED, "urun kirik geldi, kutu da ezikti"),
    ("tr", MISSING, "Kutudan şarj aleti çıkmadı, eksik gönderilmiş."),
    ("tr", CUSTOMS, "Gümrük vergisi ödemek zorunda kaldım, 300 TL."),
    ("tr", EMPTY, "Paketin içi boştu, sadece naylon vardı."),
    ("tr", SIZE, "Ayakkabı küçük geldi, kalıbı dar."),
    ("tr", USAGE, "Kulaklığı telefona nasıl bağlarım?"),
    ("tr", CANCEL, "Siparişimi iptal etmek istiyorum, artık ihtiyacım kalmadı."),
    ("tr", EXCHANGE, "Kargoya vermeden rengini siyah olarak değiştirebilir misiniz?"),
]


@pytest.mark.parametrize(("language", "issue", "text"), SENTENCES, ids=[f"{lang}:{text[:30]}" for lang, _, text in SENTENCES])
def test_the_lexicon_reads_the_issue(language: str, issue: Issue, text: str) -> None:
    lexical = classify_lexically(text, language)
    assert lexical.issue is issue and lexical.confidence >= THRESHOLD, lexical
    assert classify_issue(text, language).issue is issue


@pytest.mark.parametrize(
    ("language", "text", "option"),
    [
        ("pt", "Quero a segunda opção, por favor.", 2),
        ("pt", "Opção 1", 1),
        ("pt", "fico com a terceira", 3),
        ("nl", "Ik kies voor de tweede optie.", 2),
        ("nl", "Optie 3 graag", 3),
        ("pl", "Wybieram drugą opcję.", 2),
        ("pl", "Opcja 3 poproszę", 3),
        ("tr", "İkinci seçeneği istiyorum.", 2),
        ("tr", "2 numaralı seçenek olsun lütfen", 2),
        ("tr", "1'i seçiyorum", 1),
    ],
)
def test_option_answers(language: str, text: str, option: int) -> None:
    result = classify_issue(text, language)
    assert result.issue is Issue.OPTION_CHOICE and result.chosen_option == option, result


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("pt", "Recebi tudo certinho, obrigado!"),
        ("pt", "O produto chegou sem nenhum defeito, muito obrigada."),
        ("nl", "Pakket vandaag ontvangen, alles perfect, bedankt!"),
        ("pl", "Paczka doszła, wszystko w porządku, dziękuję!"),
        ("pl", "Produkt nie jest uszkodzony, wszystko dobrze."),
        ("tr", "Ürün sağlam geldi, teşekkürler!"),
        ("tr", "Ürün kırık değil, teşekkürler."),
    ],
)
def test_satisfied_buyers_and_negations_are_not_confident_complaints(language: str, text: str) -> None:
    assert classify_issue(text, language).confidence < THRESHOLD


def test_the_new_lexicons_stay_silent_on_other_languages() -> None:
    """A Latin message whose own lexicon finds nothing is tried with every Latin lexicon: ours must
    not claim an English or German thank-you."""
    for text in ("Thanks, the parcel arrived today and everything is perfect.", "Ich bin sehr zufrieden, danke!"):
        for language in LANGUAGES:
            assert classify_lexically(text, language).confidence < THRESHOLD, (language, text)


def test_the_languages_have_templates() -> None:
    assert set(LANGUAGES) <= set(TEMPLATE_LANGUAGES)


@pytest.mark.parametrize(
    ("platform", "lang", "text", "rule"),
    [
        ("amazon", "pt", "Se ficou satisfeito, por favor altere a sua avaliação.", "no_review_change"),
        ("amazon", "pt", "Damos um cupom de desconto em troca de uma avaliação cinco estrelas.", "no_review_incentive"),
        ("aliexpress", "pt", "Chama a gente no WhatsApp que a gente resolve.", "no_outside_contact"),
        ("amazon", "nl", "Wilt u uw beoordeling aanpassen nu het is opgelost?", "no_review_change"),
        ("amazon", "nl", "U krijgt korting als u een positieve review plaatst.", "no_review_incentive"),
        ("ebay", "pl", "Prosimy o zmianę opinii na pozytywną.", "no_review_change"),
        ("amazon", "pl", "W zamian za opinię otrzymają Państwo rabat.", "no_review_incentive"),
        ("amazon", "tr", "Sorun çözüldüyse lütfen yorumunuzu güncelleyin.", "no_review_change"),
        ("amazon", "tr", "Beş yıldızlı değerlendirme karşılığında indirim kodu veriyoruz.", "no_review_incentive"),
        ("walmart", "tr", "Yeni koleksiyonumuz için bizi Instagram'da takip edin.", "no_marketing"),
    ],
)
def test_each_rule_is_found_in_the_language(platform: str, lang: str, text: str, rule: str) -> None:
    assert rule in [b.rule for b in rule_breaches(platform, lang, text)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_amounts_are_written_with_a_decimal_comma(language: str) -> None:
    offered = [option(1, "refund_part", amount=3.5), option(2, "cleaning_cost", amount=12.0)]
    body = LIBRARY.render("missing_parts", language, full_context(options=offered)).body
    assert "3,50 EUR" in body and "12,00 EUR" in body and "3.50" not in body
    refund = LIBRARY.render("option.refund", language, full_context(chosen=option(1, "full_refund"), refund_amount="39.90")).body
    assert "39,90 EUR" in refund


def test_turkish_puts_the_percent_sign_first() -> None:
    body = LIBRARY.render("wrong_item", "tr", full_context(options=[option(1, "partial_refund", 15)])).body
    assert "%15" in body and "15%" not in body


@pytest.mark.parametrize(("days", "words"), [(1, "został jeszcze 1 dzień"), (3, "zostały jeszcze 3 dni"), (12, "zostało jeszcze 12 dni"), (22, "zostały jeszcze 22 dni")])
def test_polish_days_left_agree_with_the_number(days: int, words: str) -> None:
    assert words in LIBRARY.render("not_received.in_transit", "pl", full_context(days_remaining=days)).body
