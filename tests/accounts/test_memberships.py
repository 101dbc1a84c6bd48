"""Roles: the database refuses impossible memberships; clean() explains them."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from kinerja.accounts.access import Action, can_act_in, kecamatan_ids
from kinerja.accounts.models import Membership, Role
from kinerja.accounts.services import membership_grant
from kinerja.organisations.models import Organisation, Unit


@pytest.fixture
def user(db):
    return get_user_model().objects.create_user("uji", password="rahasia-uji-123")


def _errors(membership: Membership) -> dict[str, list[str]]:
    with translation.override("en"):
        with pytest.raises(ValidationError) as info:
            membership.full_clean()
        return info.value.message_dict


def test_database_refuses_a_section_head_without_unit(mayang, user):
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=user, role=Role.KEPALA_SEKSI, organisation=mayang)


def test_database_refuses_a_village_operator_without_village(mayang, user):
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=user, role=Role.OPERATOR_DESA, organisation=mayang)


def test_section_head_needs_a_unit(mayang, user):
    membership = Membership(user=user, role=Role.KEPALA_SEKSI, organisation=mayang)
    assert _errors(membership) == {"unit": ["A section head needs a unit."]}


def test_section_head_unit_of_another_kecamatan(mayang, other_kecamatan, user):
    unit = Unit.objects.get(organisation=other_kecamatan)
    membership = Membership(user=user, role=Role.KEPALA_SEKSI, organisation=mayang, unit=unit)
    assert _errors(membership) == {"unit": ["The unit must belong to the same organisation."]}


def test_village_operator_needs_a_village(mayang, user):
    membership = Membership(user=user, role=Role.OPERATOR_DESA, organisation=mayang)
    assert _errors(membership) == {"village": ["A village operator needs a village."]}


def test_village_operator_village_of_another_kecamatan(mayang, other_kecamatan, user):
    village = Organisation.objects.create(
        code="35.09.27.2001", name="Desa Uji", level="desa", parent=other_kecamatan
    )
    membership = Membership(
        user=user, role=Role.OPERATOR_DESA, organisation=mayang, village=village
    )
    assert _errors(membership) == {"village": ["The village must lie in the same sub-district."]}


def test_camat_belongs_to_a_kecamatan(mayang, user):
    membership = Membership(user=user, role=Role.CAMAT, organisation=mayang.parent)
    assert _errors(membership) == {"organisation": ["This role belongs to a Sub-district."]}


def test_admin_kabupaten_belongs_to_a_regency(mayang, user):
    membership = Membership(user=user, role=Role.ADMIN_KABUPATEN, organisation=mayang)
    assert _errors(membership) == {"organisation": ["This role belongs to a Regency / city."]}


def test_granting_twice_gives_one_membership(mayang, user):
    first = membership_grant(user=user, role=Role.CAMAT, organisation=mayang)
    second = membership_grant(user=user, role=Role.CAMAT, organisation=mayang)
    assert first.pk == second.pk
    assert Membership.objects.filter(user=user).count() == 1


def test_grant_validates(mayang, user):
    with pytest.raises(ValidationError):
        membership_grant(user=user, role=Role.KEPALA_SEKSI, organisation=mayang)
    assert Membership.objects.count() == 0


# ---------------------------------------------------------------- the permission door


def test_who_may_view_and_change_mayang(users, mayang, other_kecamatan):
    may_view = {name for name, u in users.all().items() if can_act_in(u, Action.VIEW, mayang)}
    may_change = {name for name, u in users.all().items() if can_act_in(u, Action.CHANGE, mayang)}
    assert may_view == {"admin_kabupaten", "camat", "perencana", "kepala_seksi", "operator_desa"}
    assert may_change == {"admin_kabupaten", "camat", "perencana"}
    assert can_act_in(users.outsider, Action.CHANGE, other_kecamatan)
    assert can_act_in(users.admin_kabupaten, Action.CHANGE, other_kecamatan)


def test_admin_kabupaten_reaches_every_kecamatan_of_the_regency(users, mayang, other_kecamatan):
    assert kecamatan_ids(users.admin_kabupaten) == {mayang.pk, other_kecamatan.pk}


def test_inactive_user_reaches_nothing(users, mayang):
    users.camat.is_active = False
    users.camat.save()
    assert kecamatan_ids(users.camat) == set()
    assert not can_act_in(users.camat, Action.VIEW, mayang)


def test_superuser_reaches_everything(mayang):
    root = get_user_model().objects.create_superuser("root", password="rahasia-uji-123")
    assert kecamatan_ids(root) is None
    assert can_act_in(root, Action.CHANGE, mayang)


def test_database_refuses_the_same_role_twice_even_without_unit_or_village(mayang, user):
    """unit and village are NULL for a Camat: a plain unique key would let the row in twice."""
    Membership.objects.create(user=user, role=Role.CAMAT, organisation=mayang)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=user, role=Role.CAMAT, organisation=mayang)
    duplicate = Membership(user=user, role=Role.CAMAT, organisation=mayang)
    assert _errors(duplicate) == {"__all__": ["This person already has this role here."]}
    # another role, or the same role in a unit, is a different membership
    Membership.objects.create(user=user, role=Role.PERENCANA, organisation=mayang)
    unit = Unit.objects.filter(organisation=mayang).first()
    Membership.objects.create(user=user, role=Role.KEPALA_SEKSI, organisation=mayang, unit=unit)
    assert Membership.objects.filter(user=user).count() == 3
    # granting again returns the existing membership
    assert membership_grant(user=user, role=Role.CAMAT, organisation=mayang).role == Role.CAMAT
    assert Membership.objects.filter(user=user).count() == 3
