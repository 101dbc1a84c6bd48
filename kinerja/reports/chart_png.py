"""The SVG charts of :mod:`kinerja.charts` as PNG images, for Word (which embeds no SVG that
python-docx can write).

No SVG rasteriser is installed (cairosvg would need Cairo; WeasyPrint 53+ writes PDF only), so this
draws the small subset of SVG that ``kinerja.charts`` writes with Pillow: ``rect`` (fill,
fill-opacity), ``line`` and ``polyline`` (stroke, stroke-width, stroke-dasharray), ``circle`` (fill,
stroke) and ``text`` (x/y baseline, text-anchor, fill; DejaVu Sans as in the PDF). ``title`` and
``desc`` are skipped. Any other element raises ``ValueError``, so a chart that starts using more
of SVG fails its test instead of losing a part silently. The picture is the same chart as the PDF's,
from the same SVG: one design, two outputs.

Drawn at ``scale`` × 2 and reduced to ``scale`` by averaging (smooth edges: Pillow's shapes have no
anti-aliasing).
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any
from xml.etree import ElementTree

from PIL import Image, ImageDraw, ImageFont

SVG_NS = "{http://www.w3.org/2000/svg}"
FONT_FILES = ("DejaVuSans.ttf", "LiberationSans-Regular.ttf")
"""The chart's font (``kinerja.charts.FONT``) as installed with WeasyPrint on Debian."""
SKIPPED = {"title", "desc"}
SUPERSAMPLE = 2


@lru_cache(maxsize=16)
def _font(size: int) -> Any:
    for name in FONT_FILES:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def _colour(value: str | None, opacity: float = 1.0) -> tuple[int, int, int, int] | None:
    if value is None or value == "none":
        return None
    value = value.strip()
    if re.fullmatch(r"#[0-9a-fA-F]{6}", value):
        r, g, b = (int(value[i : i + 2], 16) for i in (1, 3, 5))
    elif re.fullmatch(r"#[0-9a-fA-F]{3}", value):
        r, g, b = (int(c * 2, 16) for c in value[1:])
    elif value in ("white", "black"):
        r = g = b = 255 if value == "white" else 0
    else:
        raise ValueError(f"colour {value!r} is not drawn by chart_png")
    return (r, g, b, round(255 * max(0.0, min(1.0, opacity))))


def _float(element: ElementTree.Element, name: str, default: float = 0.0) -> float:
    value = element.get(name)
    return default if value is None else float(value)


def _dashes(
    points: list[tuple[float, float]], pattern: list[float]
) -> Iterator[list[tuple[float, float]]]:
    """The drawn pieces of a dashed polyline (``stroke-dasharray``)."""
    if not pattern or sum(pattern) <= 0:
        yield points
        return
    index, left, on = 0, pattern[0], True
    piece: list[tuple[float, float]] = [points[0]]
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        length = math.hypot(x1 - x0, y1 - y0)
        done = 0.0
        while length - done > left:
            done += left
            t = done / length
            point = (x0 + (x1 - x0) * t, y0 + (y1 - y0) * t)
            if on:
                piece.append(point)
                yield piece
            piece = [point]
            on = not on
            index = (index + 1) % len(pattern)
            left = pattern[index]
        left -= length - done
        if on:
            piece.append((x1, y1))
    if on and len(piece) > 1:
        yield piece


