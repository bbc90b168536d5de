"""Every shipped template renders, in every language it exists in, with the variables
the pipeline and the handlers provide; buyer text stays text."""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

import pytest

from disputed.handlers.base import BASE_CONTEXT_KEYS, unfilled
from disputed import rendering
from disputed.rendering import TemplateError, TemplateLibrary
from disputed.languages import TEMPLATE_LANGUAGES

LANGUAGES = Path(__file__).parents[2] / "src" / "disputed" / "languages"


def folder(language: str) -> Path:
    return LANGUAGES / language / "templates"


LIBRARY = TemplateLibrary()


def names_in(language: str) -> set[str]:
    return {p.stem for p in folder(language).glob("*.txt") if not p.name.startswith("_")}


ALL_NAMES = sorted(set().union(*(names_in(lang) for lang in TEMPLATE_LANGUAGES)))
PLATFORM_NAMES = sorted(n for n in ALL_NAMES if n.startswith("platform.") or n == "hijacker")
BUYER_NAMES = sorted(set(ALL_NAMES) - set(PLATFORM_NAMES))
RENDERS = [(name, lang) for name in ALL_NAMES for lang in TEMPLATE_LANGUAGES if (folder(lang) / f"{name}.txt").exists()]


def option(number: int, type_: str, percent: int | None = None, amount: float | None = None) -> dict:
    return {"number": number, "type": type_, "percent": percent, "amount": amount}


OPTIONS = [
    option(1, "partial_refund", 15),
    option(2, "claim_code", 60),
    option(3, "next_order_discount", 10),
    option(4, "cleaning_cost", amount=2.0),
    option(5, "reissue"),
    option(6, "full_refund"),
    option(7, "return_for_refund"),
    option(8, "return_for_replacement"),
    option(9, "resend_part"),
    option(10, "refund_part", amount=3.5),
    option(11, "exchange"),
    option(12, "partial_refund", amount=4.0),
]


def full_context(**overrides) -> dict:
    """Base keys (as the pipeline gives them) plus every key a handler may add."""
    context = {
        "buyer_name": "Maria Rossi",
        "order_id": "123-1234567-1234567",
        "item": "Porcelain cup set, blue print",
        "asin": "B0TESTASIN",
        "sku": "CUP-BLUE-6",
        "quantity": 1,
        "reason": "Wrong item was sent",
        "buyer_comment": "The print is not the one I chose.",
        "amount": "39.90",
        "currency": "EUR",
        "platform": "amazon",
        "marketplace": "amazon.de",
        "seller_name": "Li Wei",
        "shop_name": "Innoshop",
        "tracking_number": "LX123456789CN",
        "case_id": 42,
        "today": date(2024, 5, 2),
        "options": OPTIONS,
        # handler keys
        "dispute_open": True,
        "minor_count": 4,
        "shipped": True,
        "order_known": True,
        "ship_date": "2024-03-20",
        "shipping_method": "China Post",
        "destination": "DE",
        "carrier_status": "in_transit",
        "delivered_date": "2024-04-20",
        "promised_days": 60,
        "expected_by": "2024-05-19",
        "days_remaining": 17,
        "days_overdue": 3,
        "chosen": option(2, "claim_code", 60),
        "needs_claim_code": True,
        "claim_code": "HTCB-AD73TB-L2M1TF",
        "claim_code_percent": 60,
        "refund_amount": "5.99",
        "ask_review": True,
        "handling_days": 2,
        "offered": OPTIONS[:3],
        "metric": "order_defect_rate",
        "funds_held": True,
        "cause": "customer_experience",
        "hijacker": "Cheap Copies Ltd",
        "brand": "Innoware",
        "asins": ["B0TESTASIN", "B0OTHERASN"],
        "trademark_registration": "USPTO 1234567",
        "respond_hours": 48,
        "operator_note": "not rendered",
        "operator_advice": "not rendered",
        "buyer_written_on": "2024-04-28",
    }
    context.update(overrides)
    return context


def sparse_context() -> dict:
    """Everything unknown: None, False, empty lists."""
    context = {key: None for key in full_context()}
    context.update(options=[], offered=[], asins=["B0TESTASIN"], hijacker="X", brand="Y", respond_hours=24,
                   dispute_open=False, order_known=False, ask_review=False, funds_held=False, minor_count=0,
                   seller_name="Li Wei", shop_name="Innoshop", today=date(2024, 5, 2),
                   chosen=option(1, "full_refund"), needs_claim_code=True)
    return context


def test_every_template_has_english_and_chinese():
    missing = [f"{lang}/{n}" for n in ALL_NAMES for lang in ("en", "zh") if n not in names_in(lang)]
    assert not missing


def test_buyer_templates_exist_in_every_template_language():
    missing = [f"{lang}/{n}" for n in BUYER_NAMES for lang in TEMPLATE_LANGUAGES if n not in names_in(lang)]
    assert not missing


