"""The world the permission suite runs in: two kecamatan of one regency, each with its IKU
decree, sample data of 2022 and demo accounts, plus a few objects in states the sample data does
not reach (a draft decree, values in each workflow step, an LKjIP publication).

``own`` is Mayang; ``other`` is a second kecamatan of the same regency (Kecamatan Uji, 35.09.27)
with the same sections and one village. The named users are Mayang's, plus the Camat of Uji
(``outsider``), the Admin Kabupaten (member of both) and a superuser. Everything is built through
the services (the demo's sample-data steps are services calls too).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from unittest import mock

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.accounts.demo import demo_accounts_ensure, sample_data_prepare
from kinerja.accounts.models import Role
from kinerja.accounts.services import user_with_role
from kinerja.iku.models import Decree
from kinerja.iku.services import (
    DEFAULT_DECREE_FILE,
    decree_copy,
    decree_import_text,
    decree_update,
    indicator_archive,
)
from kinerja.organisations.models import Level, Organisation, Unit

OWN, OTHER = "own", "other"
SIDES = (OWN, OTHER)
MAYANG, UJI = "35.09.26", "35.09.27"
YEAR = 2022
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# The named roles, in the order the suite reports them. ``kasi_a`` heads Seksi Pemerintahan (the
# unit of indicators 1.1 and 2.1 ... see ``unit_of``), ``kasi_b`` Seksi Pelayanan Umum;
# ``operator_a`` is the operator of Mrawan, ``operator_b`` of Desa Mayang.
ROLES = (
    "anonymous",
    "operator_a",
    "operator_b",
    "kasi_a",
    "kasi_b",
    "perencana",
    "camat",
    "admin_kabupaten",
    "outsider",
    "superuser",
)
USERNAMES = {
    "operator_a": "operator.mrawan",
    "operator_b": "operator.mayang",
    "kasi_a": "kasi.pemerintahan",
    "kasi_b": "kasi.pelayanan",
    "perencana": "perencana.mayang",
    "camat": "camat.mayang",
    "admin_kabupaten": "admin.jember",
    "outsider": "camat.uji",
}


@dataclass
class Side:
    """The objects of one kecamatan, by name (see ``_objects``)."""

    kecamatan: Organisation
    objects: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Any:
        return self.objects[name]


@dataclass
class World:
    users: dict[str, Any]
    sides: dict[str, Side]

    def __getitem__(self, side: str) -> Side:
        return self.sides[side]


def _second_kecamatan(mayang: Organisation) -> Organisation:
    """Kecamatan Uji: the Mayang decree imported under another code (so the same sections), and
    one village."""
    document = json.loads(DEFAULT_DECREE_FILE.read_text(encoding="utf-8"))
    document["organisation"].update(code=UJI, name="Uji")
    document["title"] = "Indikator Kinerja Utama Kecamatan Uji Kabupaten Jember"
    document["signatory"].update(
        name="BUDI, S.IP", nip="19750101 199801 1 001", position="Camat Uji"
    )
    decree = decree_import_text(text=json.dumps(document), fmt="json")
    uji = decree.organisation
    Organisation.objects.create(code=f"{UJI}.2001", name="Sukamaju", level=Level.DESA, parent=uji)
    return uji


def _accounts_of_uji(uji: Organisation) -> None:
    """Uji's Camat (the outsider), Perencana and head of Seksi Pemerintahan. Not the demo's
    accounts: those name a section's head by the section alone (``kasi.pemerintahan``), so the
    demo of a second kecamatan would make Mayang's section heads members of Uji too."""
    pemerintahan = Unit.objects.get(organisation=uji, name="Seksi Pemerintahan")
    for username, role, unit in (
        ("camat.uji", Role.CAMAT, None),
        ("perencana.uji", Role.PERENCANA, None),
        ("kasi.pemerintahan.uji", Role.KEPALA_SEKSI, pemerintahan),
    ):
        user_with_role(username=username, password="-", role=role, organisation=uji, unit=unit)


