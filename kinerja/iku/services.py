"""Writes of decrees and indicators. Views, API, forms and commands call these, nothing else.

Every function validates (``full_clean``), runs in one transaction and records who acted in the
audit history.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.accounts.access import Action, UserLike, can_act_in
from kinerja.common.services import delete_recorded, save_validated
from kinerja.iku.models import (
    Clause,
    ClauseSection,
    Decree,
    DecreeStatus,
    Diktum,
    DiktumItem,
    Indicator,
    PerformanceGoal,
)
from kinerja.iku.portable import (
    ClauseData,
    DecreeData,
    DocumentError,
    load_text,
    parse_document,
)
from kinerja.organisations.models import Official, Organisation, Unit
from kinerja.organisations.services import organisations_load_seed

SEED_DIR = Path(__file__).resolve().parent / "seed"
DEFAULT_DECREE_FILE = SEED_DIR / "mayang-2022.json"


def _require(user: UserLike | None, organisation: Organisation) -> None:
    """Refuse a write by a user who may not change this organisation's data.

    ``user`` None means a trusted caller (a management command run by an operator).
    """
    if user is not None and not can_act_in(user, Action.CHANGE, organisation):
        raise PermissionDenied(_("You may not change the data of %(org)s.") % {"org": organisation})


# ---------------------------------------------------------------- import / default data


@transaction.atomic
def decree_import(*, data: DecreeData, actor: UserLike | None = None) -> Decree:
    """Create a decree, with whatever organisations, units and official it needs, from a
    checked document. Nothing is written when anything conflicts (one transaction)."""
    parent = _import_parents(data, actor)
    o = data.organisation
    organisation = Organisation.objects.filter(code=o.code).first()
    if organisation is None:
        organisation = Organisation(
            code=o.code,
            name=o.name,
            level=o.level,
            parent=parent,
            address=o.address,
            phone=o.phone,
            email=o.email,
            website=o.website,
            city=o.city,
        )
        _save(organisation, "organisation", actor)
    else:
        _check_existing(organisation, o.level, parent, "organisation")
    _require(actor, organisation)
    units: dict[str, Unit] = {}
    for index, u in enumerate(data.units):
        unit = Unit.objects.filter(organisation=organisation, name=u.name).first()
        if unit is None:
            unit = Unit(organisation=organisation, name=u.name, kind=u.kind, order=u.order)
            _save(unit, f"units[{index}]", actor)
        units[u.name] = unit
    signatory = None
    if data.signatory:
        s = data.signatory
        signatory = Official.objects.filter(nip=_nip(s.nip)).first()
        if signatory is None:
            signatory = Official(
                organisation=organisation,
                name=s.name,
                nip=_nip(s.nip),
                rank=s.rank,
                grade=s.grade,
                position=s.position,
            )
            _save(signatory, "signatory", actor)
    problems: list[str] = []
    if (
        data.number
        and Decree.objects.filter(organisation=organisation, number=data.number).exists()
    ):
        problems.append(
            "number: "
            + _("%(org)s already has a decree numbered %(number)s.")
            % {"org": organisation, "number": data.number}
        )
    if data.status == DecreeStatus.IN_FORCE and organisation.decrees.in_force().exists():
        problems.append(
            "status: " + _("%(org)s already has a decree in force.") % {"org": organisation}
        )
    if problems:
        raise DocumentError(problems)
    decree = Decree(
        organisation=organisation,
        number=data.number,
        title=data.title,
        place=data.place,
        lampiran_place=data.lampiran_place,
        date_signed=data.date_signed,
        effective_date=data.effective_date,
        status=data.status,
        signatory=signatory,
        signatory_title=data.signatory_title,
        duty=data.duty,
    )
    _save(decree, "", actor)
    _write_content(decree, data, units, actor)
    return decree


def _import_parents(data: DecreeData, actor: UserLike | None) -> Organisation | None:
    """Find or create the chain of parents (province, regency, ...) the document names.

    An organisation that exists already must sit at the same level under the same parent as
    the document says; otherwise the document belongs to another tree and is refused.
    """
    parent: Organisation | None = None
    for index, p in enumerate(data.parents):
        existing = Organisation.objects.filter(code=p.code).first()
        if existing is None:
            existing = Organisation(code=p.code, name=p.name, level=p.level, parent=parent)
            _save(existing, f"parents[{index}]", actor)
        else:
            _check_existing(existing, p.level, parent, f"parents[{index}]")
        parent = existing
    return parent


def _check_existing(
    existing: Organisation, level: str, parent: Organisation | None, path: str
) -> None:
    if existing.level != level:
        raise DocumentError(
            [
                f"{path}.level: "
                + _("%(code)s exists already as a %(level)s.")
                % {"code": existing.code, "level": existing.get_level_display()}
            ]
        )
    if existing.parent_id != (parent.pk if parent else None):
        raise DocumentError(
            [
                f"{path}.code: "
                + _("%(code)s exists already under another parent (%(parent)s).")
                % {
                    "code": existing.code,
                    "parent": existing.parent.code if existing.parent else "-",
                }
            ]
        )


def _save(instance: Any, path: str, actor: UserLike | None) -> None:
    """``save_validated``, reporting a validation error as a document problem at ``path``."""
    try:
        save_validated(instance, actor=actor)
    except ValidationError as exc:
        raise DocumentError(_messages(path, exc)) from exc


def _nip(nip: str) -> str:
    from kinerja.organisations.models import format_nip

    return format_nip(nip)


def _messages(prefix: str, exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        out = []
        for field, errors in exc.error_dict.items():
            text = " ".join(m for e in errors for m in e.messages)
            where = (
                prefix if field == NON_FIELD_ERRORS else (f"{prefix}.{field}" if prefix else field)
            )
            out.append(f"{where}: {text}" if where else text)
        return out
    return [f"{prefix}: {m}" if prefix else m for m in exc.messages]


def _write_content(
    decree: Decree, data: DecreeData, units: dict[str, Unit], actor: UserLike | None
) -> None:
    for section in ClauseSection:
        for order, item in enumerate(data.clauses.get(section.value, []), start=1):
            clause = Clause(
                decree=decree, section=section, order=order, label=item.label, text=item.text
            )
            _save(clause, f"{section.value}[{order - 1}]", actor)
    for order, d in enumerate(data.dicta, start=1):
        diktum = Diktum(decree=decree, order=order, label=d.label, text=d.text)
        _save(diktum, f"dicta[{order - 1}]", actor)
        for item_order, item in enumerate(d.items, start=1):
            _save(
                DiktumItem(diktum=diktum, order=item_order, label=item.label, text=item.text),
                f"dicta[{order - 1}].items[{item_order - 1}]",
                actor,
            )
    for goal_order, g in enumerate(data.goals, start=1):
        goal = PerformanceGoal(decree=decree, order=goal_order, statement=g.statement)
        _save(goal, f"goals[{goal_order - 1}]", actor)
        for order, i in enumerate(g.indicators, start=1):
            indicator = Indicator(
                decree=decree,
                goal=goal,
                code=i.code,
                order=order,
                name=i.name,
                definition=i.definition,
                numerator_definition=i.numerator,
                denominator_definition=i.denominator,
                factor=i.factor,
                factor_text=i.factor_text,
                unit=i.unit,
                polarity=i.polarity,
                aggregation=i.aggregation,
                decimals=i.decimals,
                data_source=i.data_source,
                responsible_unit=units.get(i.responsible_unit) if i.responsible_unit else None,
                responsible_text=i.responsible_text,
                archived_at=timezone.now() if i.archived else None,
                scale=i.scale,
                value_source=i.value_source,
                source_params=i.source_params,
            )
            _save(indicator, f"goals[{goal_order - 1}].indicators[{order - 1}]", actor)


def _write_clauses(
    decree: Decree, section: ClauseSection, items: list[ClauseData], actor: UserLike | None
) -> None:
    for order, item in enumerate(items, start=1):
        save_validated(
            Clause(decree=decree, section=section, order=order, label=item.label, text=item.text),
            actor=actor,
        )


def decree_import_text(
    *, text: str, fmt: str | None = None, actor: UserLike | None = None
) -> Decree:
    return decree_import(data=parse_document(load_text(text, fmt)), actor=actor)


@transaction.atomic
def default_data_load() -> tuple[Decree, bool]:
    """Load the regency's organisations and the Mayang IKU decree; safe to run again.

    Returns the decree and whether it was created now.
    """
    organisations_load_seed()
    data = parse_document(load_text(DEFAULT_DECREE_FILE.read_text(encoding="utf-8"), "json"))
    existing = Decree.objects.filter(
        organisation__code=data.organisation.code, number=data.number
    ).first()
    if existing is not None:
        return existing, False
    return decree_import(data=data), True


# ---------------------------------------------------------------- decrees


DECREE_FIELDS = (
    "number",
    "title",
    "place",
    "lampiran_place",
    "date_signed",
    "effective_date",
    "duty",
    "signatory",
    "signatory_title",
)


@transaction.atomic
def decree_create(*, actor: UserLike | None, organisation: Organisation, **fields: Any) -> Decree:
    _require(actor, organisation)
    decree = Decree(organisation=organisation, status=DecreeStatus.DRAFT)
    for name, value in fields.items():
        if name not in DECREE_FIELDS:
            raise TypeError(name)
        setattr(decree, name, value)
    save_validated(decree, actor=actor)
    return decree


@transaction.atomic
def decree_update(*, actor: UserLike | None, decree: Decree, **fields: Any) -> Decree:
    _require(actor, decree.organisation)
    for name, value in fields.items():
        if name not in DECREE_FIELDS:
            raise TypeError(name)
        setattr(decree, name, value)
    save_validated(decree, actor=actor)
    return decree


@transaction.atomic
def decree_set_clauses(
    *, actor: UserLike | None, decree: Decree, section: ClauseSection, items: list[ClauseData]
) -> None:
    """Replace one list of the decree (menimbang, mengingat, tujuan or fungsi)."""
    _require(actor, decree.organisation)
    for clause in decree.clauses.filter(section=section):
        delete_recorded(clause, actor=actor)
    _write_clauses(decree, section, items, actor)


@transaction.atomic
def decree_set_dicta(*, actor: UserLike | None, decree: Decree, dicta: list[Any]) -> None:
    """Replace the dicta (each with label, text and items)."""
    _require(actor, decree.organisation)
    for diktum in decree.dicta.all():
        # Items first, one by one, so that each deletion is recorded with its actor.
        for item in diktum.items.all():
            delete_recorded(item, actor=actor)
        delete_recorded(diktum, actor=actor)
    for order, d in enumerate(dicta, start=1):
        diktum = Diktum(decree=decree, order=order, label=d.label, text=d.text)
        save_validated(diktum, actor=actor)
        for item_order, item in enumerate(d.items, start=1):
            save_validated(
                DiktumItem(diktum=diktum, order=item_order, label=item.label, text=item.text),
                actor=actor,
            )


@transaction.atomic
def decree_copy(*, actor: UserLike | None, source: Decree) -> Decree:
    """A new draft decree with all the content of ``source``; it will replace ``source``.

    Its indicators continue those of the source, so values can follow an indicator across decrees.
    """
    _require(actor, source.organisation)
    copy = Decree(
        organisation=source.organisation,
        number="",
        title=source.title,
        place=source.place,
        lampiran_place=source.lampiran_place,
        duty=source.duty,
        signatory=source.signatory,
        signatory_title=source.signatory_title,
        status=DecreeStatus.DRAFT,
        replaces=source,
    )
    save_validated(copy, actor=actor)
    for clause in source.clauses.all():
        save_validated(
            Clause(
                decree=copy,
                section=clause.section,
                order=clause.order,
                label=clause.label,
                text=clause.text,
            ),
            actor=actor,
        )
    for diktum in source.dicta.all():
        new_diktum = Diktum(decree=copy, order=diktum.order, label=diktum.label, text=diktum.text)
        save_validated(new_diktum, actor=actor)
        for item in diktum.items.all():
            save_validated(
                DiktumItem(diktum=new_diktum, order=item.order, label=item.label, text=item.text),
                actor=actor,
            )
    goals: dict[int, PerformanceGoal] = {}
    for goal in source.goals.all():
        goals[goal.pk] = PerformanceGoal(decree=copy, order=goal.order, statement=goal.statement)
        save_validated(goals[goal.pk], actor=actor)
    for indicator in source.indicators.active():
        new = Indicator(
            decree=copy,
            goal=goals[indicator.goal_id],
            continues=indicator,
            order=indicator.order,
            **{f: getattr(indicator, f) for f in INDICATOR_FIELDS if f != "goal"},
        )
        save_validated(new, actor=actor)
    return copy


@transaction.atomic
def decree_put_in_force(
    *, actor: UserLike | None, decree: Decree, date_signed: dt.date | None = None
) -> Decree:
    """Put a draft in force; the decree in force before it becomes superseded."""
    _require(actor, decree.organisation)
    if decree.status != DecreeStatus.DRAFT:
        raise ValidationError(_("Only a draft can be put in force."))
    if date_signed is not None:
        decree.date_signed = date_signed
    if not decree.number.strip():
        raise ValidationError({"number": _("A decree in force needs its number.")})
    if decree.date_signed is None:
        raise ValidationError({"date_signed": _("A decree in force needs its date of signing.")})
    if not decree.active_indicators().exists():
        raise ValidationError(_("A decree in force needs at least one indicator."))
    for previous in Decree.objects.select_for_update().filter(
        organisation=decree.organisation, status=DecreeStatus.IN_FORCE
    ):
        previous.status = DecreeStatus.SUPERSEDED
        save_validated(previous, actor=actor)
        if decree.replaces_id is None:
            decree.replaces = previous
    decree.status = DecreeStatus.IN_FORCE
    if decree.effective_date is None:
        decree.effective_date = decree.date_signed
    save_validated(decree, actor=actor)
    return decree


# ---------------------------------------------------------------- kinerja utama and indicators


@transaction.atomic
def goal_save(
    *, actor: UserLike | None, decree: Decree, statement: str, goal: PerformanceGoal | None = None
) -> PerformanceGoal:
    _require(actor, decree.organisation)
    if goal is not None and goal.decree_id != decree.pk:
        raise ValidationError(_("The kinerja utama belongs to another decree."))
    if goal is None:
        last = decree.goals.order_by("-order").first()
        goal = PerformanceGoal(decree=decree, order=(last.order + 1) if last else 1)
    goal.statement = statement
    save_validated(goal, actor=actor)
    return goal


INDICATOR_FIELDS = (
    "goal",
    "code",
    "name",
    "definition",
    "numerator_definition",
    "denominator_definition",
    "factor",
    "factor_text",
    "unit",
    "polarity",
    "data_source",
    "responsible_unit",
    "responsible_text",
    "aggregation",
    "decimals",
    "scale",
    "value_source",
    "source_params",
)


@transaction.atomic
def indicator_create(*, actor: UserLike | None, decree: Decree, **fields: Any) -> Indicator:
    _require(actor, decree.organisation)
    indicator = Indicator(decree=decree, factor=Decimal(100))
    _assign(indicator, fields)
    last = Indicator.objects.filter(goal=indicator.goal).order_by("-order").first()
    indicator.order = (last.order + 1) if last else 1
    save_validated(indicator, actor=actor)
    return indicator


@transaction.atomic
def indicator_update(*, actor: UserLike | None, indicator: Indicator, **fields: Any) -> Indicator:
    _require(actor, indicator.decree.organisation)
    if indicator.is_archived:
        raise ValidationError(_("An archived indicator cannot be changed."))
    goal_before = indicator.goal_id
    _assign(indicator, fields)
    if indicator.goal_id != goal_before:
        last = Indicator.objects.filter(goal=indicator.goal).order_by("-order").first()
        indicator.order = (last.order + 1) if last else 1
    save_validated(indicator, actor=actor)
    return indicator


def _assign(indicator: Indicator, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        if name not in INDICATOR_FIELDS:
            raise TypeError(name)
        setattr(indicator, name, value)


@transaction.atomic
def indicator_archive(*, actor: UserLike | None, indicator: Indicator) -> Indicator:
    """Archive an indicator: it leaves the decree's table but keeps its history and values."""
    _require(actor, indicator.decree.organisation)
    if indicator.archived_at is None:
        indicator.archived_at = timezone.now()
        save_validated(indicator, actor=actor)
    return indicator


@transaction.atomic
def indicator_restore(*, actor: UserLike | None, indicator: Indicator) -> Indicator:
    _require(actor, indicator.decree.organisation)
    if indicator.archived_at is not None:
        indicator.archived_at = None
        save_validated(indicator, actor=actor)
    return indicator
