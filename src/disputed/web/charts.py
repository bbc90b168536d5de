"""Small charts drawn on the server as SVG: no script, no library, works offline.

Colours come from CSS classes in static/style.css (``series-0`` ...), so a chart
follows the page's stylesheet; every bar carries a <title> for its exact value.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

LABEL_WIDTH = 150
BAR_HEIGHT = 22
GAP = 6


@dataclass(frozen=True)
class Row:
    label: str
    values: Sequence[float]  # one per series


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def stacked_bars(rows: Sequence[Row], series: Sequence[str], *, width: int = 640, empty: str = "") -> Markup:
    """Horizontal stacked bars: one row per label, one coloured segment per series."""
    if not rows:
        return _empty(width, empty)
    top = max(sum(r.values) for r in rows) or 1
    plot = width - LABEL_WIDTH - 60
    height = len(rows) * (BAR_HEIGHT + GAP) + GAP
    parts = [_open(width, height)]
    for i, row in enumerate(rows):
        y = GAP + i * (BAR_HEIGHT + GAP)
        parts.append(_text(LABEL_WIDTH - 8, y + BAR_HEIGHT * 0.7, row.label, anchor="end"))
        x = float(LABEL_WIDTH)
        for s, value in enumerate(row.values):
            if value <= 0:
                continue
            w = plot * value / top
            tip = f"{row.label} · {series[s]}: {_fmt(value)}" if len(series) > 1 else f"{row.label}: {_fmt(value)}"
            parts.append(_rect(x, y, w, BAR_HEIGHT, f"series-{s % 8}", tip))
            x += w
        parts.append(_text(x + 6, y + BAR_HEIGHT * 0.7, _fmt(sum(row.values)), cls="value"))
    parts.append("</svg>")
    return Markup("".join(parts))


def columns(labels: Sequence[str], rows: Sequence[Sequence[float]], series: Sequence[str], *, width: int = 640, height: int = 180, empty: str = "") -> Markup:
    """Vertical stacked columns, one per label (e.g. one per day); ``rows[i][s]`` is series s on label i."""
    if not labels or not any(sum(r) for r in rows):
        return _empty(width, empty)
    top = max(sum(r) for r in rows) or 1
    left, bottom = 40, 24
    plot_w, plot_h = width - left - 8, height - bottom - 8
    step = plot_w / len(labels)
    parts = [_open(width, height)]
    parts.append(_text(left - 6, 8 + 10, _fmt(top), anchor="end", cls="axis"))
    parts.append(_text(left - 6, 8 + plot_h, "0", anchor="end", cls="axis"))
    parts.append(f'<line class="axis-line" x1="{left}" y1="{8 + plot_h}" x2="{width - 8}" y2="{8 + plot_h}"/>')
    for i, (label, row) in enumerate(zip(labels, rows)):
        x = left + i * step + step * 0.15
        y = 8.0 + plot_h
        for s, value in enumerate(row):
            if value <= 0:
                continue
            h = plot_h * value / top
            y -= h
            tip = f"{label} · {series[s]}: {_fmt(value)}" if len(series) > 1 else f"{label}: {_fmt(value)}"
            parts.append(_rect(x, y, step * 0.7, h, f"series-{s % 8}", tip))
        if i % max(1, len(labels) // 6) == 0:
            parts.append(_text(x + step * 0.35, height - 6, label, anchor="middle", cls="axis"))
    parts.append("</svg>")
    return Markup("".join(parts))


def legend(series: Sequence[str]) -> Markup:
    items = "".join(
        f'<span class="legend-item"><svg width="12" height="12" aria-hidden="true"><rect class="series-{i % 8}" width="12" height="12"/></svg> {escape(name)}</span>'
        for i, name in enumerate(series)
    )
    return Markup(f'<div class="legend">{items}</div>')


def _open(width: int, height: int) -> str:
    return f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img" xmlns="http://www.w3.org/2000/svg">'


def _rect(x: float, y: float, w: float, h: float, cls: str, tip: str) -> str:
    return f'<rect class="{cls}" x="{x:.1f}" y="{y:.1f}" width="{max(w, 0.5):.1f}" height="{h:.1f}"><title>{escape(tip)}</title></rect>'


def _text(x: float, y: float, text: str, *, anchor: str = "start", cls: str = "label") -> str:
    return f'<text class="{cls}" x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}">{escape(text)}</text>'


def _empty(width: int, message: str) -> Markup:
    return Markup(f'<svg class="chart" viewBox="0 0 {width} 40" width="100%" role="img" xmlns="http://www.w3.org/2000/svg">{_text(8, 24, message, cls="axis")}</svg>')
