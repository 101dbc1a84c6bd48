"""What the planning services share: the permission check, typed numbers, the decree in force and
the indicator's organisation. Private to the package: callers import the concept modules."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from kinerja.accounts.access import Action, UserLike, can_act_in
from kinerja.core.numbers import parse_number
from kinerja.iku.models import Decree, Indicator
from kinerja.organisations.models import Organisation

NumberInput = Decimal | int | str | None


def _require(user: UserLike | None, organisation: Organisation) -> None:
    if user is not None and not can_act_in(user, Action.CHANGE, organisation):
        raise PermissionDenied(
            _("You may not change the planning of %(org)s.") % {"org": organisation}
        )


def _number(value: NumberInput, field_name: str) -> Decimal | None:
    """A number from a service argument; typed text is read as Indonesian (core.numbers)."""
    if value is None:
        return None
    if isinstance(value, bool | float):
        raise TypeError("numbers must be Decimal, int or text")
    if isinstance(value, str):
        if not value.strip():
            return None
        try:
            return parse_number(value)
        except ValueError:
            raise ValidationError(
                {
                    field_name: _("“%(value)s” is not a number. Write it like 82, 81,5 or 1.234,5.")
                    % {"value": value.strip()}
                }
            ) from None
    return Decimal(value)


def _active_decree(organisation: Organisation) -> Decree | None:
    return organisation.decrees.in_force().first()


def _check_indicator(organisation: Organisation, indicator: Indicator) -> None:
    if indicator.decree.organisation_id != organisation.pk:
        raise ValidationError(
            {
                "indicator": _("Indicator %(code)s is not an indicator of %(org)s.")
                % {"code": indicator.code, "org": organisation}
            }
        )


def _is_empty(target: Decimal | None, upper: Decimal | None, grade: str) -> bool:
    return target is None and upper is None and not grade
