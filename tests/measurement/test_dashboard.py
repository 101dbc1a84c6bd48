"""The dashboard page: who sees which kecamatan, what the cells show, completeness and risk."""

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from kinerja.iku.models import Indicator
from tests.coordination.conftest import fields, scenario  # noqa: F401 (fixtures)
from tests.measurement.perf_data import indicator, put_target, put_value
from tests.web.html import parse

pytestmark = pytest.mark.django_db
URL = "/kinerja/"
LOGIN = "login"
ROLES = (
    "admin_kabupaten",
    "camat",
    "perencana",
    "kepala_seksi",
    "operator_desa",
    "outsider",
    "anonymous",
)

# (query string, expected per role: status code, or the organisation code shown, or LOGIN)
MATRIX: list[tuple[str, tuple[Any, ...]]] = [
    ("", ("35.09.26", "35.09.26", "35.09.26", "35.09.26", "35.09.26", "35.09.27", LOGIN)),
    (
        "?organisasi=35.09.26",
        ("35.09.26", "35.09.26", "35.09.26", "35.09.26", "35.09.26", 404, LOGIN),
    ),
    ("?organisasi=35.09.27", ("35.09.27", 404, 404, 404, 404, "35.09.27", LOGIN)),
    ("?organisasi=nope", (404, 404, 404, 404, 404, 404, LOGIN)),
]
CASES = [
    pytest.param(query, role, expected, id=f"{query or 'default'}-{role}")
    for query, row in MATRIX
    for role, expected in zip(ROLES, row, strict=True)
]


def client_for(users: Any, role: str) -> Client:
    client = Client()
    user = getattr(users, role)
    if user.is_authenticated:
        client.force_login(user)
    return client


def test_dashboard_url_is_named():
    assert reverse("measurement:dashboard") == URL


@pytest.mark.parametrize(("query", "role", "expected"), CASES)
def test_permission_matrix(users, query, role, expected):
    response = client_for(users, role).get(URL + query)
    if expected == LOGIN:
        assert response.status_code == 302 and "/masuk/" in response["Location"]
    elif isinstance(expected, int):
        assert response.status_code == expected
    else:
        assert response.status_code == 200
        assert response.context["organisation"].code == expected


def test_outsider_never_sees_mayang_drafts(users, mayang, default_decree):
    put_value(indicator(default_decree, "2.1"), mayang, "2022Q1", 3, 4, status="submitted")
    response = client_for(users, "outsider").get(URL + "?tahun=2022")
    assert response.status_code == 200
    assert "75,00" not in response.content.decode()


def test_cells_show_values_achievement_and_predikat(users, mayang, default_decree):
    ind = indicator(default_decree, "2.1")
    put_value(ind, mayang, "2022Q1", 1, 1, status="approved")
    put_value(ind, mayang, "2022Q2", 9, 10, status="submitted")
    put_value(ind, mayang, "2022Q3", 0, 0, status="draft")
    for q in ("2022Q1", "2022Q2", "2022Q3", "2022Q4", "2022"):
        put_target(ind, mayang, q, 95)
    response = client_for(users, "camat").get(URL + "?tahun=2022")
    html = response.content.decode()
    assert response.status_code == 200
    item = next(i for i in response.context["indicators"] if i["indicator"].code == "2.1")
    q1, q2, q3 = item["lines"][:3]
    # Q1 1/1 = 100 against 95: 100/95 x 100 = 105.26 -> Sangat Tinggi.
    assert (q1["realization"], q1["achievement"], q1["predikat"]) == (
        "100,00",
        "105,26 %",
        "Sangat Tinggi",
    )
    assert q1["components"] == "1 / 1" and q1["status_key"] == "approved"
    # Q2 9/10 = 90 -> 90/95 x 100 = 94.74 -> Sangat Tinggi; status submitted.
    assert (q2["realization"], q2["achievement"]) == ("90,00", "94,74 %")
    assert q2["status_key"] == "submitted"
    # Q3 0/0: no value, shown as an em dash, never 0.
    assert (q3["realization"], q3["achievement"], q3["predikat"]) == ("—", "—", None)
    # Year: (1 + 9 + 0) / (1 + 10 + 0) = 10/11 = 90.91 -> 90.909.../95 x 100 = 95.69.
    assert item["year"]["realization"] == "90,91" and item["year"]["achievement"] == "95,69 %"
    assert 'class="chart"' in html and "<title" in html
    assert "pk--dark-green" in html


