"""What the home page shows: the public front door, and a panel per role for staff.

Reads only, each through the app's own selectors and the permission door; the view renders.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from kinerja.accounts.access import Action, UserLike, kecamatan_for_user
from kinerja.accounts.models import Membership, Role
from kinerja.iku.models import Decree
from kinerja.measurement import selectors as measurement
from kinerja.measurement.models import IndicatorValue, ValueStatus
from kinerja.organisations.models import Level, Organisation

LIST_LIMIT = 6


# ---------------------------------------------------------------- the public front door


@dataclass
class Door:
    title: str
    text: str
    url: str = ""
    links: list[tuple[str, str]] = field(default_factory=list)


def site_organisation(code: str | None = None) -> Organisation | None:
    """The kecamatan the front door is about: the one named, else the default one, else the
    first kecamatan of the deployment."""
    kecamatan = Organisation.objects.filter(level=Level.KECAMATAN).select_related("parent")
    if code:
        return kecamatan.filter(code=code).first()
    return (
        kecamatan.filter(code=settings.KINERJA_DEFAULT_ORGANISATION).first()
        or kecamatan.order_by("code").first()
    )


def public_kecamatan() -> QuerySet[Organisation]:
    return Organisation.objects.filter(level=Level.KECAMATAN).order_by("code")


def front_door(organisation: Organisation) -> list[Door]:
    """The doors a citizen may open for ``organisation``: survey, SKM results, the decree in
    force, the signed PK, published achievements and the published LKjIP."""
    from django.contrib.auth.models import AnonymousUser

    from kinerja.planning.selectors import agreement_list
    from kinerja.reports.publication import published_lkjip_years
    from kinerja.skm.selectors import services_of, skm_years

    doors: list[Door] = []
    services = list(services_of(organisation, active_only=True))
    if services:
        doors.append(
            Door(
                title=_("Fill in the satisfaction survey"),
                text=_("Tell us how our service was: a few questions, about two minutes."),
                links=[(s.name, reverse("skm:survey", args=[s.token])) for s in services],
            )
        )
    years = skm_years(organisation)
    if years:
        doors.append(
            Door(
                title=_("Survey results (SKM)"),
                text=_("The community satisfaction index, per year."),
                links=[
                    (str(y), reverse("skm:public-results", args=[organisation.code, y]))
                    for y in reversed(years[-3:])
                ],
            )
        )
    decree = (
        Decree.objects.for_user(AnonymousUser(), Action.VIEW)
        .filter(organisation=organisation)
        .in_force()
        .first()
    )
    if decree is not None:
        doors.append(
            Door(
                title=_("Key performance indicators (IKU)"),
                text=decree.title,
                url=reverse("iku:decree-detail", args=[decree.pk]),
            )
        )
    agreements = list(
        agreement_list(user=AnonymousUser()).filter(organisation=organisation).order_by("-year")[:3]
    )
    if agreements:
        doors.append(
            Door(
                title=_("Performance agreement (PK)"),
                text=_("The Camat's yearly agreement with the Bupati: targets per indicator."),
                links=[
                    (str(a.year), reverse("planning:agreement-detail", args=[a.pk]))
                    for a in agreements
                ],
            )
        )
    achievement_years = sorted(
        measurement.years_with_data(user=AnonymousUser(), organisation=organisation)
    )
    if achievement_years:
        doors.append(
            Door(
                title=_("Performance achievements"),
                text=_("Realizations and achievements approved by the Camat."),
                links=[
                    (
                        str(y),
                        reverse("measurement:public-achievements", args=[organisation.code, y]),
                    )
                    for y in reversed(achievement_years[-3:])
                ],
            )
        )
    lkjip_years = published_lkjip_years(organisation)[:3]
    if lkjip_years:
        doors.append(
            Door(
                title=_("Performance report (LKjIP)"),
                text=_("The yearly report of the kecamatan's performance."),
                links=[
                    (
                        str(y),
                        reverse("reports:document-prepare", args=["lkjip", "pdf"])
                        + f"?organisasi={organisation.code}&tahun={y}",
                    )
                    for y in lkjip_years
                ],
            )
        )
    return doors


# ---------------------------------------------------------------- staff homes


@dataclass
class RoleHome:
    role: str
    title: str
    organisation: Organisation | None
    data: dict[str, Any]


def _values(user: UserLike, organisation: Organisation, statuses: list[str]) -> QuerySet[Any]:
    return (
        IndicatorValue.objects.for_user(user, Action.VIEW)
        .filter(organisation=organisation, status__in=statuses)
        .select_related("indicator", "organisation")
        .order_by("period", "indicator__code")
    )


def _year_at_a_glance(user: UserLike, organisation: Organisation, today: dt.date) -> dict[str, Any]:
    years = measurement.years_with_data(user=user, organisation=organisation)
    year = years[0] if years else today.year  # descending
    assessment = measurement.assessment_for(organisation)
    rows = measurement.performance_table(
        user=user, organisation=organisation, year=year, assessment=assessment
    )
    return {"year": year, "rows": rows, "has_data": bool(years)}


def _board(user: UserLike, organisation: Organisation, today: dt.date) -> list[Any]:
    assessment = measurement.assessment_for(organisation)
    rows = measurement.performance_table(
        user=user, organisation=organisation, year=today.year, assessment=assessment
    )
    board = measurement.completeness_board(
        rows, today=today, deadline_days=assessment.deadline_days
    )
    if today.month <= 3:  # the last quarter of the past year is still being reported
        rows = measurement.performance_table(
            user=user, organisation=organisation, year=today.year - 1, assessment=assessment
        )
        board += measurement.completeness_board(
            rows, today=today, deadline_days=assessment.deadline_days
        )
    return board


def camat_home(user: UserLike, organisation: Organisation, today: dt.date) -> dict[str, Any]:
    ready = _values(user, organisation, list(measurement.approvable_statuses(organisation)))
    return {
        "ready": list(ready[:LIST_LIMIT]),
        "ready_count": ready.count(),
        "glance": _year_at_a_glance(user, organisation, today),
    }


def perencana_home(user: UserLike, organisation: Organisation, today: dt.date) -> dict[str, Any]:
    waiting = _values(user, organisation, [ValueStatus.SUBMITTED])
    sections: dict[str, dict[str, Any]] = {}
    for section in _board(user, organisation, today):
        entry = sections.setdefault(
            section.name, {"name": section.name, "missing": 0, "overdue": 0}
        )
        entry["missing"] += section.missing_count
        entry["overdue"] += section.overdue_count
    return {
        "waiting": list(waiting[:LIST_LIMIT]),
        "waiting_count": waiting.count(),
        "sections": list(sections.values()),
    }


def kasi_home(
    user: UserLike, organisation: Organisation, unit: Any, today: dt.date
) -> dict[str, Any]:
    due = [
        missing
        for section in _board(user, organisation, today)
        for items in section.by_quarter.values()
        for missing in items
        if missing.indicator.responsible_unit_id == unit.pk
    ]
    returned = _values(user, organisation, [ValueStatus.RETURNED]).filter(
        indicator__responsible_unit=unit
    )
    return {"unit": unit, "due": due, "returned": list(returned)}


def operator_home(
    user: UserLike, organisation: Organisation, village: Organisation, today: dt.date
) -> dict[str, Any]:
    from kinerja.village_finance.selectors import village_documents_due

    due = [
        item
        for item in village_documents_due(user=user, organisation=organisation, today=today)
        if item.village.pk == village.pk
    ]
    return {
        "village": village,
        "due": due,
        "board_url": reverse("village_finance:board", args=[organisation.pk, today.year]),
    }


def admin_home(user: UserLike, regency: Organisation) -> dict[str, Any]:
    kecamatan = kecamatan_for_user(user).filter(parent=regency)
    decrees = {
        d.organisation_id: d
        for d in Decree.objects.for_user(user, Action.VIEW)
        .filter(organisation__in=kecamatan)
        .in_force()
    }
    return {
        "regency": regency,
        "kecamatan": [{"organisation": k, "decree": decrees.get(k.pk)} for k in kecamatan],
    }


def role_homes(user: User, *, today: dt.date) -> list[RoleHome]:
    """One panel per membership of the user (a person may hold several roles)."""
    homes: list[RoleHome] = []
    memberships = Membership.objects.filter(user=user).select_related(
        "organisation", "unit", "village"
    )
    for m in memberships.order_by("role", "organisation__code"):
        org = m.organisation
        if m.role == Role.CAMAT:
            homes.append(RoleHome(m.role, m.get_role_display(), org, camat_home(user, org, today)))
        elif m.role == Role.PERENCANA:
            data = perencana_home(user, org, today)
            homes.append(RoleHome(m.role, m.get_role_display(), org, data))
        elif m.role == Role.KEPALA_SEKSI and m.unit is not None:
            data = kasi_home(user, org, m.unit, today)
            homes.append(RoleHome(m.role, m.get_role_display(), org, data))
        elif m.role == Role.OPERATOR_DESA and m.village is not None:
            data = operator_home(user, org, m.village, today)
            homes.append(RoleHome(m.role, m.get_role_display(), org, data))
        elif m.role == Role.ADMIN_KABUPATEN:
            homes.append(RoleHome(m.role, m.get_role_display(), org, admin_home(user, org)))
    if not homes and getattr(user, "is_superuser", False):
        for regency in Organisation.objects.filter(level=Level.KABUPATEN).order_by("code"):
            homes.append(RoleHome(Role.ADMIN_KABUPATEN, "", regency, admin_home(user, regency)))
    return homes
