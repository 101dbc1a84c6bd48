"""Portable decrees: one decree with all it needs, as a plain document (JSON or YAML).

The document carries the organisation (with its parents), the units the indicators name, the
signatory, the clauses, the dicta and the kinerja utama with their indicators, and no database
ids, so that export → import into an empty database → export gives the same text.

``parse_document`` checks everything before anything is written and names each bad field by its
path, e.g. ``goals[1].indicators[0].polarity``.
"""

from __future__ import annotations

import builtins
import datetime as dt
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml
from django.utils.translation import gettext as _

from kinerja.iku.models import (
    Aggregation,
    ClauseSection,
    Decree,
    DecreeStatus,
    OrdinalScale,
    Polarity,
    ValueSource,
)
from kinerja.organisations.models import CODE_PARTS, CODE_PATTERN, PARENT_LEVEL, Level, UnitKind

FORMAT = "kinerja.iku/1"


class DocumentError(Exception):
    """A bad document: every problem with its path."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


# ---------------------------------------------------------------- plain data of a document


@dataclass
class OrganisationData:
    code: str
    name: str
    level: str
    address: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    city: str = ""


@dataclass
class UnitData:
    name: str
    kind: str
    order: int


@dataclass
class OfficialData:
    name: str
    nip: str
    rank: str
    grade: str
    position: str


@dataclass
class ClauseData:
    label: str
    text: str


@dataclass
class DiktumData:
    label: str
    text: str
    items: list[ClauseData] = field(default_factory=list)


@dataclass
class IndicatorData:
    code: str
    name: str
    definition: str
    numerator: str
    denominator: str
    factor: Decimal
    factor_text: str
    unit: str
    polarity: str
    aggregation: str
    decimals: int
    data_source: str
    responsible_unit: str | None
    responsible_text: str
    archived: bool
    scale: str = ""
    value_source: str = "manual"
    source_params: dict[str, Any] = field(default_factory=dict)


@dataclass
class GoalData:
    statement: str
    indicators: list[IndicatorData]


@dataclass
class DecreeData:
    organisation: OrganisationData
    parents: list[OrganisationData]
    units: list[UnitData]
    signatory: OfficialData | None
    number: str
    title: str
    place: str
    lampiran_place: str
    date_signed: dt.date | None
    effective_date: dt.date | None
    status: str
    signatory_title: str
    duty: str
    clauses: dict[str, list[ClauseData]]
    dicta: list[DiktumData]
    goals: list[GoalData]


# ---------------------------------------------------------------- export


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _decimal(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def decree_to_document(decree: Decree) -> dict[str, Any]:
    """The decree as a plain dict, in a fixed key order."""
    org = decree.organisation
    unit_ids = set()
    indicators = list(
        decree.indicators.select_related("responsible_unit", "goal").order_by(
            "goal__order", "order"
        )
    )
    for indicator in indicators:
        if indicator.responsible_unit_id:
            unit_ids.add(indicator.responsible_unit_id)
    units = org.units.filter(id__in=unit_ids).order_by("order", "name")
    signatory = decree.signatory
    clauses = list(decree.clauses.order_by("section", "order"))
    return {
        "format": FORMAT,
        "organisation": _organisation_document(org),
        "parents": [{"code": p.code, "name": p.name, "level": p.level} for p in org.ancestors()],
        "units": [{"name": u.name, "kind": u.kind, "order": u.order} for u in units],
        "signatory": (
            {
                "name": signatory.name,
                "nip": signatory.nip,
                "rank": signatory.rank,
                "grade": signatory.grade,
                "position": signatory.position,
            }
            if signatory
            else None
        ),
        "number": decree.number,
        "title": decree.title,
        "place": decree.place,
        "lampiran_place": decree.lampiran_place,
        "date_signed": _date(decree.date_signed),
        "effective_date": _date(decree.effective_date),
        "status": decree.status,
        "signatory_title": decree.signatory_title,
        "duty": decree.duty,
        **{
            section.value: [
                {"label": c.label, "text": c.text} for c in clauses if c.section == section
            ]
            for section in ClauseSection
        },
        "dicta": [
            {
                "label": d.label,
                "text": d.text,
                "items": [{"label": i.label, "text": i.text} for i in d.items.order_by("order")],
            }
            for d in decree.dicta.order_by("order")
        ],
        "goals": [
            {
                "statement": goal.statement,
                "indicators": [_indicator_document(i) for i in indicators if i.goal_id == goal.id],
            }
            for goal in decree.goals.order_by("order")
        ],
    }


def _organisation_document(org: Any) -> dict[str, Any]:
    return {
        "code": org.code,
        "name": org.name,
        "level": org.level,
        "address": org.address,
        "phone": org.phone,
        "email": org.email,
        "website": org.website,
        "city": org.city,
    }


def _indicator_document(indicator: Any) -> dict[str, Any]:
    return {
        "code": indicator.code,
        "name": indicator.name,
        "definition": indicator.definition,
        "numerator": indicator.numerator_definition,
        "denominator": indicator.denominator_definition,
        "factor": _decimal(indicator.factor),
        "factor_text": indicator.factor_text,
        "unit": indicator.unit,
        "polarity": indicator.polarity,
        "aggregation": indicator.aggregation,
        "decimals": indicator.decimals,
        "data_source": indicator.data_source,
        "responsible_unit": indicator.responsible_unit.name if indicator.responsible_unit else None,
        "responsible_text": indicator.responsible_text,
        "archived": indicator.archived_at is not None,
        "scale": indicator.scale,
        "value_source": indicator.value_source,
        "source_params": indicator.source_params,
    }


def dump(document: dict[str, Any], fmt: str) -> str:
    if fmt == "yaml":
        return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def load_text(text: str, fmt: str | None = None) -> Any:
    """Read JSON or YAML text (YAML when ``fmt`` says so or the text is not JSON)."""
    if fmt != "yaml":
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            # A text that looks like JSON is reported as JSON: its line and column say more
            # than YAML's reading of it would.
            if fmt == "json" or text.lstrip().startswith(("{", "[")):
                raise DocumentError(
                    [
                        _("JSON is not valid at line %(line)d, column %(col)d: %(msg)s")
                        % {"line": exc.lineno, "col": exc.colno, "msg": exc.msg}
                    ]
                ) from exc
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = (
            _(" at line %(line)d, column %(col)d") % {"line": mark.line + 1, "col": mark.column + 1}
            if mark
            else ""
        )
        raise DocumentError(
            [_("The file is neither valid JSON nor YAML%(where)s.") % {"where": where}]
        ) from exc


# ---------------------------------------------------------------- parse and check


class _Reader:
    """Reads typed values out of nested dicts, collecting problems with their paths."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def problem(self, path: str, message: str) -> None:
        self.problems.append(f"{path}: {message}")

    def obj(self, value: Any, path: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.problem(path, _("must be an object"))
            return {}
        return value

    def list(self, parent: dict[str, Any], key: str, path: str, required: bool = True) -> list[Any]:
        value = parent.get(key)
        if value is None and not required:
            return []
        if not isinstance(value, list):
            self.problem(f"{path}{key}", _("must be a list"))
            return []
        return value

    def text(
        self,
        parent: dict[str, Any],
        key: str,
        path: str,
        *,
        required: bool = True,
        max_length: int = 0,
    ) -> str:
        value = parent.get(key)
        if value is None:
            if required:
                self.problem(f"{path}{key}", _("is required"))
            return ""
        if not isinstance(value, str):
            self.problem(f"{path}{key}", _("must be text"))
            return ""
        if required and not value.strip():
            self.problem(f"{path}{key}", _("must not be empty"))
        if max_length and len(value) > max_length:
            self.problem(f"{path}{key}", _("is longer than %(n)d characters") % {"n": max_length})
        return value

    def choice(
        self, parent: dict[str, Any], key: str, path: str, choices: builtins.list[str]
    ) -> str:
        value = self.text(parent, key, path)
        if value and value not in choices:
            self.problem(
                f"{path}{key}",
                _("'%(value)s' is not one of: %(choices)s")
                % {"value": value, "choices": ", ".join(choices)},
            )
        return value

    def date(self, parent: dict[str, Any], key: str, path: str) -> dt.date | None:
        value = parent.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.problem(
                f"{path}{key}", _("'%(value)s' is not a date YYYY-MM-DD") % {"value": value}
            )
            return None

    def integer(self, parent: dict[str, Any], key: str, path: str, lo: int, hi: int) -> int:
        value = parent.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
            self.problem(
                f"{path}{key}",
                _("must be a whole number from %(lo)d to %(hi)d") % {"lo": lo, "hi": hi},
            )
            return lo
        return value

    def decimal(self, parent: dict[str, Any], key: str, path: str) -> Decimal:
        value = parent.get(key)
        try:
            if isinstance(value, bool) or value is None:
                raise InvalidOperation
            number = Decimal(str(value))
        except InvalidOperation:
            self.problem(f"{path}{key}", _("must be a number"))
            return Decimal(1)
        if not number.is_finite() or number <= 0:
            self.problem(f"{path}{key}", _("must be greater than 0"))
        return number

    def boolean(self, parent: dict[str, Any], key: str, path: str) -> bool:
        value = parent.get(key, False)
        if not isinstance(value, bool):
            self.problem(f"{path}{key}", _("must be true or false"))
            return False
        return value


def _organisation(r: _Reader, raw: Any, path: str, full: bool) -> OrganisationData:
    data = r.obj(raw, path)
    p = f"{path}."
    org = OrganisationData(
        code=r.text(data, "code", p, max_length=13),
        name=r.text(data, "name", p, max_length=200),
        level=r.choice(data, "level", p, Level.values),
    )
    if full:
        org.address = r.text(data, "address", p, required=False, max_length=300)
        org.phone = r.text(data, "phone", p, required=False, max_length=50)
        org.email = r.text(data, "email", p, required=False, max_length=254)
        org.website = r.text(data, "website", p, required=False, max_length=200)
        org.city = r.text(data, "city", p, required=False, max_length=100)
    return org


def _optional_choice(
    r: _Reader, data: dict[str, Any], key: str, path: str, choices: list[str], default: str
) -> str:
    """A choice that older documents may lack (then ``default``)."""
    if key not in data:
        return default
    value = data[key]
    if not isinstance(value, str) or value not in choices:
        r.problem(
            f"{path}{key}",
            _("'%(value)s' is not one of: %(choices)s")
            % {"value": value, "choices": ", ".join(c or "''" for c in choices)},
        )
        return default
    return value


def _optional_object(r: _Reader, data: dict[str, Any], key: str, path: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        r.problem(f"{path}{key}", _("must be an object"))
        return {}
    return value


def _clauses(r: _Reader, raw: list[Any], path: str) -> list[ClauseData]:
    out = []
    for i, item in enumerate(raw):
        data = r.obj(item, f"{path}[{i}]")
        p = f"{path}[{i}]."
        out.append(
            ClauseData(
                label=r.text(data, "label", p, required=False, max_length=10),
                text=r.text(data, "text", p),
            )
        )
    return out


def _check_chain(
    r: _Reader, organisation: OrganisationData, parents: list[OrganisationData]
) -> None:
    """The parents must run from the province down to the organisation's own parent, each one
    level below the one before, each code extending its parent's code."""
    chain = [(f"parents[{i}]", p) for i, p in enumerate(parents)]
    chain.append(("organisation", organisation))
    above: OrganisationData | None = None
    for path, node in chain:
        if node.level not in Level.values or not node.code:
            return  # already reported
        level = Level(node.level)
        if not re.match(CODE_PATTERN, node.code) or node.code.count(".") + 1 != CODE_PARTS[level]:
            r.problem(
                f"{path}.code",
                _("'%(code)s' is not the code of a %(level)s")
                % {"code": node.code, "level": level.label},
            )
        expected = PARENT_LEVEL[level]
        if (above.level if above else None) != expected:
            r.problem(
                f"{path}.level",
                _("a %(level)s cannot stand under %(parent)s")
                % {
                    "level": level.label,
                    "parent": Level(above.level).label if above else _("nothing"),
                },
            )
            return
        if above is not None and not node.code.startswith(above.code + "."):
            r.problem(
                f"{path}.code",
                _("'%(code)s' does not start with its parent's code %(parent)s")
                % {"code": node.code, "parent": above.code},
            )
        above = node


def parse_document(raw: Any) -> DecreeData:
    """Check a whole document; raise DocumentError listing every problem."""
    r = _Reader()
    doc = r.obj(raw, _("document"))
    if doc and doc.get("format") != FORMAT:
        r.problem("format", _("must be '%(format)s'") % {"format": FORMAT})
    organisation = _organisation(r, doc.get("organisation"), "organisation", full=True)
    parents = [
        _organisation(r, item, f"parents[{i}]", full=False)
        for i, item in enumerate(r.list(doc, "parents", "", required=False))
    ]
    _check_chain(r, organisation, parents)
    units = []
    for i, item in enumerate(r.list(doc, "units", "", required=False)):
        data = r.obj(item, f"units[{i}]")
        p = f"units[{i}]."
        units.append(
            UnitData(
                name=r.text(data, "name", p, max_length=200),
                kind=r.choice(data, "kind", p, UnitKind.values),
                order=r.integer(data, "order", p, 0, 32767),
            )
        )
    unit_names = {u.name for u in units}
    signatory = None
    if doc.get("signatory") is not None:
        data = r.obj(doc["signatory"], "signatory")
        p = "signatory."
        signatory = OfficialData(
            name=r.text(data, "name", p, max_length=200),
            nip=r.text(data, "nip", p, max_length=21),
            rank=r.text(data, "rank", p, required=False, max_length=100),
            grade=r.text(data, "grade", p, required=False, max_length=10),
            position=r.text(data, "position", p, max_length=200),
        )
        digits = "".join(ch for ch in signatory.nip if ch.isdigit())
        if signatory.nip and len(digits) != 18:
            r.problem("signatory.nip", _("a NIP has 18 digits"))
    status = r.choice(doc, "status", "", DecreeStatus.values)
    date_signed = r.date(doc, "date_signed", "")
    if status and status != DecreeStatus.DRAFT and date_signed is None:
        r.problem("date_signed", _("is required for a decree that is not a draft"))
    clauses = {
        section.value: _clauses(r, r.list(doc, section.value, "", required=False), section.value)
        for section in ClauseSection
    }
    dicta = []
    for i, item in enumerate(r.list(doc, "dicta", "", required=False)):
        data = r.obj(item, f"dicta[{i}]")
        p = f"dicta[{i}]."
        dicta.append(
            DiktumData(
                label=r.text(data, "label", p, max_length=20),
                text=r.text(data, "text", p),
                items=_clauses(r, r.list(data, "items", p, required=False), f"{p}items"),
            )
        )
    goals = []
    codes: set[str] = set()
    for g, item in enumerate(r.list(doc, "goals", "")):
        data = r.obj(item, f"goals[{g}]")
        gp = f"goals[{g}]."
        indicators = []
        for i, ind in enumerate(r.list(data, "indicators", gp)):
            idata = r.obj(ind, f"{gp}indicators[{i}]")
            p = f"{gp}indicators[{i}]."
            code = r.text(idata, "code", p, max_length=20)
            if code in codes:
                r.problem(f"{p}code", _("'%(code)s' appears twice") % {"code": code})
            codes.add(code)
            unit_name = idata.get("responsible_unit")
            if unit_name is not None and unit_name not in unit_names:
                r.problem(
                    f"{p}responsible_unit",
                    _("'%(name)s' is not among the document's units") % {"name": unit_name},
                )
            indicators.append(
                IndicatorData(
                    code=code,
                    name=r.text(idata, "name", p),
                    definition=r.text(idata, "definition", p, required=False),
                    numerator=r.text(idata, "numerator", p, required=False),
                    denominator=r.text(idata, "denominator", p, required=False),
                    factor=r.decimal(idata, "factor", p),
                    factor_text=r.text(idata, "factor_text", p, required=False, max_length=30),
                    unit=r.text(idata, "unit", p, max_length=30),
                    polarity=r.choice(idata, "polarity", p, Polarity.values),
                    aggregation=r.choice(idata, "aggregation", p, Aggregation.values),
                    decimals=r.integer(idata, "decimals", p, 0, 6),
                    data_source=r.text(idata, "data_source", p, required=False, max_length=200),
                    responsible_unit=unit_name if isinstance(unit_name, str) else None,
                    responsible_text=r.text(
                        idata, "responsible_text", p, required=False, max_length=200
                    ),
                    archived=r.boolean(idata, "archived", p),
                    scale=_optional_choice(r, idata, "scale", p, OrdinalScale.values, ""),
                    value_source=_optional_choice(
                        r, idata, "value_source", p, ValueSource.values, ValueSource.MANUAL
                    ),
                    source_params=_optional_object(r, idata, "source_params", p),
                )
            )
        goals.append(GoalData(statement=r.text(data, "statement", gp), indicators=indicators))
    number = r.text(doc, "number", "", required=False, max_length=100)
    if status and status != DecreeStatus.DRAFT:
        if not number.strip():
            r.problem("number", _("is required for a decree that is not a draft"))
        if not any(not i.archived for g in goals for i in g.indicators):
            r.problem("goals", _("a decree that is not a draft needs at least one indicator"))
    result = DecreeData(
        organisation=organisation,
        parents=parents,
        units=units,
        signatory=signatory,
        number=number,
        title=r.text(doc, "title", "", max_length=300),
        place=r.text(doc, "place", "", required=False, max_length=100),
        lampiran_place=r.text(doc, "lampiran_place", "", required=False, max_length=100),
        date_signed=date_signed,
        effective_date=r.date(doc, "effective_date", ""),
        status=status,
        signatory_title=r.text(doc, "signatory_title", "", required=False),
        duty=r.text(doc, "duty", "", required=False),
        clauses=clauses,
        dicta=dicta,
        goals=goals,
    )
    if r.problems:
        raise DocumentError(r.problems)
    return result
