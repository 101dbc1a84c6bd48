"""The permission door: which kecamatan a request is about, one scoped object, the unit head."""

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from kinerja.accounts.access import (
    Action,
    get_for_user_or_404,
    headed_unit_ids,
    is_unit_head,
    kecamatan_for_user,
    organisation_for_request,
)
from kinerja.accounts.models import Role
from kinerja.accounts.services import user_with_role
from kinerja.iku.models import Decree
from kinerja.organisations.models import Level, Organisation, Unit
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

MAYANG = "35.09.26"
OTHER = "35.09.27"


def _request(user: Any, query: str = "") -> Any:
    request = RequestFactory().get("/halaman/" + (f"?{query}" if query else ""))
    request.user = user
    return request


def _codes(user: Any, action: Action = Action.VIEW) -> list[str]:
    return [o.code for o in kecamatan_for_user(user, action)]


# ---------------------------------------------------------------- kecamatan_for_user


def test_kecamatan_for_user_by_role(users: Any) -> None:
    for name in ("camat", "perencana", "kepala_seksi", "operator_desa"):
        assert _codes(getattr(users, name)) == [MAYANG], name
    assert _codes(users.admin_kabupaten) == [MAYANG, OTHER]  # every kecamatan of the regency
    assert _codes(users.outsider) == [OTHER]
    assert _codes(users.anonymous) == []
    # Changing belongs to the Camat, the Perencana and the Admin Kabupaten only.
    assert _codes(users.camat, Action.CHANGE) == [MAYANG]
    assert _codes(users.perencana, Action.CHANGE) == [MAYANG]
    assert _codes(users.kepala_seksi, Action.CHANGE) == []
    assert _codes(users.operator_desa, Action.CHANGE) == []
    assert _codes(users.admin_kabupaten, Action.CHANGE) == [MAYANG, OTHER]


# ---------------------------------------------------------------- organisation_for_request


def test_own_kecamatan_when_none_is_asked(users: Any) -> None:
    for name in ("camat", "perencana", "kepala_seksi", "operator_desa", "admin_kabupaten"):
        assert organisation_for_request(_request(getattr(users, name))).code == MAYANG, name
    assert organisation_for_request(_request(users.outsider)).code == OTHER


def test_asked_kecamatan_of_the_user(users: Any) -> None:
    assert organisation_for_request(_request(users.camat, f"organisasi={MAYANG}")).code == MAYANG
    assert organisation_for_request(_request(users.camat), code=MAYANG).code == MAYANG
    asked = _request(users.admin_kabupaten, f"organisasi={OTHER}")
    assert organisation_for_request(asked).code == OTHER
    assert organisation_for_request(asked, Action.CHANGE).code == OTHER


def test_asked_by_pk(users: Any, mayang: Organisation, other_kecamatan: Organisation) -> None:
    assert organisation_for_request(_request(users.camat), pk=mayang.pk) == mayang
    # The URL's pk wins over ?organisasi=.
    asked = _request(users.admin_kabupaten, f"organisasi={MAYANG}")
    assert organisation_for_request(asked, pk=other_kecamatan.pk) == other_kecamatan
    with pytest.raises(Http404):
        organisation_for_request(_request(users.camat), pk=other_kecamatan.pk)
    with pytest.raises(Http404):  # a village is no kecamatan
        organisation_for_request(
            _request(users.camat), pk=users.operator_desa.memberships.get().village_id
        )


def test_posted_field_names_the_kecamatan(users: Any) -> None:
    request = RequestFactory().post("/halaman/", {"organisasi": OTHER})
    request.user = users.admin_kabupaten
    assert organisation_for_request(request).code == OTHER
    request.user = users.camat
    with pytest.raises(PermissionDenied):
        organisation_for_request(request, refuse=PermissionDenied)


def test_other_kecamatan_is_refused(users: Any) -> None:
    request = _request(users.camat, f"organisasi={OTHER}")
    with pytest.raises(Http404):
        organisation_for_request(request)
    with pytest.raises(PermissionDenied):
        organisation_for_request(request, refuse=PermissionDenied)
    with pytest.raises(Http404):  # a code of no kecamatan is a 404 whatever the route refuses with
        organisation_for_request(
            _request(users.camat, "organisasi=35.09.99"), refuse=PermissionDenied
        )
    with pytest.raises(Http404):  # a village is no kecamatan
        organisation_for_request(_request(users.camat), code="35.09.26.2001")


def test_fallback_to_own_kecamatan(users: Any) -> None:
    request = _request(users.camat, f"organisasi={OTHER}")
    assert organisation_for_request(request, fallback=True).code == MAYANG
    unknown = _request(users.outsider, "organisasi=35.09.99")
    assert organisation_for_request(unknown, fallback=True).code == OTHER


def test_seen_but_not_changeable_is_403(users: Any) -> None:
    request = _request(users.kepala_seksi, f"organisasi={MAYANG}")
    assert organisation_for_request(request).code == MAYANG
    with pytest.raises(PermissionDenied):
        organisation_for_request(request, Action.CHANGE)
    with pytest.raises(PermissionDenied):  # not even with a 404 for the invisible ones
        organisation_for_request(request, Action.CHANGE, refuse=Http404)
    # Asking for none: a Kepala Seksi changes no kecamatan at all.
    with pytest.raises(Http404):
        organisation_for_request(_request(users.kepala_seksi), Action.CHANGE)
    with pytest.raises(PermissionDenied):
        organisation_for_request(
            _request(users.kepala_seksi), Action.CHANGE, refuse=PermissionDenied
        )


