"""Test data for the read side: values and PK targets created directly through the models."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from kinerja.core.periods import parse_period
from kinerja.iku.models import Indicator
from kinerja.measurement.models import IndicatorValue
from kinerja.planning.models import PerformanceAgreement, Target


def dec(x: Any) -> Decimal | None:
    return None if x is None else Decimal(str(x))


def indicator(decree: Any, code: str) -> Indicator:
    return Indicator.objects.get(decree=decree, code=code)


def put_value(
    ind: Indicator,
    organisation: Any,
    period: str,
    num: Any = None,
    den: Any = None,
    *,
    value: Any = None,
    grade: str = "",
    status: str = "approved",
    source: str = "manual",
) -> IndicatorValue:
    p = parse_period(period)
    return IndicatorValue.objects.create(
        indicator=ind,
        organisation=organisation,
        period=period,
        period_start=p.start,
        period_end=p.end,
        numerator=dec(num),
        denominator=dec(den),
        value=dec(value),
        grade=grade,
        status=status,
        source=source,
    )


def put_target(
    ind: Indicator,
    organisation: Any,
    period: str,
    target: Any = None,
    *,
    upper: Any = None,
    grade: str = "",
    signed: bool = True,
) -> Target:
    year = parse_period(period).year
    agreement, _ = PerformanceAgreement.objects.get_or_create(
        organisation=organisation,
        year=year,
        defaults={
            "status": "signed" if signed else "draft",
            "date_signed": parse_period(str(year)).start if signed else None,
        },
    )
    return Target.objects.create(
        agreement=agreement,
        indicator=ind,
        period=period,
        target=dec(target),
        target_upper=dec(upper),
        target_grade=grade,
    )