class _Canvas:
    def __init__(self, width: float, height: float, factor: float) -> None:
        self.factor = factor
        self.image = Image.new("RGB", (round(width * factor), round(height * factor)), "white")
        self.draw = ImageDraw.Draw(self.image)

    def xy(self, x: float, y: float) -> tuple[float, float]:
        return (x * self.factor, y * self.factor)

    def rect(self, e: ElementTree.Element) -> None:
        fill = _colour(e.get("fill", "black"), float(e.get("fill-opacity", "1")))
        if fill is None:
            return
        x, y = _float(e, "x"), _float(e, "y")
        (x0, y0), (x1, y1) = self.xy(x, y), self.xy(x + _float(e, "width"), y + _float(e, "height"))
        if fill[3] == 255:
            self.draw.rectangle([(x0, y0), (x1, y1)], fill=fill)
            return
        # translucent (the white ground under a value label): a patch composed over the picture
        left, top = max(0, round(x0)), max(0, round(y0))
        right, bottom = min(self.image.width, round(x1)), min(self.image.height, round(y1))
        if right > left and bottom > top:
            box = (left, top, right, bottom)
            ground = Image.new("RGB", (right - left, bottom - top), fill[:3])
            self.image.paste(Image.blend(self.image.crop(box), ground, fill[3] / 255), box)

    def stroke(self, e: ElementTree.Element, points: list[tuple[float, float]]) -> None:
        colour = _colour(e.get("stroke"))
        if colour is None or len(points) < 2:
            return
        width = max(1, round(_float(e, "stroke-width", 1.0) * self.factor))
        pattern = [float(v) * self.factor for v in (e.get("stroke-dasharray") or "").split()]
        scaled = [self.xy(x, y) for x, y in points]
        for piece in _dashes(scaled, pattern):
            self.draw.line(piece, fill=colour, width=width, joint="curve")

    def line(self, e: ElementTree.Element) -> None:
        self.stroke(e, [(_float(e, "x1"), _float(e, "y1")), (_float(e, "x2"), _float(e, "y2"))])

    def polyline(self, e: ElementTree.Element) -> None:
        numbers = [float(v) for v in re.split(r"[\s,]+", (e.get("points") or "").strip()) if v]
        self.stroke(e, list(zip(numbers[0::2], numbers[1::2], strict=True)))

    def circle(self, e: ElementTree.Element) -> None:
        cx, cy, r = _float(e, "cx"), _float(e, "cy"), _float(e, "r")
        box = [self.xy(cx - r, cy - r), self.xy(cx + r, cy + r)]
        width = round(_float(e, "stroke-width", 1.0) * self.factor) if e.get("stroke") else 0
        self.draw.ellipse(
            box,
            fill=_colour(e.get("fill", "black")),
            outline=_colour(e.get("stroke")),
            width=width,
        )

    def text(self, e: ElementTree.Element, font_size: float) -> None:
        content = "".join(e.itertext())
        if not content:
            return
        size = float(e.get("font-size", font_size))
        anchor = {"start": "ls", "middle": "ms", "end": "rs"}[e.get("text-anchor", "start")]
        self.draw.text(
            self.xy(_float(e, "x"), _float(e, "y")),
            content,
            fill=_colour(e.get("fill", "black")),
            font=_font(round(size * self.factor)),
            anchor=anchor,
        )


def svg_to_png(svg: str, *, scale: float = 3) -> bytes:
    """The chart ``svg`` (as written by :mod:`kinerja.charts`) as a PNG of ``scale`` pixels per
    SVG unit (the trend chart's 320 × 190 units at 3: 960 × 570 pixels)."""
    root = ElementTree.fromstring(svg)
    if root.tag != f"{SVG_NS}svg":
        raise ValueError("not an SVG document")
    _x, _y, width, height = (float(v) for v in (root.get("viewBox") or "").split())
    font_size = float(root.get("font-size", "11"))
    canvas = _Canvas(width, height, scale * SUPERSAMPLE)
    for element in root:
        name = element.tag.removeprefix(SVG_NS)
        if name in SKIPPED:
            continue
        if name == "text":
            canvas.text(element, font_size)
        elif name in ("rect", "line", "polyline", "circle"):
            getattr(canvas, name)(element)
        else:
            raise ValueError(f"<{name}> is not drawn by chart_png")
    picture = canvas.image.reduce(SUPERSAMPLE)
    out = io.BytesIO()
    picture.save(out, format="PNG", compress_level=6)
    return out.getvalue()