def test_user_of_no_kecamatan(users: Any) -> None:
    nobody = get_user_model().objects.create_user("nobody", password=PASSWORD)
    for user in (nobody, users.anonymous):
        with pytest.raises(Http404):
            organisation_for_request(_request(user))
        with pytest.raises(PermissionDenied):
            organisation_for_request(_request(user), refuse=PermissionDenied)


def test_superuser_gets_the_default_kecamatan(users: Any, settings: Any) -> None:
    root = get_user_model().objects.create_superuser("root", password=PASSWORD)
    assert organisation_for_request(_request(root)).code == MAYANG
    settings.KINERJA_DEFAULT_ORGANISATION = OTHER
    assert organisation_for_request(_request(root)).code == OTHER
    settings.KINERJA_DEFAULT_ORGANISATION = "35.09.99"  # none such: the first by code
    assert organisation_for_request(_request(root)).code == MAYANG


def test_own_membership_before_the_default(users: Any, other_kecamatan: Organisation) -> None:
    """A Camat of the other kecamatan who also administers the regency starts in their own."""
    user_with_role(
        username="camat.uji",
        password=PASSWORD,
        role=Role.ADMIN_KABUPATEN,
        organisation=other_kecamatan.parent,
    )
    assert _codes(users.outsider) == [MAYANG, OTHER]
    assert organisation_for_request(_request(users.outsider)).code == OTHER


# ---------------------------------------------------------------- get_for_user_or_404


def test_get_for_user_or_404(users: Any, draft_decree: Decree) -> None:
    pk = draft_decree.pk
    for name in ("camat", "perencana", "kepala_seksi", "operator_desa", "admin_kabupaten"):
        user = getattr(users, name)
        assert get_for_user_or_404(Decree, user, Action.VIEW, pk=pk) == draft_decree, name
    for user in (users.outsider, users.anonymous):  # a draft of another kecamatan: not there
        with pytest.raises(Http404):
            get_for_user_or_404(Decree, user, Action.VIEW, pk=pk)
        with pytest.raises(Http404):
            get_for_user_or_404(Decree, user, Action.CHANGE, pk=pk)
    for name in ("camat", "perencana", "admin_kabupaten"):
        assert get_for_user_or_404(Decree, getattr(users, name), Action.CHANGE, pk=pk)
    for name in ("kepala_seksi", "operator_desa"):  # seen but not changeable
        with pytest.raises(PermissionDenied):
            get_for_user_or_404(Decree, getattr(users, name), Action.CHANGE, pk=pk)


def test_get_for_user_or_404_from_a_queryset(users: Any, draft_decree: Decree) -> None:
    drafts = Decree.objects.filter(status="draft")
    assert get_for_user_or_404(drafts, users.camat, Action.VIEW, pk=draft_decree.pk)
    with pytest.raises(Http404):  # outside the queryset although visible
        get_for_user_or_404(
            Decree.objects.exclude(pk=draft_decree.pk), users.camat, Action.VIEW, pk=draft_decree.pk
        )
    with pytest.raises(Http404):
        get_for_user_or_404(drafts, users.camat, Action.VIEW, pk=10**9)


# ---------------------------------------------------------------- the unit head


def test_is_unit_head(users: Any, mayang: Organisation, other_kecamatan: Organisation) -> None:
    section = Unit.objects.get(organisation=mayang, name="Seksi Pemerintahan")
    other_section = Unit.objects.filter(organisation=mayang).exclude(pk=section.pk).first()
    assert other_section is not None
    kasi = users.kepala_seksi
    assert is_unit_head(kasi, mayang, section)
    assert is_unit_head(kasi, mayang, section.pk)
    assert is_unit_head(kasi, mayang, [other_section.pk, section.pk])
    assert is_unit_head(kasi, mayang, Unit.objects.filter(name="Seksi Pemerintahan"))
    assert not is_unit_head(kasi, mayang, other_section)
    assert not is_unit_head(kasi, mayang, [])
    # The same name in another kecamatan is another unit.
    assert not is_unit_head(kasi, other_kecamatan, Unit.objects.filter(name="Seksi Pemerintahan"))
    for name in ("camat", "perencana", "operator_desa", "admin_kabupaten", "outsider", "anonymous"):
        assert not is_unit_head(getattr(users, name), mayang, section), name
    root = get_user_model().objects.create_superuser("root", password=PASSWORD)
    assert not is_unit_head(root, mayang, section)  # only the membership counts
    kasi.is_active = False
    kasi.save()
    assert not is_unit_head(kasi, mayang, section)


def test_headed_unit_ids(users: Any, mayang: Organisation) -> None:
    section = Unit.objects.get(organisation=mayang, name="Seksi Pemerintahan")
    assert headed_unit_ids(users.kepala_seksi) == {section.pk}
    assert headed_unit_ids(users.camat) == set()
    assert headed_unit_ids(users.anonymous) == set()
    assert Organisation.objects.get(pk=section.organisation_id).level == Level.KECAMATAN
