"""Publishing the LKjIP: the Camat (or the Admin Kabupaten) decides when the year's report is
public. Writes go through these services; the document registry asks :func:`lkjip_is_published`.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from kinerja.accounts.access import HEAD_ROLES, UserLike, kecamatan_ids
from kinerja.common.services import save_validated
from kinerja.organisations.models import Organisation
from kinerja.reports.models import LkjipPublication

PUBLISHER_ROLES = HEAD_ROLES


def can_publish(user: UserLike, organisation: Organisation) -> bool:
    ids = kecamatan_ids(user, PUBLISHER_ROLES)
    return ids is None or organisation.pk in ids


def lkjip_is_published(organisation: Organisation, year: int) -> bool:
    return LkjipPublication.objects.filter(organisation=organisation, year=year).exists()


def published_lkjip_years(organisation: Organisation) -> list[int]:
    """The years whose LKjIP the Camat published, newest first."""
    return list(
        LkjipPublication.objects.filter(organisation=organisation)
        .order_by("-year")
        .values_list("year", flat=True)
    )


@transaction.atomic
def lkjip_publish(*, actor: UserLike, organisation: Organisation, year: int) -> LkjipPublication:
    if not actor.is_authenticated or not can_publish(actor, organisation):
        raise PermissionDenied(_("Only the Camat publishes the LKjIP."))
    existing = LkjipPublication.objects.filter(organisation=organisation, year=year).first()
    if existing is not None:
        return existing
    publication = LkjipPublication(organisation=organisation, year=year, published_by=actor)
    save_validated(publication, actor=actor)
    return publication


@transaction.atomic
def lkjip_withdraw(*, actor: UserLike, organisation: Organisation, year: int) -> None:
    if not can_publish(actor, organisation):
        raise PermissionDenied(_("Only the Camat publishes the LKjIP."))
    for publication in LkjipPublication.objects.filter(organisation=organisation, year=year):
        publication._history_user = actor  # type: ignore[attr-defined]  # read by django-simple-history, not a model field
        publication.delete()
