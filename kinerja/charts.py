"""Small dependency-free SVG charts rendered as strings.

The same SVG goes on the dashboard and into PDF reports (WeasyPrint), so the charts use no
JavaScript, no external CSS and no web fonts: inline presentation attributes only, a fixed
``viewBox`` (the chart scales to its container), system fonts WeasyPrint also finds (DejaVu Sans is
installed with it on Debian), and ``<title>``/``<desc>`` for screen readers (``role="img"``).

Geometry is computed exactly (``Decimal``) and written with two decimals.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

from kinerja.core.numbers import format_id, round_half_up

__all__ = ["COLOURS", "bar_list_chart", "nice_max", "trend_chart"]

FONT = "DejaVu Sans, Arial, Helvetica, sans-serif"

COLOURS = {
    "red": "#a4161a",
    "orange": "#c2570c",
    "yellow": "#b08a00",
    "light-green": "#5c9e3c",
    "green": "#2f8a50",
    "dark-green": "#1a6b3a",
    "blue": "#0b4f6c",
}
"""Predikat colour keys (kinerja.core.predikat bands) to fills with enough contrast on white."""
NO_COLOUR = "#8a9299"
TARGET_COLOUR = "#1b1f24"
GRID_COLOUR = "#d5d9de"

_STEPS = (
    Decimal(1),
    Decimal("1.2"),
    Decimal("1.5"),
    Decimal(2),
    Decimal("2.5"),
    Decimal(3),
    Decimal(4),
    Decimal(5),
    Decimal(6),
    Decimal(8),
    Decimal(10),
)


def nice_max(value: Decimal | int) -> Decimal:
    """The smallest "nice" number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 times a power of ten) at or
    above ``value``; 100 for nothing positive. 90.9 -> 100, 110 -> 120, 7 -> 8."""
    value = Decimal(value)
    if value <= 0:
        return Decimal(100)
    base = Decimal(1).scaleb(value.adjusted())
    for step in _STEPS:
        if step * base >= value:
            return step * base
    raise AssertionError("unreachable: 10 x base exceeds value")


def _n(x: Decimal | int) -> str:
    """A coordinate: two decimals, trailing zeros dropped."""
    text = format(round_half_up(Decimal(x), 2), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _text(x: Decimal | int, y: Decimal | int, content: str, **attrs: str) -> str:
    extra = "".join(f" {k.replace('_', '-')}={quoteattr(v)}" for k, v in attrs.items())
    return f'<text x="{_n(x)}" y="{_n(y)}"{extra}>{escape(content)}</text>'


def _open(width: int, height: int, title: str, desc: str, chart_id: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
        f'font-family="{FONT}" font-size="11" class="chart">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(desc)}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]


def trend_chart(
    *,
    labels: Sequence[str],
    realizations: Sequence[Decimal | None],
    targets: Sequence[Decimal | None],
    colours: Sequence[str | None],
    title: str,
    desc: str,
    decimals: int = 2,
    target_label: str = "Target",
    realization_label: str = "Realisasi",
    chart_id: str = "chart",
) -> str:
    """Bars of the realization per period, filled with the predikat colour, and the target as a
    dark line with markers. A missing realization leaves an empty slot labelled "—"."""
    width, height = 320, 190
    left, right, top, bottom = 34, 8, 22, 36
    plot_w = Decimal(width - left - right)
    plot_h = Decimal(height - top - bottom)
    known = [x for x in (*realizations, *targets) if x is not None]
    top_value = nice_max(max(known)) if known else Decimal(100)
    slot = plot_w / max(len(labels), 1)
    bar_w = slot * Decimal("0.56")
    base_y = Decimal(top) + plot_h

    def y_of(value: Decimal) -> Decimal:
        clipped = min(max(value, Decimal(0)), top_value)
        return base_y - clipped / top_value * plot_h

    out = _open(width, height, title, desc, chart_id)
    value_labels: list[str] = []  # drawn last, over the target line, on a white ground
    for i in range(5):  # grid lines at 0, 1/4 .. 4/4 of the scale
        tick = top_value * i / 4
        y = y_of(tick)
        out.append(
            f'<line x1="{left}" y1="{_n(y)}" x2="{width - right}" y2="{_n(y)}" '
            f'stroke="{GRID_COLOUR}" stroke-width="1"/>'
        )
        out.append(_text(left - 4, y + 4, format_id(tick, 0), text_anchor="end", fill="#555d66"))
    for i, (label, value, colour) in enumerate(zip(labels, realizations, colours, strict=True)):
        centre = Decimal(left) + slot * i + slot / 2
        x = centre - bar_w / 2
        if value is not None:
            y = y_of(value)
            out.append(
                f'<rect class="bar" x="{_n(x)}" y="{_n(y)}" width="{_n(bar_w)}" '
                f'height="{_n(base_y - y)}" fill="{COLOURS.get(colour or "", NO_COLOUR)}" '
                f'data-value="{value}"/>'
            )
            text = format_id(value, decimals)
            label_y = y - 3
            target = targets[i] if i < len(targets) else None
            if target is not None:
                marker_y = y_of(target)
                # the label (about 11 px high above its baseline) would cover the target marker:
                # put it above the marker, or just below it when there is no room above
                if label_y - 11 < marker_y + 4 and label_y + 1 > marker_y - 4:
                    label_y = marker_y - 6 if marker_y - 6 - 11 >= 0 else marker_y + 16
            half = Decimal(len(text)) * Decimal("3.2") + 2
            value_labels.append(
                f'<rect class="value-ground" x="{_n(centre - half)}" y="{_n(label_y - 10)}" '
                f'width="{_n(half * 2)}" height="12" fill="#ffffff" fill-opacity="0.85"/>'
            )
            value_labels.append(_text(centre, label_y, text, text_anchor="middle", fill="#1b1f24"))
        else:
            out.append(_text(centre, base_y - 4, "—", text_anchor="middle", fill="#555d66"))
        out.append(_text(centre, base_y + 14, label, text_anchor="middle", fill="#1b1f24"))
    points = [
        (Decimal(left) + slot * i + slot / 2, y_of(t))
        for i, t in enumerate(targets)
        if t is not None
    ]
    if len(points) > 1:
        path = " ".join(f"{_n(x)},{_n(y)}" for x, y in points)
        out.append(
            f'<polyline class="target-line" points="{path}" fill="none" '
            f'stroke="{TARGET_COLOUR}" stroke-width="2" stroke-dasharray="5 3"/>'
        )
    for x, y in points:
        out.append(
            f'<circle class="target" cx="{_n(x)}" cy="{_n(y)}" r="3.5" fill="#ffffff" '
            f'stroke="{TARGET_COLOUR}" stroke-width="2"/>'
        )
    out.extend(value_labels)
    legend_y = height - 8
    out.append(
        f'<rect x="{left}" y="{legend_y - 9}" width="10" height="10" fill="{COLOURS["green"]}"/>'
    )
    out.append(_text(left + 14, legend_y, realization_label, fill="#1b1f24"))
    out.append(
        f'<line x1="{left + 110}" y1="{legend_y - 4}" x2="{left + 130}" y2="{legend_y - 4}" '
        f'stroke="{TARGET_COLOUR}" stroke-width="2" stroke-dasharray="5 3"/>'
    )
    out.append(_text(left + 134, legend_y, target_label, fill="#1b1f24"))
    out.append("</svg>")
    return "".join(out)


def bar_list_chart(
    *,
    items: Sequence[tuple[str, Decimal | None]],
    maximum: Decimal | int,
    title: str,
    desc: str,
    decimals: int = 2,
    colour: str = "blue",
    chart_id: str = "bars",
) -> str:
    """Horizontal bars for a list of values on a fixed scale 0..``maximum`` (e.g. the SKM unsur NRR
    on 0..4). A missing value shows "—" and no bar."""
    width = 320
    label_w, value_w, row_h = 120, 40, 22
    height = 8 + row_h * len(items)
    bar_max = Decimal(width - label_w - value_w - 8)
    maximum = Decimal(maximum)
    out = _open(width, height, title, desc, chart_id)
    for i, (label, value) in enumerate(items):
        y = 4 + row_h * i
        short = label if len(label) <= 20 else label[:19] + "…"
        out.append(_text(label_w - 6, y + 15, short, text_anchor="end", fill="#1b1f24"))
        out.append(
            f'<rect x="{label_w}" y="{y + 4}" width="{_n(bar_max)}" height="14" fill="#eef1f4"/>'
        )
        if value is not None and maximum > 0:
            w = min(max(value, Decimal(0)), maximum) / maximum * bar_max
            out.append(
                f'<rect class="bar" x="{label_w}" y="{y + 4}" width="{_n(w)}" height="14" '
                f'fill="{COLOURS.get(colour, NO_COLOUR)}" data-value="{value}"/>'
            )
        out.append(
            _text(
                width - 4,
                y + 15,
                format_id(value, decimals),
                text_anchor="end",
                fill="#1b1f24",
            )
        )
    out.append("</svg>")
    return "".join(out)