def test_every_language_has_its_macros():
    for lang in TEMPLATE_LANGUAGES:
        assert (folder(lang) / "_macros.txt").exists(), lang


def test_base_context_keys_are_the_documented_ones():
    assert set(BASE_CONTEXT_KEYS) <= set(full_context())


@pytest.mark.parametrize(("name", "lang"), RENDERS, ids=[f"{lang}/{name}" for name, lang in RENDERS])
def test_renders_with_full_context(name, lang):
    rendered = LIBRARY.render(name, lang, full_context())
    assert rendered.language == lang
    assert rendered.subject, "first line must be Subject: ..."
    assert "\n" not in rendered.subject
    assert "None" not in rendered.subject + rendered.body
    assert "{{" not in rendered.body and "{%" not in rendered.body
    assert not rendered.body.startswith("\n") and rendered.body.endswith("\n")
    assert "\n\n\n" not in rendered.body, "no double blank lines"
    assert "not rendered" not in rendered.body, "operator_note must stay out of letters"
    assert "Li Wei" in rendered.body


@pytest.mark.parametrize(("name", "lang"), RENDERS, ids=[f"{lang}/{name}" for name, lang in RENDERS])
def test_renders_with_nothing_known(name, lang):
    rendered = LIBRARY.render(name, lang, sparse_context())
    assert rendered.subject
    assert "\n\n\n" not in rendered.body


@pytest.mark.parametrize(("name", "lang"), RENDERS, ids=[f"{lang}/{name}" for name, lang in RENDERS])
def test_buyer_text_is_never_template_code(name, lang):
    hostile = "{{ 7*7 }} {% if true %}INJECTED{% endif %} {{ ''.__class__ }}"
    context = full_context(buyer_comment=hostile, reason=hostile, item=hostile, buyer_name=hostile)
    rendered = LIBRARY.render(name, lang, context)
    text = rendered.subject + rendered.body
    assert "49" not in text and "<class" not in text
    assert "INJECTED" not in text.replace(hostile, "")


@pytest.mark.parametrize("lang", TEMPLATE_LANGUAGES)
def test_hostile_buyer_name_and_item_appear_literally(lang):
    hostile = "{{ 7*7 }}{% raw %}"
    body = LIBRARY.render("wrong_item", lang, full_context(buyer_name=hostile, item=hostile)).body
    assert hostile in body and "49" not in body


@pytest.mark.parametrize("lang", TEMPLATE_LANGUAGES)
def test_options_are_numbered_in_the_order_offered(lang):
    offered = [option(1, "claim_code", 60), option(2, "partial_refund", 40), option(3, "return_for_refund")]
    body = LIBRARY.render("wrong_item", lang, full_context(options=offered)).body
    positions = [body.index(f"\n{n}. ") for n in (1, 2, 3)]
    assert positions == sorted(positions)
    assert all(re.search(rf"{n}\s?%|%\s?{n}\b", body) for n in (60, 40))  # Turkish writes the sign first: %60


@pytest.mark.parametrize("lang", TEMPLATE_LANGUAGES)
def test_every_remedy_type_has_a_phrase(lang):
    body = LIBRARY.render("wrong_item", lang, full_context(options=OPTIONS)).body
    lines = [line for line in body.splitlines() if line[:3].rstrip(". ").isdigit() and ". " in line[:4]]
    assert len(lines) == len(OPTIONS)
    assert all(len(line.split(". ", 1)[1]) > 8 for line in lines)


@pytest.mark.parametrize("lang", TEMPLATE_LANGUAGES)
def test_claim_code_letter_says_what_the_operator_must_fill_in(lang):
    without = LIBRARY.render("option.claim_code", lang, full_context(claim_code=None)).body
    assert unfilled(without) and "60" in unfilled(without)[0]
    with_code = LIBRARY.render("option.claim_code", lang, full_context()).body
    assert "HTCB-AD73TB-L2M1TF" in with_code and not unfilled(with_code)


@pytest.mark.parametrize("lang", TEMPLATE_LANGUAGES)
def test_generic_salutation_without_a_buyer_name(lang):
    named = LIBRARY.render("damaged", lang, full_context()).body
    anonymous = LIBRARY.render("damaged", lang, full_context(buyer_name=None)).body
    assert "Maria Rossi" in named.splitlines()[0]
    assert "None" not in anonymous.splitlines()[0] and anonymous.splitlines()[0].strip()


def _line_ends_in_inline_block(line: str) -> bool:
    # trim_blocks eats the newline after a block tag; a line of text ending in "{% endif %}"
    # would run into the next one. Such lines must end in "+%}" (keep the newline).
    stripped = line.rstrip()
    text_outside_tags = re.sub(r"\{%.*?%\}", "", stripped).strip()
    return stripped.endswith("%}") and not stripped.endswith(("+%}", "-%}")) and bool(text_outside_tags)


