"""What the buyer wants: the structured reading of their words, and its English and Chinese telling."""

from __future__ import annotations

import pytest

from disputed.operator_reading import readings
from disputed.parsers.reading import read_request
from disputed.vocabulary import Remedy


@pytest.mark.parametrize("text, remedy", [
    ("It arrived broken, I want a refund.", Remedy.REFUND),
    ("Kam kaputt an, bitte um eine Teilerstattung.", Remedy.PARTIAL_REFUND),
    ("Me llegó roto, ¿pueden enviar otro? Quiero un reemplazo.", Remedy.REPLACEMENT),
    ("Posso trocar pelo tamanho maior?", Remedy.EXCHANGE),
    ("Proszę anulować zamówienie.", Remedy.CANCELLATION),
    ("Заказ пришёл разбитый, верните деньги.", Remedy.REFUND),
    ("商品が壊れていたので交換してください。", Remedy.EXCHANGE),
    ("东西坏了，请退款。", Remedy.REFUND),
    ("물건이 깨져서 왔어요. 환불해 주세요.", Remedy.REFUND),
    ("وصل المنتج مكسوراً، أريد استبدال.", Remedy.EXCHANGE),
    ("Siparişi iptal edin lütfen.", Remedy.CANCELLATION),
    ("The colour is wrong.", Remedy.NONE),
])
def test_the_remedy_asked_for(text, remedy):
    assert read_request(text).remedy is remedy


def test_attachments_and_order_facts():
    request = read_request("Order 302-1234567-7654321 arrived broken, I attached two photos and a video. I paid €25.99.")
    assert request.attachments == ("photo", "video")
    assert "order 302-1234567-7654321" in request.mentioned_facts
    assert "amount €25.99" in request.mentioned_facts
    assert read_request("The photo on the listing was nicer.").attachments == ()


def test_the_reading_in_english_and_chinese():
    told = readings({"buyer_comment": "…", "issue": "damaged", "remedy": "refund", "attachments": ["photo"],
                     "mentioned_facts": ["order 123456789"], "confidence": 0.4})
    assert told["en"] == ("The buyer received it damaged; asks for a refund; says they attached photos; "
                          "mentions order 123456789; confidence 0.40 (needs a decision).")
    assert told["zh"] == "买家商品到货时已损坏；要求：退款；称已附上照片；提到：order 123456789；置信度 0.40（需人工判断）。"
    assert readings({"kind": "feedback"}) == {"en": "", "zh": ""}
