"""Target values shared by the Renstra and the PK: what a user gives for one target and the checks
of it against the indicator (number or grade, range bounds, percentages)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kinerja.core.achievement import SCALES
from kinerja.core.numbers import format_id
from kinerja.iku.models import Indicator, Polarity
from kinerja.planning.services._shared import NumberInput, _number


@dataclass(frozen=True)
class TargetInput:
    """What a user gives for one target: numbers as numbers or as typed text ("81,5")."""

    target: NumberInput = None
    target_upper: NumberInput = None
    target_grade: str = ""


def clean_target_values(
    indicator: Indicator, value: TargetInput
) -> tuple[Decimal | None, Decimal | None, str]:
    """Check one target of ``indicator``; returns (target, upper, grade) or raises
    ``ValidationError`` keyed by ``target``, ``target_upper`` and ``target_grade``."""
    errors: dict[str, str] = {}
    target = upper = None
    try:
        target = _number(value.target, "target")
    except ValidationError as exc:
        errors.update({k: v[0] for k, v in exc.message_dict.items()})
    try:
        upper = _number(value.target_upper, "target_upper")
    except ValidationError as exc:
        errors.update({k: v[0] for k, v in exc.message_dict.items()})
    grade = (value.target_grade or "").strip()
    scale = SCALES.get(indicator.scale)
    if scale is not None:
        if target is not None or upper is not None:
            errors["target"] = _(
                "Indicator %(code)s is measured as a grade; choose a grade instead of a number."
            ) % {"code": indicator.code}
        if grade:
            try:
                scale.score(grade)
            except ValueError:
                errors["target_grade"] = _(
                    "“%(grade)s” is not a grade of %(scale)s; choose one of %(grades)s."
                ) % {
                    "grade": grade,
                    "scale": scale.name,
                    "grades": ", ".join(g for g, _score in scale.grades),
                }
    else:
        if grade:
            errors["target_grade"] = _(
                "Indicator %(code)s is measured as a number, not a grade."
            ) % {"code": indicator.code}
        if indicator.polarity == Polarity.RANGE:
            if (target is None) != (upper is None) and "target" not in errors:
                errors["target_upper" if upper is None else "target"] = _(
                    "A range target needs both its lower and its upper bound."
                )
            elif target is not None and upper is not None and target > upper:
                errors["target_upper"] = _(
                    "The upper bound (%(upper)s) must not be below the lower bound (%(lower)s)."
                ) % {
                    "upper": format_id(upper, indicator.decimals),
                    "lower": format_id(target, indicator.decimals),
                }
        elif upper is not None:
            errors["target_upper"] = _(
                "Only an indicator measured within a range has an upper bound."
            )
        if indicator.unit.strip() == "%":
            for name, number in (("target", target), ("target_upper", upper)):
                if number is not None and number < 0 and name not in errors:
                    errors[name] = _("A percentage target cannot be negative.")
    if errors:
        raise ValidationError(errors)
    return target, upper, grade
