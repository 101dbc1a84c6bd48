"""Sources of indicator components.

Each indicator names its source (``Indicator.value_source``: manual, skm, register) and its
parameters (``Indicator.source_params``). A source is one function: given an indicator, an
organisation and a period, it returns the components and the records that produced them. Adding a
source is writing one such function and registering it (docs/adding-a-source.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kinerja.core.periods import Period
    from kinerja.iku.models import Indicator
    from kinerja.organisations.models import Organisation


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


SourceFunction = Callable[["Indicator", "Organisation", "Period"], SourceResult]

_SOURCES: dict[str, SourceFunction] = {}


def register_source(key: str) -> Callable[[SourceFunction], SourceFunction]:
    """Decorator: make ``fn`` the source called for indicators whose value_source is ``key``."""

    def wrap(fn: SourceFunction) -> SourceFunction:
        _SOURCES[key] = fn
        return fn

    return wrap


def source_for(key: str) -> SourceFunction | None:
    """The registered function of a computed source; None for manual entry."""
    return _SOURCES.get(key)


def compute_from_source(
    indicator: Indicator, organisation: Organisation, period: Period
) -> SourceResult | None:
    fn = source_for(indicator.value_source)
    return fn(indicator, organisation, period) if fn else None
