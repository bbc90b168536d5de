"""Folding makes the spellings a buyer may use of one word read the same, in every script the
lexicons are written in, and leaves the marks that change a word alone."""

from __future__ import annotations

import re

import pytest

from disputed.parsers.lexicon import all_lexicons, fold, fold_pattern


@pytest.mark.parametrize(("spellings", "folded"), [
    (("ПОСЫЛКА", "Посылка", "посылка"), "посылка"),
    (("Ещё", "еще", "ЕЩЁ"), "еще"),
    (("إرجاع", "ارجاع", "إرجــاع", "إِرْجَاع"), "ارجاع"),  # hamza under alef, bare alef, tatweel, vowel marks
    (("أريد", "اريد", "آريد"), "اريد"),
    (("الطلبية", "الطلبيه"), "الطلبيه"),  # ta marbuta read as ha
    (("على", "علي"), "علي"),  # alef maqsura read as yeh
    (("مسؤول", "مسوول"), "مسوول"),  # hamza on waw
    (("٣ أسابيع", "۳ أسابيع", "3 اسابيع"), "3 اسابيع"),  # Arabic-Indic and Persian digits
])
def test_spellings_of_one_word_fold_alike(spellings, folded):
    assert {fold(spelling) for spelling in spellings} == {folded}


def test_arabic_punctuation_reads_as_the_clause_breaks():
    assert fold("وصل الطرد، لكن مكسور؛ لماذا؟") == "وصل الطرد, لكن مكسور; لماذا?"


@pytest.mark.parametrize("text", ["배송이 아직 안 왔어요", "ダンボールがびしょ濡れ", "包裹还没到"])
def test_east_asian_text_keeps_its_marks(text):
    assert fold(text) == text


def test_patterns_fold_like_text_but_keep_regex_syntax():
    lexicon = next(iter(all_lexicons().values()))
    assert fold_pattern(lexicon, "الطلبية؟") == "الطلبيه؟"  # "؟" in a pattern stays a letter, not a quantifier
    assert re.search(fold_pattern(lexicon, r"لم\s+يصل\b"), fold("لَمْ يَصِلْ الطَّرْد"))
