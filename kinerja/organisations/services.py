"""Writes of organisations, units and officials."""

import json
from pathlib import Path

from django.db import transaction

from kinerja.common.services import save_validated
from kinerja.organisations.models import Organisation, Unit

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
