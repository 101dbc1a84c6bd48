"""Exact numbers: parsing Indonesian and plain input, rounding half-up, Indonesian display.

Indonesian writing uses a dot to group thousands and a comma as the decimal mark ("1.234,5"); data keyed in
by hand or pasted from spreadsheets also arrives in the plain form ("1234.5"). The reading rules of
:func:`parse_number` are a project decision [D]; they are listed in its docstring and in ``docs/core.md``.

Inside the core every quotient is a :class:`~fractions.Fraction`; :func:`to_decimal` is the single place
where an exact quotient becomes a :class:`~decimal.Decimal`.
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

__all__ = [
    "DECIMAL_PLACES",
    "EM_DASH",
    "Number",
    "format_id",
    "parse_number",
    "round_half_up",
    "to_decimal",
    "to_fraction",
]

Number = Decimal | Fraction | int
"""Any exact number accepted by the core (``bool`` and ``float`` are refused)."""

DECIMAL_PLACES = 20
"""Places kept by :func:`to_decimal` when a quotient has no finite decimal expansion (e.g. 10/11) [D]."""

EM_DASH = "\u2014"
"""What :func:`format_id` prints for a missing value."""

_DIGITS = re.compile(r"[0-9]+")
_GROUPED = re.compile(r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+")  # 1.234 / 12.345.678
_GROUPED_COMMA = re.compile(r"[1-9][0-9]{0,2}(?:,[0-9]{3})+")  # 1,234 (only with a decimal point)
_SIGNS = {"-": -1, "\u2212": -1, "+": 1}


def to_fraction(value: Number) -> Fraction:
    """Return ``value`` as an exact :class:`Fraction`; refuse floats and booleans (``TypeError``)."""
    if isinstance(value, bool) or not isinstance(value, Decimal | Fraction | int):
        raise TypeError(f"expected Decimal, Fraction or int, got {type(value).__name__}")
    if isinstance(value, Decimal) and not value.is_finite():
        raise ValueError(f"not a finite number: {value}")
    return Fraction(value)


def round_half_up(value: Number, places: int = 2) -> Decimal:
    """Round exactly, halves away from zero, to ``places`` decimals (``places`` may be 0 or negative).

    This is the rounding of Indonesian government tables (66,665 -> 66,67) and the rule the SKM
    classification uses [S]. It works on the exact value, so ``Fraction(2, 3)`` gives ``0.67`` and a
    ``Decimal`` with more digits than the context precision is still rounded correctly.
    """
    exact = to_fraction(value)
    scaled = abs(exact) * Fraction(10) ** places
    units = int(scaled + Fraction(1, 2))  # floor(x + 1/2) for x >= 0: half-up on the magnitude
    sign = 1 if exact < 0 and units != 0 else 0
    digits = tuple(int(d) for d in str(units))
    return Decimal((sign, digits, -places))


def to_decimal(value: Number, places: int = DECIMAL_PLACES) -> Decimal:
    """Return ``value`` as a ``Decimal``: exact when its decimal expansion ends, else ``places`` decimals.

    A quotient such as 10/11 has no finite expansion; it is rounded half-up to ``places`` (default 20)
    decimals, far below anything displayed (2 decimals) or any regulation boundary [D].
    """
    exact = to_fraction(value)
    denominator = exact.denominator
    twos = fives = 0
    while denominator % 2 == 0:
        denominator //= 2
        twos += 1
    while denominator % 5 == 0:
        denominator //= 5
        fives += 1
    if denominator == 1:  # terminating: scale to an integer and write it with the right exponent
        exponent = max(twos, fives)
        units = exact * 10**exponent
        assert units.denominator == 1
        sign = 1 if units < 0 else 0
        digits = tuple(int(d) for d in str(abs(units.numerator)))
        return Decimal((sign, digits, -exponent))
    return round_half_up(exact, places)


def _unsigned(text: str, shown: str) -> Fraction:
    """Read an unsigned number; see :func:`parse_number` for the rules."""
    dots, commas = text.count("."), text.count(",")
    if dots and commas:
        # Both marks: the last one is the decimal mark, the other must group thousands properly.
        decimal_mark = "," if text.rfind(",") > text.rfind(".") else "."
        integer, _, fraction = text.rpartition(decimal_mark)
        grouped = _GROUPED if decimal_mark == "," else _GROUPED_COMMA
        if not grouped.fullmatch(integer) or not _DIGITS.fullmatch(fraction):
            raise ValueError(f"not a number: {shown!r}")
        integer = integer.replace("." if decimal_mark == "," else ",", "")
    elif commas:
        if commas > 1:
            raise ValueError(f"not a number (more than one comma): {shown!r}")
        integer, _, fraction = text.partition(",")
    elif dots > 1:
        if not _GROUPED.fullmatch(text):
            raise ValueError(f"not a number (bad thousands grouping): {shown!r}")
        integer, fraction = text.replace(".", ""), ""
    elif dots == 1:
        integer, _, fraction = text.partition(".")
        if _GROUPED.fullmatch(text):  # "1.234": a thousands separator, not a decimal point
            integer, fraction = integer + fraction, ""
    else:
        integer, fraction = text, ""
    if not _DIGITS.fullmatch(integer) or (fraction and not _DIGITS.fullmatch(fraction)):
        raise ValueError(f"not a number: {shown!r}")
    if ("," in text or "." in text) and not fraction and not _GROUPED.fullmatch(text):
        raise ValueError(f"not a number (nothing after the decimal mark): {shown!r}")
    return Fraction(int(integer + fraction), 10 ** len(fraction))


def parse_number(text: str) -> Decimal:
    """Read a number written the Indonesian way or the plain way, exactly, as a ``Decimal``.

    Rules [D] (surrounding spaces are ignored; a leading ``-``, ``+`` or ``\u2212`` sign is allowed):

    * digits only: an integer, ``"-3"`` -> -3.
    * one comma and no dot: the comma is the decimal mark (Indonesian), ``"1,5"`` -> 1.5 and
      ``"1,234"`` -> 1.234. Several commas alone are refused (``"1,2,3"``, ``"1,234,567"``).
    * dots only, more than one: thousands separators; the groups must be 1-3 digits then exactly 3
      digits each, ``"1.234.567"`` -> 1234567; ``"1.23.4"`` is refused.
    * exactly one dot and no comma: **a thousands separator when it is followed by exactly three digits
      and preceded by one to three digits not starting with 0**, so ``"1.234"`` -> 1234 and
      ``"12.500"`` -> 12500 (Indonesian readers write thousands this way); otherwise a decimal point,
      ``"1.5"`` -> 1.5, ``"1234.5"`` -> 1234.5, ``"0.125"`` -> 0.125, ``"1.2345"`` -> 1.2345. Write
      ``"1,234"`` for one point two three four.
    * a dot and a comma: the one that comes last is the decimal mark and the other one must group
      thousands correctly: ``"1.234,5"`` -> 1234.5, ``"1,234.5"`` -> 1234.5.
    * digits are required on both sides of a decimal mark (``",5"`` and ``"5,"`` are refused); anything
      else (letters, spaces inside, ``""``, ``"%"``) raises ``ValueError``.

    :func:`format_id` always writes a comma decimal mark, so ``parse_number(format_id(x, p))`` gives
    back ``round_half_up(x, p)``.
    """
    if not isinstance(text, str):
        raise TypeError(f"expected str, got {type(text).__name__}")
    body = text.strip()
    sign = 1
    if body[:1] in _SIGNS:
        sign, body = _SIGNS[body[0]], body[1:]
    if not body:
        raise ValueError(f"not a number: {text!r}")
    return to_decimal(sign * _unsigned(body, text))


def format_id(value: Number | None, places: int = 2) -> str:
    """Format a number for Indonesian readers: ``format_id(Decimal("1234.5"), 2)`` -> ``"1.234,50"``.

    Rounds half-up to ``places`` decimals (``places >= 0``), groups thousands with dots, uses a decimal
    comma and prints ``"\u2014"`` (an em dash) for ``None`` (a value that is missing or not computable).
    A value that rounds to zero is printed without a minus sign.
    """
    if value is None:
        return EM_DASH
    if places < 0:
        raise ValueError("places must be >= 0")
    rounded = round_half_up(value, places)
    sign, digits, exponent = rounded.as_tuple()
    assert isinstance(exponent, int)
    text = "".join(str(d) for d in digits).rjust(places + 1, "0")
    integer, fraction = (text[:-places], text[-places:]) if places else (text, "")
    groups: list[str] = []
    while len(integer) > 3:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    groups.insert(0, integer)
    out = ".".join(groups) + ("," + fraction if fraction else "")
    return ("-" + out) if sign and rounded != 0 else out


def format_percent(value: Number | None, places: int = 2) -> str:
    """An achievement or share as printed: ``"95,24 %"``; an em dash for ``None``."""
    return EM_DASH if value is None else f"{format_id(value, places)} %"
