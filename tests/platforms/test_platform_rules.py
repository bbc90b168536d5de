"""Every shipped buyer letter, in every language, keeps every platform's messaging rules;
the negative-review reply and its follow-up never mention the review."""

from __future__ import annotations

import re

import pytest

from disputed.platforms import PLATFORMS, rule_breaches
from disputed.platforms.rules import phrases_in
from disputed.languages import TEMPLATE_LANGUAGES
from tests.languages.test_templates import BUYER_NAMES, LIBRARY, folder, full_context, option, sparse_context

BUYER_RENDERS = [(name, lang) for name in BUYER_NAMES for lang in TEMPLATE_LANGUAGES if (folder(lang) / f"{name}.txt").exists()]
IDS = [f"{lang}/{name}" for name, lang in BUYER_RENDERS]


def representative_contexts(platform: str) -> list[dict]:
    """The variants a letter's wording depends on: everything known, nothing known, and the
    remedies one at a time (a letter offering one remedy words it on its own)."""
    marketplace = {"amazon": "amazon.de", "ebay": "ebay.de", "aliexpress": None, "walmart": None}[platform]
    full = full_context(platform=platform, marketplace=marketplace)
    variants = [full, {**sparse_context(), "platform": platform}]
    for remedy in full["options"]:
        variants.append({**full, "options": [{**remedy, "number": 1}], "chosen": {**remedy, "number": 1}})
    for shipped in (True, False, None):
        variants.append({**full, "shipped": shipped, "dispute_open": not shipped})
    return variants


@pytest.mark.parametrize("platform", sorted(PLATFORMS))
@pytest.mark.parametrize(("name", "lang"), BUYER_RENDERS, ids=IDS)
def test_every_buyer_letter_keeps_the_platforms_messaging_rules(platform, name, lang):
    for context in representative_contexts(platform):
        rendered = LIBRARY.render(name, lang, context)
        breaches = rule_breaches(platform, lang, rendered.subject + "\n" + rendered.body)
        assert not breaches, [str(b) for b in breaches]


def mentions_review(language: str, text: str) -> bool:
    return "review" in phrases_in(language, text)


@pytest.mark.parametrize("lang", TEMPLATE_LANGUAGES)
@pytest.mark.parametrize("name", ["feedback", "feedback.followup"])
def test_the_review_reply_and_its_followup_never_mention_the_review(name, lang):
    for platform in PLATFORMS:
        for context in representative_contexts(platform):
            rendered = LIBRARY.render(name, lang, context)
            assert not mentions_review(lang, rendered.subject + "\n" + rendered.body), (platform, rendered.subject, rendered.body)


@pytest.mark.parametrize("lang", TEMPLATE_LANGUAGES)
def test_the_review_reply_offers_the_remedies_of_the_problem(lang):
    offered = [option(1, "reissue"), option(2, "full_refund")]
    with_options = LIBRARY.render("feedback", lang, full_context(options=offered)).body
    without = LIBRARY.render("feedback", lang, full_context(options=[])).body
    assert "1." in with_options and "2." in with_options and "1." not in without


@pytest.mark.parametrize("lang", TEMPLATE_LANGUAGES)
def test_the_review_followup_asks_only_whether_the_problem_is_solved(lang):
    body = LIBRARY.render("feedback.followup", lang, full_context()).body
    assert "1." not in body, "the follow-up offers nothing"
    assert not mentions_review(lang, body)
    assert re.search(r"[?？؟]", body), "it asks a question"  # Arabic writes "؟"


@pytest.mark.parametrize("lang", TEMPLATE_LANGUAGES)
def test_the_replacement_followup_never_asks_for_the_review(lang):
    body = LIBRARY.render("followup.replacement", lang, full_context(ask_review=True, chosen=option(1, "reissue"))).body
    assert not mentions_review(lang, body)


@pytest.mark.parametrize(("platform", "lang", "text", "rule"), [
    ("amazon", "en", "If we have put things right, please update your review.", "no_review_change"),
    ("amazon", "de", "Wenn Sie zufrieden sind, ändern Sie bitte Ihre Bewertung.", "no_review_change"),
    ("amazon", "fr", "Nous vous offrons un remboursement si vous retirez votre avis.", "no_review_incentive"),
    ("amazon", "it", "Le offriamo un buono in cambio di una recensione positiva.", "no_review_incentive"),
    ("amazon", "es", "Le regalamos un descuento por una reseña de cinco estrellas.", "no_review_incentive"),
    ("amazon", "ja", "レビューを削除していただけますか。", "no_review_change"),
    ("amazon", "zh", "如果满意，请修改您的评价。", "no_review_change"),
    ("amazon", "ru", "Если вы довольны, пожалуйста, измените свой отзыв.", "no_review_change"),
    ("amazon", "ru", "Дарим скидку за отзыв на пять звезд.", "no_review_incentive"),
    ("ebay", "ru", "Напишите нам в WhatsApp, так быстрее.", "no_outside_contact"),
    ("amazon", "ko", "문제가 해결되었다면 리뷰를 수정해 주세요.", "no_review_change"),
    ("amazon", "ko", "좋은 리뷰를 남겨 주시면 할인 쿠폰을 드립니다.", "no_review_incentive"),
    ("ebay", "ko", "카카오톡으로 연락 주세요.", "no_outside_contact"),
    ("amazon", "ar", "إذا حُلّت المشكلة، نرجو تعديل تقييمك.", "no_review_change"),
    ("amazon", "ar", "نقدّم لك خصمًا مقابل تقييم بخمس نجوم.", "no_review_incentive"),
    ("ebay", "ar", "راسلنا على واتساب.", "no_outside_contact"),
    ("amazon", "en", "See https://shop.example/offer for more.", "no_links"),
    ("amazon", "en", "Follow us on Instagram for new arrivals.", "no_marketing"),
    ("amazon", "en", "Message us on WhatsApp and we sort it out.", "no_outside_contact"),
    ("ebay", "en", "Could you revise your feedback now that it is sorted?", "no_review_change"),
    ("walmart", "es", "Síguenos en Facebook.", "no_marketing"),
    ("aliexpress", "zh", "请加我们的微信联系。", "no_outside_contact"),
])
def test_each_rule_is_found_in_its_language(platform, lang, text, rule):
    assert rule in [b.rule for b in rule_breaches(platform, lang, text)]


def test_a_plain_reply_breaks_no_rule():
    assert rule_breaches("amazon", "en", "We are sorry the cup arrived broken. We send you a new one free of charge.") == []
