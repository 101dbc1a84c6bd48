"""The charts of kinerja.charts as PNG for Word (kinerja.reports.chart_png): the picture is the SVG's
geometry, checked on pixels whose place is computed by hand."""

import io
from decimal import Decimal

import pytest
from PIL import Image

from kinerja.charts import COLOURS, bar_list_chart, trend_chart
from kinerja.reports.chart_png import svg_to_png

D = Decimal


def _rgb(hex_colour):
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))


def _close(pixel, colour, tolerance=6):
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=True))


@pytest.fixture
def trend():
    """Trend chart 320 x 190, plot from x 34 to 312 and y 22 to 154 (height 132), scale 0..100
    (nice_max(100) = 100), four slots of 278/4 = 69,5: centres 68,75 / 138,25 / 207,75 /
    277,25, bars 0,56 x 69,5 = 38,92 wide.
    TW I 50 (red): bar from y 154 - 50/100 x 132 = 88 down to 154; TW II 100 (green): from y 22;
    TW III and IV: no value. Target 100 every quarter: the dashed line at y 22."""
    svg = trend_chart(
        labels=["TW I", "TW II", "TW III", "TW IV"],
        realizations=[D(50), D(100), None, None],
        targets=[D(100)] * 4,
        colours=["red", "green", None, None],
        title="Uji",
        desc="Uji",
    )
    return Image.open(io.BytesIO(svg_to_png(svg, scale=3))).convert("RGB")


def test_size_is_the_viewbox_times_the_scale(trend):
    assert trend.size == (960, 570)


def test_bars_where_the_svg_puts_them(trend):
    # inside the TW I bar (x 68,75, y 130 -> pixel 206, 390): red; above it (y 70): white
    assert _close(trend.getpixel((206, 390)), _rgb(COLOURS["red"]))
    assert _close(trend.getpixel((206, 210)), (255, 255, 255))
    # inside the TW II bar (x 138,25, y 100 -> 415, 300): green
    assert _close(trend.getpixel((415, 300)), _rgb(COLOURS["green"]))
    # the TW I bar ends at x 68,75 + 19,46 = 88,21 -> pixel 264,6: white at 270, red at 258
    assert _close(trend.getpixel((270, 390)), (255, 255, 255))
    assert _close(trend.getpixel((258, 390)), _rgb(COLOURS["red"]))
    # TW III has no bar (x 207,75, y 130 -> 623, 390)
    assert _close(trend.getpixel((623, 390)), (255, 255, 255))


def test_target_line_is_dashed(trend):
    """Between the markers of TW II and TW III (x 150 to 195) the line at y 22 (pixel row 66) is
    dashes of 5 and gaps of 3: about 5/8 of the pixels dark."""
    row = [trend.getpixel((x, 66)) for x in range(450, 585)]
    dark = sum(1 for p in row if max(p) < 100)
    assert 0.5 < dark / len(row) < 0.75


def test_labels_are_drawn(trend):
    """Text is drawn: the quarter labels under the axis (y 154 + 14 = 168, pixel row ~500)."""
    band = trend.crop((150, 470, 260, 510))  # around "TW I" (centre pixel 206)
    assert band.convert("L").getextrema()[0] < 80


def test_bar_list_chart_renders():
    svg = bar_list_chart(
        items=[("U1 Persyaratan", D("3.2")), ("U2 Prosedur", None)],
        maximum=4,
        title="NRR",
        desc="NRR per unsur",
    )
    image = Image.open(io.BytesIO(svg_to_png(svg, scale=2)))
    assert image.size == (640, 2 * (8 + 22 * 2))
    # the bar of U1: x 120 .. 120 + 3,2/4 x 152 = 241,6, y 8..22 -> pixel (300, 30) blue
    assert _close(image.convert("RGB").getpixel((300, 30)), _rgb(COLOURS["blue"]))


@pytest.mark.parametrize(
    "svg",
    [
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><path d="M0 0L10 10"/></svg>',
        '<html xmlns="http://www.w3.org/1999/xhtml"/>',
    ],
)
def test_what_it_cannot_draw_is_an_error(svg):
    with pytest.raises(ValueError):
        svg_to_png(svg)
