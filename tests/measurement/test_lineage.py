"""Lineage in `kinerja capaian` and on the dashboard: every computed number opens to its records.

The scenario is built through the coordination and village services (the fixtures of
tests/coordination and tests/village_finance); the expected numbers are worked out by hand below.
"""

import datetime as dt
import io
import json
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from kinerja.accounts.access import OrganisationReader
from kinerja.iku.models import Indicator
from tests.coordination.conftest import fields, scenario  # noqa: F401 (fixtures)
from tests.village_finance.conftest import scenario_2022, villages  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def capaian(year: int = 2022) -> dict[tuple[str, str], dict[str, Any]]:
    out = io.StringIO()
    call_command("capaian", "--tahun", str(year), "--format", "json", stdout=out)
    return {(r["kode_indikator"], r["periode"]): r for r in json.loads(out.getvalue())}


def counted(row: dict[str, Any], where: str) -> int:
    return sum(where in r["dihitung_pada"] for r in row["rincian"])


def assert_traceable(row: dict[str, Any], pembilang: int, penyebut: int) -> None:
    assert row["sumber"] == "register"
    assert (row["pembilang"], row["penyebut"]) == (pembilang, penyebut)
    assert counted(row, "pembilang") == pembilang
    assert counted(row, "penyebut") == penyebut
    assert all(set(r) == {"jenis", "id", "label", "dihitung_pada"} for r in row["rincian"])


def test_register_rows_carry_their_records(mayang, scenario, scenario_2022):  # noqa: F811
    rows = capaian()
    # 2.1 (Pemerintahan), results whose recommendations are all "selesai" by the quarter's end:
    # Q1: R1 (a, b done in March) yes, R2 (c done 5 Apr) no, R3 no recommendation: excluded -> 1/2
    # Q2: R4 (d done 1 Jun) yes, R5 (e belum) no -> 1/2
    # Q3: the only activity is a draft -> 0/0
    # Q4: R7 (g done 10 Jan 2023, after the quarter) no -> 0/1
    assert_traceable(rows[("2.1", "2022Q1")], 1, 2)
    assert_traceable(rows[("2.1", "2022Q2")], 1, 2)
    assert_traceable(rows[("2.1", "2022Q4")], 0, 1)
    assert {r["jenis"] for r in rows[("2.1", "2022Q1")]["rincian"]} == {"hasil_koordinasi"}
    # 2.2, villages with every needed document correct and on time / 7 villages:
    # Q1 (APBDes only): all but Mayang (late) -> 6/7
    # Year (APBDes + year-end SPJ): not Mayang (late APBDes), not Tegalwaru (no SPJ) -> 5/7
    assert_traceable(rows[("2.2", "2022Q1")], 6, 7)
    assert_traceable(rows[("2.2", "2022")], 5, 7)
    assert {r["jenis"] for r in rows[("2.2", "2022")]["rincian"]} == {"desa"}
    assert rows[("2.2", "2022")]["sumber_berubah"] is False


def test_manual_and_overridden_values(mayang, default_decree, scenario):  # noqa: F811
    from kinerja.measurement.models import IndicatorValue

    manual = default_decree.indicators.filter(value_source="manual", archived_at__isnull=True)
    code = manual.first().code if manual.exists() else None
    rows = capaian()
    if code is not None:
        assert rows[(code, "2022Q1")]["sumber"] == "manual"
        assert rows[(code, "2022Q1")]["rincian"] == []
    # An override of a computed value: "manual", flagged, with its reason, no records.
    value = IndicatorValue.objects.get(indicator__decree=default_decree, indicator__code="2.1",
                                       period="2022Q2")  # fmt: skip
    IndicatorValue.objects.filter(pk=value.pk).update(
        source="override", override_reason="Rapat susulan belum dicatat"
    )
    row = capaian()[("2.1", "2022Q2")]
    assert row["sumber"] == "manual" and row["override"] is True
    assert row["alasan_override"] == "Rapat susulan belum dicatat"
    assert row["rincian"] == []


def test_dashboard_links_and_reminders(mayang, scenario, scenario_2022, users):  # noqa: F811
    from django.urls import reverse

    client = Client()
    client.force_login(users.camat)
    indicator = Indicator.objects.get(
        decree__organisation=mayang, decree__status="in_force", code="2.1"
    )
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("django.utils.timezone.localdate", lambda *a, **k: dt.date(2022, 7, 1))
        html = client.get("/kinerja/", {"tahun": 2022}).content.decode()
    assert reverse("coordination:lineage", args=[indicator.pk, "2022Q1"]) in html
    assert reverse("village_finance:lineage", args=[mayang.pk, "2022"]) in html
    assert 'id="pengingat"' in html
    # e (due 1 Jun 2022, still "belum") is overdue on 1 Jul 2022.
    assert ">e</a>" in html


def test_capaian_records_query_only_the_sources(mayang, scenario, scenario_2022, monkeypatch):  # noqa: F811
    """Besides what the sources read, the export reads the stored values and the organisation
    once: no query per cell."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kinerja.measurement import lineage, selectors, sources

    in_sources = 0
    compute = sources.compute_from_source

    def counting(*args: Any) -> Any:
        nonlocal in_sources
        with CaptureQueriesContext(connection) as inner:
            result = compute(*args)
        in_sources += len(inner.captured_queries)
        return result

    monkeypatch.setattr(sources, "compute_from_source", counting)
    monkeypatch.setattr(lineage, "compute_from_source", counting)
    rows = selectors.performance_table(
        user=OrganisationReader.of(mayang), organisation=mayang, year=2022
    )
    with CaptureQueriesContext(connection) as ctx:
        selectors.capaian_records(rows)
    assert in_sources > 0
    assert len(ctx.captured_queries) - in_sources <= 2
