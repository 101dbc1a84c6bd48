"""The small parsers behind the list and dicta textareas of the decree form."""

import pytest
from django.core.exceptions import ValidationError

from kinerja.iku.forms import (
    format_labelled_lines,
    parse_dicta,
    parse_labelled_line,
    parse_labelled_lines,
)
from kinerja.iku.portable import ClauseData


@pytest.mark.parametrize(
    ("line", "label", "text"),
    [
        ("a. bahwa untuk melaksanakan", "a.", "bahwa untuk melaksanakan"),
        ("1. Undang-Undang Nomor 23", "1.", "Undang-Undang Nomor 23"),
        ("12. Peraturan", "12.", "Peraturan"),
        ("(1) Memberikan informasi", "(1)", "Memberikan informasi"),
        ("(b) huruf dalam kurung", "(b)", "huruf dalam kurung"),
        ("2) tanpa kurung buka", "2)", "tanpa kurung buka"),
        ("   c.   spasi di depan  ", "c.", "spasi di depan"),
        ("bahwa tanpa label", "", "bahwa tanpa label"),
        ("a.tanpa spasi", "", "a.tanpa spasi"),
        ("2022 tahun anggaran", "", "2022 tahun anggaran"),
        ("Jl. Raung No. 49", "", "Jl. Raung No. 49"),
    ],
)
def test_parse_labelled_line(line, label, text):
    assert parse_labelled_line(line) == ClauseData(label=label, text=text)


def test_parse_labelled_lines_skips_blank_lines_and_round_trips():
    text = "a. Menyelenggarakan urusan\n\n  \nb. Mengoordinasikan kegiatan\n"
    items = parse_labelled_lines(text)
    assert items == [
        ClauseData("a.", "Menyelenggarakan urusan"),
        ClauseData("b.", "Mengoordinasikan kegiatan"),
    ]
    assert (
        format_labelled_lines(items) == "a. Menyelenggarakan urusan\nb. Mengoordinasikan kegiatan"
    )


def test_parse_dicta_blocks_labels_and_items():
    text = (
        "KESATU: Indikator Kinerja Utama Kecamatan Mayang\n"
        "\n\n"
        "KETIGA : bertujuan untuk :\n"
        "(1) Memberikan informasi kinerja\n"
        "(2) Mengukur keberhasilan\n"
        "\n"
        "KEENAM: mulai berlaku pada tanggal ditetapkan"
    )
    dicta = parse_dicta(text)
    assert [(d.label, d.text) for d in dicta] == [
        ("KESATU", "Indikator Kinerja Utama Kecamatan Mayang"),
        ("KETIGA", "bertujuan untuk :"),
        ("KEENAM", "mulai berlaku pada tanggal ditetapkan"),
    ]
    assert dicta[1].items == [
        ClauseData("(1)", "Memberikan informasi kinerja"),
        ClauseData("(2)", "Mengukur keberhasilan"),
    ]
    assert parse_dicta("") == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Indikator tanpa label", "diktum_label"),
        ("KESATU:", "diktum_text"),
        ("LABEL YANG TERLALU PANJANG SEKALI: teks", "diktum_label"),
    ],
)
def test_parse_dicta_refuses_a_block_without_label_or_text(text, code):
    with pytest.raises(ValidationError) as exc:
        parse_dicta(text)
    assert exc.value.code == code
