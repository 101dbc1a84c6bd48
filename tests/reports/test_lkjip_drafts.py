"""The drafted LKjIP paragraphs (pure functions, no database): no sentence counts zero or says
"1 indikator", and a kendala/upaya text is said once for the periods and the indicators it
stands for."""

import re
from decimal import Decimal

import pytest

from kinerja.reports.lkjip_document import (
    Facts,
    Note,
    draft_narratives,
    grouped_notes,
    periods_label,
)

D = Decimal
A = ("1.1", "Nilai SKM", None, None, "nilai")
B = ("2.1", "Rekomendasi pemerintahan", None, None, "%")
C = ("2.2", "Desa tepat waktu", None, None, "%")


def _ind(base, achievement, change=None):
    return (base[0], base[1], achievement, change, base[4])


def _drafts(*indicators, programs=()):
    return draft_narratives(
        Facts(
            organisation="Kecamatan Mayang",
            year=2022,
            indicators=list(indicators),
            pk_present=True,
            programs=list(programs),
        )
    )


ZERO_OR_ONE = re.compile(r"(?<![\d.,])[01] (indikator|program)")


def _no_zero_or_one_count(drafts):
    for section, text in drafts.items():
        assert not ZERO_OR_ONE.search(text), (section, text)
        assert "Sebanyak 0" not in text and "Sebanyak 1 " not in text, (section, text)


def test_none_reached():
    drafts = _drafts(_ind(A, D(90)), _ind(B, D(80)), _ind(C, D("88.89")))
    _no_zero_or_one_count(drafts)
    assert (
        "mengukur 3 indikator kinerja utama. Belum ada indikator yang mencapai target: "
        "IKU 1.1 (Nilai SKM), IKU 2.1 (Rekomendasi pemerintahan) dan IKU 2.2 (Desa tepat waktu) "
        "masih di bawah target."
    ) in drafts["ikhtisar"]
    assert "Dari 3 indikator kinerja utama, belum ada yang mencapai target." in drafts["penutup"]


def test_all_reached():
    drafts = _drafts(_ind(A, D(100)), _ind(B, D("103.66")))
    _no_zero_or_one_count(drafts)
    assert (
        "Seluruh indikator mencapai atau melampaui target, yaitu IKU 1.1 (Nilai SKM) dan "
        "IKU 2.1 (Rekomendasi pemerintahan)."
    ) in drafts["ikhtisar"]
    assert "belum mencapai" not in drafts["ikhtisar"]
    assert "Seluruh 2 indikator kinerja utama telah mencapai target." in drafts["penutup"]
    assert "Perbaikan" not in drafts["penutup"]
    assert "Kendala dan upaya" not in drafts["akuntabilitas"]


def test_one_of_each_and_one_unmeasured():
    drafts = _drafts(_ind(A, D(105)), _ind(B, D(90)), _ind(C, None))
    _no_zero_or_one_count(drafts)
    assert (
        "Satu indikator mencapai atau melampaui target, yaitu IKU 1.1 (Nilai SKM), dan satu "
        "indikator belum mencapai target, yaitu IKU 2.1 (Rekomendasi pemerintahan)."
    ) in drafts["ikhtisar"]
    assert "Capaian IKU 2.2 (Desa tepat waktu) belum dapat diukur" in drafts["ikhtisar"]
    assert (
        "Dari 3 indikator kinerja utama, satu indikator telah mencapai target."
        in (drafts["penutup"])
    )


@pytest.mark.parametrize(
    ("achievement", "sentence", "closing"),
    [
        (
            D(100),
            "Indikator tersebut, IKU 1.1 (Nilai SKM), mencapai atau melampaui target.",
            "Indikator kinerja utamanya telah mencapai target.",
        ),
        (
            D(99),
            "Indikator tersebut, IKU 1.1 (Nilai SKM), belum mencapai target.",
            "Indikator kinerja utamanya belum mencapai target.",
        ),
    ],
)
def test_a_single_indicator(achievement, sentence, closing):
    drafts = _drafts(_ind(A, achievement))
    _no_zero_or_one_count(drafts)
    assert "mengukur satu indikator kinerja utama." in drafts["ikhtisar"]
    assert sentence in drafts["ikhtisar"]
    assert closing in drafts["penutup"]
    assert "memuat satu indikator kinerja utama" in drafts["perencanaan"]
    assert "capaian satu indikator kinerja utama" in drafts["pengantar"]


