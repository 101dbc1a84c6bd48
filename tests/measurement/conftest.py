"""Fixtures of the measurement tests: indicators of Mayang's decree, a PK with targets, clients."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from kinerja.iku.models import Decree, Indicator


@pytest.fixture
def ind(default_decree: Decree) -> Callable[[str], Indicator]:
    """``ind("2.1")``: the indicator of Mayang's decree in force with that code, switched to
    manual entry (the seed computes most of them from registers; these tests are about what a
    person types)."""
    default_decree.indicators.exclude(value_source="manual").update(value_source="manual")
    return lambda code: default_decree.indicators.get(code=code)


@pytest.fixture
def value(users: Any, ind: Callable[[str], Indicator]) -> Any:
    """2.1 TW I 2022: 9 / 10 × 100 = 90, entered by the Kepala Seksi Pemerintahan (a draft)."""
    from kinerja.measurement import services

    return services.value_save(
        actor=users.kepala_seksi,
        indicator=ind("2.1"),
        organisation=ind("2.1").decree.organisation,
        period="2022Q1",
        numerator="9",
        denominator="10",
    )


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
def pk_targets(mayang: Any, default_decree: Decree) -> Callable[..., Any]:
    """``pk_targets({"2.1": {"2022Q1": "80"}})``: a draft PK 2022 of Mayang with those targets."""
    from kinerja.planning.models import PerformanceAgreement, Target

    def make(targets: dict[str, dict[str, str]], year: int = 2022) -> Any:
        agreement, _ = PerformanceAgreement.objects.get_or_create(organisation=mayang, year=year)
        for code, periods in targets.items():
            indicator = default_decree.indicators.get(code=code)
            for period, target in periods.items():
                Target.objects.update_or_create(
                    agreement=agreement,
                    indicator=indicator,
                    period=period,
                    defaults={"target": target},
                )
        return agreement

    return make


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
