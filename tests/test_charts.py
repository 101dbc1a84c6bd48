"""SVG charts: parsed back with xml.etree and checked against the hand-computed scale."""

import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from kinerja.charts import COLOURS, NO_COLOUR, bar_list_chart, nice_max, trend_chart

NS = {"s": "http://www.w3.org/2000/svg"}
D = Decimal


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(D("90.9"), 100), (100, 100), (110, 120), (7, 8), (D("0.3"), D("0.3")), (0, 100), (-5, 100)],
)
def test_nice_max(value, expected):
    assert nice_max(value) == expected


def test_trend_chart_bar_heights_and_colours():
    svg = trend_chart(
        labels=["TW I", "TW II", "TW III", "TW IV"],
        realizations=[D(50), D(100), None, D("75.5")],
        targets=[D(100), D(100), D(100), None],
        colours=["red", "dark-green", None, None],
        title="IKU 2.1 <tren>",
        desc="Realisasi & target",
    )
    root = parse(svg)
    assert root.get("viewBox") == "0 0 320 190"
    assert root.find("s:title", NS).text == "IKU 2.1 <tren>"  # escaped, parsed back
    assert root.find("s:desc", NS).text == "Realisasi & target"
    bars = root.findall("s:rect[@class='bar']", NS)
    # Scale 0..100 (nice max of 100); plot height 190 - 22 - 36 = 132:
    # 50 -> 66, 100 -> 132, 75.5 -> 99.66; base line at y = 22 + 132 = 154.
    assert [b.get("height") for b in bars] == ["66", "132", "99.66"]
    assert [b.get("y") for b in bars] == ["88", "22", "54.34"]
    assert [b.get("fill") for b in bars] == [COLOURS["red"], COLOURS["dark-green"], NO_COLOUR]
    # Slots of (320 - 34 - 8) / 4 = 69.5; the first bar is centred at 34 + 34.75 = 68.75.
    width = D(bars[0].get("width"))
    assert D(bars[0].get("x")) + width / 2 == D("68.75")
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "50,00" in texts and "75,50" in texts and "—" in texts and "TW IV" in texts
    # Targets: three markers at y = 22 (100 on the 0..100 scale), joined by one line.
    markers = root.findall("s:circle[@class='target']", NS)
    assert [m.get("cy") for m in markers] == ["22", "22", "22"]
    assert root.find("s:polyline[@class='target-line']", NS) is not None
    assert "<script" not in svg and "href" not in svg


def test_trend_chart_scale_grows_to_fit_the_largest_value():
    svg = trend_chart(
        labels=["TW I"],
        realizations=[D(110)],
        targets=[D(90)],
        colours=["blue"],
        title="t",
        desc="d",
    )
    bar = parse(svg).find("s:rect[@class='bar']", NS)
    # nice max of 110 is 120: 110 / 120 x 132 = 121.
    assert bar.get("height") == "121"


def test_trend_chart_without_data_has_no_bars():
    svg = trend_chart(
        labels=["TW I", "TW II"],
        realizations=[None, None],
        targets=[None, None],
        colours=[None, None],
        title="t",
        desc="d",
    )
    root = parse(svg)
    assert root.findall("s:rect[@class='bar']", NS) == []
    assert root.findall("s:circle", NS) == []


def test_bar_list_chart_widths():
    svg = bar_list_chart(
        items=[("Persyaratan", D("3.2")), ("Waktu Penyelesaian", D(4)), ("Biaya/Tarif", None)],
        maximum=4,
        title="NRR per unsur",
        desc="Nilai rata-rata per unsur",
    )
    root = parse(svg)
    # Bar area 320 - 120 - 40 - 8 = 152 wide: 3.2 / 4 x 152 = 121.6; 4 -> 152.
    bars = root.findall("s:rect[@class='bar']", NS)
    assert [b.get("width") for b in bars] == ["121.6", "152"]
    assert root.get("viewBox") == "0 0 320 74"  # 8 + 3 rows x 22
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert texts == ["Persyaratan", "3,20", "Waktu Penyelesaian", "4,00", "Biaya/Tarif", "—"]


