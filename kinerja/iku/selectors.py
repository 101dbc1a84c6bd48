"""Reads of decrees and indicators. Anything a user sees goes through ``for_user``."""

from django.conf import settings
from django.db.models import Prefetch

from kinerja.accounts.access import Action, UserLike
from kinerja.iku.models import Decree, DecreeQuerySet, DecreeStatus, Indicator


def decree_list(*, user: UserLike) -> DecreeQuerySet:
    return Decree.objects.for_user(user, Action.VIEW).select_related("organisation")


def decree_get(*, user: UserLike, pk: int, action: Action = Action.VIEW) -> Decree | None:
    return (
        Decree.objects.for_user(user, action)
        .select_related("organisation__parent__parent", "signatory", "replaces")
        .filter(pk=pk)
        .first()
    )


def decree_document_context(decree: Decree) -> dict[str, object]:
    """Everything the decree page and its printed form show, in as few queries as possible."""
    clauses = list(decree.clauses.all())
    goals = list(
        decree.goals.prefetch_related(
            Prefetch(
                "indicators",
                queryset=Indicator.objects.active().select_related("responsible_unit"),
            )
        )
    )
    return {
        "decree": decree,
        "menimbang": [c for c in clauses if c.section == "menimbang"],
        "mengingat": [c for c in clauses if c.section == "mengingat"],
        "tujuan": [c for c in clauses if c.section == "tujuan"],
        "fungsi": [c for c in clauses if c.section == "fungsi"],
        "dicta": list(decree.dicta.prefetch_related("items")),
        "goals": goals,
        "archived": list(decree.indicators.filter(archived_at__isnull=False)),
    }


def decree_for_export(*, organisation_code: str | None, number: str | None) -> Decree | None:
    """The decree a command names (trusted caller: no user scope)."""
    code = organisation_code or settings.KINERJA_DEFAULT_ORGANISATION
    decrees = Decree.objects.filter(organisation__code=code)
    if number:
        return decrees.filter(number=number).first()
    return decrees.filter(status=DecreeStatus.IN_FORCE).first() or decrees.first()
