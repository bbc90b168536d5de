"""Relay extraction by the shape of lines: marker wordings and languages that appear nowhere in the code."""

from __future__ import annotations

import time

import pytest

from disputed.parsers import relay
from disputed.parsers.common import relay_message

WORDS = "Die Lampe kam kaputt an.\nBitte um Ersatz."


@pytest.mark.parametrize("opening, closing", [
    ("------------- Zaczyna się wiadomość -------------", "------------- Koniec wiadomości -------------"),
    ("========= Mesajın başı =========", "========= Mesajın sonu ========="),
    ("———— Начало ————", "———— Конец ————"),
    ("***** 本文 *****", "***** おわり *****"),
    ("-----", "-----"),
    ("______ Zpráva kupujícího ______", "______ ______"),
    ("~~~ Ujumbe ~~~", "~~~ Mwisho ~~~"),  # Swahili: no language of the product
])
def test_the_words_between_two_rule_lines_drawn_alike(opening, closing):
    text = f"Bestellnummer: 302-1234567-7654321\nArtikel: Lampe\n\n{opening}\n\n{WORDS}\n\n{closing}\n\nFußzeile mit Hinweisen."
    assert relay_message(text) == WORDS


def test_an_empty_pair_of_rules_is_decoration_and_the_next_pair_counts():
    text = f"=====\n=====\nIntro\n-----\n{WORDS}\n-----\nfooter"
    assert relay.between_markers(text) == WORDS


def test_a_label_and_a_rule_under_the_words():
    text = f"Hei, du har en ny melding.\n\nOrdre: 123-4567890-1234567\n\nMelding:\n{WORDS}\n\n{'_' * 40}\nBunntekst"
    assert relay_message(text) == WORDS


def test_a_member_line_with_a_feedback_score_opens_and_the_signature_closes():
    text = f"Nieuw bericht van: klant_77 (342)\n\n{WORDS}\n\n- klant_77\n\nAntwoord: https://example.test/reply\n\nVoettekst"
    assert relay_message(text) == WORDS


def test_a_member_line_ends_at_a_lone_button_line():
    text = f"Yeni mesaj: alici_12 (15)\n\n{WORDS}\n\nYanıtla\n\nÜrün 1234567890\n\nAlt bilgi."
    assert relay_message(text) == WORDS


def test_the_words_above_a_bare_rule_after_the_order_facts():
    text = f"Un cliente ti scrive.\n\nOrdine: 171-1234567-1234567\n1 x Lampada (ASIN: B0ABCDEFGH)\n\n{WORDS}\n\n{'-' * 60}\nPiè di pagina"
    assert relay_message(text) == WORDS


def test_the_paragraph_under_the_last_label_followed_by_words():
    text = f"Olá,\n\nO comprador escreveu:\nPedido 8123456789012345\nProduto: Lâmpada\n\nMensagem:\n{WORDS}\n\nRodapé."
    assert relay_message(text) == WORDS


@pytest.mark.parametrize("history", [
    "On Tue, 3 Nov 2026 at 10:12, Shop <shop@example.com> wrote:",
    "Am 03.11.2026 um 10:12 schrieb Shop <shop@example.com>:",
    "Le mar. 3 nov. 2026 à 10:12, Shop a écrit :",
    "W dniu 3.11.2026 o 10:12 Shop napisał(a):",
    "2026年11月3日 10:12 Shop <shop@example.com> 写道：",
    "2026/11/03 10:12、Shop のメッセージ:",
    "-----Oorspronkelijk bericht-----",
    "-------- Исходное сообщение --------",
    "Von: Shop <shop@example.com>",
    "> earlier words",
])
def test_quoted_history_is_cut_in_any_language(history):
    text = f"{WORDS}\n\n{history}\nthe shop's earlier answer\n> more"
    assert relay.cut_quoted(text) == WORDS


def test_plain_words_with_a_time_or_a_colon_inside_are_kept():
    words = "It came at 10:30 but was broken.\nWhat I want: a refund."
    assert relay.cut_quoted(words) == words


def test_hostile_lines_cost_linear_time():
    hostile = ("-" * 50_000 + " x " + "=" * 50_000 + "\n") * 4 + ("a: " * 30_000 + "\n") * 4 + "(" * 50_000 + "\n"
    started = time.monotonic()
    relay_message(hostile)
    relay.cut_quoted(hostile)
    assert time.monotonic() - started < 5


def test_many_label_lines_cost_linear_time():
    hostile = "Message:\n" * 40_000 + "words\n"
    started = time.monotonic()
    relay.after_label(hostile)
    relay_message(hostile)
    assert time.monotonic() - started < 5


def test_ebays_own_copy_of_a_members_message_is_known_by_its_signature_line():
    from disputed.config.settings import SecuritySettings
    from disputed.parsers import parse_message
    from disputed.vocabulary import Kind

    raw = ("From: eBay <ebay@ebay.test>\r\nTo: shop@example.com\r\nSubject: Ujumbe kuhusu bidhaa 1234567890\r\n"
           "Message-ID: <m1@ebay.test>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
           "Die Lampe kam kaputt an.\r\n\r\n- klant_77\r\n\r\nNambari ya bidhaa: 123456789012\r\n\r\nJibu kwenye eBay.\r\n")
    note = parse_message(raw.encode(), security=SecuritySettings())
    assert note.kind is Kind.BUYER_MESSAGE
    assert note.buyer_comment == "Die Lampe kam kaputt an."
