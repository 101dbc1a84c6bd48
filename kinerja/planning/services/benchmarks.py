"""Writes of benchmarks (pembanding): the values an indicator is compared with in the LKjIP.

Keyword-only, one transaction, the permission door, ``full_clean`` and the actor in the audit
history; ``actor`` None is a trusted caller (a command or the demo)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kinerja.accounts.access import UserLike
from kinerja.common.services import delete_recorded, save_validated
from kinerja.iku.models import Indicator
from kinerja.organisations.models import Organisation
from kinerja.planning.models import IndicatorBenchmark
from kinerja.planning.services._shared import NumberInput, _check_indicator, _number, _require

BENCHMARK_YEARS = (2000, 2100)


@transaction.atomic
def benchmark_save(
    *,
    actor: UserLike | None,
    organisation: Organisation,
    indicator: Indicator,
    year: int,
    value: NumberInput,
    source: str,
    description: str = "",
    benchmark: IndicatorBenchmark | None = None,
) -> IndicatorBenchmark:
    """Enter or change the benchmark of ``indicator`` for ``year`` from ``source`` (e.g. "rata-rata
    kecamatan se-Kabupaten Jember"). Without ``benchmark`` an existing value of the same source is
    replaced, so entering it twice changes it rather than failing. A benchmark is a number in the
    indicator's unit: grade indicators have none."""
    _require(actor, organisation)
    if benchmark is not None and benchmark.organisation_id != organisation.pk:
        raise ValidationError(
            {"organisation": _("A benchmark cannot move to another organisation.")}
        )
    _check_indicator(organisation, indicator)
    if indicator.scale:
        raise ValidationError(
            {
                "indicator": _(
                    "Indicator %(code)s is rated by grade; a benchmark must be a number."
                )
                % {"code": indicator.code}
            }
        )
    if not BENCHMARK_YEARS[0] <= year <= BENCHMARK_YEARS[1]:
        raise ValidationError({"year": _("The year must be a number such as 2022.")})
    number = _number(value, "value")
    if number is None:
        raise ValidationError({"value": _("Enter the benchmark value.")})
    source = " ".join((source or "").split())
    if benchmark is None:
        benchmark = IndicatorBenchmark.objects.filter(
            indicator=indicator, organisation=organisation, year=year, source=source
        ).first() or IndicatorBenchmark(organisation=organisation)
    benchmark.indicator = indicator
    benchmark.year = year
    benchmark.value = number
    benchmark.source = source
    benchmark.description = (description or "").strip()
    if actor is not None and actor.is_authenticated:
        benchmark.entered_by = actor
    save_validated(benchmark, actor=actor)
    return benchmark


@transaction.atomic
def benchmark_delete(*, actor: UserLike | None, benchmark: IndicatorBenchmark) -> None:
    """Remove a benchmark (its history keeps it)."""
    _require(actor, benchmark.organisation)
    delete_recorded(benchmark, actor=actor)
