"""Demo accounts and sample data, always labelled DATA CONTOH (sample data).

No published targets or realizations of Kecamatan Mayang exist (domain notes, section 1), so
whatever the demo creates is made up and must say so. Later parts of the system (planning,
measurement, the SKM survey, the registers) add their sample data by registering a step:

    from kinerja.accounts.demo import register_sample_data_step

    @register_sample_data_step
    def realizations(organisation, years): ...

Each step is called with the kecamatan and the years to prepare, and must be idempotent.

The kecamatan is marked as holding sample data (:class:`~kinerja.accounts.models.SampleDataMark`),
so its pages carry the DATA CONTOH banner and its generated documents the DATA CONTOH watermark,
even where a document prints real officials' names.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, overload

from django.db import transaction
from django.utils import translation
from django.utils.text import slugify

from kinerja.accounts.models import Role
from kinerja.accounts.services import sample_data_mark, user_with_role
from kinerja.organisations.models import Organisation, Unit, UnitKind

SAMPLE_LABEL = "DATA CONTOH"
DEMO_PASSWORD = "kinerja-demo"
# The first year with an IKU decree (Keputusan Camat Mayang of 3 January 2022).
FIRST_SAMPLE_YEAR = 2022

SampleDataStep = Callable[[Organisation, list[int]], Any]
SAMPLE_DATA_STEPS: list[SampleDataStep] = []

# Short usernames for the sections of a kecamatan; other sections get one made from their name.
SECTION_USERNAMES = {
    "Seksi Pemerintahan": "kasi.pemerintahan",
    "Seksi Pelayanan Umum": "kasi.pelayanan",
    "Seksi Pemberdayaan Masyarakat dan Kesejahteraan Sosial": "kasi.pmks",
    "Seksi Ketertiban dan Ketentraman Umum": "kasi.trantib",
}


#: The stages of the demo: the records first (plans, SKM responses, register entries), then the
#: values computed from them (measurement). A step runs after every step of an earlier stage.
RECORDS_STAGE = 0
VALUES_STAGE = 1
_STAGE_OF: dict[SampleDataStep, int] = {}


@overload
def register_sample_data_step(step: SampleDataStep, *, stage: int = ...) -> SampleDataStep: ...
@overload
def register_sample_data_step(
    step: None = None, *, stage: int = ...
) -> Callable[[SampleDataStep], SampleDataStep]: ...
def register_sample_data_step(
    step: SampleDataStep | None = None, *, stage: int = RECORDS_STAGE
) -> Any:
    """Add ``step`` to the demo (once; in registration order within its ``stage``); usable as a
    decorator, bare or as ``@register_sample_data_step(stage=VALUES_STAGE)``."""

    def add(step: SampleDataStep) -> SampleDataStep:
        if step not in SAMPLE_DATA_STEPS:
            _STAGE_OF[step] = stage
            later = (i for i, s in enumerate(SAMPLE_DATA_STEPS) if _STAGE_OF.get(s, 0) > stage)
            SAMPLE_DATA_STEPS.insert(next(later, len(SAMPLE_DATA_STEPS)), step)
        return step

    return add if step is None else add(step)


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: Role
    where: str


def _slug(name: str) -> str:
    return slugify(name).replace("-", "")


def _plan(kecamatan: Organisation) -> list[tuple[str, Role, dict[str, Any], str]]:
    """(username, role, where the role is held, description of the place) for every account."""
    kabupaten = kecamatan.parent
    assert kabupaten is not None
    short = _slug(kecamatan.name)
    plan: list[tuple[str, Role, dict[str, Any], str]] = [
        (
            f"admin.{_slug(kabupaten.name.removeprefix('Kabupaten ').removeprefix('Kota '))}",
            Role.ADMIN_KABUPATEN,
            {"organisation": kabupaten},
            kabupaten.name,
        ),
        (f"camat.{short}", Role.CAMAT, {"organisation": kecamatan}, f"Kecamatan {kecamatan.name}"),
        (
            f"perencana.{short}",
            Role.PERENCANA,
            {"organisation": kecamatan},
            f"Kecamatan {kecamatan.name}",
        ),
    ]
    for unit in Unit.objects.filter(organisation=kecamatan, kind=UnitKind.SECTION).order_by(
        "order", "name"
    ):
        username = SECTION_USERNAMES.get(
            unit.name, f"kasi.{_slug(unit.name.removeprefix('Seksi '))}"
        )
        plan.append(
            (
                username,
                Role.KEPALA_SEKSI,
                {"organisation": kecamatan, "unit": unit},
                unit.name,
            )
        )
    for village in kecamatan.children.villages().order_by("code"):
        plan.append(
            (
                f"operator.{_slug(village.name)}",
                Role.OPERATOR_DESA,
                {"organisation": kecamatan, "village": village},
                f"{village.get_level_display()} {village.name}",
            )
        )
    return plan


def _indonesian(text: Any) -> str:
    """Names are stored once: in the interface's first language, whatever the caller's."""
    with translation.override("id"):
        return str(text)


@transaction.atomic
def demo_accounts_ensure(*, kecamatan: Organisation) -> list[DemoAccount]:
    """Create (or reset to the demo password) one account per role in ``kecamatan``."""
    accounts = []
    for username, role, where, description in _plan(kecamatan):
        user_with_role(
            username=username,
            password=DEMO_PASSWORD,
            role=role,
            full_name=f"{SAMPLE_LABEL}: {_indonesian(role.label)}",
            **where,
        )
        accounts.append(DemoAccount(username=username, role=role, where=description))
    return accounts


def sample_years(last_year: int) -> list[int]:
    """The years sample data is prepared for: from the first decree's year to ``last_year``."""
    return list(range(FIRST_SAMPLE_YEAR, last_year + 1))


def sample_data_prepare(*, kecamatan: Organisation, years: list[int]) -> None:
    """Mark ``kecamatan`` as holding sample data, then run every registered sample-data step (each
    one idempotent). The mark comes first, so whatever a step writes is marked even if a later
    step fails: pages show the DATA CONTOH banner and documents the DATA CONTOH watermark."""
    sample_data_mark(organisation=kecamatan, years=years)
    for step in SAMPLE_DATA_STEPS:
        step(kecamatan, years)
