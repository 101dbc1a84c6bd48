"""Writes of users' roles."""

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from kinerja.accounts.models import Membership, Role, SampleDataMark
from kinerja.common.services import save_validated
from kinerja.organisations.models import Organisation, Unit


@transaction.atomic
def membership_grant(
    *,
    user: Any,
    role: Role,
    organisation: Organisation,
    unit: Unit | None = None,
    village: Organisation | None = None,
    actor: Any = None,
) -> Membership:
    existing = Membership.objects.filter(
        user=user, role=role, organisation=organisation, unit=unit, village=village
    ).first()
    if existing is not None:
        return existing
    membership = Membership(
        user=user, role=role, organisation=organisation, unit=unit, village=village
    )
    save_validated(membership, actor=actor)
    return membership


@transaction.atomic
def user_with_role(
    *,
    username: str,
    password: str,
    role: Role,
    organisation: Organisation,
    unit: Unit | None = None,
    village: Organisation | None = None,
    full_name: str = "",
) -> Any:
    """Create (or reset the password of) a user and grant one role."""
    User = get_user_model()
    user, _created = User.objects.get_or_create(username=username)
    if full_name:
        user.first_name = full_name
    user.set_password(password)
    user.save()
    membership_grant(user=user, role=role, organisation=organisation, unit=unit, village=village)
    return user


@transaction.atomic
def sample_data_mark(
    *, organisation: Organisation, years: list[int], actor: Any = None
) -> SampleDataMark:
    """Record that ``organisation`` holds sample data (DATA CONTOH) for ``years``.

    Idempotent: a second call keeps the one mark and adds the years it did not have yet."""
    mark = SampleDataMark.objects.select_for_update().filter(organisation=organisation).first()
    if mark is None:
        mark = SampleDataMark(organisation=organisation, years=list(years))
    elif set(years) <= set(mark.years):
        return mark
    else:
        mark.years = [*mark.years, *years]
    save_validated(mark, actor=actor)  # clean() checks the years and sorts them
    return mark
