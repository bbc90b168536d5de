"""Order reports in, OrderRecord out, and into the store."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlmodel import Session

from disputed.orders import OrderImportError, import_orders, order_record, parse_orders, upsert_orders
from disputed.store.db import make_engine
from disputed.store.models import OrderFact

AMAZON_REPORT = (
    "amazon-order-id\tmerchant-order-id\tpurchase-date\tlast-updated-date\torder-status\tfulfillment-channel\t"
    "sales-channel\tship-service-level\tproduct-name\tsku\tasin\tquantity\tcurrency\titem-price\tship-city\t"
    "ship-country\tshipment-date\tcarrier\ttracking-number\tbuyer-name\n"
    "113-1234567-1234567\t\t2024-03-01T10:22:33+00:00\t2024-03-02T08:00:00+00:00\tShipped\tMerchant\t"
    "Amazon.com\tStandard\tPorcelain cup set \"blue\"\tCUP-6\tB0TESTASIN\t1\tUSD\t39.90\tAustin\t"
    "US\t2024-03-02T06:15:00-08:00\tChina Post\tLX123456789CN\tMaria Rossi\n"
    "113-1234567-1234567\t\t2024-03-01T10:22:33+00:00\t2024-03-02T08:00:00+00:00\tShipped\tMerchant\t"
    "Amazon.com\tStandard\tSaucer set\tSAU-6\tB0SAUCERSS\t1\tUSD\t9.90\tAustin\tUS\t\t\t\t\n"
    "\n"
    "028-7654321-7654321\t\t2024-03-05T09:00:00+00:00\t2024-03-05T09:00:00+00:00\tPending\tMerchant\t"
    "Amazon.de\tStandard\tTea pot\tTP-1\tB0TEAPOTXX\t1\tEUR\t25.00\tBerlin\tDE\t\t\t\t\n"
)

SIMPLE_CSV = """order_id,ship_date,shipping_method,destination,tracking_number,delivered_date,carrier_status
8123456789012345,2024-01-10,china_post,BR,RB123456789CN,,in transit
12-34567-89012,2024/02/01,epacket,us,LX555,2024-02-20,Delivered
1234567890123,01.03.2024,,DE,,,lost
"""


def test_amazon_report_merges_item_rows_and_reads_its_columns():
    orders = parse_orders(AMAZON_REPORT, source="report.txt")
    assert [o.order_id for o in orders] == ["113-1234567-1234567", "028-7654321-7654321"]
    first, second = orders
    assert first.ship_date == datetime(2024, 3, 2, 14, 15)  # -08:00 to naive UTC
    assert first.shipping_method == "China Post"  # the carrier beats the service level
    assert first.destination == "US"
    assert first.tracking_number == "LX123456789CN"
    assert first.item == 'Porcelain cup set "blue"'  # bare quotes in a TSV stay as they are
    assert first.buyer_name == "Maria Rossi"
    assert first.platform == "amazon"
    assert second.ship_date is None and second.shipping_method == "Standard" and second.destination == "DE"


def test_simple_csv_with_its_optional_status_column():
    orders = {o.order_id: o for o in parse_orders(SIMPLE_CSV)}
    brazil = orders["8123456789012345"]
    assert brazil.ship_date == datetime(2024, 1, 10) and brazil.destination == "BR"
    assert brazil.shipping_method == "china_post" and brazil.carrier_status == "in_transit"
    ebay = orders["12-34567-89012"]
    assert ebay.ship_date == datetime(2024, 2, 1) and ebay.delivered_date == datetime(2024, 2, 20)
    assert ebay.carrier_status == "delivered" and ebay.destination == "US"
    assert orders["1234567890123"].ship_date == datetime(2024, 3, 1)
    assert orders["1234567890123"].carrier_status == "lost"
    assert all(o.platform is None for o in orders.values())


def test_semicolon_csv_and_loose_header_spelling():
    text = "Order ID;Ship Date;Destination;Carrier Status\n#111-2223334-4445556;2024-05-01;fr;wrong address\n"
    (order,) = parse_orders(text)
    assert order.order_id == "111-2223334-4445556"
    assert order.destination == "FR" and order.carrier_status == "wrong_address"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("order_id,ship_date\nA1,yesterday\n", "orders.csv:2: ship_date 'yesterday' is not a date"),
        ("order_id,destination\nA1,DE\nA2,Germany\n", "orders.csv:3: destination 'Germany' must be a two-letter"),
        ("order_id,carrier_status\nA1,somewhere\n", "orders.csv:2: carrier_status 'somewhere' is not one of"),
        ("ship_date,destination\n2024-01-01,DE\n", "orders.csv:1: no order id column"),
        ("order_id,ship_date\n,2024-01-01\n", "orders.csv:2: no order id"),
        ("\n\n", "orders.csv: the file is empty"),
    ],
)
def test_errors_name_the_line_and_the_fix(text, message):
    with pytest.raises(OrderImportError) as caught:
        parse_orders(text, source="orders.csv")
    assert str(caught.value).startswith(message)


def test_import_reads_files_in_the_encodings_reports_come_in(tmp_path):
    utf8_bom = tmp_path / "bom.csv"
    utf8_bom.write_bytes("\ufefforder_id,item\nA1,Tasse à thé\n".encode("utf-8"))
    shift_jis = tmp_path / "jp.txt"
    shift_jis.write_bytes("amazon-order-id\tproduct-name\tship-country\n250-1111111-2222222\t湯呑みセット\tJP\n".encode("cp932"))
    assert import_orders(utf8_bom)[0].item == "Tasse à thé"
    (jp,) = import_orders(shift_jis)
    assert jp.item == "湯呑みセット" and jp.platform == "amazon" and jp.destination == "JP"


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(OrderImportError, match="cannot read"):
        import_orders(tmp_path / "nope.csv")


def test_upsert_adds_then_updates_without_erasing(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'orders.db'}")
    with Session(engine) as session:
        assert upsert_orders(session, parse_orders(AMAZON_REPORT)) == 2
        session.commit()
    later = "order_id,delivered_date,carrier_status\n113-1234567-1234567,2024-03-20,delivered\n"
    with Session(engine) as session:
        upsert_orders(session, parse_orders(later))
        session.commit()
    with Session(engine) as session:
        stored = session.get(OrderFact, "113-1234567-1234567")
        assert stored.tracking_number == "LX123456789CN"  # kept: the later file had no value
        assert stored.carrier_status == "delivered"
        facts = order_record(session, "113-1234567-1234567")  # dates back as naive UTC, whatever the column keeps
        assert facts.delivered_date == datetime(2024, 3, 20)
        assert facts.ship_date == datetime(2024, 3, 2, 14, 15) and facts.platform == "amazon"
        assert order_record(session, "000-0000000-0000000") is None
