"""The one permission door for reads and writes of scoped data.

Every queryset of scoped data has ``for_user(user, action)``, built from :func:`scope_q`; pages, the
API and exports all read through it, so they cannot disagree. Writes ask :func:`can_act_in` (for
new objects) or go through the same querysets (for existing ones).

Who may do what:
- the public (anonymous) sees published data only (e.g. decrees in force or superseded);
- every member of a kecamatan (any role) sees all of that kecamatan's data, drafts included;
- an Admin Kabupaten is a member of every kecamatan of the regency;
- editing decrees and indicators belongs to the Camat, the Perencana and the Admin Kabupaten;
- a superuser may do everything.
"""

from collections.abc import Iterable
from enum import StrEnum

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q

from kinerja.accounts.models import Membership, Role
from kinerja.organisations.models import Level, Organisation


class Action(StrEnum):
    VIEW = "view"
    CHANGE = "change"


ALL_ROLES = frozenset(Role)
EDITOR_ROLES = frozenset({Role.ADMIN_KABUPATEN, Role.CAMAT, Role.PERENCANA})

UserLike = User | AnonymousUser


def kecamatan_ids(user: UserLike, roles: Iterable[Role] = ALL_ROLES) -> set[int] | None:
    """Ids of the kecamatan where the user holds one of ``roles``; None means all of them."""
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
