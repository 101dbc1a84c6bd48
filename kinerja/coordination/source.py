"""The "register" source of indicator components: one dispatcher for every register.

Indicators computed from a register of the kecamatan's work have ``value_source = "register"``
and name the register in ``source_params["register"]``. Each register app adds its own function
to :data:`REGISTER_SOURCES` (``"coordination"`` here; ``"village_budget"`` in
kinerja.village_finance), so that one key of the source registry serves all of them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from kinerja.measurement.sources import SourceResult, register_source

if TYPE_CHECKING:
    from kinerja.core.periods import Period
    from kinerja.iku.models import Indicator
    from kinerja.organisations.models import Organisation

RegisterFunction = Callable[["Indicator", "Organisation", "Period"], SourceResult]

#: register name (source_params["register"]) → the function computing the components.
REGISTER_SOURCES: dict[str, RegisterFunction] = {}


def register_register(name: str) -> Callable[[RegisterFunction], RegisterFunction]:
    """Decorator: make ``fn`` the function of the register ``name``."""

    def wrap(fn: RegisterFunction) -> RegisterFunction:
        REGISTER_SOURCES[name] = fn
        return fn

    return wrap


class UnknownRegister(LookupError):
    pass


@register_source("register")
def register_source_dispatch(
    indicator: Indicator, organisation: Organisation, period: Period
) -> SourceResult:
    """Call the function of the register named in the indicator's ``source_params``."""
    params = indicator.source_params or {}
    name = params.get("register", "") if isinstance(params, dict) else ""
    fn = REGISTER_SOURCES.get(name)
    if fn is None:
        raise UnknownRegister(
            f"Indicator {indicator.code}: unknown register {name!r} "
            f"(known: {', '.join(sorted(REGISTER_SOURCES)) or 'none'})"
        )
    return fn(indicator, organisation, period)
