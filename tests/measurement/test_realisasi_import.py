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


# ---------------------------------------------------------------- hostile files (the command)


def _xlsx_bytes(rows):
    import io

    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _hostile():
    header = GOOD[0]
    good_xlsx = _xlsx_bytes(GOOD)
    return [
        # (file name, bytes, Indonesian text of the refusal)
        (
            "latin1.csv",
            "\n".join([",".join(header), "2.1,2022Q1,,9,10 café"]).encode("latin-1"),
            "bukan UTF-8",
        ),
        ("utf16.csv", "\n".join(",".join(r) for r in GOOD).encode("utf-16"), "UTF-16"),
        (
            "besar.csv",
            ("\n".join([",".join(header), "2.1,2022Q1,," + "9" * 140_000 + ",10"])).encode(),
            "Baris 2",
        ),
        (
            "panjang.csv",
            ("\n".join([",".join(header), "2.1,2022Q1,," + "9" * 100_000 + ",10"])).encode(),
            "paling banyak 100",
        ),
        ("rusak.xlsx", good_xlsx[: len(good_xlsx) // 2], "terpotong"),
        ("kosong.csv", b"", "Berkas kosong"),
        ("kosong.xlsx", b"", "Berkas kosong"),
        ("judul.csv", ",".join(header).encode(), "tidak ada baris di bawah judul"),
        (
            "rumus.xlsx",
            _xlsx_bytes([header, ["2.1", "2022Q1", None, "=9", 10]]),
            "berisi rumus (=9)",
        ),
        ("tahun.csv", f"{','.join(header)}\n2.1,99999,,1,2\n".encode(), "“99999” bukan periode"),
        ("negatif.csv", f"{','.join(header)}\n2.1,2022Q1,,-1,2\n".encode(), "negatif"),
        ("besar2.csv", f"{','.join(header)}\n2.1,2022Q1,,{'9' * 30},10\n".encode(), "14 angka"),
        ("besar3.xlsx", _xlsx_bytes([header, ["2.1", "2022Q1", None, 1e300, 10]]), "14 angka"),
        ("lembar.csv", good_xlsx, "buku kerja, bukan teks CSV"),
    ]


@pytest.mark.parametrize("case", _hostile(), ids=lambda c: c[0])
def test_hostile_file_is_refused_with_a_message_and_nothing_written(tmp_path, capsys, ind, case):
    from django.utils import translation

    name, data, text = case
    path = tmp_path / name
    path.write_bytes(data)
    with translation.override("id"), pytest.raises(CommandError) as exc:
        call_command("realisasi", "import", str(path))
    said = str(exc.value) + capsys.readouterr().err
    assert text in said
    assert "Traceback" not in said
    assert not IndicatorValue.objects.exists()
    assert not Target.objects.exists()


def test_override_reason_of_the_command(tmp_path, capsys, default_decree):
    """2.2 counts villages from the village register (0 of 7 without documents): other
    numbers are refused without --alasan-override and recorded as an override with it."""
    path = write_csv(tmp_path, [GOOD[0], ["2.2", "2022Q1", "", "5", "7"]])
    with pytest.raises(CommandError, match="--alasan-override"):
        call_command("realisasi", "import", str(path))
    assert "(0 / 7)" in capsys.readouterr().err
    assert not IndicatorValue.objects.exists()
    call_command("realisasi", "import", str(path), "--alasan-override", "Register belum lengkap")
    value = IndicatorValue.objects.get()
    assert (value.source, value.override_reason) == ("override", "Register belum lengkap")


def test_limits_rows_and_unpacked_size(tmp_path, ind, monkeypatch):
    from kinerja.measurement import spreadsheet_import as importer

    monkeypatch.setattr(importer, "MAX_LINES", 3)
    path = write_csv(tmp_path, GOOD)  # 5 rows
    with pytest.raises(CommandError, match="3"):
        call_command("realisasi", "import", str(path))
    monkeypatch.setattr(importer, "MAX_UNPACKED_BYTES", 1000)
    path = write_xlsx(tmp_path, GOOD)
    with pytest.raises(CommandError):
        call_command("realisasi", "import", str(path))
    assert not IndicatorValue.objects.exists()


def test_table_survives_the_session_round_trip():
    from kinerja.measurement import spreadsheet_import as importer

    table = importer.Table(
        [importer.RawRow(2, ("2.1", "2022Q1", "", Decimal("9.5"), "n10"))],
        [importer.Problem(3, "pembilang", "x", "")],
    )
    import json

    again = importer.Table.from_json(json.loads(json.dumps(table.to_json())))
    assert again == table
    assert isinstance(again.rows[0].cells[3], Decimal) and again.rows[0].cells[4] == "n10"
