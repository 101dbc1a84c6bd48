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
from typing import NamedTuple
from xml.sax.saxutils import escape, quoteattr

from kinerja.core.numbers import format_id, round_half_up

__all__ = [
    "COLOURS",
    "AchievementBar",
    "achievement_chart",
    "bar_list_chart",
    "nice_max",
    "trend_chart",
]

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


def _open(
    width: int, height: int, title: str, desc: str, chart_id: str, font_size: int = 11
) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
        f'font-family="{FONT}" font-size="{font_size}" class="chart">',
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


class AchievementBar(NamedTuple):
    """One indicator in :func:`achievement_chart`: its code and name, its achievement (percent,
    unrounded; None: not computable), the predikat colour key and label."""

    code: str
    name: str
    achievement: Decimal | None
    colour: str | None = None
    predikat: str | None = None


ACHIEVEMENT_SCALE_CAP = Decimal(200)
"""The achievement chart's scale stops at 200 %: a bar beyond it is drawn to the end, its printed
value stays exact."""


def wrap_label(text: str, width: int, lines: int) -> list[str]:
    """``text`` in at most ``lines`` lines of at most ``width`` characters, broken between words
    (a longer word is cut); when it does not fit, the last line ends with "…"."""
    out: list[str] = []
    line = ""
    for word in text.split():
        while len(word) > width:  # a word longer than a line is cut
            if line:
                out.append(line)
                line = ""
            out.append(word[:width])
            word = word[width:]
        candidate = f"{line} {word}" if line else word
        if len(candidate) <= width:
            line = candidate
        else:
            out.append(line)
            line = word
    if line:
        out.append(line)
    if len(out) > lines:
        last = out[lines - 1]
        out = [*out[: lines - 1], (last if len(last) < width else last[: width - 1].rstrip()) + "…"]
    return out


def _ticks(scale: Decimal) -> list[Decimal]:
    """Ticks of an achievement scale: a step of 20, 25 or 50 that divides both the scale and 100
    (so 100 % is always a tick) with at most six intervals. 100 -> 0, 20 .. 100; 150 -> 0, 25 ..
    150; 200 -> 0, 50 .. 200."""
    for step in (Decimal(20), Decimal(25), Decimal(50)):
        if scale % step == 0 and 100 % step == 0 and scale / step <= 6:
            return [step * i for i in range(int(scale / step) + 1)]
    return [Decimal(0), Decimal(100), scale]


def achievement_chart(
    *,
    bars: Sequence[AchievementBar],
    title: str,
    desc: str,
    chart_id: str = "achievement",
) -> str:
    """Horizontal bars of each indicator's achievement (percent), filled with its predikat
    colour, on a scale from 0 to the nice maximum of the largest value and 100 (at most 200 %);
    a dashed mark on every bar's track at 100 % (its axis label in bold). Each row: the code (bold) and name above the
    bar, wrapped to three lines; the value at the right, written as the tables write it
    (``93,64 %``). Each bar carries ``data-code`` and ``data-value`` (the unrounded
    achievement), each row a ``<title>`` for screen readers and tooltips. A missing achievement
    shows "—" and no bar. The picture is narrow (300 wide, 12 px text), so on a phone it is
    drawn about at its own size and stays readable."""
    width = 300
    pad, value_w, line_h, bar_h, gap, top = 2, 70, 14, 14, 10, 4
    track_w = Decimal(width - 2 * pad - value_w)
    known = [b.achievement for b in bars if b.achievement is not None]
    scale = min(nice_max(max([*known, Decimal(100)])), ACHIEVEMENT_SCALE_CAP)

    def x_of(value: Decimal) -> Decimal:
        return pad + min(max(value, Decimal(0)), scale) / scale * track_w

    reference = x_of(Decimal(100))
    ticks = _ticks(scale)
    rows: list[str] = []
    y = Decimal(top)
    for bar in bars:
        label = wrap_label(f"{bar.code} {bar.name}".strip(), 44, 3)
        value_text = format_id(bar.achievement, 2)
        if bar.achievement is not None:
            value_text += " %"
        tooltip = f"{bar.code} {bar.name}: {value_text}"
        if bar.predikat:
            tooltip += f" ({bar.predikat})"
        rows.append(f'<g class="achievement-row" data-code={quoteattr(bar.code)}>')
        rows.append(f"<title>{escape(tooltip)}</title>")
        for i, line in enumerate(label):
            baseline = y + line_h * (i + 1) - 3
            if i == 0 and line.startswith(bar.code):  # the code in bold
                rows.append(
                    f'<text x="{pad}" y="{_n(baseline)}" fill="#1b1f24">'
                    f'<tspan font-weight="bold">{escape(bar.code)}</tspan>'
                    f"{escape(line[len(bar.code) :])}</text>"
                )
            else:
                rows.append(_text(pad, baseline, line, fill="#1b1f24"))
        bar_y = y + line_h * len(label) + 2
        rows.append(
            f'<rect x="{pad}" y="{_n(bar_y)}" width="{_n(track_w)}" height="{bar_h}" '
            f'fill="#e6eaee"/>'
        )
        for tick in ticks[1:-1]:  # light divisions of the track
            rows.append(
                f'<line x1="{_n(x_of(tick))}" y1="{_n(bar_y)}" x2="{_n(x_of(tick))}" '
                f'y2="{_n(bar_y + bar_h)}" stroke="#ffffff" stroke-width="1"/>'
            )
        if bar.achievement is not None:
            rows.append(
                f'<rect class="bar" x="{pad}" y="{_n(bar_y)}" '
                f'width="{_n(x_of(bar.achievement) - pad)}" height="{bar_h}" '
                f'fill="{COLOURS.get(bar.colour or "", NO_COLOUR)}" '
                f'data-code={quoteattr(bar.code)} data-value="{bar.achievement}"/>'
            )
        rows.append(
            f'<line class="reference" x1="{_n(reference)}" y1="{_n(bar_y - 3)}" '
            f'x2="{_n(reference)}" y2="{_n(bar_y + bar_h + 3)}" stroke="{TARGET_COLOUR}" '
            f'stroke-width="2" stroke-dasharray="3 2"/>'
        )
        rows.append(
            f'<text class="value" x="{width - pad}" y="{_n(bar_y + bar_h - 2)}" '
            f'text-anchor="end" font-weight="bold" fill="#1b1f24">{escape(value_text)}</text>'
        )
        rows.append("</g>")
        y = bar_y + bar_h + gap
    axis_y = y - gap + 6
    height = int(axis_y) + 14
    out = _open(width, height, title, desc, chart_id, font_size=12)
    out.extend(rows)
    out.append(
        f'<line x1="{pad}" y1="{_n(axis_y)}" x2="{_n(pad + track_w)}" y2="{_n(axis_y)}" '
        f'stroke="#8a9299" stroke-width="1"/>'
    )
    for tick in ticks:
        x = x_of(tick)
        out.append(
            f'<line x1="{_n(x)}" y1="{_n(axis_y)}" x2="{_n(x)}" y2="{_n(axis_y + 3)}" '
            f'stroke="#8a9299" stroke-width="1"/>'
        )
        anchor = "start" if tick == 0 else "end" if tick == scale else "middle"
        weight = {"font_weight": "bold"} if tick == 100 else {}
        out.append(
            _text(
                x,
                height - 1,
                format_id(tick, 0),
                text_anchor=anchor,
                fill="#1b1f24",
                font_size="11",
                **weight,
            )
        )
    out.append("</svg>")
    return "".join(out)
