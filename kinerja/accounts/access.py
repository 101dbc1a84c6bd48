"""The one permission door for reads and writes of scoped data.

Every queryset of scoped data has ``for_user(user, action)``, built from :func:`scope_q`; pages, the
API and exports all read through it, so they cannot disagree. Writes ask :func:`can_act_in` (for
new objects) or go through the same querysets (for existing ones).

Which kecamatan a request is about is asked of :func:`organisation_for_request` (pages and the API
alike), one object of a scoped model of :func:`get_for_user_or_404`, and whether somebody heads a
section (Kepala Seksi) of :func:`is_unit_head`.

Refusals are even: an object or kecamatan the user may not see is a 404 (or what the route has
always answered, given as ``refuse``), one the user sees but may not change is a 403.

Who may do what:
- the public (anonymous) sees published data only (e.g. decrees in force or superseded);
- every member of a kecamatan (any role) sees all of that kecamatan's data, drafts included;
- an Admin Kabupaten is a member of every kecamatan of the regency;
- editing decrees and indicators belongs to the Camat, the Perencana and the Admin Kabupaten;
- a superuser may do everything;
- a command (``kinerja laporan``, ``kinerja capaian``) reads as an :class:`OrganisationReader`:
  the public, plus VIEW on exactly the organisation it was asked for.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404, HttpRequest

from kinerja.accounts.models import Membership, Role
from kinerja.organisations.models import Level, Organisation, Unit


class Action(StrEnum):
    VIEW = "view"
    CHANGE = "change"


ALL_ROLES = frozenset(Role)
EDITOR_ROLES = frozenset({Role.ADMIN_KABUPATEN, Role.CAMAT, Role.PERENCANA})
HEAD_ROLES = frozenset({Role.ADMIN_KABUPATEN, Role.CAMAT})
"""Who decides for the kecamatan as a whole (e.g. publishes its LKjIP)."""


@dataclass(frozen=True)
class OrganisationReader(AnonymousUser):
    """The reader a management command runs as (``kinerja laporan``, ``kinerja capaian``): VIEW on
    exactly one organisation (the one named by ``--organisasi``), nothing else: no CHANGE, no other
    kecamatan, no superuser rights. Through the permission door it reads what a member of that
    organisation reads (drafts and unapproved values included), so a command's document is the
    document a member downloads.

    Not a person: it is Django's anonymous user (no row, no password, no permissions, not
    authenticated, so no login check or write lets it through) to which :func:`kecamatan_ids` grants
    that one organisation for reading. Being an ``AnonymousUser`` it is accepted wherever a user is.
    """

    organisation_id: int

    @classmethod
    def of(cls, organisation: Organisation) -> OrganisationReader:
        return cls(organisation_id=organisation.pk)

    def __str__(self) -> str:
        return f"reader of organisation {self.organisation_id}"


UserLike = User | AnonymousUser


def kecamatan_ids(user: UserLike, roles: Iterable[Role] = ALL_ROLES) -> set[int] | None:
    """Ids of the kecamatan where the user holds one of ``roles``; None means all of them."""
    if isinstance(user, OrganisationReader):
        return {user.organisation_id} if frozenset(roles) >= ALL_ROLES else set()
    if not user.is_authenticated or not user.is_active:
        return set()
    if user.is_superuser:
        return None
    ids: set[int] = set()
    kabupaten_ids: set[int] = set()
    for membership in Membership.objects.filter(user=user, role__in=list(roles)):
        if membership.role == Role.ADMIN_KABUPATEN:
            kabupaten_ids.add(membership.organisation_id)
        else:
            ids.add(membership.organisation_id)
    if kabupaten_ids:
        ids.update(
            Organisation.objects.filter(
                level=Level.KECAMATAN, parent_id__in=kabupaten_ids
            ).values_list("id", flat=True)
        )
    return ids


def roles_for_action(action: Action) -> frozenset[Role]:
    return ALL_ROLES if action == Action.VIEW else EDITOR_ROLES


def scope_q(
    user: UserLike, action: Action, *, organisation_path: str, public: Q | None = None
) -> Q:
    """The filter that limits a queryset to what ``user`` may ``action``.

    ``organisation_path`` leads from the model to its kecamatan; ``public`` is what anybody may
    view (None: nothing is public).
    """
    ids = kecamatan_ids(user, roles_for_action(action))
    if ids is None:
        return Q()
    scoped = Q(**{f"{organisation_path}__in": ids})
    if action == Action.VIEW and public is not None:
        return scoped | public
    return scoped


def can_act_in(user: UserLike, action: Action, organisation: Organisation) -> bool:
    """Whether ``user`` may ``action`` data of ``organisation`` (a kecamatan)."""
    ids = kecamatan_ids(user, roles_for_action(action))
    return ids is None or organisation.pk in ids


def memberships_of(user: UserLike) -> list[Membership]:
    if not user.is_authenticated:
        return []
    return list(
        Membership.objects.filter(user=user).select_related("organisation", "unit", "village")
    )


def kecamatan_for_user(user: UserLike, action: Action = Action.VIEW) -> QuerySet[Organisation]:
    """The kecamatan whose data ``user`` may ``action``, by code."""
    ids = kecamatan_ids(user, roles_for_action(action))
    kecamatan = Organisation.objects.kecamatan().order_by("code")
    return kecamatan if ids is None else kecamatan.filter(pk__in=ids)


QUERY_PARAMETER = "organisasi"
"""The query parameter that names the kecamatan of a page (its Kemendagri code)."""


def organisation_for_request(
    request: HttpRequest,
    action: Action = Action.VIEW,
    code: str | None = None,
    *,
    pk: int | None = None,
    fallback: bool = False,
    refuse: type[Exception] = Http404,
) -> Organisation:
    """The kecamatan ``request`` is about, one the user may ``action``.

    Asked for by ``code`` or ``pk`` (a URL part) or else ``?organisasi=CODE`` (or a posted field
    of that name). When the user may ``action``
    the kecamatan asked for, it is the one. Otherwise, unless ``fallback``: no such kecamatan is a
    404, one the user may not see is ``refuse``, one the user sees but may not ``action`` is a 403.

    Not asked for (or ``fallback``): the user's own, i.e. the kecamatan of the user's first
    membership there, else the default kecamatan (``KINERJA_DEFAULT_ORGANISATION``), else the first
    by code; ``refuse`` when the user may ``action`` none.
    """
    asked: dict[str, Any] = {"pk": pk} if pk is not None else {}
    if not asked:
        text = code if code is not None else _asked_code(request)
        asked = {"code": text} if text else {}
    allowed = kecamatan_for_user(request.user, action)
    if asked:
        found = allowed.filter(**asked).first()
        if found is not None:
            return found
        if not fallback:
            organisation = Organisation.objects.kecamatan().filter(**asked).first()
            if organisation is None:
                raise Http404
            if action != Action.VIEW and can_act_in(request.user, Action.VIEW, organisation):
                raise PermissionDenied
            raise refuse
    return _own_kecamatan(request.user, allowed, refuse)


def _asked_code(request: HttpRequest) -> str:
    return (
        request.GET.get(QUERY_PARAMETER, "").strip()
        or request.POST.get(QUERY_PARAMETER, "").strip()
    )


def _own_kecamatan(
    user: UserLike, allowed: QuerySet[Organisation], refuse: type[Exception]
) -> Organisation:
    if user.is_authenticated:
        own = allowed.filter(memberships__user=user).order_by("memberships__pk").first()
        if own is not None:
            return own
    found = allowed.filter(code=settings.KINERJA_DEFAULT_ORGANISATION).first() or allowed.first()
    if found is None:
        raise refuse
    return found


ModelT = TypeVar("ModelT", bound=Model)


def get_for_user_or_404(
    source: type[ModelT] | QuerySet[ModelT], user: UserLike, action: Action, **lookup: Any
) -> ModelT:
    """The one object of ``source`` (a scoped model or a queryset of it) that ``lookup`` names,
    read through ``objects.for_user``: a 404 when the user may not see it, a 403 when ``action``
    is a change the user may not make to it."""
    queryset = source._default_manager.all() if isinstance(source, type) else source
    try:
        found: ModelT = queryset.for_user(user, Action.VIEW).get(**lookup)  # type: ignore[attr-defined]
    except ObjectDoesNotExist:
        raise Http404 from None
    if action != Action.VIEW:
        changeable = queryset.for_user(user, action).filter(pk=found.pk)  # type: ignore[attr-defined]
        if not changeable.exists():
            raise PermissionDenied
    return found


def headed_unit_ids(user: UserLike) -> set[int]:
    """Ids of the units (sections) whose Kepala Seksi ``user`` is."""
    if not user.is_authenticated or not user.is_active:
        return set()
    return set(
        Membership.objects.filter(
            user=user, role=Role.KEPALA_SEKSI, unit__isnull=False
        ).values_list("unit_id", flat=True)
    )


def is_unit_head(
    user: UserLike, organisation: Organisation, units: Unit | int | Iterable[int] | QuerySet[Unit]
) -> bool:
    """Whether ``user`` is the Kepala Seksi of one of ``units`` (a unit, its id, ids or a queryset
    of units) of ``organisation``. Only the membership counts: callers that let a superuser or the
    kecamatan's editors act as well say so themselves."""
    if not user.is_authenticated or not user.is_active:
        return False
    if isinstance(units, Unit | int):
        units = [units.pk if isinstance(units, Unit) else units]
    return Membership.objects.filter(
        user=user, role=Role.KEPALA_SEKSI, organisation=organisation, unit__in=units
    ).exists()
