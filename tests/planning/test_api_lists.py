"""What the planning API lists and changes, beyond who may reach it (that is declared in
tests/permissions/test_routes.py): drafts are left out of the lists for outsiders and the
public, benchmarks are for members, and a PATCH changes only what it sends."""

from typing import Any

import pytest

from kinerja.planning.models import Program
from kinerja.planning.services.agreements import agreement_save, agreement_sign, target_set
from kinerja.planning.services.benchmarks import benchmark_save
from kinerja.planning.services.renja import program_save
from kinerja.planning.services.renstra import renstra_save
from tests.helpers import api_client


@pytest.fixture
def objects(filled, mayang, camat_official):
    signed = agreement_save(
        actor=None,
        organisation=mayang,
        year=2021,
        first_party=camat_official,
        second_party_name="X",
        second_party_position="BUPATI JEMBER",
    )
    from kinerja.iku.models import Indicator
    from tests.planning.conftest import fill  # noqa: F401  (2021 gets targets below)

    for i in Indicator.objects.filter(decree__organisation=mayang, decree__status="in_force"):
        target_set(actor=None, agreement=signed, indicator=i, period="2021", target=90)
    import datetime as dt

    agreement_sign(actor=None, agreement=signed, date_signed=dt.date(2021, 2, 1))
    renstra = renstra_save(
        actor=None, organisation=mayang, title="R", start_year=2021, end_year=2026
    )
    program = program_save(
        actor=None, organisation=mayang, year=2022, level="program", name="P", budget=5
    )
    benchmark = benchmark_save(
        actor=None,
        organisation=mayang,
        indicator=program_indicator(mayang),
        year=2022,
        value="85,5",
        source="rata-rata kecamatan",
    )
    return {
        "benchmark": benchmark.pk,
        "signed": signed.pk,
        "draft": filled.pk,
        "renstra": renstra.pk,
        "program": program.pk,
        "code": mayang.code,
        "year": 2022,
    }


def program_indicator(mayang: Any) -> Any:
    from kinerja.iku.models import Indicator

    return Indicator.objects.get(decree__organisation=mayang, decree__status="in_force", code="2.1")


def test_api_lists_hide_drafts_from_outsiders(users, objects):
    def years(role: str) -> set[int]:
        data = api_client(getattr(users, role)).get("/api/perjanjian-kinerja/").json()
        return {row["year"] for row in data["results"]}

    assert years("kepala_seksi") == {2021, 2022}
    assert years("outsider") == {2021} and years("anonymous") == {2021}
    target_periods = api_client(users.anonymous).get("/api/target/").json()["results"]
    assert {t["period"] for t in target_periods} == {"2021"}
    assert api_client(users.anonymous).get("/api/program/").json()["results"] == []


def test_api_benchmarks_for_members_only(users, objects):
    def rows(role: str) -> list[dict[str, Any]]:
        response = api_client(getattr(users, role)).get("/api/pembanding/?year=2022")
        return response.json()["results"] if response.status_code == 200 else []

    assert [(r["indicator_code"], r["value"], r["source"]) for r in rows("kepala_seksi")] == [
        ("2.1", "85.5000", "rata-rata kecamatan")
    ]
    assert rows("outsider") == [] and rows("anonymous") == []


def test_api_patch_changes_what_is_sent_and_keeps_the_rest(users, objects, ind):
    """PATCH of a PK, a Renstra and a program goes through the service with the stored values of
    the fields not sent (the organisation is never changed by it)."""
    client = api_client(users.perencana)
    pk = client.patch(
        f"/api/perjanjian-kinerja/{objects['draft']}/", {"place": "Mayang"}, format="json"
    ).json()
    assert (pk["place"], pk["second_party_position"], pk["year"]) == (
        "Mayang",
        "BUPATI JEMBER",
        2022,
    )
    renstra = client.patch(
        f"/api/renstra/{objects['renstra']}/", {"title": "Renstra baru"}, format="json"
    ).json()
    assert (renstra["title"], renstra["start_year"], renstra["end_year"]) == (
        "Renstra baru",
        2021,
        2026,
    )
    assert renstra["organisation"] == objects["code"]
    program = Program.objects.get(pk=objects["program"])
    program.indicators.set([ind["2.1"]])
    data = client.patch(
        f"/api/program/{objects['program']}/", {"name": "Program baru"}, format="json"
    ).json()
    assert (data["name"], data["level"], data["year"], data["budget"]) == (
        "Program baru",
        "program",
        2022,
        "5.00",
    )
    assert data["indicators"] == [ind["2.1"].pk]