def test_completeness_board_and_overdue(users, mayang, default_decree, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: dt.date(2022, 7, 5))
    # TW I deadline 10 April (passed), TW II ends 30 June, deadline 10 July (open on 5 July).
    ind = indicator(default_decree, "2.1")
    put_value(ind, mayang, "2022Q1", 1, 1, status="submitted")
    response = client_for(users, "perencana").get(URL + "?tahun=2022")
    board = {s["name"]: s for s in response.context["board"]}
    pemerintahan = board["Seksi Pemerintahan"]
    tw1, tw2, tw3, tw4 = pemerintahan["cells"]
    # 2.1 submitted for TW I; 2.2 not -> overdue. TW II: 2.1 and 2.2 open. TW III/IV: not due.
    assert [(m.indicator.code, m.overdue) for m in tw1] == [("2.2", True)]
    assert [(m.indicator.code, m.overdue) for m in tw2] == [("2.1", False), ("2.2", False)]
    assert tw3 == [] and tw4 == []
    assert pemerintahan["overdue"] == 1
    html = response.content.decode()
    assert "due--late" in html


def test_projection_flags_at_risk(users, mayang, default_decree):
    ind = indicator(default_decree, "2.1")
    put_value(ind, mayang, "2022Q1", 5, 10)
    put_value(ind, mayang, "2022Q2", 10, 20)
    put_target(ind, mayang, "2022", 80)
    response = client_for(users, "camat").get(URL + "?tahun=2022")
    item = next(i for i in response.context["indicators"] if i["indicator"].code == "2.1")
    # Pooled so far (5 + 10) / (10 + 20) = 50%; 50/80 x 100 = 62.5 < 76 -> at risk.
    assert item["projection"]["value"] == "50,00"
    assert item["projection"]["achievement"] == "62,50 %"
    assert item["projection"]["risk"] == "at_risk"
    assert [p.indicator.code for p in response.context["at_risk"]] == ["2.1"]


def at(monkeypatch: Any, day: dt.date) -> None:
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: day)


def picker(response: Any) -> list[tuple[int, bool]]:
    return [(y["year"], y["empty"]) for y in response.context["years"]]


def test_default_year_is_latest_with_data(users, mayang, default_decree, monkeypatch):
    at(monkeypatch, dt.date(2024, 2, 1))
    camat = client_for(users, "camat")
    ind = indicator(default_decree, "2.1")
    put_value(ind, mayang, "2022Q1", 1, 1)
    put_target(ind, mayang, "2023", 90)  # a PK of 2023: targets only, no values
    put_value(ind, mayang, "2025Q1", 1, 1)  # a value of a year still to come
    response = camat.get(URL)
    # 2024 (today) has nothing, 2023 targets only, 2025 is after today: the latest year up to
    # today with values is 2022. The picker runs from 2025 down to 2022, the years without
    # values marked.
    assert response.context["year"] == 2022
    assert picker(response) == [(2025, False), (2024, True), (2023, True), (2022, False)]
    notice = parse(response.content).by_id("year-notice")
    assert notice.text() == "Tahun 2024 belum berisi data realisasi; ditampilkan tahun 2022."
    assert "2024 (kosong)" in response.content.decode()
    # A year asked for within the range is shown as it is, without a notice.
    response = camat.get(URL + "?tahun=2023")
    assert response.context["year"] == 2023 and response.context["year_notice"] == ""
    # The current year wins once it has values.
    put_value(ind, mayang, "2024Q1", 1, 1)
    response = camat.get(URL)
    assert response.context["year"] == 2024 and response.context["year_notice"] == ""
    assert parse(response.content).by_id("year-notice") is None


