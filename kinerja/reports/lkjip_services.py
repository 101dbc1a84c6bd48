"""Writes and reads of the LKjIP narratives: save an edited paragraph, go back to the draft.

Who may edit: the Camat, the Perencana and the Admin Kabupaten of the kecamatan (the editor roles of
``kinerja.accounts.access``); ``actor=None`` is a trusted caller (commands, tests).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from kinerja.accounts.access import Action, UserLike, can_act_in
from kinerja.common.services import save_validated
from kinerja.organisations.models import Organisation
from kinerja.reports.models import LkjipNarrative, LkjipSection


def _require(actor: UserLike | None, organisation: Organisation) -> None:
    if actor is not None and not can_act_in(actor, Action.CHANGE, organisation):
        raise PermissionDenied(_("You may not edit the LKjIP of this organisation."))


def _section(section: str) -> str:
    if section not in LkjipSection.values:
        raise ValidationError({"section": _("Unknown LKjIP section.")})
    return section


def narrative_save(
    *, actor: UserLike | None, organisation: Organisation, year: int, section: str, text: str
) -> LkjipNarrative | None:
    """Store the edited text of ``section``; an empty text clears it (the draft is printed again)."""
    _require(actor, organisation)
    _section(section)
    text = (text or "").strip()
    if not text:
        narrative_reset(actor=actor, organisation=organisation, year=year, section=section)
        return None
    narrative = LkjipNarrative.objects.filter(
        organisation=organisation, year=year, section=section
    ).first() or LkjipNarrative(organisation=organisation, year=year, section=section)
    narrative.text = text
    narrative.edited_by = actor if actor is not None and actor.is_authenticated else None
    save_validated(narrative, actor=actor)
    return narrative


def narrative_reset(
    *, actor: UserLike | None, organisation: Organisation, year: int, section: str
) -> None:
    """ "Kembalikan ke draf otomatis": forget the edited text of ``section`` (kept in the history)."""
    _require(actor, organisation)
    _section(section)
    for narrative in LkjipNarrative.objects.filter(
        organisation=organisation, year=year, section=section
    ):
        if getattr(actor, "is_authenticated", False):
            narrative._history_user = actor  # type: ignore[attr-defined]  # read by django-simple-history, not a model field
        narrative.delete()


def stored_narratives(*, organisation: Organisation, year: int) -> dict[str, LkjipNarrative]:
    """The edited narratives of (organisation, year) by section (trusted read: callers check)."""
    return {
        n.section: n
        for n in LkjipNarrative.objects.filter(organisation=organisation, year=year).select_related(
            "edited_by"
        )
    }
