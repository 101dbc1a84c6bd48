"""Sample data of the SKM (DATA CONTOH): the default instrument and services of the kecamatan, a
few hundred made-up questionnaires per sample year and the number of service users; then the
value of IKU 1.1 is refreshed from them. Idempotent: a year that already has responses is left
alone. Everything is labelled DATA CONTOH; the answers are drawn by a seeded random generator.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kinerja.accounts.demo import SAMPLE_LABEL, register_sample_data_step
from kinerja.iku.models import Indicator
from kinerja.measurement.demo import register_sample_narrative
from kinerja.organisations.models import Organisation
from kinerja.skm import selectors
from kinerja.skm.models import Channel, Education, Instrument, Occupation, Response, ServiceType
from kinerja.skm.services import (
    DEFAULT_SERVICES,
    ResponseInput,
    instrument_create_default,
    responses_store_many,
    service_save,
    service_user_count_set,
    skm_refresh_iku,
)

RESPONSES_PER_YEAR = 300
# How the made-up answers lean per unsur (U1..U9): weights of the answers 1, 2, 3, 4.
LEANINGS = (
    (1, 4, 30, 20),
    (1, 6, 30, 15),
    (2, 10, 30, 10),
    (0, 1, 10, 40),
    (1, 4, 30, 15),
    (1, 5, 30, 15),
    (1, 3, 25, 25),
    (3, 12, 28, 8),
    (2, 8, 30, 12),
)


def _services(organisation: Organisation) -> list[ServiceType]:
    existing = {s.name: s for s in ServiceType.objects.filter(organisation=organisation)}
    for order, name in enumerate(DEFAULT_SERVICES, 1):
        if name not in existing:
            existing[name] = service_save(
                actor=None, organisation=organisation, name=name, order=order
            )
    return [existing[name] for name in DEFAULT_SERVICES]


def _respondent(rng: random.Random, service: ServiceType, day: date, n_unsur: int) -> ResponseInput:
    answers: dict[str, int | None] = {}
    for i in range(n_unsur):
        weights = LEANINGS[i % len(LEANINGS)]
        # One in twenty leaves a question open (e.g. no complaint handled yet: U8).
        answers[f"U{i + 1}"] = (
            None if rng.random() < 0.05 else rng.choices((1, 2, 3, 4), weights)[0]
        )
    if all(v is None for v in answers.values()):
        answers["U1"] = 3
    return ResponseInput(
        service=service,
        answers=answers,
        gender=rng.choice(("L", "P")),
        age=rng.randint(17, 75),
        education=rng.choices(Education.values, (15, 20, 35, 8, 15, 5, 2))[0],
        occupation=rng.choices(Occupation.values, (8, 1, 1, 25, 35, 30))[0],
        saran=f"{SAMPLE_LABEL}: pelayanan sudah baik" if rng.random() < 0.1 else "",
        channel=rng.choice((Channel.ONLINE, Channel.KIOSK, Channel.PAPER)),
        date=day,
        submitted_at=timezone.make_aware(
            datetime.combine(day, time(rng.randint(8, 14), rng.randint(0, 59)))
        ),
    )


@register_sample_data_step
def skm_sample_data(organisation: Organisation, years: list[int]) -> None:
    with transaction.atomic():
        instrument = selectors.instrument_active(organisation) or instrument_create_default(
            actor=None, organisation=organisation
        )
        services = _services(organisation)
        n_unsur = instrument.unsur.count()
        for year in years:
            if Response.objects.filter(organisation=organisation, year=year).exists():
                continue
            rng = random.Random(f"skm-{organisation.code}-{year}")
            items = []
            for _ in range(RESPONSES_PER_YEAR):
                day = date(year, 1, 1) + timedelta(days=rng.randrange(365))
                service = rng.choices(services, (30, 20, 20, 15, 5, 10))[0]
                items.append(_respondent(rng, service, day, n_unsur))
            responses_store_many(actor=None, instrument=instrument, items=items)
            for service in services:
                for quarter in (1, 2, 3, 4):
                    service_user_count_set(
                        actor=None,
                        service=service,
                        year=year,
                        quarter=quarter,
                        users=rng.randint(40, 260),
                    )
    _refresh(organisation, years, instrument)


def _refresh(organisation: Organisation, years: list[int], instrument: Instrument) -> None:
    for year in years:
        for period in (str(year), *(f"{year}Q{q}" for q in (1, 2, 3, 4))):
            try:
                with transaction.atomic():
                    skm_refresh_iku(actor=None, organisation=organisation, period=period)
            except ValidationError:
                continue  # e.g. an approved value, which stays as approved


#: Sample kendala / upaya / rencana tindak lanjut of an indicator measured by the survey.
NARRATIVE: dict[str, str] = {
    "kendala": "responden survei kepuasan belum merata antarjenis layanan; unsur waktu "
    "pelayanan mendapat nilai terendah karena antrean pada jam sibuk.",
    "upaya": "kuesioner SKM disediakan juga secara daring (kode QR) di ruang tunggu, petugas "
    "membantu pemohon mengisinya, dan antrean diatur dengan nomor urut.",
    "rencana_tindak_lanjut": "perbaikan unsur bernilai terendah (waktu pelayanan) dan "
    "pengumuman hasil SKM di ruang pelayanan setiap triwulan.",
}


@register_sample_narrative
def skm_narrative(indicator: Indicator) -> tuple[str, dict[str, str]] | None:
    """The survey's narrative: for an indicator computed from the SKM, or typed in by hand and
    named after it."""
    name = indicator.name.lower()
    if indicator.value_source == "skm" or "skm" in name.split() or "kepuasan masyarakat" in name:
        return "skm", NARRATIVE
    return None
