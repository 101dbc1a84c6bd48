"""``kinerja iku export | import``: the portable decree format, round trips and bad documents."""

import copy
import json
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.utils import translation

from kinerja.iku import services
from kinerja.iku.models import Decree
from kinerja.iku.portable import DocumentError, load_text
from kinerja.organisations.models import Level, Organisation
from tests.helpers import SEED_DECREE_FILE, empty_database, row_counts

SEED_TEXT = SEED_DECREE_FILE.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def english():
    """The messages asserted below are the English originals."""
    with translation.override("en"):
        yield


def _seed() -> dict:
    return json.loads(SEED_TEXT)


def _export(*args: str) -> str:
    out = StringIO()
    call_command("iku", "export", *args, stdout=out)
    return out.getvalue()


def _import(path: Path, *args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("iku", "import", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


# ---------------------------------------------------------------- export


def test_export_of_the_default_decree_is_the_seed_file(mayang):
    assert _export() == SEED_TEXT


def test_export_names_the_decree(mayang, draft_decree):
    assert _export("--organisasi", "35.09.26", "--nomor", "065/ 2 /26/2022") == SEED_TEXT


def test_export_of_an_unknown_decree(mayang):
    with pytest.raises(CommandError, match="No such decree"):
        _export("--nomor", "999/2099")


def test_export_to_a_file(mayang, tmp_path):
    target = tmp_path / "iku.json"
    assert _export("--output", str(target)) == ""
    assert target.read_text(encoding="utf-8") == SEED_TEXT


def test_export_yaml_to_a_file_by_its_suffix(mayang, tmp_path):
    target = tmp_path / "iku.yaml"
    _export("--output", str(target))
    text = target.read_text(encoding="utf-8")
    assert text == _export("--format", "yaml")
    assert yaml.safe_load(text) == _seed()


# ---------------------------------------------------------------- round trips


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_round_trip_through_an_empty_database(mayang, tmp_path, fmt):
    first = _export("--format", fmt)
    path = tmp_path / f"iku.{fmt}"
    path.write_text(first, encoding="utf-8")
    empty_database()
    out, err = _import(path)
    assert (
        out == "Imported decree 065/ 2 /26/2022 of Sub-district Mayang.\n"
        or "065/ 2 /26/2022" in out
    )
    assert err == ""
    assert _export("--format", fmt) == first


def test_round_trip_keeps_archived_indicators_and_changes(mayang, tmp_path, users):
    decree = Decree.objects.get(status="in_force")
    services.indicator_archive(actor=users.camat, indicator=decree.indicators.get(code="2.4"))
    services.indicator_update(
        actor=users.camat,
        indicator=decree.indicators.get(code="1.1"),
        polarity="lower",
        aggregation="average",
        decimals=0,
    )
    first = _export("--format", "yaml")
    document = yaml.safe_load(first)
    assert document["goals"][1]["indicators"][3]["archived"] is True
    assert document["goals"][0]["indicators"][0]["polarity"] == "lower"
    path = tmp_path / "iku.yml"
    path.write_text(first, encoding="utf-8")
    empty_database()
    _import(path)
    assert _export("--format", "yaml") == first


def test_import_into_an_empty_database_creates_the_tree(db, tmp_path):
    empty_database()
    path = tmp_path / "iku.json"
    path.write_text(SEED_TEXT, encoding="utf-8")
    _import(path)
    mayang = Organisation.objects.get(code="35.09.26")
    assert [o.code for o in mayang.ancestors()] == ["35", "35.09"]
    assert mayang.address == "Jl. Raung No. 49"
    assert Decree.objects.get().indicators.count() == 5


# ---------------------------------------------------------------- refusals


def _write(tmp_path: Path, document: object, name: str = "bad.json") -> Path:
    path = tmp_path / name
    text = document if isinstance(document, str) else json.dumps(document, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return path


def _refused(path: Path, *args: str) -> str:
    """Import ``path`` expecting a refusal; return the problems printed; nothing may be written."""
    before = row_counts()
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("iku", "import", str(path), *args, stdout=out, stderr=err)
    assert row_counts() == before
    return err.getvalue()


def _in_other_kecamatan(document: dict) -> dict:
    """The seed document moved to a kecamatan that does not exist yet (35.09.30)."""
    document["organisation"]["code"] = "35.09.30"
    document["organisation"]["name"] = "Uji"
    document["signatory"]["nip"] = "19800101 200501 1 002"
    document["status"] = "draft"
    return document


def _broken(change) -> dict:
    document = _in_other_kecamatan(_seed())
    change(document)
    return document


BAD_DOCUMENTS = {
    "missing title": (lambda d: d.pop("title"), "title: is required"),
    "empty title": (lambda d: d.update(title=" "), "title: must not be empty"),
    "bad date": (
        lambda d: d.update(date_signed="3 Januari 2022"),
        "date_signed: '3 Januari 2022' is not a date YYYY-MM-DD",
    ),
    "impossible date": (
        lambda d: d.update(effective_date="2022-02-30"),
        "effective_date: '2022-02-30' is not a date YYYY-MM-DD",
    ),
    "unknown unit": (
        lambda d: d["goals"][1]["indicators"][2].update(responsible_unit="Seksi Rahasia"),
        "goals[1].indicators[2].responsible_unit: 'Seksi Rahasia' is not among the document's units",
    ),
    "duplicate indicator code": (
        lambda d: d["goals"][1]["indicators"][3].update(code="2.1"),
        "goals[1].indicators[3].code: '2.1' appears twice",
    ),
    "bad polarity": (
        lambda d: d["goals"][1]["indicators"][0].update(polarity="naik"),
        "goals[1].indicators[0].polarity: 'naik' is not one of: higher, lower, range",
    ),
    "bad aggregation": (
        lambda d: d["goals"][0]["indicators"][0].update(aggregation="median"),
        "goals[0].indicators[0].aggregation: 'median' is not one of: ratio, last, sum, average",
    ),
    "decimals as text": (
        lambda d: d["goals"][0]["indicators"][0].update(decimals="2"),
        "goals[0].indicators[0].decimals: must be a whole number from 0 to 6",
    ),
    "decimals too many": (
        lambda d: d["goals"][0]["indicators"][0].update(decimals=9),
        "goals[0].indicators[0].decimals: must be a whole number from 0 to 6",
    ),
    "factor zero": (
        lambda d: d["goals"][0]["indicators"][0].update(factor="0"),
        "goals[0].indicators[0].factor: must be greater than 0",
    ),
    "factor not a number": (
        lambda d: d["goals"][0]["indicators"][0].update(factor="seratus"),
        "goals[0].indicators[0].factor: must be a number",
    ),
    "archived not a boolean": (
        lambda d: d["goals"][0]["indicators"][0].update(archived="tidak"),
        "goals[0].indicators[0].archived: must be true or false",
    ),
    "title a number": (lambda d: d.update(title=12), "title: must be text"),
    "goals not a list": (lambda d: d.update(goals={"a": 1}), "goals: must be a list"),
    "indicator not an object": (
        lambda d: d["goals"][1]["indicators"].__setitem__(1, "2.2"),
        "goals[1].indicators[1]: must be an object",
    ),
    "mengingat item without text": (
        lambda d: d["mengingat"][4].pop("text"),
        "mengingat[4].text: is required",
    ),
    "dictum item label too long": (
        lambda d: d["dicta"][3]["items"][0].update(label="x" * 11),
        "dicta[3].items[0].label: is longer than 10 characters",
    ),
    "unknown status": (
        lambda d: d.update(status="berlaku"),
        "status: 'berlaku' is not one of: draft, in_force, superseded",
    ),
    "wrong format": (lambda d: d.update(format="other/2"), "format: must be 'kinerja.iku/1'"),
    "bad nip": (lambda d: d["signatory"].update(nip="1973"), "signatory.nip: a NIP has 18 digits"),
    "in force without a date": (
        lambda d: d.update(status="in_force", date_signed=None),
        "date_signed: is required for a decree that is not a draft",
    ),
    "in force without a number": (
        lambda d: d.update(status="in_force", number=""),
        "number: is required for a decree that is not a draft",
    ),
    "kecamatan under a province": (
        lambda d: d["parents"].pop(1),
        "organisation.level: a Sub-district cannot stand under Province",
    ),
    "parents in the wrong order": (
        lambda d: d["parents"].reverse(),
        "parents[0].level: a Regency / city cannot stand under nothing",
    ),
    "code outside the parent": (
        lambda d: d["organisation"].update(code="35.10.30"),
        "organisation.code: '35.10.30' does not start with its parent's code 35.09",
    ),
    "code of the wrong level": (
        lambda d: d["organisation"].update(code="35.09.30.2001"),
        "organisation.code: '35.09.30.2001' is not the code of a Sub-district",
    ),
}


@pytest.mark.parametrize("case", list(BAD_DOCUMENTS))
def test_bad_document_is_refused_with_the_field_path(mayang, tmp_path, case):
    change, problem = BAD_DOCUMENTS[case]
    err = _refused(_write(tmp_path, _broken(change)))
    assert f"bad.json: {problem}\n" in err


def test_every_problem_is_reported_at_once(mayang, tmp_path):
    def change(d):
        d.pop("title")
        d["goals"][1]["indicators"][0]["polarity"] = "naik"
        d["date_signed"] = "kemarin"

    err = _refused(_write(tmp_path, _broken(change)))
    assert "title:" in err
    assert "goals[1].indicators[0].polarity:" in err
    assert "date_signed:" in err


def test_invalid_json_names_line_and_column(mayang, tmp_path):
    text = '{\n  "format": "kinerja.iku/1",\n  "title": "Uji",,\n}\n'
    err = _refused(_write(tmp_path, text))
    assert "JSON is not valid at line 3, column 18" in err


def test_invalid_json_without_suffix_is_still_reported_as_json(mayang, tmp_path):
    err = _refused(_write(tmp_path, '{"format": "kinerja.iku/1" "title": 1}', name="bad.txt"))
    assert "line 1, column 28" in err


def test_invalid_yaml_names_line_and_column(mayang, tmp_path):
    err = _refused(_write(tmp_path, "format: kinerja.iku/1\ntitle: [Uji\n", name="bad.yaml"))
    assert "line 3, column 1" in err


def test_not_an_object(mayang, tmp_path):
    assert "must be an object" in _refused(_write(tmp_path, "[1, 2, 3]"))


def test_unreadable_file(mayang, tmp_path):
    with pytest.raises(CommandError):
        _import(tmp_path / "missing.json")


def test_existing_number_is_refused(mayang, tmp_path):
    document = _seed()
    document["status"] = "draft"
    err = _refused(_write(tmp_path, document))
    assert "number:" in err
    assert "065/ 2 /26/2022" in err


def test_second_decree_in_force_is_refused(mayang, tmp_path):
    document = _seed()
    document["number"] = "065/ 3 /26/2023"
    err = _refused(_write(tmp_path, document))
    assert "status:" in err
    assert "in force" in err


def test_existing_organisation_at_another_level_is_refused(mayang, tmp_path):
    """The document is consistent in itself (a kelurahan under Kecamatan Mayang), but the
    database knows 35.09.26.2001 as a desa."""
    document = _seed()
    document["parents"].append({"code": "35.09.26", "name": "Mayang", "level": "kecamatan"})
    document["organisation"] = {"code": "35.09.26.2001", "name": "Mrawan", "level": "kelurahan"}
    document["status"] = "draft"
    err = _refused(_write(tmp_path, document))
    assert "organisation.level: 35.09.26.2001 exists already as a Village.\n" in err


def test_existing_organisation_under_another_parent_is_refused_and_nothing_stays(mayang, tmp_path):
    """Province 36 and regency 36.09 are new; kecamatan 36.09.05 exists already, hung (by data
    written without checks) under another regency. The new province and regency must not stay."""
    banten = Organisation.objects.create(code="36", name="Banten", level=Level.PROVINSI)
    lebak = Organisation.objects.create(
        code="36.02", name="Kabupaten Lebak", level=Level.KABUPATEN, parent=banten
    )
    Organisation.objects.create(code="36.09.05", name="Uji", level=Level.KECAMATAN, parent=lebak)
    document = _in_other_kecamatan(_seed())
    document["parents"] = [
        {"code": "36", "name": "Banten", "level": "provinsi"},
        {"code": "36.09", "name": "Kabupaten Baru", "level": "kabupaten"},
    ]
    document["organisation"]["code"] = "36.09.05"
    err = _refused(_write(tmp_path, document))
    assert "organisation.code: 36.09.05 exists already under another parent (36.02).\n" in err
    assert not Organisation.objects.filter(code="36.09").exists()


def test_failure_after_the_first_writes_leaves_nothing_half_written(mayang, tmp_path):
    """A new province, regency and kecamatan, units and all: but the signatory's NIP belongs to
    Mayang's Camat, which only shows when the decree itself is saved, after the rest."""
    document = _seed()
    document["parents"] = [
        {"code": "36", "name": "Banten", "level": "provinsi"},
        {"code": "36.02", "name": "Kabupaten Lebak", "level": "kabupaten"},
    ]
    document["organisation"]["code"] = "36.02.05"
    document["status"] = "draft"
    err = _refused(_write(tmp_path, document))
    assert "signatory: The signatory belongs to another organisation.\n" in err
    assert not Organisation.objects.filter(code__startswith="36").exists()


def test_importing_beside_existing_parents_reuses_them(mayang, tmp_path):
    document = _in_other_kecamatan(_seed())
    _import(_write(tmp_path, document))
    new = Organisation.objects.get(code="35.09.30")
    assert new.parent == mayang.parent
    assert Organisation.objects.filter(code="35.09").count() == 1
    assert new.units.count() == 4
    assert Decree.objects.get(organisation=new).signatory.nip == "19800101 200501 1 002"


def test_import_by_a_user_is_permission_checked(mayang, users):
    document = _in_other_kecamatan(_seed())
    document["organisation"]["code"] = "35.09.27"  # the outsider's kecamatan
    text = json.dumps(document)
    before = row_counts()
    with pytest.raises(PermissionDenied):
        services.decree_import_text(text=text, actor=users.camat)
    assert row_counts() == before
    decree = services.decree_import_text(text=text, actor=users.outsider)
    assert decree.organisation.code == "35.09.27"
    assert decree.history.get().history_user == users.outsider


def test_load_text_prefers_the_named_format():
    with pytest.raises(DocumentError, match="line 1, column 2"):
        load_text("{,}", "json")
    assert load_text("a: 1", None) == {"a": 1}
    assert load_text('{"a": 1}', "yaml") == {"a": 1}
    assert copy.deepcopy(load_text(SEED_TEXT)) == _seed()
