"""Predikat: the band (label and colour) an achievement or a score falls in.

A :class:`ThresholdTable` is an ordered, gap-free list of bands, each starting at a lower bound and
running up to the next band's bound; the first band starts at minus infinity, so every real number falls
in exactly one band and a higher value never falls in a lower band.

Printed scales leave gaps and stop at 100 (domain.md section 2): the LKjIP scale per Permendagri 86/2017
[S] reads ">=91 Sangat Tinggi, 76-90 Tinggi, 66-75 Sedang, 51-65 Rendah, <=50 Sangat Rendah". Our
:data:`DEFAULT_TABLE` reads each printed lower bound as inclusive and lets each band run up to the next
bound [D]: 90.5 is Tinggi, 75.5 Sedang, 50.5 Sangat Rendah, 130 Sangat Tinggi and -5 Sangat Rendah.
Values are rounded half-up to 2 decimals before they are classified, so the band always matches the
number printed next to it (90.996 prints as 91,00 and is Sangat Tinggi) [D]; ``round_places=None``
classifies the exact value instead.

Regions print other scales [S]; :func:`table_from_rows` loads one from plain data (a settings file, a
JSON field).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from kinerja.core.numbers import Number, parse_number, round_half_up, to_fraction

__all__ = [
    "DEFAULT_TABLE",
    "Band",
    "ThresholdTable",
    "sakip_grade_table",
    "table_from_rows",
]


@dataclass(frozen=True)
class Band:
    """One band of a scale: values from ``lower`` (``None`` = minus infinity) up to the next band.

    ``inclusive`` says whether a value equal to ``lower`` belongs to this band (``True``, ">= 91") or to
    the band below (``False``, "> 90"). ``colour`` is a key the templates map to a colour.
    """

    lower: Fraction | None
    label: str
    colour: str = ""
    inclusive: bool = True

    def admits(self, value: Fraction) -> bool:
        """True when ``value`` is at or above this band's start."""
        if self.lower is None:
            return True
        return value > self.lower or (self.inclusive and value == self.lower)


@dataclass(frozen=True)
class ThresholdTable:
    """A gap-free scale of :class:`Band` objects in ascending order of their lower bound.

    Invariants (``ValueError`` otherwise): at least one band; the first band, and only it, starts at
    minus infinity; lower bounds strictly increase; labels are unique.
    """

    name: str
    bands: tuple[Band, ...]
    round_places: int | None = 2

    def __post_init__(self) -> None:
        if not self.bands:
            raise ValueError(f"scale {self.name!r} has no bands")
        if self.bands[0].lower is not None:
            raise ValueError(f"the lowest band of scale {self.name!r} must start at minus infinity")
        bounds: list[Fraction] = []
        for band in self.bands[1:]:
            if band.lower is None:
                raise ValueError(f"only the lowest band of scale {self.name!r} may be unbounded")
            bounds.append(band.lower)
        if any(b >= a for a, b in zip(bounds[1:], bounds, strict=False)):
            raise ValueError(f"lower bounds of scale {self.name!r} must strictly increase")
        labels = [b.label for b in self.bands]
        if len(set(labels)) != len(labels):
            raise ValueError(f"duplicate label in scale {self.name!r}")

    def classify(self, value: Number) -> Band:
        """The band ``value`` falls in (rounded half-up to ``round_places`` first, when set)."""
        exact = (
            to_fraction(round_half_up(value, self.round_places))
            if self.round_places is not None
            else to_fraction(value)
        )
        for band in reversed(self.bands):
            if band.admits(exact):
                return band
        raise AssertionError("unreachable: the lowest band admits every value")

    def label(self, value: Number | None) -> str | None:
        """The label of the band of ``value``; ``None`` for a missing value."""
        return None if value is None else self.classify(value).label


def _band(lower: Number | None, label: str, colour: str, inclusive: bool = True) -> Band:
    return Band(None if lower is None else to_fraction(lower), label, colour, inclusive)


