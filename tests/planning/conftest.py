"""Fixtures of the planning tests: Mayang's indicators, a draft PK 2022 and a complete one."""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from kinerja.iku.models import Decree, Indicator
from kinerja.organisations.models import Official, Organisation
from kinerja.planning.models import PerformanceAgreement
from kinerja.planning.services.agreements import agreement_save, agreement_sign, target_set

D = Decimal


@pytest.fixture
def ind(default_decree: Decree) -> dict[str, Indicator]:
    """Mayang's five indicators by code (all ratio, higher is better; 1.1 in 'nilai', 2.x in %)."""
    return {i.code: i for i in default_decree.active_indicators()}


@pytest.fixture
def camat_official(mayang: Organisation) -> Official:
    return Official.objects.get(organisation=mayang, nip__startswith="19730725")


@pytest.fixture
def agreement(mayang: Organisation, camat_official: Official) -> PerformanceAgreement:
    return agreement_save(
        actor=None,
        organisation=mayang,
        year=2022,
        first_party=camat_official,
        second_party_name="H. HENDY SISWANTO, S.T., IPU.",
        second_party_position="BUPATI JEMBER",
        place="Jember",
        date_signed=dt.date(2022, 1, 31),
    )


def fill(agreement: PerformanceAgreement, ind: dict[str, Indicator]) -> None:
    """Annual and cumulative quarterly targets for every indicator: 1.1 82 (80/81/81,5/82),
    2.x 90 (75/80/85/90); all consistent under the ratio rule (TW IV = year)."""
    for code, indicator in ind.items():
        if code == "1.1":
            values = ["82", "80", "81", "81,5", "82"]
        else:
            values = ["90", "75", "80", "85", "90"]
        periods = ["2022", "2022Q1", "2022Q2", "2022Q3", "2022Q4"]
        for period, value in zip(periods, values, strict=True):
            target_set(
                actor=None, agreement=agreement, indicator=indicator, period=period, target=value
            )


@pytest.fixture
def filled(agreement: PerformanceAgreement, ind: dict[str, Indicator]) -> PerformanceAgreement:
    fill(agreement, ind)
    return agreement


@pytest.fixture
def signed(filled: PerformanceAgreement) -> PerformanceAgreement:
    return agreement_sign(actor=None, agreement=filled)


@pytest.fixture
def as_rule() -> Any:
    """Change an indicator's aggregation rule for a test (rolled back with the test)."""

    def change(indicator: Indicator, rule: str) -> Indicator:
        Indicator.objects.filter(pk=indicator.pk).update(aggregation=rule)
        indicator.refresh_from_db()
        return indicator

    return change


@pytest.fixture
def client_as(users: Any) -> Any:
    """``client_as("camat")``: a client logged in as that role user (anonymous: not logged in)."""
    from django.test import Client

    def make(role: str) -> Client:
        client = Client()
        user = getattr(users, role)
        if user.is_authenticated:
            client.force_login(user)
        return client

    return make
