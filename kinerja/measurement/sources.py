"""Sources of indicator components: one contract for every source of numbers.

Each indicator names its source (``Indicator.value_source``: manual, skm, register) and its
parameters (``Indicator.source_params``); an indicator computed from a register of the
kecamatan's work names the register in ``source_params["register"]``. A source is one
:class:`Source` registered under its key (the value_source, or the register's name), by the app
that owns the records, in its ``AppConfig.ready``. The value store (this app) knows sources only
through this registry: it names none of them. The contract says

- how the source computes a value and the records behind numerator and denominator
  (:meth:`Source.compute`);
- where the records of a value are listed (:meth:`Source.lineage_url`);
- its reminders: the kinds of lines it adds to the dashboard's "Pengingat"
  (:meth:`Source.dashboard_reminders`) and the e-mails of ``kinerja pengingat``
  (:meth:`Source.send_reminders`, sent once a day through
  :func:`kinerja.measurement.reminders.send_once`);
- what it refreshes when its records change (:meth:`Source.indicators` and
  :meth:`Source.refresh`, the shared loop :func:`kinerja.measurement.refresh.refresh_values`);
- what "changed since approval" compares (:meth:`Source.digest`: SHA-256 of the components and
  the counted records, stored on the value at approval).

docs/adding-a-source.md explains it with a worked example.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kinerja.core.periods import Period
    from kinerja.iku.models import Indicator
    from kinerja.organisations.models import Organisation

#: The value_source of indicators computed from a register (``iku.models.ValueSource.REGISTER``):
#: the register is named in ``source_params["register"]``.
REGISTER = "register"


@dataclass(frozen=True)
class SourceRecord:
    """One record behind a computed value (lineage)."""

    kind: str  # jenis: e.g. "rekomendasi", "hasil_koordinasi", "responden", "apbdes"
    id: int
    label: str
    counted_in: tuple[str, ...]  # ("pembilang",), ("penyebut",) or both
    url: str = ""


@dataclass(frozen=True)
class SourceResult:
    numerator: Decimal | None
    denominator: Decimal | None
    value: Decimal | None = None
    records: list[SourceRecord] = field(default_factory=list)


# ---------------------------------------------------------------- the dashboard's reminders

REMINDERS_SHOWN = 3
"""Lines of a reminder kind shown before the rest folds into "and N more"."""


@dataclass
class ReminderItem:
    text: str
    url: str = ""
    details: list[str] = field(default_factory=list)
    late: bool = False
    title: str = ""


@dataclass
class ReminderKind:
    """One kind of reminder (overdue values, values awaiting approval, ...) and its lines."""

    key: str
    title: str
    help: str
    items: list[ReminderItem] = field(default_factory=list)
    link_url: str = ""
    link_label: str = ""

    @property
    def shown(self) -> list[ReminderItem]:
        return self.items[:REMINDERS_SHOWN]

    @property
    def rest(self) -> list[ReminderItem]:
        return self.items[REMINDERS_SHOWN:]


# ---------------------------------------------------------------- "changed since approval"


def _number(value: Any) -> str | None:
    """A number as text that is equal for equal numbers (5, "5.0000" and Decimal("5.0") alike)."""
    if value is None:
        return None
    number = Decimal(str(value))
    return "0" if number == 0 else str(number.normalize())


def record_keys(records: Iterable[Any]) -> list[tuple[str, int, tuple[str, ...]]]:
    """What is counted, and where, of records (SourceRecord or their JSON form in a snapshot):
    (kind, id, counted_in), sorted. Labels and links are left out."""
    keys = set()
    for r in records:
        if isinstance(r, dict):
            keys.add((str(r["kind"]), int(r["id"]), tuple(sorted(r["counted_in"]))))
        else:
            keys.add((str(r.kind), int(r.id), tuple(sorted(r.counted_in))))
    return sorted(keys)


def digest_of(numerator: Any, denominator: Any, records: Iterable[Any]) -> str:
    """SHA-256 (hex) of the components and the counted records: equal exactly when the
    components are equal numbers and the same records are counted in the same places."""
    payload = json.dumps(
        {
            "numerator": _number(numerator),
            "denominator": _number(denominator),
            "records": [[k, i, list(c)] for k, i, c in record_keys(records)],
        },
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode()).hexdigest()


# ---------------------------------------------------------------- the contract


class Source:
    """A source of indicator components. Subclass it, set :attr:`key`, write :meth:`compute`
    (and whichever of the other methods apply), and register an instance with
    :func:`register_source` from the owning app's ``AppConfig.ready``."""

    #: The indicator's ``value_source``, or for a register the ``source_params["register"]`` name.
    key: str = ""
    #: The name of its e-mail reminders in ``kinerja pengingat --hanya`` ("" = the key).
    reminder_name: str = ""

    def compute(
        self, indicator: Indicator, organisation: Organisation, period: Period
    ) -> SourceResult:
        """The components of ``indicator`` for ``organisation`` in ``period`` and the records
        behind them (``counted_in`` says whether a record is in the numerator, the denominator,
        both, or neither: supporting evidence)."""
        raise NotImplementedError

    def lineage_url(self, indicator: Indicator, organisation: Organisation, period: str) -> str:
        """The page listing the records behind a value of ``period`` ("" when there is none)."""
        return ""

    def dashboard_reminders(
        self, *, user: Any, organisation: Organisation, year: int, today: dt.date
    ) -> list[ReminderKind]:
        """Kinds of lines this source adds to the dashboard's "Pengingat" of ``year`` (what
        ``user`` may see of ``organisation``); the dashboard leaves out kinds without lines."""
        return []

    def send_reminders(self, day: dt.date) -> int | None:
        """Send the day's e-mail reminders (``kinerja pengingat``), each once a day through
        :func:`kinerja.measurement.reminders.send_once`; the number sent. None: this source
        sends no e-mail (the default)."""
        return None

    def indicators(self, organisation: Organisation) -> list[Indicator]:
        """The indicators whose values this source refreshes when its records change: by
        default the active indicators of ``organisation``'s decrees in force with this key."""
        from kinerja.iku.models import DecreeStatus, Indicator

        return [
            i
            for i in Indicator.objects.active()
            .filter(decree__organisation=organisation, decree__status=DecreeStatus.IN_FORCE)
            .select_related("decree", "responsible_unit")
            if source_key(i) == self.key
        ]

    def refresh(
        self,
        *,
        actor: Any,
        organisation: Organisation,
        years: set[int],
        periods: list[Period],
        indicators: list[Indicator] | None = None,
    ) -> list[Any]:
        """Recompute after a change of records: ``periods`` (created when missing) and every
        other stored period of ``years`` of :meth:`indicators` (or the ``indicators`` given),
        through :func:`kinerja.measurement.refresh.refresh_values`."""
        from kinerja.measurement.refresh import refresh_values

        return refresh_values(
            actor=actor,
            indicators=self.indicators(organisation) if indicators is None else indicators,
            organisation=organisation,
            years=years,
            periods=periods,
        )

    def digest(self, result: SourceResult) -> str:
        """What "changed since approval" compares: stored on the value at approval
        (``IndicatorValue.approved_digest``) and compared with the digest of a new result."""
        return digest_of(result.numerator, result.denominator, result.records)