def _objects(kecamatan: Organisation) -> dict[str, Any]:
    """The objects of one kecamatan the routes are built from."""
    from kinerja.coordination import services as coordination
    from kinerja.coordination.models import CoordinationActivity
    from kinerja.measurement import services as measurement
    from kinerja.planning.models import (
        PerformanceAgreement,
        Program,
        RenstraPeriod,
    )
    from kinerja.planning.services import agreements, benchmarks, target_values
    from kinerja.reports.publication import lkjip_publish
    from kinerja.skm.models import Instrument, ServiceType
    from kinerja.village_finance.models import APBDesDocument, SPJReport

    decree = Decree.objects.get(organisation=kecamatan, status="in_force")
    draft = decree_update(
        actor=None,
        decree=decree_copy(actor=None, source=decree),
        number=f"065/ 3 /{kecamatan.code[-2:]}/2023",
        date_signed=dt.date(2023, 1, 2),
    )
    indicator = decree.indicators.get(code="2.1")
    village = kecamatan.children.villages().order_by("code").first()
    # a value in each workflow step, in periods the sample data leaves empty (2023)
    kw = {
        "actor": None,
        "indicator": indicator,
        "organisation": kecamatan,
        "numerator": "9",
        "denominator": "10",
        "override_reason": "dihitung ulang",
    }
    value_draft = measurement.value_save(period="2023Q1", **kw)
    evidence = measurement.evidence_add(
        actor=None, value=value_draft, upload=SimpleUploadedFile("a.pdf", PDF)
    )
    value_submitted = measurement.value_submit(
        actor=None, value=measurement.value_save(period="2023Q2", **kw)
    )
    value_verified = measurement.value_verify(
        actor=None,
        value=measurement.value_submit(
            actor=None, value=measurement.value_save(period="2023Q3", **kw)
        ),
    )
    value_approved = measurement.value_approve(
        actor=None,
        value=measurement.value_verify(
            actor=None,
            value=measurement.value_submit(
                actor=None, value=measurement.value_save(period="2023Q4", **kw)
            ),
        ),
    )
    lkjip_publish(actor=_superuser(), organisation=kecamatan, year=YEAR)
    draft_agreement = agreements.agreement_save(
        actor=None,
        organisation=kecamatan,
        year=2023,
        first_party=decree.signatory,
        second_party_name="BUPATI",
        second_party_position="BUPATI JEMBER",
        place="Jember",
        date_signed=dt.date(2023, 1, 31),
    )
    # every target of 2023, so the PK can be signed
    targets = {
        period: target_values.TargetInput(Decimal(90))
        for period in ("2023", "2023Q1", "2023Q2", "2023Q3", "2023Q4")
    }
    agreements.agreement_targets_set(
        actor=None,
        agreement=draft_agreement,
        rows={
            i.pk: agreements.IndicatorTargetsInput(values=targets)
            for i in decree.indicators.filter(scale="")
        },
    )
    benchmark = benchmarks.benchmark_save(
        actor=None,
        organisation=kecamatan,
        indicator=indicator,
        year=YEAR,
        value="85,5",
        source="rata-rata kecamatan",
    )
    archived_indicator = indicator_archive(actor=None, indicator=draft.indicators.get(code="2.2"))
    activity = (
        CoordinationActivity.objects.filter(
            field__organisation=kecamatan, results__recommendations__isnull=False
        )
        .order_by("pk")
        .first()
    )
    result = activity.results.filter(recommendations__isnull=False).first()
    recommendation = result.recommendations.order_by("pk").first()
    activity_submitted = coordination.activity_record(
        actor=None,
        field=activity.field,
        title="Rapat koordinasi uji",
        date=dt.date(2022, 10, 3),
        place="Pendopo",
        participants="Polsek",
        results=[],
        minutes=SimpleUploadedFile("notulen.pdf", PDF),
        submit=True,
    )
    followup = coordination.followup_add(
        actor=None,
        recommendation=recommendation,
        status="proses",
        date=dt.date(2022, 11, 1),
        actor_name="Staf",
        evidence=SimpleUploadedFile("bukti.pdf", PDF),
    )
    return {
        "kecamatan": kecamatan,
        "decree": decree,
        "draft": draft,
        "goal": decree.goals.order_by("order").first(),
        "indicator": indicator,
        "draft_indicator": draft.indicators.get(code="2.1"),
        "village": village,
        "value_draft": value_draft,
        "value_submitted": value_submitted,
        "value_verified": value_verified,
        "value_approved": value_approved,
        "draft_agreement": draft_agreement,
        "evidence": evidence,
        "agreement": PerformanceAgreement.objects.get(
            organisation=kecamatan, year=YEAR, status="signed"
        ),
        "renstra": RenstraPeriod.objects.filter(organisation=kecamatan).first(),
        "program": Program.objects.filter(organisation=kecamatan).first(),
        "benchmark": benchmark,
        "archived_indicator": archived_indicator,
        "service": ServiceType.objects.filter(organisation=kecamatan).first(),
        "instrument": Instrument.objects.filter(organisation=kecamatan).first(),
        "field": activity.field,
        "activity": activity,
        "activity_submitted": activity_submitted,
        "activity_with_minutes": activity_submitted,
        "result": result,
        "recommendation": recommendation,
        "followup": followup,
        "apbdes": APBDesDocument.objects.filter(village__parent=kecamatan).first(),
        "spj": SPJReport.objects.filter(village__parent=kecamatan).first(),
    }


def _superuser() -> Any:
    user, _created = get_user_model().objects.get_or_create(
        username="root", defaults={"is_superuser": True, "is_staff": True}
    )
    return user


def world_build() -> World:
    mayang = Organisation.objects.get(code=MAYANG)
    uji = _second_kecamatan(mayang)
    demo_accounts_ensure(kecamatan=mayang)
    _accounts_of_uji(uji)
    # fewer survey answers than the demo's: enough for every page, and the pages stay fast
    with mock.patch("kinerja.skm.demo.RESPONSES_PER_YEAR", 12):
        for kecamatan in (mayang, uji):
            sample_data_prepare(kecamatan=kecamatan, years=[YEAR])
    User = get_user_model()
    users: dict[str, Any] = {
        role: User.objects.get(username=name) for role, name in USERNAMES.items()
    }
    users["anonymous"] = AnonymousUser()
    users["superuser"] = _superuser()
    sides = {OWN: Side(mayang, _objects(mayang)), OTHER: Side(uji, _objects(uji))}
    return World(users=users, sides=sides)
