"""``kinerja realisasi import``: CSV and XLSX, every bad line reported, nothing written then."""

from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from kinerja.measurement.models import IndicatorValue
from kinerja.planning.models import Target

pytestmark = pytest.mark.django_db

GOOD = [
    ["kode_indikator", "periode", "target", "pembilang", "penyebut"],
    ["2.1", "2022", "80", "", ""],  # target only
    ["2.1", "2022Q1", "", "9", "10"],
    ["2.2", "2022Q1", "", "1.234,5", "2.469"],
    ["2.3", "2022Q2", "", "7", "8"],
]
BAD = [
    ["kode_indikator", "periode", "target", "pembilang", "penyebut"],
    ["2.1", "2022Q1", "", "9", "10"],  # good
    ["9.9", "2022Q1", "", "1", "2"],  # line 3: unknown indicator
    ["2.1", "2022Q5", "", "1", "2"],  # line 4: bad period
    ["2.2", "2022Q1", "", "abc", "2"],  # line 5: bad number
    ["2.3", "2022Q1", "", "-1", "2"],  # line 6: negative
    ["2.4", "2022Q1", "", "11", "10"],  # line 7: numerator > denominator on %
    ["2.1", "2022Q1", "", "8", "10"],  # line 8: duplicate of line 2
]


def write_csv(tmp_path, rows, name="r.csv"):
    path = tmp_path / name
    path.write_text(
        "\n".join(",".join(f'"{c}"' if "," in c else c for c in r) for r in rows) + "\n"
    )
    return path


def write_xlsx(tmp_path, rows, numbers=False):
    wb = Workbook()
    for row in rows:
        wb.active.append([Decimal(c) if numbers and c.isdigit() else c for c in row])
    path = tmp_path / "r.xlsx"
    wb.save(path)
    return path


def run(path, capsys):
    call_command("realisasi", "import", str(path))
    return capsys.readouterr()


@pytest.mark.parametrize("kind", ["csv", "xlsx", "xlsx-numbers"])
def test_good_file(tmp_path, capsys, ind, kind):
    if kind == "csv":
        path = write_csv(tmp_path, GOOD)
    else:
        path = write_xlsx(tmp_path, GOOD, numbers=kind == "xlsx-numbers")
    out = run(path, capsys).out
    assert "3" in out and "1" in out
    values = {(v.indicator.code, v.period): v.value for v in IndicatorValue.objects.all()}
    # 9/10 × 100 = 90; 1234.5/2469 × 100 = 50; 7/8 × 100 = 87.5
    assert values == {
        ("2.1", "2022Q1"): Decimal("90"),
        ("2.2", "2022Q1"): Decimal("50"),
        ("2.3", "2022Q2"): Decimal("87.5"),
    }
    target = Target.objects.get(indicator=ind("2.1"), period="2022")
    assert target.target == Decimal("80") and target.agreement.year == 2022


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_bad_file_reports_every_line_and_writes_nothing(tmp_path, capsys, ind, kind):
    path = write_csv(tmp_path, BAD) if kind == "csv" else write_xlsx(tmp_path, BAD)
    with pytest.raises(CommandError, match="6"):
        call_command("realisasi", "import", str(path))
    err = capsys.readouterr().err
    lines = {int(line.split(":")[0].split()[-1]) for line in err.strip().splitlines()}
    assert lines == {3, 4, 5, 6, 7, 8}
    assert "9.9" in err and "2022Q5" in err and "abc" in err
    assert "negative" in err or "negatif" in err
    assert "line 2" in err or "baris 2" in err
    assert not IndicatorValue.objects.exists()
    assert not Target.objects.exists()


def test_bad_header(tmp_path, ind):
    path = write_csv(tmp_path, [["kode", "periode"], ["2.1", "2022Q1"]])
    with pytest.raises(CommandError, match="kode_indikator,periode,target,pembilang,penyebut"):
        call_command("realisasi", "import", str(path))


def test_locked_value_is_a_bad_row(tmp_path, ind, users):
    from kinerja.measurement import services

    v = services.value_save(
        actor=None,
        indicator=ind("2.1"),
        organisation=ind("2.1").decree.organisation,
        period="2022Q1",
        numerator="9",
        denominator="10",
    )
    services.value_submit(actor=None, value=v)
    services.value_verify(actor=None, value=v)
    services.value_approve(actor=None, value=v)
    path = write_csv(tmp_path, GOOD)
    with pytest.raises(CommandError):
        call_command("realisasi", "import", str(path))
    assert IndicatorValue.objects.count() == 1
