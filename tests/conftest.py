"""Shared fixtures: the default data and one named user per role."""

from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from kinerja.accounts.models import Role
from kinerja.accounts.services import user_with_role
from kinerja.iku.models import Decree
from kinerja.iku.services import default_data_load
from kinerja.organisations.models import Level, Organisation, Unit

PASSWORD = "rahasia-uji-123"


@dataclass
class RoleUsers:
    """The named test users: one per role in Mayang, plus an outsider from another kecamatan."""

    admin_kabupaten: Any
    camat: Any
    perencana: Any
    kepala_seksi: Any
    operator_desa: Any
    outsider: Any
    anonymous: Any

    def all(self) -> dict[str, Any]:
        return dict(self.__dict__)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    """Load the default data once into the test database; each test runs in a transaction that
    is rolled back, so every test starts from it. (Tests that flush get it back through the
    ``mayang`` fixture, which loads it again when missing.)"""
    with django_db_blocker.unblock():
        default_data_load()


@pytest.fixture(autouse=True)
def _english_outside_requests() -> Any:
    """Code the tests call directly (services, selectors) speaks English, the msgids the tests
    assert; pages still speak Indonesian, because the language middleware activates it for each
    request (tests of the Indonesian texts go through pages or translation.override)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    """The tests create many users; a real password hash per user would dominate their time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def mayang(db: Any) -> Organisation:
    default_data_load()
    return Organisation.objects.get(code="35.09.26")


@pytest.fixture
def default_decree(mayang: Organisation) -> Decree:
    return Decree.objects.get(organisation=mayang, status="in_force")


@pytest.fixture
def draft_decree(default_decree: Decree) -> Decree:
    """A draft in Mayang (a copy of the decree in force): only Mayang's members may see it."""
    from kinerja.iku.services import decree_copy

    return decree_copy(actor=None, source=default_decree)


@pytest.fixture
def other_kecamatan(mayang: Organisation) -> Organisation:
    """Another kecamatan of the same regency, with a unit of its own."""
    other = Organisation.objects.create(
        code="35.09.27", name="Kecamatan Uji", level=Level.KECAMATAN, parent=mayang.parent
    )
    Unit.objects.create(organisation=other, name="Seksi Pemerintahan", kind="seksi", order=1)
    return other


@pytest.fixture
def users(mayang: Organisation, other_kecamatan: Organisation) -> RoleUsers:
    section = Unit.objects.get(organisation=mayang, name="Seksi Pemerintahan")
    village = Organisation.objects.get(code="35.09.26.2001")
    return RoleUsers(
        admin_kabupaten=user_with_role(
            username="admin.jember",
            password=PASSWORD,
            role=Role.ADMIN_KABUPATEN,
            organisation=mayang.parent,
        ),
        camat=user_with_role(
            username="camat.mayang", password=PASSWORD, role=Role.CAMAT, organisation=mayang
        ),
        perencana=user_with_role(
            username="perencana.mayang",
            password=PASSWORD,
            role=Role.PERENCANA,
            organisation=mayang,
        ),
        kepala_seksi=user_with_role(
            username="kasi.pemerintahan",
            password=PASSWORD,
            role=Role.KEPALA_SEKSI,
            organisation=mayang,
            unit=section,
        ),
        operator_desa=user_with_role(
            username="operator.mrawan",
            password=PASSWORD,
            role=Role.OPERATOR_DESA,
            organisation=mayang,
            village=village,
        ),
        outsider=user_with_role(
            username="camat.uji", password=PASSWORD, role=Role.CAMAT, organisation=other_kecamatan
        ),
        anonymous=AnonymousUser(),
    )