_SOURCES: dict[str, Source] = {}


class UnknownSource(LookupError):
    pass


def register_source(source: Source) -> Source:
    """Make ``source`` the source of indicators whose key (:func:`source_key`) is its key."""
    if not source.key:
        raise ValueError(f"{type(source).__name__} has no key")
    _SOURCES[source.key] = source
    return source


def unregister_source(key: str) -> None:
    """Remove a registered source (tests)."""
    _SOURCES.pop(key, None)


def sources() -> list[Source]:
    """The registered sources, in the order they were registered (the apps' order)."""
    return list(_SOURCES.values())


def source_key(indicator: Indicator) -> str:
    """The key of an indicator's source: its value_source, or for a register the register's
    name (``source_params["register"]``)."""
    if indicator.value_source != REGISTER:
        return str(indicator.value_source)
    params = indicator.source_params if isinstance(indicator.source_params, dict) else {}
    return str(params.get("register", ""))


def source_for(key: str) -> Source | None:
    """The registered source of a key; None for manual entry."""
    return _SOURCES.get(key)


def source_of(indicator: Indicator) -> Source | None:
    """The source computing ``indicator``; None for a manual indicator. An indicator computed
    from a register that is not registered is an error."""
    if indicator.value_source == REGISTER:
        key = source_key(indicator)
        source = _SOURCES.get(key)
        if source is None:
            known = sorted(k for k in _SOURCES if k not in _value_source_keys())
            raise UnknownSource(
                f"Indicator {indicator.code}: unknown register {key!r} "
                f"(known: {', '.join(known) or 'none'})"
            )
        return source
    return _SOURCES.get(source_key(indicator))


def _value_source_keys() -> tuple[str, ...]:
    from kinerja.iku.models import ValueSource

    return tuple(str(v) for v in ValueSource.values)


def is_computed(value_source: str) -> bool:
    """Whether a value whose ``source`` is ``value_source`` comes from a source (not manual
    entry, not an override)."""
    return value_source == REGISTER or value_source in _SOURCES


def compute_from_source(
    indicator: Indicator, organisation: Organisation, period: Period
) -> SourceResult | None:
    """The source's result for ``indicator``; None for a manual indicator."""
    source = source_of(indicator)
    return source.compute(indicator, organisation, period) if source else None


def lineage_url(indicator: Indicator, organisation: Organisation | None, period: str) -> str:
    """The page listing the records behind a computed value of ``period``; "" for manual
    indicators and for a source without one."""
    if organisation is None:
        return ""
    try:
        source = source_of(indicator)
    except UnknownSource:
        return ""
    return source.lineage_url(indicator, organisation, period) if source else ""


def reminder_senders() -> dict[str, Callable[[dt.date], int | None]]:
    """name → the function sending a source's e-mail reminders of a day (``kinerja
    pengingat``); sources that send none are left out."""
    return {
        (s.reminder_name or s.key): s.send_reminders
        for s in _SOURCES.values()
        if type(s).send_reminders is not Source.send_reminders
    }
