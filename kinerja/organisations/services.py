"""Writes of organisations, units and officials."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from kinerja.common.services import save_validated
from kinerja.common.uploads import CheckedFile, checked_upload
from kinerja.organisations.models import Organisation, Unit

if TYPE_CHECKING:
    from kinerja.accounts.access import UserLike

SEED_FILE = Path(__file__).resolve().parent / "seed" / "jember.json"


@transaction.atomic
def organisations_load_seed(path: Path = SEED_FILE) -> int:
    """Create the organisations and units of the seed file that do not exist yet (by code and
    name); existing ones are left as they are. Returns how many rows were created."""
    data = json.loads(path.read_text(encoding="utf-8"))
    created = 0
    for row in data["organisations"]:
        if Organisation.objects.filter(code=row["code"]).exists():
            continue
        parent_code = row["code"].rsplit(".", 1)[0] if "." in row["code"] else None
        parent = Organisation.objects.get(code=parent_code) if parent_code else None
        save_validated(Organisation(parent=parent, **row))
        created += 1
    for row in data["units"]:
        organisation = Organisation.objects.get(code=row.pop("organisation"))
        if Unit.objects.filter(organisation=organisation, name=row["name"]).exists():
            continue
        save_validated(Unit(organisation=organisation, **row))
        created += 1
    return created


LOGO_EXTENSIONS = (".png", ".jpg", ".jpeg")
"""Logo images: PNG or JPEG (what both WeasyPrint and Word embed)."""
LOGO_MAX_SIDE = 4000
"""The longest side of a logo in pixels: a larger image is refused before it is decoded (a
"decompression bomb" would otherwise hold the memory of every document printed with it)."""


def _may_change(actor: UserLike | None) -> None:
    """Trusted callers (``None``) and users with the Django permission to change organisations
    (the superuser; the staff the Django admin lets in)."""
    has_perm = getattr(actor, "has_perm", None)
    if actor is not None and not (has_perm and has_perm("organisations.change_organisation")):
        raise PermissionDenied(_("You may not change this organisation."))


def checked_logo(upload: UploadedFile[bytes]) -> CheckedFile:
    """``upload`` checked as a logo: PNG or JPEG through :func:`checked_upload`, and an image
    Pillow reads of at most :data:`LOGO_MAX_SIDE` pixels a side. ValidationError on ``logo``."""
    from PIL import Image, UnidentifiedImageError

    checked = checked_upload(upload, field_name="logo", extensions=LOGO_EXTENSIONS)
    data = checked.content.read()
    checked.content.seek(0)
    try:
        with Image.open(io.BytesIO(data)) as image:  # reads the header only
            width, height = image.size
            if max(width, height) > LOGO_MAX_SIDE:
                raise ValidationError(
                    {
                        "logo": _("The image is %(w)s × %(h)s pixels; at most %(max)s a side.")
                        % {"w": width, "h": height, "max": LOGO_MAX_SIDE}
                    }
                )
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError({"logo": _("The file is not an image that can be read.")}) from None
    return checked


@transaction.atomic
def organisation_logo_set(
    *, actor: UserLike | None, organisation: Organisation, upload: UploadedFile[bytes]
) -> Organisation:
    """Store ``upload`` as the logo of ``organisation`` (printed in the kop surat of its documents
    and of its children without a logo of their own). The previous file stays on the disk: the
    audit history refers to it."""
    _may_change(actor)
    checked = checked_logo(upload)
    locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
    checked.save_to(locked.logo)
    save_validated(locked, actor=actor)
    return locked


@transaction.atomic
def organisation_logo_clear(*, actor: UserLike | None, organisation: Organisation) -> Organisation:
    """Forget the logo of ``organisation``: the parent's (or the default emblem) is printed again."""
    _may_change(actor)
    locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
    locked.logo = ""
    save_validated(locked, actor=actor)
    return locked