@pytest.mark.parametrize(
    ("value", "target", "scale"),
    [(D("79.5"), D(80), 80), (D(100), D(100), 100), (D(75), D(76), 80), (D(40), D(90), 100)],
)
def test_value_label_never_covers_the_target_marker(value, target, scale):
    """The plot is 132 px high from y = 22, its scale the nice maximum (80 -> 80, 76 -> 80): the
    marker of 76 on 0..80 sits at y = 22 + 132 × (1 − 76/80) = 28,6. The label (its text about
    11 px above the baseline) is moved off the marker, and drawn after the line."""
    svg = trend_chart(
        labels=["TW I"],
        realizations=[value],
        targets=[target],
        colours=["green"],
        title="t",
        desc="d",
    )
    root = parse(svg)
    marker = root.find("s:circle", NS)
    cy = float(marker.get("cy"))
    assert cy == pytest.approx(22 + 132 * (1 - float(target) / scale), abs=0.01)
    label = next(
        t for t in root.findall("s:text", NS) if t.text == f"{value:.2f}".replace(".", ",")
    )
    y = float(label.get("y"))
    assert y + 1 <= cy - 4 or y - 11 >= cy + 4
    assert y - 11 >= 0  # inside the picture
    children = list(root)
    assert children.index(label) > children.index(marker)


def test_achievement_chart_bars_scale_and_labels():
    from kinerja.charts import AchievementBar, achievement_chart

    svg = achievement_chart(
        bars=[
            AchievementBar("1.1", "Nilai <SKM> & co", D("131.58"), "dark-green", "Sangat Tinggi"),
            AchievementBar("2.1", "Proses", D(50), "red", "Sangat Rendah"),
            AchievementBar("2.2", "Desa", None),
            AchievementBar("2.3", "Besar", D(250), "blue"),
            AchievementBar("2.4", "Lebih rendah lebih baik", D(-10), "red"),
        ],
        title="Capaian 2022",
        desc="Satu batang per indikator",
    )
    root = parse(svg)
    assert root.find("s:title", NS).text == "Capaian 2022"
    bars = {b.get("data-code"): b for b in root.iter("{http://www.w3.org/2000/svg}rect")
            if b.get("class") == "bar"}  # fmt: skip
    # Scale: nice max of 250 is 250, capped at 200. Track 300 - 2 x 2 - 70 = 226 wide from x = 2:
    # 131.58 -> 131.58/200 x 226 = 148.6854 -> 148.69; 50 -> 56.5; 250 -> the whole 226;
    # -10 -> 0. No value, no bar.
    assert {c: b.get("width") for c, b in bars.items()} == {
        "1.1": "148.69",
        "2.1": "56.5",
        "2.3": "226",
        "2.4": "0",
    }
    assert bars["1.1"].get("data-value") == "131.58"
    assert bars["1.1"].get("fill") == COLOURS["dark-green"]
    values = [
        t.text for t in root.iter("{http://www.w3.org/2000/svg}text") if t.get("class") == "value"
    ]
    assert values == ["131,58 %", "50,00 %", "—", "250,00 %", "-10,00 %"]
    # 100 % on each track at 2 + 100/200 x 226 = 115; ticks 0, 50 .. 200 (a step of 50).
    marks = [
        ln for ln in root.iter("{http://www.w3.org/2000/svg}line") if ln.get("class") == "reference"
    ]
    assert len(marks) == 5 and {m.get("x1") for m in marks} == {"115"}
    texts = [t.text for t in root.findall("s:text", NS)]
    assert texts == ["0", "50", "100", "150", "200"]
    # The row's title (tooltip, screen readers) is escaped and parsed back whole.
    rows = root.findall("s:g", NS)
    assert rows[0].find("s:title", NS).text == "1.1 Nilai <SKM> & co: 131,58 % (Sangat Tinggi)"
    assert "<script" not in svg and "href" not in svg


def test_achievement_chart_scale_and_ticks_below_100():
    from kinerja.charts import AchievementBar, achievement_chart

    root = parse(achievement_chart(bars=[AchievementBar("1", "a", D(75))], title="t", desc="d"))
    # Everything at or below 100: the scale is 0..100, ticks every 20; 75/100 x 226 = 169.5.
    assert root.find("s:g/s:rect[@class='bar']", NS).get("width") == "169.5"
    assert [t.text for t in root.findall("s:text", NS)] == ["0", "20", "40", "60", "80", "100"]


@pytest.mark.parametrize(
    ("text", "width", "lines", "expected"),
    [
        ("1.1 Nilai SKM", 44, 3, ["1.1 Nilai SKM"]),
        ("aa bb cc dd", 5, 3, ["aa bb", "cc dd"]),
        ("aa bb cc dd ee", 5, 2, ["aa bb", "cc d…"]),
        # a word longer than a line is cut; the fourth line would be one too many
        ("aa bbbbbbbbbb", 4, 3, ["aa", "bbbb", "bbb…"]),
        ("", 10, 2, []),
    ],
)
def test_wrap_label(text, width, lines, expected):
    from kinerja.charts import wrap_label

    assert wrap_label(text, width, lines) == expected