def test_nothing_measured_yet():
    drafts = _drafts(_ind(A, None), _ind(B, None))
    _no_zero_or_one_count(drafts)
    assert "mencapai" not in drafts["ikhtisar"].split("Capaian")[0]
    assert "Capaian seluruh indikator belum dapat diukur" in drafts["ikhtisar"]


def test_one_program():
    drafts = _drafts(_ind(A, D(100)), programs=[("Program A", D(1000), D(800))])
    _no_zero_or_one_count(drafts)
    assert (
        "terdapat satu program dengan pagu Rp 1.000 dan realisasi Rp 800" in (drafts["efisiensi"])
    )


def test_foreword_has_three_paragraphs():
    drafts = _drafts(_ind(A, D(100)), _ind(B, D(90)))
    paragraphs = drafts["pengantar"].split("\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("Puji syukur")
    assert "LKjIP) Kecamatan Mayang Tahun 2022" in paragraphs[0]
    assert "Perjanjian Kinerja Tahun 2022" in paragraphs[1]
    assert "capaian 2 indikator kinerja utama" in paragraphs[1]


# ------------------------------------------------------------------ kendala and upaya said once


@pytest.mark.parametrize(
    ("periods", "label"),
    [
        (["2022Q4", "2022Q1", "2022Q2"], "TW I–II dan TW IV"),
        (["2022Q2", "2022", "2022Q4", "2022Q3", "2022Q1"], "Tahun 2022 dan TW I–IV"),
        (["2022Q3"], "TW III"),
        (["2022Q1", "2022Q3"], "TW I dan TW III"),
        (["2022Q1", "2022Q1"], "TW I"),
        (["2022-03"], "Maret 2022"),
    ],
)
def test_periods_label(periods, label):
    assert periods_label(periods) == label


def test_one_text_once_per_indicator_and_once_for_the_indicators_sharing_it():
    """2.1 wrote "Rapat bentrok" for the year, TW I and TW II (spaces and case differ); 2.2 wrote
    it for TW III; 2.3 wrote its own text for TW I and TW III; 1.1 wrote nothing (blank)."""
    notes = [
        Note("2.1", "2022Q1", "Rapat bentrok dengan kegiatan desa."),
        Note("2.1", "2022Q2", "Rapat  bentrok dengan kegiatan desa. "),
        Note("2.1", "2022", "rapat bentrok dengan kegiatan desa."),
        Note("2.2", "2022Q3", "Rapat bentrok dengan kegiatan desa."),
        Note("2.3", "2022Q3", "Dana desa terlambat cair."),
        Note("2.3", "2022Q1", "Dana desa terlambat cair."),
        Note("1.1", "2022Q1", "   "),
    ]
    lines = grouped_notes(notes, ["1.1", "2.1", "2.2", "2.3"])
    assert lines == {
        "1.1": [],
        "2.1": ["Tahun 2022 dan TW I–II (juga pada IKU 2.2): Rapat bentrok dengan kegiatan desa."],
        "2.2": ["TW III: sama dengan uraian pada IKU 2.1."],
        "2.3": ["TW I dan TW III: Dana desa terlambat cair."],
    }
    # the text is written out once in all
    assert sum(line.count("Rapat bentrok") for v in lines.values() for line in v) == 1


def test_shared_by_three_indicators_follows_the_document_order():
    notes = [Note(code, "2022Q1", "Sama") for code in ("2.4", "2.2", "2.3")]
    lines = grouped_notes(notes, ["2.2", "2.3", "2.4"])
    assert lines["2.2"] == ["TW I (juga pada IKU 2.3 dan 2.4): Sama"]
    assert lines["2.3"] == lines["2.4"] == ["TW I: sama dengan uraian pada IKU 2.2."]