@pytest.mark.parametrize(("name", "lang"), RENDERS, ids=[f"{lang}/{name}" for name, lang in RENDERS])
def test_no_text_line_loses_its_newline(name, lang):
    lines = (folder(lang) / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    assert [n for n, line in enumerate(lines, 1) if _line_ends_in_inline_block(line)] == []


# -- a seller's own templates ----------------------------------------------------------------------
def test_a_sellers_override_runs_in_the_sandbox(tmp_path):
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "wrong_item.txt").write_text("Subject: x\n\n{{ ''.__class__.__mro__[1].__subclasses__() }}\n")
    with pytest.raises(TemplateError, match="unsafe|not safely|access"):
        TemplateLibrary(tmp_path).render("wrong_item", "en", full_context())


def test_an_edited_override_shows_without_a_restart(tmp_path, monkeypatch):
    monkeypatch.setattr(rendering, "RECHECK_SECONDS", 0.0)
    (tmp_path / "en").mkdir()
    letter = tmp_path / "en" / "wrong_item.txt"
    letter.write_text("Subject: first\n\nfirst body\n")
    library = TemplateLibrary(tmp_path)
    assert library.render("wrong_item", "en", full_context()).body == "first body\n"
    letter.write_text("Subject: second\n\nsecond body\n")
    os.utime(letter, (letter.stat().st_mtime + 5, letter.stat().st_mtime + 5))  # a later mtime, whatever the clock's grain
    assert library.render("wrong_item", "en", full_context()).body == "second body\n"
    assert library.render("wrong_item", "de", full_context()).language == "de"  # the package's letters still serve
    assert not library.has("new_letter", "de")
    (tmp_path / "de").mkdir()
    (tmp_path / "de" / "new_letter.txt").write_text("Subject: neu\n\nneu\n")
    assert library.has("new_letter", "de")  # a file added since the last look is found


HUGE_TEMPLATES = [
    "{{ 'a' * 10**10 }}",
    "{{ [0] * 10**10 }}",
    "{{ 9 ** 999999999 }}",
    "{{ 'a' | center(10**10) }}",
    "{{ 'a'.ljust(10**10) }}",
    "{{ '{:>9999999999}'.format(1) }}",
    "{{ '%9999999999s' % 'a' }}",
    "{{ ('a' * 100000).replace('', 'b' * 100000) }}",
    "{% set ns = namespace(s='ab') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}",
    "{% for i in range(100000) %}{{ 'a' * 900000 }}{% endfor %}",
]


@pytest.mark.parametrize("body", HUGE_TEMPLATES)
def test_a_sandboxed_template_cannot_produce_more_than_the_bound(tmp_path, body):
    """A seller's template that asks for gigabytes fails with a clear error at once, instead of
    taking the process's memory (`'a'*10**10` killed it)."""
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "wrong_item.txt").write_text(f"Subject: x\n\n{body}\n")
    with pytest.raises(TemplateError, match="the most a template may produce"):
        TemplateLibrary(tmp_path).render("wrong_item", "en", full_context())


def test_a_sandboxed_template_still_does_ordinary_arithmetic_and_text(tmp_path):
    (tmp_path / "en").mkdir()
    body = "{{ '-' * 20 }} {{ 'ab' ~ 'cd' }} {{ '%05.1f' % 1234567.8 }} {{ '{:,}'.format(2500000) }} {{ 2 ** 10 }} {{ 'x'|center(9) }}|{{ 'a,b'.replace(',', ';') }}"
    (tmp_path / "en" / "wrong_item.txt").write_text(f"Subject: x\n\n{body}\n")
    rendered = TemplateLibrary(tmp_path).render("wrong_item", "en", full_context()).body
    assert rendered == "-------------------- abcd 1234567.8 2,500,000 1024     x    |a;b\n"


def test_the_daemon_builds_one_library_and_hands_it_to_every_stage(tmp_path, monkeypatch):
    """Processor, sweep and the page share the daemon's library: a seller's template edit is seen by all at once,
    and the templates are compiled once per process."""
    from disputed.daemon.runner import Daemon
    from disputed.store.db import make_engine
    from disputed.web.app import create_app
    from tests.support import settings_for

    settings = settings_for(tmp_path)
    built: list[TemplateLibrary] = []
    real_init = TemplateLibrary.__init__

    def counted(self, *args, **kwargs):
        built.append(self)
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(TemplateLibrary, "__init__", counted)
    engine = make_engine(settings.database.url)
    daemon = Daemon(settings, engine)
    try:
        assert built == [daemon.templates] and daemon.processor.templates is daemon.templates
        assert create_app(settings, engine, templates=daemon.templates).state.templates is daemon.templates
        assert len(built) == 1
    finally:
        daemon.processor.close()