@pytest.mark.parametrize(
    ("raw", "year", "notice"),
    [
        ("", 2022, True),
        ("2023", 2023, False),
        (" 2024 ", 2024, False),
        ("2022", 2022, False),
        ("2021", 2022, True),  # before the first year of data
        ("2026", 2022, True),  # after the last year
        ("99999", 2022, True),
        ("0000", 2022, True),
        ("abc", 2022, True),
        ("²", 2022, True),  # a digit to str.isdigit, not to int()
        ("9" * 5000, 2022, True),  # beyond int()'s digit limit
        ("-2023", 2022, True),
        ("2023.0", 2022, True),
    ],
)
def test_choose_year(raw, year, notice):
    from kinerja.measurement.dashboard_views import choose_year

    choice = choose_year(raw, data_years=[2023, 2022], value_years=[2022], today_year=2024)
    assert choice.year == year
    assert choice.choices == [2024, 2023, 2022]
    assert bool(choice.notice) is notice


def test_choose_year_ignores_absurd_years():
    from kinerja.measurement.dashboard_views import choose_year

    # A PK typed for 2202 and a value of 1922 are left out of the picker (window 1994..2029).
    choice = choose_year("", data_years=[2202, 2023], value_years=[1922, 2023], today_year=2024)
    assert (choice.year, choice.choices) == (2023, [2024, 2023])
    # Without any data: the current year, no notice.
    choice = choose_year("", data_years=[], value_years=[], today_year=2024)
    assert (choice.year, choice.choices, choice.notice) == (2024, [2024], "")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("99999", "Tahun 99999 tidak tersedia (tahun 2022–2023); ditampilkan tahun 2022."),
        ("2030", "Tahun 2030 tidak tersedia (tahun 2022–2023); ditampilkan tahun 2022."),
        ("abc", "“abc” bukan tahun; ditampilkan tahun 2022."),
        ("<b>x</b>", "“<b>x</b>” bukan tahun; ditampilkan tahun 2022."),
        ("²", "“²” bukan tahun; ditampilkan tahun 2022."),
        ("9" * 5000, "“99999999999…” bukan tahun; ditampilkan tahun 2022."),  # 12 with the …
    ],
)
def test_bad_year_falls_back_with_a_message(
    users, mayang, default_decree, monkeypatch, raw, expected
):
    at(monkeypatch, dt.date(2023, 3, 1))
    put_value(indicator(default_decree, "2.1"), mayang, "2022Q1", 1, 1)
    response = client_for(users, "camat").get(URL, {"tahun": raw})
    assert response.status_code == 200
    assert response.context["year"] == 2022
    assert parse(response.content).by_id("year-notice").text() == expected
    assert "<b>x</b>" not in response.content.decode()  # the input is escaped


def test_names_beside_codes(users, mayang, default_decree):
    response = client_for(users, "camat").get(URL + "?tahun=2022")
    summary = parse(response.content).by_id("summary")
    rows = {r.attrs["data-code"]: r for r in summary.find_all("tr") if "data-code" in r.attrs}
    assert list(rows) == ["1.1", "2.1", "2.2", "2.3", "2.4"]
    head = rows["2.1"].find("th")
    assert head.text() == (
        "2.1 Proses rekomendasi hasil koordinasi bidang pemerintahan yang ditindaklanjuti"
    )
    assert head.find("a").attrs["href"] == f"#iku-{indicator(default_decree, '2.1').pk}"
    assert rows["1.1"].find("th").text() == "1.1 Nilai SKM"
    # The first column stays on a phone; the hint is there (shown by the CSS on narrow screens).
    assert "dash-table--sticky" in summary.classes
    html = response.content.decode()
    assert "Geser tabel ke samping untuk melihat semua kolom." in html
    assert "measurement/dashboard.css" in html


