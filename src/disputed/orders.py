"""Order facts from the seller's order reports, so handlers can tell the not-received
variants apart.

Two layouts are read, told apart by their header line:

* Amazon's tab-separated order reports (All Orders, Amazon Fulfilled Shipments,
  Unshipped Orders): ``amazon-order-id`` or ``order-id``, ``shipment-date``,
  ``ship-service-level`` / ``carrier``, ``ship-country``, ``tracking-number``,
  ``product-name``, ``buyer-name``... Unknown columns are ignored; one order spread
  over several item rows becomes one order.
* A simple CSV written by the seller: ``order_id, ship_date, shipping_method,
  destination, tracking_number, delivered_date`` and optionally ``carrier_status``,
  ``item``, ``buyer_name``, ``platform`` (comma, semicolon or tab separated).

Header names are matched without regard to case, ``_``, ``-`` or spaces. Bad values
raise ``OrderImportError`` naming the file, the line and the column.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import fields, replace
from datetime import datetime, timezone
from pathlib import Path

from sqlmodel import Session

from disputed.handlers.base import CARRIER_STATUSES, OrderRecord
from disputed.store.models import OrderFact


class OrderImportError(ValueError):
    """An order report that cannot be read; the message names the line and what is wrong."""


# Our field -> the report columns that may hold it, in order of preference.
COLUMNS: dict[str, tuple[str, ...]] = {
    "order_id": ("order-id", "amazon-order-id", "orderid", "order-number"),
    "ship_date": ("ship-date", "shipment-date", "shipped-date", "shipping-date", "actual-ship-date"),
    "shipping_method": ("shipping-method", "ship-method", "carrier", "carrier-name", "ship-service-level"),
    "destination": ("destination", "destination-country", "ship-country", "country"),
    "tracking_number": ("tracking-number", "tracking", "tracking-id"),
    "delivered_date": ("delivered-date", "delivery-date", "actual-delivery-date"),
    "carrier_status": ("carrier-status", "tracking-status", "delivery-status"),
    "item": ("item", "product-name", "item-name", "title"),
    "buyer_name": ("buyer-name", "buyer", "recipient-name"),
    "buyer_email": ("buyer-email", "buyer-mail", "email", "customer-email"),
    "platform": ("platform", "marketplace-platform"),
}

DATE_FIELDS = ("ship_date", "delivered_date")

_STATUS_WORDS = {
    "in_transit": "in_transit",
    "transit": "in_transit",
    "shipped": "in_transit",
    "delivered": "delivered",
    "returned": "returned",
    "returned_to_sender": "returned",
    "return_to_sender": "returned",
    "lost": "lost",
    "no_tracking": "no_tracking",
    "no_tracking_information": "no_tracking",
    "no_information": "no_tracking",
    "not_found": "no_tracking",
    "wrong_address": "wrong_address",
    "misaddressed": "wrong_address",
}

_DATE_FORMATS = ("%Y/%m/%d", "%Y/%m/%d %H:%M:%S", "%d.%m.%Y", "%d.%m.%Y %H:%M", "%Y-%m-%d %H:%M:%S %Z")


def import_orders(path: Path | str) -> list[OrderRecord]:
    """Every order in the report at ``path``, one OrderRecord per order id."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise OrderImportError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return parse_orders(_decode(data), source=str(path))


def parse_orders(text: str, source: str = "<orders>") -> list[OrderRecord]:
    lines = text.splitlines()
    header_line = next((line for line in lines if line.strip()), "")
    if not header_line:
        raise OrderImportError(f"{source}: the file is empty")
    delimiter = _delimiter(header_line)
    quoting = csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL  # Amazon's TSV leaves quotes bare
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter, quoting=quoting)
    header = next(reader)
    positions = _positions(header, source)
    amazon = any(_key(name) == "amazon-order-id" for name in header)
    orders: dict[str, OrderRecord] = {}
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue
        row = _row(cells, positions, f"{source}:{reader.line_num}", amazon)
        orders[row.order_id] = _merge(orders[row.order_id], row) if row.order_id in orders else row
    return list(orders.values())


def upsert_orders(session: Session, rows: Iterable[OrderRecord]) -> int:
    """Store ``rows`` as OrderFact rows: new orders are added, known ones take the new
    values that are not empty. Flushes; the caller commits. Returns the number of rows."""
    count = 0
    for row in rows:
        values = {f: _to_column(f, getattr(row, f)) for f in _FACT_FIELDS if getattr(row, f) is not None}
        existing = session.get(OrderFact, row.order_id)
        if existing is None:
            session.add(OrderFact(order_id=row.order_id, **values))
        else:
            for name, value in values.items():
                setattr(existing, name, value)
            session.add(existing)
        count += 1
    session.flush()
    return count


