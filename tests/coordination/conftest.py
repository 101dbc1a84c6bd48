"""Fixtures of the coordination-register tests: the three fields of Mayang and a scenario year."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from kinerja.accounts.models import Role
from kinerja.accounts.services import user_with_role
from kinerja.coordination import services
from kinerja.coordination.models import CoordinationField
from kinerja.coordination.services import RecommendationInput as Rec
from kinerja.coordination.services import ResultInput as Res
from kinerja.iku.models import Decree, Indicator
from kinerja.organisations.models import Organisation, Unit

D = dt.date


@pytest.fixture
def fields(mayang: Organisation) -> dict[str, CoordinationField]:
    return {f.code: f for f in services.fields_ensure_default(organisation=mayang)}


@pytest.fixture
def ind(default_decree: Decree) -> Callable[[str], Indicator]:
    return lambda code: default_decree.indicators.get(code=code)


@pytest.fixture
def kasi_pmks(mayang: Organisation) -> Any:
    unit = Unit.objects.get(
        organisation=mayang, name="Seksi Pemberdayaan Masyarakat dan Kesejahteraan Sosial"
    )
    user = user_with_role(
        username="kasi.pmks.uji",
        password="rahasia-uji-123",
        role=Role.KEPALA_SEKSI,
        organisation=mayang,
        unit=unit,
    )
    user.email = "pmks@mayang.test"
    user.save()
    return user


@pytest.fixture
def client_as(users: Any) -> Callable[[str], Client]:
    def make(role: str) -> Client:
        client = Client()
        user = getattr(users, role)
        if user.is_authenticated:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def scenario(fields: dict[str, CoordinationField]) -> dict[str, Any]:
    """One year (2022) of the Pemerintahan register, recorded by trusted calls:

    Q1  A1 2022-02-10  R1: a (selesai 1 Mar), b (selesai 20 Mar)          -> all done in Q1
                       R2: c (proses 10 Mar, selesai 5 Apr: after the quarter)
        A2 2022-03-15  R3: no recommendation
    Q2  A3 2022-05-10  R4: d (selesai 1 Jun)
                       R5: e (belum 11 May; due 1 Jun: overdue)
    Q3  A4 2022-08-01  R6: f (selesai 2 Aug) — activity left as a DRAFT
    Q4  A5 2022-12-28  R7 dated 2023-01-03: g (selesai 10 Jan 2023: after the quarter)
    """
    field = fields["pemerintahan"]

    def record(date: D, results: list[Res], submit: bool = True) -> Any:
        return services.activity_record(
            actor=None,
            field=field,
            title=f"Rapat koordinasi {date:%d-%m}",
            date=date,
            place="Pendopo Kecamatan",
            participants="Polsek Mayang\nKoramil Mayang",
            results=results,
            submit=submit,
        )

    a1 = record(
        D(2022, 2, 10),
        [
            Res(
                "R1",
                recommendations=[Rec("a", "Desa", D(2022, 3, 1)), Rec("b", "Desa", D(2022, 3, 31))],
            ),
            Res("R2", recommendations=[Rec("c", "Polsek", D(2022, 3, 31))]),
        ],
    )
    a2 = record(D(2022, 3, 15), [Res("R3")])
    a3 = record(
        D(2022, 5, 10),
        [
            Res("R4", recommendations=[Rec("d", "Desa", D(2022, 6, 30))]),
            Res("R5", recommendations=[Rec("e", "Koramil", D(2022, 6, 1))]),
        ],
    )
    a4 = record(
        D(2022, 8, 1), [Res("R6", recommendations=[Rec("f", "Desa", D(2022, 8, 31))])], submit=False
    )
    a5 = record(
        D(2022, 12, 28),
        [Res("R7", date=D(2023, 1, 3), recommendations=[Rec("g", "Desa", D(2023, 1, 31))])],
    )
    recs = {
        r.text: r
        for a in (a1, a2, a3, a4, a5)
        for res in a.results.all()
        for r in res.recommendations.all()
    }

    def follow(text: str, status: str, date: D) -> Any:
        return services.followup_add(
            actor=None, recommendation=recs[text], status=status, date=date, actor_name="Staf"
        )

    follow("a", "selesai", D(2022, 3, 1))
    follow("b", "selesai", D(2022, 3, 20))
    follow("c", "proses", D(2022, 3, 10))
    follow("c", "selesai", D(2022, 4, 5))
    follow("d", "selesai", D(2022, 6, 1))
    follow("e", "belum", D(2022, 5, 11))
    follow("f", "selesai", D(2022, 8, 2))
    follow("g", "selesai", D(2023, 1, 10))
    return {"field": field, "activities": [a1, a2, a3, a4, a5], "recs": recs, "follow": follow}
