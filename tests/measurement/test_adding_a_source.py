"""Adding a source is one file (docs/adding-a-source.md): this module defines a small source,
registers it, and finds its value on the dashboard, in ``kinerja capaian`` with its records, behind
its lineage link, in the dashboard's reminders and the e-mails of ``kinerja pengingat``, and
flagged when its records change after approval.

The source, "sections": of the kecamatan's units, the share that are sections (``seksi``). Mayang
has five units (Sekretariat and four Seksi), so 4 / 5 × 100 = 80.
"""

import datetime as dt
import io
import json
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from kinerja.core.periods import Period, parse_period
from kinerja.measurement import services as measurement
from kinerja.measurement.models import IndicatorValue
from kinerja.measurement.reminders import send_once
from kinerja.measurement.sources import (
    ReminderItem,
    ReminderKind,
    Source,
    SourceRecord,
    SourceResult,
    register_source,
    unregister_source,
)
from kinerja.organisations.models import Unit, UnitKind

pytestmark = pytest.mark.django_db


class SectionsSource(Source):
    """``value_source = "register"``, ``source_params = {"register": "sections"}``."""

    key = "sections"

    def compute(self, indicator: Any, organisation: Any, period: Any) -> SourceResult:
        units = Unit.objects.filter(organisation=organisation).order_by("order", "pk")
        records = [
            SourceRecord(
                kind="unit",
                id=u.pk,
                label=u.name,
                counted_in=("pembilang", "penyebut")
                if u.kind == UnitKind.SECTION
                else ("penyebut",),
                url=reverse("admin:organisations_unit_change", args=[u.pk]),
            )
            for u in units
        ]
        numerator = sum("pembilang" in r.counted_in for r in records)
        return SourceResult(Decimal(numerator), Decimal(len(records)), None, records)

    def lineage_url(self, indicator: Any, organisation: Any, period: str) -> str:
        return (
            reverse("admin:organisations_unit_changelist")
            + f"?organisation__id__exact={organisation.pk}"
        )

    def dashboard_reminders(
        self, *, user: Any, organisation: Any, year: int, today: dt.date
    ) -> list[ReminderKind]:
        kind = ReminderKind("sections", "Units that are not sections", "Check their kind.")
        for unit in Unit.objects.filter(organisation=organisation).exclude(kind=UnitKind.SECTION):
            kind.items.append(ReminderItem(unit.name))
        return [kind]

    def send_reminders(self, day: dt.date) -> int:
        return int(
            send_once(
                key="sections", day=day, recipient="camat@mayang.test", subject="Units", body="-"
            )
        )


@pytest.fixture
def sections(mayang: Any, default_decree: Any) -> Any:
    """Indicator 2.1 of Mayang computed from the "sections" source, its TW I and year 2022
    refreshed from it (as a register does after a change of its records)."""
    source = register_source(SectionsSource())
    indicator = default_decree.indicators.get(code="2.1")
    indicator.value_source, indicator.source_params = "register", {"register": "sections"}
    indicator.save()
    refreshed = source.refresh(
        actor=None,
        organisation=mayang,
        years={2022},
        periods=[parse_period("2022Q1"), Period.year_of(2022)],
    )
    assert [v.period for v in refreshed] == ["2022", "2022Q1"]
    yield indicator
    unregister_source("sections")


def capaian() -> dict[tuple[str, str], dict[str, Any]]:
    out = io.StringIO()
    call_command("capaian", "--tahun", "2022", "--format", "json", stdout=out)
    return {(r["kode_indikator"], r["periode"]): r for r in json.loads(out.getvalue())}


def dashboard_line(client: Client, period: str) -> dict[str, Any]:
    response = client.get("/kinerja/", {"tahun": 2022})
    assert response.status_code == 200
    (item,) = [i for i in response.context["indicators"] if i["indicator"].code == "2.1"]
    (line,) = [line for line in item["lines"] if line["period"] == period]
    return line


def test_a_new_source_is_seen_everywhere(sections: Any, users: Any, mayang: Any) -> None:
    # kinerja capaian: 4 / 5 × 100 = 80, with the five units as its records
    row = capaian()[("2.1", "2022Q1")]
    assert (row["sumber"], row["pembilang"], row["penyebut"], row["realisasi"]) == (
        "register",
        4,
        5,
        80,
    )
    units = list(Unit.objects.filter(organisation=mayang).order_by("order", "pk"))
    assert [(r["jenis"], r["id"], r["label"], r["dihitung_pada"]) for r in row["rincian"]] == [
        ("unit", u.pk, u.name, ["pembilang", "penyebut"] if u.kind == "seksi" else ["penyebut"])
        for u in units
    ]
    assert row["sumber_berubah"] is False

    # the dashboard: the value, its components and its lineage link
    camat = Client()
    camat.force_login(users.camat)
    line = dashboard_line(camat, "2022Q1")
    assert (line["realization"], line["components"]) == ("80,00", "4 / 5")
    lineage = (
        reverse("admin:organisations_unit_changelist") + f"?organisation__id__exact={mayang.pk}"
    )
    assert line["lineage_url"] == lineage
    assert f'href="{lineage}"' in camat.get("/kinerja/", {"tahun": 2022}).content.decode()

    # the lineage page lists the records (the admin's list of Mayang's units)
    admin = Client()
    admin.force_login(
        type(users.camat).objects.create_superuser("root", "root@mayang.test", "x-very-long-1")
    )
    page = admin.get(lineage).content.decode()
    assert all(u.name in page for u in units)

    # its reminders: one kind on the dashboard, one e-mail a day through kinerja pengingat
    kinds = {
        k.key: [i.text for i in k.items]
        for k in camat.get("/kinerja/", {"tahun": 2022}).context["reminders"]
    }
    assert kinds["sections"] == ["Sekretariat"]
    mail.outbox.clear()
    call_command("pengingat", tanggal="2022-07-01", hanya="sections", stdout=io.StringIO())
    call_command("pengingat", tanggal="2022-07-01", hanya="sections", stdout=io.StringIO())
    assert [m.to for m in mail.outbox] == [["camat@mayang.test"]]


def test_changed_since_approval_compares_the_stored_digest(
    sections: Any, users: Any, mayang: Any
) -> None:
    q1 = IndicatorValue.objects.get(indicator=sections, organisation=mayang, period="2022Q1")
    q1 = measurement.value_approve(
        actor=None,
        value=measurement.value_verify(
            actor=None, value=measurement.value_submit(actor=None, value=q1)
        ),
    )
    assert len(q1.approved_digest) == 64
    assert capaian()[("2.1", "2022Q1")]["sumber_berubah"] is False
    # only a label changed (a unit renamed): what is counted did not, so nothing is flagged
    Unit.objects.filter(organisation=mayang, name="Sekretariat").update(name="Sekretariat Kec.")
    assert capaian()[("2.1", "2022Q1")]["sumber_berubah"] is False
    # the Sekretariat becomes a section: the source now counts 5 / 5; the approved value keeps 4 / 5
    Unit.objects.filter(organisation=mayang, kind=UnitKind.SECRETARIAT).update(
        kind=UnitKind.SECTION
    )
    row = capaian()[("2.1", "2022Q1")]
    assert (row["pembilang"], row["penyebut"], row["sumber_berubah"]) == (4, 5, True)
    camat = Client()
    camat.force_login(users.camat)
    assert dashboard_line(camat, "2022Q1")["sources_changed"] is True