def order_record(session: Session, order_id: str) -> OrderRecord | None:
    """The stored facts for one order, as handlers take them."""
    fact = session.get(OrderFact, order_id)
    if fact is None:
        return None
    return OrderRecord(order_id=fact.order_id, **{f: _from_column(getattr(fact, f)) for f in _FACT_FIELDS})


_FACT_FIELDS = tuple(f.name for f in fields(OrderRecord) if f.name != "order_id")


def _to_column(name: str, value: object) -> object:
    """Dates are naive UTC here; a column that keeps a time zone is given one."""
    if not isinstance(value, datetime):
        return value
    column_type = OrderFact.__table__.c[name].type
    keeps_zone = getattr(getattr(column_type, "impl", column_type), "timezone", False)
    return value.replace(tzinfo=timezone.utc) if keeps_zone else value


def _from_column(value: object) -> object:
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(timezone.utc).replace(tzinfo=None)
    return value


def _decode(data: bytes) -> str:
    # Reports come as UTF-8 (with or without BOM), Shift_JIS from Amazon Japan, or Windows-1252.
    for encoding in ("utf-8-sig", "cp932", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _delimiter(header_line: str) -> str:
    if "\t" in header_line:
        return "\t"
    if header_line.count(";") > header_line.count(","):
        return ";"
    return ","


def _key(name: str) -> str:
    return name.strip().strip("\ufeff").lower().replace("_", "-").replace(" ", "-")


def _positions(header: list[str], source: str) -> dict[str, list[int]]:
    """For each of our fields, the header positions that may hold it, best first."""
    index: dict[str, int] = {}
    for position, name in enumerate(header):
        index.setdefault(_key(name), position)
    positions = {field: [index[c] for c in candidates if c in index] for field, candidates in COLUMNS.items()}
    if not positions["order_id"]:
        wanted = ", ".join(COLUMNS["order_id"])
        raise OrderImportError(f"{source}:1: no order id column (expected one of: {wanted}); the header was: {', '.join(header)}")
    return positions


def _row(cells: list[str], positions: dict[str, list[int]], where: str, amazon: bool) -> OrderRecord:
    raw = {field: _first(cells, columns) for field, columns in positions.items()}
    order_id = (raw["order_id"] or "").replace("#", "").replace(" ", "")
    if not order_id:
        raise OrderImportError(f"{where}: no order id")
    values: dict[str, object] = {"order_id": order_id}
    for field in DATE_FIELDS:
        values[field] = _date(raw[field], where, field)
    values["destination"] = _country(raw["destination"], where)
    values["carrier_status"] = _status(raw["carrier_status"], where)
    for field in ("shipping_method", "tracking_number", "item", "buyer_name", "buyer_email"):
        values[field] = raw[field] or None
    values["platform"] = (raw["platform"] or "").lower() or ("amazon" if amazon else None)
    return OrderRecord(**values)  # type: ignore[arg-type]


def _first(cells: list[str], columns: list[int]) -> str | None:
    for position in columns:
        if position < len(cells) and cells[position].strip():
            return cells[position].strip()
    return None


def _date(text: str | None, where: str, field: str) -> datetime | None:
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        parsed = next((d for d in (_strptime(text, f) for f in _DATE_FORMATS) if d is not None), None)
    if parsed is None:
        raise OrderImportError(f"{where}: {field} {text!r} is not a date; write it as 2024-03-01 (or ISO 8601 with a time)")
    if parsed.tzinfo is not None:  # OrderRecord carry naive UTC; the column adds the zone
        parsed = parsed.astimezone(timezone.utc).replace(tzinfo=None)
    return parsed


def _strptime(text: str, fmt: str) -> datetime | None:
    try:
        return datetime.strptime(text, fmt)
    except ValueError:
        return None


def _country(text: str | None, where: str) -> str | None:
    if not text:
        return None
    code = text.strip().upper()
    if len(code) != 2 or not code.isalpha():
        raise OrderImportError(f"{where}: destination {text!r} must be a two-letter country code (ISO 3166), e.g. DE or BR")
    return code


def _status(text: str | None, where: str) -> str | None:
    if not text:
        return None
    status = _STATUS_WORDS.get(text.strip().lower().replace("-", "_").replace(" ", "_"))
    if status is None:
        raise OrderImportError(f"{where}: carrier_status {text!r} is not one of: {', '.join(CARRIER_STATUSES)}")
    return status


def _merge(first: OrderRecord, later: OrderRecord) -> OrderRecord:
    """One order over several item rows: keep the first value found for each field."""
    return replace(first, **{f: getattr(later, f) for f in _FACT_FIELDS if getattr(first, f) is None and getattr(later, f) is not None})