DEFAULT_TABLE = ThresholdTable(
    "Permendagri 86/2017 (LKjIP)",
    (
        _band(None, "Sangat Rendah", "red"),
        _band(51, "Rendah", "orange"),
        _band(66, "Sedang", "yellow"),
        _band(76, "Tinggi", "green"),
        _band(91, "Sangat Tinggi", "dark-green"),
    ),
)
"""The LKjIP predikat per Permendagri 86/2017 [S], closed into a gap-free scale [D] (module docstring)."""


def _bound(raw: object) -> Fraction | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, str):
        return to_fraction(parse_number(raw))
    if isinstance(raw, bool) or not isinstance(raw, Decimal | Fraction | int):
        raise ValueError(f"not an exact bound: {raw!r} (use a string, an int or a Decimal)")
    return to_fraction(raw)


def table_from_rows(
    rows: Iterable[Mapping[str, object]], *, name: str = "custom", round_places: int | None = 2
) -> ThresholdTable:
    """Load a scale from plain rows, e.g. parsed from JSON or YAML.

    Each row has ``label`` (required), ``lower`` (a number or numeric string; missing, ``None`` or ``""``
    for the lowest band), optional ``colour`` and optional ``inclusive`` (default ``True``). Rows may be
    listed from the lowest band up or from the highest band down, but consistently; duplicates of a bound
    or a label, a missing lowest band and unknown keys raise ``ValueError``. A kecamatan scale
    ">100 Sangat Baik, 75-100 Baik, 55-75 Cukup, <55 Kurang" [S] reads::

        [{"lower": "100", "inclusive": False, "label": "Sangat Baik"},
         {"lower": "75", "label": "Baik"}, {"lower": "55", "label": "Cukup"}, {"label": "Kurang"}]
    """
    bands: list[Band] = []
    for i, row in enumerate(rows):
        unknown = set(row) - {"lower", "label", "colour", "inclusive"}
        if unknown:
            raise ValueError(f"row {i + 1}: unknown keys {sorted(unknown)}")
        label = row.get("label")
        if not isinstance(label, str) or not label.strip():
            raise ValueError(f"row {i + 1}: a label is required")
        colour = row.get("colour", "")
        inclusive = row.get("inclusive", True)
        if not isinstance(colour, str) or not isinstance(inclusive, bool):
            raise ValueError(f"row {i + 1}: colour must be text and inclusive true or false")
        try:
            lower = _bound(row.get("lower"))
        except ValueError as exc:
            raise ValueError(f"row {i + 1}: {exc}") from exc
        bands.append(Band(lower, label.strip(), colour, inclusive))
    if len(bands) > 1 and bands[0].lower is not None and bands[-1].lower is None:
        bands.reverse()  # listed from the highest band down
    return ThresholdTable(name, tuple(bands), round_places)


def sakip_grade_table(*, boundary_goes_up: bool = False) -> ThresholdTable:
    """SAKIP evaluation grades, PermenPANRB 88/2021 [S]: AA >90-100, A >80-90, BB >70-80, B >60-70,
    CC >50-60, C >30-50, D 0-30.

    As printed, a score exactly on a boundary belongs to the lower grade (90 is A); sources disagree
    about 90 [S], so ``boundary_goes_up=True`` puts every boundary score in the upper grade (90 is AA).
    Scores below 0 are D and above 100 AA (the scale is closed) [D]; scores are rounded half-up to 2
    decimals first, as evaluation reports print them [D].
    """
    up = boundary_goes_up
    return ThresholdTable(
        "Predikat SAKIP (PermenPANRB 88/2021)" + (" batas ke atas" if up else ""),
        (
            _band(None, "D", "red"),
            _band(30, "C", "orange", up),
            _band(50, "CC", "yellow", up),
            _band(60, "B", "light-green", up),
            _band(70, "BB", "green", up),
            _band(80, "A", "dark-green", up),
            _band(90, "AA", "blue", up),
        ),
    )
