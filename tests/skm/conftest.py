"""Fixtures of the SKM tests: Mayang's default instrument and two services."""

from typing import Any

import pytest

from kinerja.skm.models import Instrument, ServiceType
from kinerja.skm.services import ResponseInput, instrument_create_default, service_save


@pytest.fixture
def instrument(mayang: Any) -> Instrument:
    return instrument_create_default(actor=None, organisation=mayang)


@pytest.fixture
def ktp(mayang: Any) -> ServiceType:
    return service_save(actor=None, organisation=mayang, name="Rekomendasi KTP-el/KK", order=1)


@pytest.fixture
def skck(mayang: Any) -> ServiceType:
    return service_save(actor=None, organisation=mayang, name="Surat Pengantar SKCK", order=2)


def respondent(service: ServiceType, answers: list[int | None], **extra: Any) -> ResponseInput:
    """A questionnaire with answers U1..Un in order (None = not answered)."""
    fields: dict[str, Any] = {
        "gender": "P",
        "education": "SMA",
        "occupation": "Wirausaha",
        "age": 30,
    }
    fields.update(extra)
    return ResponseInput(
        service=service,
        answers={f"U{i}": v for i, v in enumerate(answers, 1)},
        **fields,
    )