def test_chart_bars_are_the_tables_achievements(users, mayang, default_decree):
    ind = indicator(default_decree, "2.1")
    put_value(ind, mayang, "2022Q1", 1, 1)
    put_value(ind, mayang, "2022Q2", 9, 10)
    put_target(ind, mayang, "2022", 95)
    other = indicator(default_decree, "2.2")
    put_value(other, mayang, "2022Q1", 6, 7)
    put_target(other, mayang, "2022", 80)
    response = client_for(users, "camat").get(URL + "?tahun=2022")
    page = parse(response.content)
    table = {
        row.attrs["data-code"]: cell.text()
        for row in page.by_id("summary").find_all("tr")
        for cell in row.find_all("td")
        if cell.attrs.get("data-period") == "2022"
    }
    svg = page.by_id("achievement-t")
    chart = next(n for n in page.iter() if n.tag == "svg" and n.find("title") is svg)
    bars = {b.attrs["data-code"]: b for b in chart.find_all("rect", "bar")}
    values = {g.attrs["data-code"]: g.find("text", "value").text() for g in chart.find_all("g")}
    # 2.1: (1 + 9) / (1 + 10) = 90.909..%; 90.909.../95 x 100 = 95.69 %.
    # 2.2: 6/7 = 85.714..%; 85.714.../80 x 100 = 107.14 %. The others: no value, no bar.
    assert table == {
        "1.1": "—",
        "2.1": "95,69 %",
        "2.2": "107,14 %",
        "2.3": "—",
        "2.4": "—",
    }
    assert values == table  # the chart prints what the table prints
    assert set(bars) == {"2.1", "2.2"}
    item = {i["indicator"].code: i for i in response.context["indicators"]}
    for code, bar in bars.items():
        assert bar.attrs["data-value"] == str(item[code]["year_cell"].achievement)
    # Scale: nice max of 107.14 is 120; the track is 300 - 2 x 2 - 70 = 226 wide:
    # 2.1: 95.6937.../120 x 226 = 180.22; 2.2: 107.1428.../120 x 226 = 201.79.
    assert bars["2.1"].attrs["width"] == "180.22"
    assert bars["2.2"].attrs["width"] == "201.79"
    # Sangat Tinggi (>= 91) is dark green in both places.
    from kinerja.charts import COLOURS

    assert bars["2.1"].attrs["fill"] == bars["2.2"].attrs["fill"] == COLOURS["dark-green"]


def reminder_kinds(response: Any) -> dict[str, list[str]]:
    """Kind -> the text of every line (links' text), in order, from the context."""
    return {k.key: [i.text for i in k.items] for k in response.context["reminders"]}


def test_reminders_by_kind_for_the_chosen_year(users, mayang, default_decree, monkeypatch):
    at(monkeypatch, dt.date(2023, 1, 20))
    code = {c: indicator(default_decree, c) for c in ("2.1", "2.2", "2.4")}
    put_value(code["2.1"], mayang, "2022Q1", 1, 1, status="submitted")
    put_value(code["2.1"], mayang, "2022Q2", 1, 1, status="verified")
    put_value(code["2.1"], mayang, "2022Q3", 1, 1, status="approved")
    put_value(code["2.2"], mayang, "2022Q1", 1, 1, status="returned")
    put_value(code["2.4"], mayang, "2023Q1", 1, 1, status="submitted")  # another year
    camat = client_for(users, "camat")

    response = camat.get(URL, {"tahun": 2022})
    kinds = reminder_kinds(response)
    # The reminder sources also hold APBDes 2023 of the 7 villages (due 31 Dec 2022): a 2023
    # document, not shown for 2022.
    assert list(kinds) == ["overdue", "returned", "verified", "submitted"]
    assert kinds["returned"] == ["2.2 · TW I"]
    assert kinds["verified"] == ["2.1 · TW II"]
    assert kinds["submitted"] == ["2.1 · TW I"]  # not 2.4 of 2023
    # Overdue on 20 Jan 2023 (TW IV was due 10 Jan): 5 indicators x 4 quarters = 20, less the
    # three of 2.1 handed in and the returned 2.2 TW I (listed as returned) = 16; section by
    # section (Pelayanan Umum: 1.1 first), quarter by quarter.
    assert len(kinds["overdue"]) == 16
    assert kinds["overdue"][:5] == [
        "1.1 · TW I",
        "1.1 · TW II",
        "1.1 · TW III",
        "1.1 · TW IV",
        "2.2 · TW II",
    ]
    # On the page: the first three lines of a kind, the rest folded as "dan N lainnya".
    page = parse(response.content)
    overdue = next(n for n in page.find_all("div") if n.attrs.get("data-kind") == "overdue")
    assert overdue.find("h3").text() == "Nilai terlambat 16"
    shown = overdue.find("ul", "reminders")
    assert [li.find("a").text() for li in shown.find_all("li")] == kinds["overdue"][:3]
    folded = overdue.find("details")
    assert folded.find("summary").text() == "dan 13 lainnya"
    assert len(folded.find_all("li")) == 13
    link = shown.find("a").attrs["href"]
    assert link == f"/kinerja/isian/{indicator(default_decree, '1.1').pk}/2022Q1/"
    returned = next(n for n in page.find_all("div") if n.attrs.get("data-kind") == "returned")
    assert returned.find("details") is None  # one line: nothing folded

    response = camat.get(URL, {"tahun": 2023})
    kinds = reminder_kinds(response)
    # 2023: TW I not ended yet, so nothing overdue; the early 2.4 submission; the 7 villages'
    # APBDes 2023, due 31 Dec 2022 (the current cycle's other documents, SPJ semester I 2023 and
    # the year-end SPJ 2022, are not within their 14 days of warning yet).
    assert list(kinds) == ["submitted", "documents"]
    assert kinds["submitted"] == ["2.4 · TW I"]
    assert kinds["documents"] == [f"{v} · APBDes 2023" for v in VILLAGES]


