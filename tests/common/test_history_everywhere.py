"""Every write is in the audit history, with who made it (#11 item 5).

The public functions of every services module (``kinerja/<app>/services.py``, the modules of a
``services/`` package, ``*_services.py`` and :data:`OTHER_WRITE_MODULES`) are discovered. Each one
is either

* a write with a scenario in :data:`SCENARIOS`: it is called with valid arguments and the audit
  history must grow; when the service takes an ``actor`` (a signed-in user), every history record
  the call made names that user, except records of the models the scenario declares as written by
  the system (values recomputed from a register: the change is audited on the record that caused
  it);
* a write that deliberately keeps no history, in :data:`NO_HISTORY` with the reason;
* not a write (a check, a parser, a read), in :data:`NOT_WRITES` with what it is.

A new public service function in none of them fails :func:`test_every_service_function_is_declared`.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.conftest import PASSWORD, RoleUsers

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2] / "kinerja"
D = dt.date
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# Modules that hold writes without being named services (the LKjIP publication).
OTHER_WRITE_MODULES = ["kinerja.reports.publication"]


def service_modules() -> list[str]:
    paths = [
        *ROOT.glob("*/services.py"),
        *ROOT.glob("*/services/*.py"),
        *ROOT.glob("*/*_services.py"),
    ]
    names = [
        ".".join(p.relative_to(ROOT.parent).with_suffix("").parts)
        for p in paths
        if p.name != "__init__.py" and not p.name.startswith("_")
    ]
    return sorted(names) + OTHER_WRITE_MODULES


def public_functions() -> set[str]:
    found = set()
    for name in service_modules():
        module = importlib.import_module(name)
        for attr, value in vars(module).items():
            if (
                not attr.startswith("_")
                and inspect.isfunction(value)
                and value.__module__ == module.__name__
            ):
                found.add(f"{name}:{attr}")
    return found


# ---------------------------------------------------------------- what is not a write

PERMISSION = "a permission check (reads memberships)"
PARSE = "parses or checks input, writes nothing"
READ = "a read"
NOT_WRITES: dict[str, str] = {
    "kinerja.common.services:save_validated": "the write helper every service uses (below)",
    "kinerja.coordination.services:can_change": PERMISSION,
    "kinerja.coordination.services:can_verify": PERMISSION,
    "kinerja.coordination.services:field_indicators": READ,
    "kinerja.measurement.services:can_enter": PERMISSION,
    "kinerja.measurement.services:can_verify": PERMISSION,
    "kinerja.measurement.services:can_return": PERMISSION,
    "kinerja.measurement.services:can_approve": PERMISSION,
    "kinerja.measurement.services:can_change_workflow_settings": PERMISSION,
    "kinerja.measurement.services:allowed_actions": PERMISSION,
    "kinerja.measurement.services:parse_amount": PARSE,
    "kinerja.measurement.services:has_components": PARSE,
    "kinerja.measurement.services:validate_components": PARSE,
    "kinerja.measurement.services:snapshot": "what value_approve freezes (a read)",
    "kinerja.organisations.services:checked_logo": PARSE,
    "kinerja.planning.services.agreements:agreement_defaults": "a new PK form's starting values",
    "kinerja.planning.services.agreements:quarter_check": READ,
    "kinerja.planning.services.agreements:mismatch_warning": READ,
    "kinerja.planning.services.target_values:clean_target_values": PARSE,
    "kinerja.reports.lkjip_services:stored_narratives": READ,
    "kinerja.reports.publication:can_publish": PERMISSION,
    "kinerja.reports.publication:lkjip_is_published": READ,
    "kinerja.reports.publication:published_lkjip_years": READ,
    "kinerja.skm.services:can_manage_skm": PERMISSION,
    "kinerja.skm.services:quarter_of": PARSE,
    "kinerja.skm.services:answers_digest": PARSE,
    "kinerja.skm.services:is_duplicate": READ,
    "kinerja.skm.services:skm_indicators": READ,
    "kinerja.village_finance.services:register_indicators": READ,
    "kinerja.village_finance.services:responsible_unit_ids": READ,
    "kinerja.village_finance.services:can_evaluate": PERMISSION,
    "kinerja.village_finance.services:can_submit": PERMISSION,
    "kinerja.village_finance.services:can_set_deadlines": PERMISSION,
    "kinerja.village_finance.services:deadlines_for": READ,
    "kinerja.village_finance.services:deadline_of": READ,
    "kinerja.village_finance.services:document_get": READ,
    "kinerja.village_finance.services:document_key": READ,
    "kinerja.village_finance.services:villages_of": READ,
    "kinerja.village_finance.services:refresh_deferred": (
        "a context manager: the refresh it defers is village_budget_values_refresh"
    ),
}

# ---------------------------------------------------------------- writes without history

NO_HISTORY: dict[str, str] = {
    "kinerja.skm.services:response_submit": (
        "an anonymous respondent's questionnaire: responses and answers are kept without a "
        "history of who, by design (docs/skm.md); the tallies are derived from them"
    ),
    "kinerja.skm.services:responses_store_many": (
        "paper questionnaires typed in by staff are the same anonymous responses (no history by "
        "design); the IKU 1.1 value they refresh keeps its own"
    ),
    "kinerja.skm.services:responses_import": "a file of paper questionnaires: as above",
}


# ---------------------------------------------------------------- the world the scenarios use


@dataclass
class World:
    users: RoleUsers
    mayang: Any
    decree: Any

    def ind(self, code: str) -> Any:
        return self.decree.indicators.get(code=code)

    def manual(self, code: str) -> Any:
        indicator = self.ind(code)
        type(indicator).objects.filter(pk=indicator.pk).update(value_source="manual")
        indicator.refresh_from_db()
        return indicator

    # measurement
    def value(self, code: str = "2.1", period: str = "2022Q1", status: str = "draft") -> Any:
        from kinerja.measurement import services as m

        indicator = self.manual(code)
        value = m.value_save(
            actor=None,
            indicator=indicator,
            organisation=self.mayang,
            period=period,
            numerator="9",
            denominator="10",
        )
        steps = {
            "submitted": ["submit"],
            "verified": ["submit", "verify"],
            "approved": ["submit", "verify", "approve"],
        }.get(status, [])
        for step in steps:
            if step == "submit":
                value = m.value_submit(actor=None, value=value)
            elif step == "verify":
                value = m.value_verify(actor=None, value=value)
            else:
                value = m.value_approve(actor=None, value=value)
        return value

    # coordination
    def field(self) -> Any:
        from kinerja.coordination import services as c

        return {f.code: f for f in c.fields_ensure_default(organisation=self.mayang)}[
            "pemerintahan"
        ]

    def activity(self, submit: bool = True) -> Any:
        from kinerja.coordination import services as c

        return c.activity_record(
            actor=None,
            field=self.field(),
            title="Rapat koordinasi",
            date=D(2022, 2, 10),
            place="Aula",
            participants="Polsek",
            results=[
                c.ResultInput(
                    "Hasil",
                    recommendations=[c.RecommendationInput("Rek", "Desa", D(2022, 3, 1))],
                )
            ],
            submit=submit,
        )

    def result(self) -> Any:
        return self.activity().results.get()

    def recommendation(self) -> Any:
        return self.result().recommendations.get()

    # planning
    def agreement(self, signed: bool = False) -> Any:
        from kinerja.organisations.models import Official
        from kinerja.planning.services import agreements as pk

        agreement = pk.agreement_save(
            actor=None,
            organisation=self.mayang,
            year=2022,
            first_party=Official.objects.get(organisation=self.mayang, nip__startswith="19730725"),
            second_party_name="Bupati",
            second_party_position="BUPATI JEMBER",
            place="Jember",
            date_signed=D(2022, 1, 31),
        )
        if signed:
            for indicator in self.decree.active_indicators():
                pk.target_set(
                    actor=None, agreement=agreement, indicator=indicator, period="2022", target="80"
                )
            pk.agreement_sign(actor=None, agreement=agreement)
        return agreement

    def renstra(self) -> Any:
        from kinerja.planning.services import renstra

        return renstra.renstra_save(
            actor=None, organisation=self.mayang, title="Renstra", start_year=2021, end_year=2026
        )

    def program(self) -> Any:
        from kinerja.planning.services import renja

        return renja.program_save(
            actor=None,
            organisation=self.mayang,
            year=2022,
            level="program",
            code="1",
            name="Program",
            budget="1000",
        )

    def benchmark(self) -> Any:
        from kinerja.planning.services import benchmarks

        return benchmarks.benchmark_save(
            actor=None,
            organisation=self.mayang,
            indicator=self.ind("2.1"),
            year=2022,
            value="70",
            source="rata-rata",
        )

    # skm
    def instrument(self) -> Any:
        from kinerja.skm import services as s

        return s.instrument_create_default(actor=None, organisation=self.mayang)

    def service(self) -> Any:
        from kinerja.skm import services as s

        return s.service_save(actor=None, organisation=self.mayang, name="KTP", order=1)

    def responses(self, count: int = 2) -> list[Any]:
        from kinerja.skm.services import ResponseInput

        service = self.service()
        return [
            ResponseInput(
                service=service,
                answers={f"U{i}": 3 for i in range(1, 10)},
                gender="P",
                education="SMA",
                occupation="Wirausaha",
                age=30 + n,
                date=D(2022, 2, 1),
            )
            for n in range(count)
        ]

    # village finance
    def village(self) -> Any:
        from kinerja.village_finance.services import villages_of

        return villages_of(self.mayang).first()

    def document(self) -> Any:
        from kinerja.village_finance import services as v

        return v.document_submit(
            actor=None,
            village=self.village(),
            year=2022,
            document="apbdes",
            upload=pdf(),
        )

    def forget_values(self) -> None:
        """Remove the stored values, so a refresh has something to write (test setup only)."""
        from kinerja.measurement.models import IndicatorValue

        IndicatorValue.objects.all().delete()


def pdf(name: str = "dokumen.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def png() -> SimpleUploadedFile:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (300, 300), (200, 30, 30)).save(out, format="PNG")
    return SimpleUploadedFile("logo.png", out.getvalue())


@dataclass
class Scenario:
    """``call(world)`` sets up and returns the keyword arguments of the service.

    ``system``: the models whose history records the call makes as the system, with the reason
    (e.g. values recomputed from a register after an operator's change)."""

    call: Callable[[World], dict[str, Any]]
    system: dict[str, str] = field(default_factory=dict)


RECOMPUTED = {
    "measurement.IndicatorValue": (
        "the register's values are recomputed as the system; who changed the register is on "
        "the register's own record"
    )
}


def _new_user() -> Any:
    return get_user_model().objects.create(username="baru")


def _superuser() -> Any:
    """Logos are changed by those the Django admin lets change organisations."""
    return get_user_model().objects.create_superuser("super", password=PASSWORD)


SCENARIOS: dict[str, Scenario] = {
    # ---- common (the write helpers, on one service type)
    "kinerja.common.services:delete_recorded": Scenario(
        lambda w: {"instance": w.service(), "actor": w.users.camat}
    ),
    "kinerja.common.services:update_each": Scenario(
        lambda w: {
            "queryset": type(w.service()).objects.filter(organisation=w.mayang),
            "actor": w.users.camat,
            "counter": "Loket 2",
        }
    ),
    "kinerja.common.services:delete_each": Scenario(
        lambda w: {
            "queryset": type(w.service()).objects.filter(organisation=w.mayang),
            "actor": w.users.camat,
        }
    ),
    # ---- accounts
    "kinerja.accounts.services:membership_grant": Scenario(
        lambda w: {
            "user": _new_user(),
            "role": "perencana",
            "organisation": w.mayang,
            "actor": w.users.camat,
        }
    ),
    "kinerja.accounts.services:user_with_role": Scenario(
        lambda w: {
            "username": "baru",
            "password": PASSWORD,
            "role": "perencana",
            "organisation": w.mayang,
        }
    ),
    "kinerja.accounts.services:sample_data_mark": Scenario(
        lambda w: {"organisation": w.mayang, "years": [2022], "actor": w.users.camat}
    ),
    # ---- organisations
    "kinerja.organisations.services:organisations_load_seed": Scenario(
        lambda w: (_forget_village(), {})[1]
    ),
    "kinerja.organisations.services:organisation_logo_set": Scenario(
        lambda w: {"actor": _superuser(), "organisation": w.mayang, "upload": png()}
    ),
    "kinerja.organisations.services:organisation_logo_clear": Scenario(
        lambda w: {"actor": _superuser(), "organisation": _with_logo(w)}
    ),
    # ---- iku
    "kinerja.iku.services:decree_import": Scenario(
        lambda w: {"data": _decree_data(w), "actor": w.users.camat}
    ),
    "kinerja.iku.services:decree_import_text": Scenario(
        lambda w: {"text": _decree_text(w), "fmt": "json", "actor": w.users.camat}
    ),
    "kinerja.iku.services:default_data_load": Scenario(lambda w: (_forget_decree(w), {})[1]),
    "kinerja.iku.services:decree_create": Scenario(
        lambda w: {
            "actor": w.users.camat,
            "organisation": w.mayang,
            "title": "IKU baru",
            "number": "050/2/2024",
        }
    ),
    "kinerja.iku.services:decree_update": Scenario(
        lambda w: {"actor": w.users.camat, "decree": _draft(w), "number": "050/1/2024"}
    ),
    "kinerja.iku.services:decree_set_clauses": Scenario(
        lambda w: {
            "actor": w.users.camat,
            "decree": _draft(w),
            "section": "menimbang",
            "items": [_clause("bahwa uji")],
        }
    ),
    "kinerja.iku.services:decree_set_dicta": Scenario(
        lambda w: {"actor": w.users.camat, "decree": _draft(w), "dicta": _dicta()}
    ),
    "kinerja.iku.services:decree_copy": Scenario(
        lambda w: {"actor": w.users.camat, "source": w.decree}
    ),
    "kinerja.iku.services:decree_put_in_force": Scenario(
        lambda w: {
            "actor": w.users.camat,
            "decree": _draft(w, number="050/1/2024"),
            "date_signed": D(2024, 1, 2),
        }
    ),
    "kinerja.iku.services:goal_save": Scenario(
        lambda w: {"actor": w.users.camat, "decree": _draft(w), "statement": "Tujuan baru"}
    ),
    "kinerja.iku.services:indicator_create": Scenario(
        lambda w: {
            "actor": w.users.camat,
            "decree": (d := _draft(w)),
            "goal": d.goals.get(order=2),
            "code": "2.5",
            "name": "Uji baru",
        }
    ),
    "kinerja.iku.services:indicator_update": Scenario(
        lambda w: {
            "actor": w.users.camat,
            "indicator": _draft(w).indicators.get(code="2.1"),
            "name": "Nama baru",
        }
    ),
    "kinerja.iku.services:indicator_archive": Scenario(
        lambda w: {"actor": w.users.camat, "indicator": _draft(w).indicators.get(code="2.1")}
    ),
    "kinerja.iku.services:indicator_restore": Scenario(
        lambda w: {"actor": w.users.camat, "indicator": _archived(w)}
    ),
    # ---- planning
    "kinerja.planning.services.renstra:renstra_save": Scenario(
        lambda w: {
            "actor": w.users.perencana,
            "organisation": w.mayang,
            "title": "Renstra",
            "start_year": 2021,
            "end_year": 2026,
        }
    ),
    "kinerja.planning.services.renstra:renstra_target_set": Scenario(
        lambda w: {
            "actor": w.users.perencana,
            "renstra": w.renstra(),
            "indicator": w.ind("2.1"),
            "year": 2022,
            "target": "80",
        }
    ),
    "kinerja.planning.services.renstra:renstra_targets_set": Scenario(
        lambda w: {
            "actor": w.users.perencana,
            "renstra": _renstra_with_target(w),
            "cells": {(w.ind("2.1").pk, 2022): _target(""), (w.ind("2.1").pk, None): _target("90")},
        }
    ),
    "kinerja.planning.services.renja:program_save": Scenario(
        lambda w: {
            "actor": w.users.perencana,
            "organisation": w.mayang,
            "year": 2022,
            "level": "program",
            "name": "Program",
            "budget": "1000",
            "indicators": [w.ind("2.1")],
        }
    ),
    "kinerja.planning.services.renja:budget_realization_set": Scenario(
        lambda w: {
            "actor": w.users.perencana,
            "program": w.program(),
            "period": "2022Q1",
            "amount": "100",
        }
    ),
    "kinerja.planning.services.renja:budget_realizations_set": Scenario(
        lambda w: {
            "actor": w.users.perencana,
            "organisation": w.mayang,
            "year": 2022,
            "cells": _budget_cells(w),
        }
    ),
    "kinerja.planning.services.agreements:agreement_save": Scenario(
        lambda w: {
            "actor": w.users.perencana,
            "organisation": w.mayang,
            "year": 2022,
            "first_party": None,
        }
    ),
    "kinerja.planning.services.agreements:agreement_sign": Scenario(
        lambda w: {"actor": w.users.camat, "agreement": _ready_to_sign(w)}
    ),
    "kinerja.planning.services.agreements:target_set": Scenario(
        lambda w: {
            "actor": w.users.perencana,
            "agreement": w.agreement(),
            "indicator": w.ind("2.1"),
            "period": "2022",
            "target": "80",
        }
    ),
    "kinerja.planning.services.agreements:agreement_targets_set": Scenario(
        lambda w: {
            "actor": w.users.perencana,
            "agreement": _agreement_with_target(w),
            "rows": _pk_rows(w),
        }
    ),
    "kinerja.planning.services.agreements:target_revise": Scenario(
        lambda w: {
            "actor": w.users.camat,
            "agreement": w.agreement(signed=True),
            "indicator": w.ind("2.1"),
            "period": "2022",
            "target": "85",
            "reason": "Perubahan anggaran",
            "document_number": "1/2022",
            "document_date": D(2022, 6, 1),
        }
    ),
    "kinerja.planning.services.benchmarks:benchmark_save": Scenario(
        lambda w: {
            "actor": w.users.perencana,
            "organisation": w.mayang,
            "indicator": w.ind("2.1"),
            "year": 2022,
            "value": "70",
            "source": "rata-rata",
        }
    ),
    "kinerja.planning.services.benchmarks:benchmark_delete": Scenario(
        lambda w: {"actor": w.users.perencana, "benchmark": w.benchmark()}
    ),
    # ---- measurement
    "kinerja.measurement.services:value_save": Scenario(
        lambda w: {
            "actor": w.users.kepala_seksi,
            "indicator": w.manual("2.1"),
            "organisation": w.mayang,
            "period": "2022Q1",
            "numerator": "9",
            "denominator": "10",
        }
    ),
    "kinerja.measurement.services:value_refresh_from_source": Scenario(
        lambda w: (
            w.activity(),
            w.forget_values(),
            {
                "actor": w.users.kepala_seksi,
                "indicator": w.ind("2.1"),
                "organisation": w.mayang,
                "period": "2022Q1",
            },
        )[-1]
    ),
    "kinerja.measurement.services:value_submit": Scenario(
        lambda w: {"actor": w.users.kepala_seksi, "value": w.value()}
    ),
    "kinerja.measurement.services:value_verify": Scenario(
        lambda w: {"actor": w.users.perencana, "value": w.value(status="submitted")}
    ),
    "kinerja.measurement.services:value_return": Scenario(
        lambda w: {
            "actor": w.users.perencana,
            "value": w.value(status="submitted"),
            "note": "Periksa",
        }
    ),
    "kinerja.measurement.services:value_approve": Scenario(
        lambda w: {"actor": w.users.camat, "value": w.value(status="verified")}
    ),
    "kinerja.measurement.services:value_unlock": Scenario(
        lambda w: {
            "actor": w.users.camat,
            "value": w.value(status="approved"),
            "reason": "Salah ketik",
        }
    ),
    "kinerja.measurement.services:evidence_add": Scenario(
        lambda w: {"actor": w.users.kepala_seksi, "value": w.value(), "upload": pdf()}
    ),
    "kinerja.measurement.services:evidence_remove": Scenario(
        lambda w: {"actor": w.users.kepala_seksi, "evidence": _evidence(w)}
    ),
    "kinerja.measurement.services:workflow_settings_save": Scenario(
        lambda w: {
            "actor": w.users.camat,
            "organisation": w.mayang,
            "approval_steps": "two",
            "reason": "Sedikit pegawai",
        }
    ),
    # ---- coordination
    "kinerja.coordination.services:fields_ensure_default": Scenario(
        lambda w: {"organisation": w.mayang}
    ),
    "kinerja.coordination.services:field_create": Scenario(
        lambda w: {
            "actor": w.users.perencana,
            "organisation": w.mayang,
            "code": "baru",
            "name": "Bidang baru",
            "responsible_unit": w.field().responsible_unit,
        }
    ),
    "kinerja.coordination.services:activity_record": Scenario(
        lambda w: {
            "actor": w.users.kepala_seksi,
            "field": w.field(),
            "title": "Rapat",
            "date": D(2022, 2, 1),
            "place": "Aula",
            "participants": "Polsek",
            "submit": True,
        },
        system=RECOMPUTED,
    ),
    "kinerja.coordination.services:activity_update": Scenario(
        lambda w: {
            "actor": w.users.kepala_seksi,
            "activity": w.activity(submit=False),
            "title": "Rapat lain",
            "date": D(2022, 2, 11),
            "place": "Aula",
            "participants": "Polsek",
            "kind": "rapat",
        },
        system=RECOMPUTED,
    ),
    "kinerja.coordination.services:activity_submit": Scenario(
        lambda w: {"actor": w.users.kepala_seksi, "activity": w.activity(submit=False)},
        system=RECOMPUTED,
    ),
    "kinerja.coordination.services:activity_verify": Scenario(
        lambda w: {"actor": w.users.perencana, "activity": w.activity()}, system=RECOMPUTED
    ),
    "kinerja.coordination.services:result_add": Scenario(
        lambda w: {
            "actor": w.users.kepala_seksi,
            "activity": w.activity(),
            "text": "Hasil baru",
            "date": D(2022, 2, 12),
        },
        system=RECOMPUTED,
    ),
    "kinerja.coordination.services:result_update": Scenario(
        lambda w: {
            "actor": w.users.kepala_seksi,
            "result": w.result(),
            "text": "Hasil diubah",
            "date": D(2022, 2, 12),
        },
        system=RECOMPUTED,
    ),
    "kinerja.coordination.services:recommendation_add": Scenario(
        lambda w: {
            "actor": w.users.kepala_seksi,
            "result": w.result(),
            "text": "Rek baru",
            "responsible_party": "Desa",
            "due_date": D(2022, 3, 5),
        },
        system=RECOMPUTED,
    ),
    "kinerja.coordination.services:recommendation_update": Scenario(
        lambda w: {
            "actor": w.users.kepala_seksi,
            "recommendation": w.recommendation(),
            "text": "Rek diubah",
            "responsible_party": "Desa",
            "due_date": D(2022, 3, 6),
        },
        system=RECOMPUTED,
    ),
    "kinerja.coordination.services:followup_add": Scenario(
        lambda w: {
            "actor": w.users.kepala_seksi,
            "recommendation": w.recommendation(),
            "status": "selesai",
            "date": D(2022, 3, 2),
            "actor_name": "Kepala Desa",
        },
        system=RECOMPUTED,
    ),
    "kinerja.coordination.services:refresh_affected": Scenario(
        lambda w: {
            "actor": w.users.kepala_seksi,
            "field": (w.activity(), w.forget_values(), w.field())[-1],
            "dates": {D(2022, 2, 10)},
        }
    ),
    # ---- skm
    "kinerja.skm.services:instrument_create_default": Scenario(
        lambda w: {"actor": w.users.perencana, "organisation": w.mayang}
    ),
    "kinerja.skm.services:instrument_unsur_save": Scenario(
        lambda w: {
            "actor": w.users.perencana,
            "instrument": (i := w.instrument()),
            "specs": _unsur_specs(i),
        }
    ),
    "kinerja.skm.services:service_save": Scenario(
        lambda w: {"actor": w.users.perencana, "organisation": w.mayang, "name": "SKCK"}
    ),
    "kinerja.skm.services:service_user_count_set": Scenario(
        lambda w: {
            "actor": w.users.perencana,
            "service": w.service(),
            "year": 2022,
            "quarter": 1,
            "users": 120,
        }
    ),
    "kinerja.skm.services:skm_refresh_iku": Scenario(
        lambda w: {
            "actor": w.users.perencana,
            "organisation": (_store_responses(w), w.forget_values(), w.mayang)[-1],
            "period": "2022Q1",
        }
    ),
    # ---- village finance
    "kinerja.village_finance.services:fiscal_year_settings_save": Scenario(
        lambda w: {
            "actor": w.users.camat,
            "kecamatan": w.mayang,
            "year": 2022,
            "apbdes_deadline": D(2022, 1, 15),
            "spj_s1_deadline": D(2022, 8, 15),
            "spj_year_end_deadline": D(2023, 1, 31),
        },
        system=RECOMPUTED,
    ),
    "kinerja.village_finance.services:document_submit": Scenario(
        lambda w: {
            "actor": w.users.operator_desa,
            "village": w.village(),
            "year": 2022,
            "document": "apbdes",
            "upload": pdf(),
        },
        system=RECOMPUTED,
    ),
    "kinerja.village_finance.services:document_paper_date_confirm": Scenario(
        lambda w: {
            "actor": w.users.kepala_seksi,
            "document": w.document(),
            "paper_date": D(2021, 12, 20),
            "note": "Surat pengantar bertanggal 20 Desember",
        },
        system=RECOMPUTED,
    ),
    "kinerja.village_finance.services:document_evaluate": Scenario(
        lambda w: {"actor": w.users.kepala_seksi, "document": w.document(), "result": "benar"},
        system=RECOMPUTED,
    ),
    "kinerja.village_finance.services:village_budget_values_refresh": Scenario(
        lambda w: {"kecamatan": (w.document(), w.forget_values(), w.mayang)[-1], "year": 2022}
    ),
    # ---- reports
    "kinerja.reports.lkjip_services:narrative_save": Scenario(
        lambda w: {
            "actor": w.users.perencana,
            "organisation": w.mayang,
            "year": 2022,
            "section": "pengantar",
            "text": "Kata pengantar",
        }
    ),
    "kinerja.reports.lkjip_services:narrative_reset": Scenario(
        lambda w: {
            "actor": w.users.perencana,
            "organisation": _with_narrative(w),
            "year": 2022,
            "section": "pengantar",
        }
    ),
    "kinerja.reports.publication:lkjip_publish": Scenario(
        lambda w: {"actor": w.users.camat, "organisation": w.mayang, "year": 2022}
    ),
    "kinerja.reports.publication:lkjip_withdraw": Scenario(
        lambda w: {"actor": w.users.camat, "organisation": _published(w), "year": 2022}
    ),
}


# ---------------------------------------------------------------- setup helpers


def _forget_village() -> None:
    from kinerja.organisations.models import Organisation

    Organisation.objects.filter(code="35.09.26.2007").delete()


def _with_logo(w: World) -> Any:
    from kinerja.organisations import services as o

    return o.organisation_logo_set(actor=None, organisation=w.mayang, upload=png())


def _decree_text(w: World) -> str:
    from kinerja.iku.portable import decree_to_document, dump

    document = decree_to_document(w.decree)
    document["number"] = "050/99/2024"
    document["status"] = "draft"
    return dump(document, "json")


def _decree_data(w: World) -> Any:
    from kinerja.iku.portable import load_text, parse_document

    return parse_document(load_text(_decree_text(w), "json"))


def _forget_decree(w: World) -> None:
    type(w.decree).objects.filter(pk=w.decree.pk).update(number="050/lama", status="superseded")


def _draft(w: World, number: str = "") -> Any:
    from kinerja.iku import services as iku

    draft = iku.decree_copy(actor=None, source=w.decree)
    if number:
        draft = iku.decree_update(actor=None, decree=draft, number=number)
    return draft


def _archived(w: World) -> Any:
    from kinerja.iku import services as iku

    return iku.indicator_archive(actor=None, indicator=_draft(w).indicators.get(code="2.1"))


def _clause(text: str) -> Any:
    from kinerja.iku.portable import ClauseData

    return ClauseData(label="a.", text=text)


def _dicta() -> list[Any]:
    from kinerja.iku.portable import DiktumData

    return [DiktumData(label="KESATU", text="Menetapkan uji")]


def _target(text: str) -> Any:
    from kinerja.planning.services.target_values import TargetInput

    return TargetInput(text)


def _renstra_with_target(w: World) -> Any:
    from kinerja.planning.services import renstra

    period = w.renstra()
    renstra.renstra_target_set(
        actor=None, renstra=period, indicator=w.ind("2.1"), year=2022, target="80"
    )
    return period


def _budget_cells(w: World) -> dict[tuple[int, str], Any]:
    from kinerja.planning.services import renja

    program = w.program()
    renja.budget_realization_set(actor=None, program=program, period="2022Q2", amount="50")
    return {(program.pk, "2022Q1"): "100", (program.pk, "2022Q2"): ""}


def _ready_to_sign(w: World) -> Any:
    from kinerja.planning.services import agreements as pk

    agreement = w.agreement()
    for indicator in w.decree.active_indicators():
        pk.target_set(
            actor=None, agreement=agreement, indicator=indicator, period="2022", target="80"
        )
    return agreement


def _agreement_with_target(w: World) -> Any:
    from kinerja.planning.services import agreements as pk

    agreement = w.agreement()
    pk.target_set(
        actor=None, agreement=agreement, indicator=w.ind("2.2"), period="2022Q1", target="10"
    )
    return agreement


def _pk_rows(w: World) -> dict[int, Any]:
    from kinerja.planning.services.agreements import IndicatorTargetsInput

    return {
        w.ind("2.1").pk: IndicatorTargetsInput(values={"2022": _target("80")}),
        w.ind("2.2").pk: IndicatorTargetsInput(values={"2022Q1": _target("")}),
    }


def _evidence(w: World) -> Any:
    from kinerja.measurement import services as m

    return m.evidence_add(actor=None, value=w.value(), upload=pdf())


def _period(text: str) -> Any:
    from kinerja.core.periods import parse_period

    return parse_period(text)


def _unsur_specs(instrument: Any) -> list[Any]:
    from kinerja.skm.services import UnsurSpec

    kept = list(instrument.unsur.order_by("order")[:2])
    return [
        UnsurSpec(u.code, u.name, u.question, (u.label_1, u.label_2, u.label_3, u.label_4))
        for u in reversed(kept)
    ]


def _store_responses(w: World) -> None:
    from kinerja.skm import services as s

    s.responses_store_many(actor=None, instrument=w.instrument(), items=w.responses())


def _with_narrative(w: World) -> Any:
    from kinerja.reports import lkjip_services

    lkjip_services.narrative_save(
        actor=None, organisation=w.mayang, year=2022, section="pengantar", text="Teks"
    )
    return w.mayang


def _published(w: World) -> Any:
    from kinerja.reports import publication

    publication.lkjip_publish(actor=w.users.camat, organisation=w.mayang, year=2022)
    return w.mayang


# ---------------------------------------------------------------- the checks


def history_models() -> list[Any]:
    return [
        model
        for model in apps.get_models()
        if model.__module__.startswith("kinerja.")
        and not model.__name__.startswith("Historical")
        and hasattr(model, "history")
    ]


def _marks() -> dict[Any, int]:
    marks = {}
    for model in history_models():
        last = model.history.order_by("-history_id").values_list("history_id", flat=True).first()
        marks[model] = last or 0
    return marks


def _records_since(marks: dict[Any, int]) -> list[tuple[str, Any]]:
    records = []
    for model, last in marks.items():
        label = model._meta.label
        records += [(label, r) for r in model.history.filter(history_id__gt=last)]
    return records


@pytest.fixture
def world(
    users: RoleUsers, mayang: Any, default_decree: Any, settings: Any, tmp_path: Any
) -> World:
    settings.MEDIA_ROOT = tmp_path / "media"
    return World(users=users, mayang=mayang, decree=default_decree)


def test_every_service_function_is_declared() -> None:
    found = public_functions()
    declared = set(SCENARIOS) | set(NOT_WRITES) | set(NO_HISTORY)
    missing = sorted(found - declared)
    assert not missing, (
        "public service functions without a history scenario (add one to SCENARIOS, or declare "
        f"them in NOT_WRITES or NO_HISTORY with the reason): {missing}"
    )
    stale = sorted(declared - found)
    assert not stale, f"declared functions that no longer exist: {stale}"
    assert not set(SCENARIOS) & (set(NOT_WRITES) | set(NO_HISTORY))


def test_a_new_service_without_a_scenario_is_caught(monkeypatch: Any) -> None:
    from kinerja.skm import services as skm

    def survey_close(*, actor: Any) -> None:  # a new write nobody declared
        return None

    survey_close.__module__ = skm.__name__
    monkeypatch.setattr(skm, "survey_close", survey_close, raising=False)
    assert "kinerja.skm.services:survey_close" in public_functions() - set(SCENARIOS)


@pytest.mark.parametrize("key", sorted(SCENARIOS))
def test_the_write_is_in_the_history_with_its_actor(key: str, world: World) -> None:
    module, name = key.split(":")
    service = getattr(importlib.import_module(module), name)
    scenario = SCENARIOS[key]
    kwargs = scenario.call(world)
    marks = _marks()
    service(**kwargs)
    records = _records_since(marks)
    assert records, f"{key} wrote nothing to the audit history"
    actor = kwargs.get("actor")
    if actor is not None and actor.is_authenticated:
        wrong = sorted(
            {
                (label, str(r.history_user))
                for label, r in records
                if r.history_user_id != actor.pk and label not in scenario.system
            }
        )
        assert not wrong, f"{key}: history records not naming {actor}: {wrong}"
        assert any(r.history_user_id == actor.pk for _label, r in records)


NO_HISTORY_MODELS = {
    "measurement.SentReminder": "a reminder already sent (a log of the sending itself)",
    "measurement.WorkflowEvent": "the workflow's own log of who did what, written once",
    "planning.TargetRevision": "a revision record, written once and never changed",
    "skm.Response": "an anonymous respondent's questionnaire (no who, by design)",
    "skm.Answer": "part of an anonymous questionnaire",
    "skm.ResponseTally": "derived from the responses (recomputed, never edited)",
    "skm.AnswerTally": "derived from the answers (recomputed, never edited)",
}


def test_every_model_keeps_a_history_or_says_why_not() -> None:
    models = [
        m
        for m in apps.get_models()
        if m.__module__.startswith("kinerja.")
        and not m.__name__.startswith("Historical")
        and not m._meta.auto_created
    ]
    without = {m._meta.label for m in models if not hasattr(m, "history")}
    assert without == set(NO_HISTORY_MODELS), sorted(without ^ set(NO_HISTORY_MODELS))
