"""Who signs a document of an organisation, and the title lines printed above the name."""

from __future__ import annotations

from dataclasses import dataclass

from kinerja.organisations.models import Official, Organisation


@dataclass(frozen=True)
class Signature:
    title_lines: tuple[str, ...]
    official: Official | None
    place: str


def head_of(organisation: Organisation) -> Signature:
    """The Camat's signature block: the active official whose jabatan starts with "Camat" [D].

    Title lines: "CAMAT MAYANG" and, when the kecamatan has a kabupaten, "KABUPATEN JEMBER"; the place
    is the organisation's letterhead city, else its name. Without an official the block prints dotted
    lines to be filled in by hand.
    """
    official = (
        Official.objects.filter(
            organisation=organisation, active=True, position__istartswith="Camat"
        )
        .order_by("name")
        .first()
    )
    short = organisation.name
    if short.lower().startswith("kecamatan "):
        short = short[len("kecamatan ") :]
    lines = [f"CAMAT {short.upper()}"]
    parent = organisation.parent
    if parent is not None and parent.level == "kabupaten":
        parent_name = parent.name.upper()
        lines.append(
            parent_name if parent_name.startswith("KABUPATEN") else f"KABUPATEN {parent_name}"
        )
    place = organisation.city or short
    return Signature(tuple(lines), official, place)