VILLAGES = ["Mrawan", "Mayang", "Seputih", "Tegalwaru", "Tegalrejo", "Sumberkejayan", "Sidomukti"]


def test_follow_ups_and_documents_of_the_chosen_year_only(users, mayang, scenario, monkeypatch):  # noqa: F811
    from kinerja.coordination import services
    from kinerja.coordination.services import RecommendationInput, ResultInput

    # Besides the 2022 register (tests/coordination/conftest.py: only "e", due 1 Jun 2022, is
    # still open), an activity of 1 Feb 2023 whose recommendation "h" was due 1 Mar 2023.
    services.activity_record(
        actor=None,
        field=scenario["field"],
        title="Rapat koordinasi 2023",
        date=dt.date(2023, 2, 1),
        place="Pendopo Kecamatan",
        participants="Polsek Mayang",
        results=[
            ResultInput(
                "R8", recommendations=[RecommendationInput("h", "Desa", dt.date(2023, 3, 1))]
            )
        ],
        submit=True,
    )
    at(monkeypatch, dt.date(2023, 3, 20))
    camat = client_for(users, "camat")

    kinds = {k.key: k for k in camat.get(URL, {"tahun": 2022}).context["reminders"]}
    # 1 Jun 2022 -> 20 Mar 2023: 30+31+31+30+31+30+31+31+28+19 = 292 days.
    assert [(i.text, i.details) for i in kinds["recommendations"].items] == [
        ("e", ["Pemerintahan", "terlambat 292 hari"])
    ]
    # The year-end SPJ 2022 (due 31 Mar 2023, reminded from 17 Mar) of the 7 villages.
    assert [i.text for i in kinds["documents"].items] == [
        f"{v} · SPJ akhir tahun 2022" for v in VILLAGES
    ]

    kinds = {k.key: k for k in camat.get(URL, {"tahun": 2023}).context["reminders"]}
    assert [(i.text, i.details) for i in kinds["recommendations"].items] == [
        ("h", ["Pemerintahan", "terlambat 19 hari"])
    ]
    assert [i.text for i in kinds["documents"].items] == [f"{v} · APBDes 2023" for v in VILLAGES]
    assert all(i.late for i in kinds["documents"].items)  # due 31 Dec 2022


def test_sources_changed_since_approval_is_a_reminder(users, mayang, scenario, monkeypatch):  # noqa: F811
    from kinerja.measurement import services as measurement
    from kinerja.measurement.models import IndicatorValue

    ind = Indicator.objects.get(decree__organisation=mayang, decree__status="in_force", code="2.1")
    q2 = IndicatorValue.objects.get(indicator=ind, organisation=mayang, period="2022Q2")
    submitted = measurement.value_submit(actor=None, value=q2)
    q2 = measurement.value_approve(
        actor=None, value=measurement.value_verify(actor=None, value=submitted)
    )
    at(monkeypatch, dt.date(2022, 7, 1))
    camat = client_for(users, "camat")
    kinds = reminder_kinds(camat.get(URL, {"tahun": 2022}))
    assert "sources_changed" not in kinds
    # e done on 10 Jun, inside TW II: the register now counts 2/2, the approved value keeps 1/2.
    scenario["follow"]("e", "selesai", dt.date(2022, 6, 10))
    kinds = {k.key: k for k in camat.get(URL, {"tahun": 2022}).context["reminders"]}
    (item,) = kinds["sources_changed"].items
    assert item.text == "2.1 · TW II"
    assert item.url == reverse("coordination:lineage", args=[ind.pk, "2022Q2"])
