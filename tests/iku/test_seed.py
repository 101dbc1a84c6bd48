"""``kinerja iku load-default`` loads Kecamatan Mayang and its IKU decree exactly as written.

Every expected string below is typed from the decree (seed/000_929bc925a95bcd04.txt) and the
bundled seed file, typos of the decree included ("ketentaraman", "Prosentase", "di gunakan").
"""

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from kinerja.iku.models import Decree
from kinerja.organisations.models import Organisation
from tests.helpers import empty_database, row_counts

pytestmark = pytest.mark.django_db

VILLAGES = [
    ("35.09.26.2001", "Mrawan"),
    ("35.09.26.2002", "Mayang"),
    ("35.09.26.2003", "Seputih"),
    ("35.09.26.2004", "Tegalwaru"),
    ("35.09.26.2005", "Tegalrejo"),
    ("35.09.26.2006", "Sumberkejayan"),
    ("35.09.26.2007", "Sidomukti"),
]

MENGINGAT = [
    "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah, sebagaimana telah diubah "
    "dengan Undang- Undang Nomor 9 Tahun 2015 ;",
    "Peraturan Pemerintah Nomor 39 Tahun 2006 tentang Tata Cara Pengendalian dan Evaluasi "
    "Pelaksanaan Rencana Pembangunan;",
    "Peraturan Pemerintah Nomor 8 Tahun 2006 tentang Pelaporan Keuangan dan Kinerja Instansi "
    "Pemerintah ;",
    "Peraturan Pemerintah Nomor 18 Tahun 2016 tentang Perangkat Daerah;",
    "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi "
    "Pemerintah",
    "Peraturan Menteri Dalam Negeri Nomor 13 Tahun 2006 tentang Pedoman Pengelolaan Keuangan "
    "Daerah, sebagaimana telah dua kali diubah terakhir dengan peraturan Menteri Dalam Negeri "
    "Nomor 21 Tahun 2011 ;",
    "Peraturan Menteri Negara Pendayagunaan Aparatur Negara Nomor 09/M.PAN/05/2007 tentang "
    "Pedoman Penyusunan Indikator Kinerja Utama di Lingkungan Instansi Pemerintah;",
    "Peraturan Menteri Negara Pendayagunaan Aparatur Negara Nomor 20/M.PAN/11/2008 tentang "
    "Petunjuk Penyusunan Indikator Kinerja Utama ;",
    "Peraturan Menteri Negara Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 53 "
    "Tahun 2015 tentang Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja, dan Tata Cara "
    "Reviu Atas Laporan Kinerja Instansi Pemerintah",
]

FUNGSI = [
    ("a.", "Menyelenggarakan urusan pemerintahan umum"),
    ("b.", "Mengoordinasikan kegiatan pemberdayaan masyarakat"),
    ("c.", "Mengoordinasikan upaya penyelenggaraan ketenteraman dan ketertiban umum"),
    ("d.", "Mengoordinasikan penerapan dan penegakan peraturan daerah dan peraturan bupati"),
    ("e.", "Mengoordinasikan pemeliharaan prasarana dan sarana pelayanan umum"),
    (
        "f.",
        "Mengoordinasikan penyelenggaraan kegiatan pemerintahan yang dilakukan oleh perangkat "
        "daerah di kecamatan",
    ),
    ("g.", "Membina dan mengawasi penyelenggaraan kegiatan desa dan/kelurahan"),
    ("h.", "Melaksanakan penyelesaian permasalahan pelayanan pemerintahan di wilayah kecamatan"),
    (
        "i.",
        "Melaksanakan urusan pemerintahan yang menjadi kewenangan daerah yang tidak dilaksanakan "
        "oleh unit kerja perangkat daerah yang ada di kecamatan",
    ),
    ("j.", "Melaksanakan tugas lain sesuai dengan ketentuan peraturan perundang-undangan."),
]

GOAL_1 = "Meningkatnya Kualitas Pelayanan Publik"
GOAL_2 = (
    "Meningkatnya koordinasi pemerintahan, pembangunan dan penyelenggaraan pemerintahan wilayah "
    "kecamatan"
)

# code: (kinerja utama, name, numerator, denominator, responsible as written, responsible unit)
INDICATORS = {
    "1.1": (
        GOAL_1,
        "Nilai SKM",
        "Total dari nilai persepsi per unsur",
        "Total unsur yang terisi",
        "Seksi Pelayanan Umum",
        "Seksi Pelayanan Umum",
    ),
    "2.1": (
        GOAL_2,
        "Proses rekomendasi hasil koordinasi bidang pemerintahan yang ditindaklanjuti",
        "Jumlah rekomendasi hasil koordinasi bidang pemerintahan yang ditindaklanjuti",
        "Jumlah Hasil Koordinasi bidang pemerintahan",
        "Seksi Pemerintahan",
        "Seksi Pemerintahan",
    ),
    "2.2": (
        GOAL_2,
        "Prosentase Desa yang sudah menyusun Dokumen Perencanaan Penganggaran dengan benar dan "
        "tepat waktu",
        "Jumlah Desa yang sudah menyusun APBDes dan SPJ dengan benar dan tepat waktu",
        "Jumlah Desa Se-Kecamatan Mayang",
        "Seksi Pemerintahan",
        "Seksi Pemerintahan",
    ),
    "2.3": (
        GOAL_2,
        "Proses rekomendasi hasil koordinasi bidang pemberdayaan masyarakat dan kesejahteraan "
        "sosial yang ditindaklanjuti",
        "Jumlah rekomendasi hasil koordinasi bidang pemberdayaan masyarakat dan kesejahteraan "
        "sosial yang ditindaklanjuti",
        "Jumlah Hasil koordinasi bidang pemberdayaan masyarakat dan kesejahteraan sosial",
        "Seksi pemberdayaan masyarakat dan kesejahteraan sosial",
        "Seksi Pemberdayaan Masyarakat dan Kesejahteraan Sosial",
    ),
    "2.4": (
        GOAL_2,
        "Proses rekomendasi hasil koordinasi bidang ketertiban dan ketentaraman umum yang "
        "ditindaklanjuti",
        "Jumlah rekomendasi hasil koordinasi bidang ketertiban dan ketentaraman umum yang "
        "ditindaklanjuti",
        "Jumlah Hasil Koordinasi bidang ketertiban dan ketentaraman umum",
        "Seksi ketertiban dan ketentaraman umum",
        "Seksi Ketertiban dan Ketentraman Umum",
    ),
}


@pytest.fixture
def loaded() -> Decree:
    empty_database()
    out = StringIO()
    call_command("iku", "load-default", stdout=out)
    assert out.getvalue() == "Default decree 065/ 2 /26/2022 (loaded).\n"
    return Decree.objects.get(organisation__code="35.09.26", number="065/ 2 /26/2022")


def test_the_regional_tree(loaded):
    province = Organisation.objects.get(code="35")
    assert (province.name, province.level, province.parent) == ("Jawa Timur", "provinsi", None)
    regency = Organisation.objects.get(code="35.09")
    assert (regency.name, regency.level, regency.parent) == (
        "Kabupaten Jember",
        "kabupaten",
        province,
    )
    mayang = Organisation.objects.get(code="35.09.26")
    assert (mayang.name, mayang.level, mayang.parent) == ("Mayang", "kecamatan", regency)
    assert mayang.address == "Jl. Raung No. 49"
    assert mayang.phone == "(0331) 591032"
    villages = mayang.children.order_by("code")
    assert [(v.code, v.name) for v in villages] == VILLAGES
    assert {v.level for v in villages} == {"desa"}


def test_the_units(loaded):
    units = [(u.name, u.kind) for u in loaded.organisation.units.order_by("order")]
    assert units == [
        ("Sekretariat", "sekretariat"),
        ("Seksi Pemerintahan", "seksi"),
        ("Seksi Pelayanan Umum", "seksi"),
        ("Seksi Pemberdayaan Masyarakat dan Kesejahteraan Sosial", "seksi"),
        ("Seksi Ketertiban dan Ketentraman Umum", "seksi"),
    ]


def test_the_decree_header_and_signature(loaded):
    assert loaded.number == "065/ 2 /26/2022"
    assert loaded.title == "Indikator Kinerja Utama Kecamatan Mayang Kabupaten Jember"
    assert loaded.date_signed == dt.date(2022, 1, 3)
    assert loaded.effective_date == dt.date(2022, 1, 3)
    assert loaded.place == "Jember"
    assert loaded.lampiran_place == "Mayang"
    assert loaded.status == "in_force"
    signatory = loaded.signatory
    assert (signatory.name, signatory.rank, signatory.nip) == (
        "AJIB, S.IP",
        "Pembina",
        "19730725 199302 1 001",
    )
    assert signatory.organisation == loaded.organisation
    assert loaded.signatory_title == "CAMAT MAYANG\nKABUPATEN JEMBER"


def test_the_instansi_profile(loaded):
    tujuan = [c.text for c in loaded.clauses.filter(section="tujuan").order_by("order")]
    assert tujuan == [
        "Meningkatkan tata Kelola Pemerintahan yang Baik (good governance) dan Bersih(clean "
        "governance), serta Profesionalitas Pelayanan Publik Dalam Rangka Mewujudkan Mayang Kuat "
        "dan Bersih.",
        "Memperkuat Kelembagaan Desa/Kelurahan Dalam Rangka Meningkatkan Keterlibatan dan "
        "Kesejahteraan Masyarakat Desa Dalam Rangka Mewujudkan Mayang Kuat dan Bersih.",
    ]
    assert loaded.duty == (
        "Koordinasi penyelenggaraan pemerintah, pelayanan publik, dan pemberdayaan masyarakat "
        "desa dan kelurahan."
    )
    fungsi = [(c.label, c.text) for c in loaded.clauses.filter(section="fungsi").order_by("order")]
    assert fungsi == FUNGSI


def test_menimbang_and_mengingat(loaded):
    menimbang = list(loaded.clauses.filter(section="menimbang"))
    assert len(menimbang) == 1
    assert menimbang[0].label == "a."
    assert menimbang[0].text == (
        "bahwa untuk melaksanakan ketentuan pasal 3 dan pasal 4 Peraturan Menteri Negara "
        "Pendayagunaan Aparatur Negara Nomor PER/9/M.PAN/5/2007 tentang Pedoman Umum Penetapan "
        "Indikator Kinerja Utama di Lingkungan Instansi Pemerintah, perlu menetapkan Indikator "
        "Kinerja Utama Kecamatan Mayang Kabupaten Jember dalam suatu Keputusan Kepala Kecamatan "
        "Mayang;"
    )
    mengingat = list(loaded.clauses.filter(section="mengingat").order_by("order"))
    assert [c.label for c in mengingat] == [f"{n}." for n in range(1, 10)]
    assert [c.text for c in mengingat] == MENGINGAT


def test_the_dicta(loaded):
    dicta = list(loaded.dicta.order_by("order"))
    assert [d.label for d in dicta] == [
        "KESATU",
        "KEDUA",
        "KETIGA",
        "KEEMPAT",
        "KELIMA",
        "KEENAM",
    ]
    assert [d.items.count() for d in dicta] == [0, 0, 2, 5, 0, 0]
    ketiga, keempat = dicta[2], dicta[3]
    assert ketiga.text == (
        "Indikator Kinerja Utama sebagaimana dimaksud dalam Diktum KESATU dan KEDUA bertujuan "
        "untuk :"
    )
    assert [(i.label, i.text) for i in ketiga.items.order_by("order")] == [
        (
            "(1)",
            "Memberikan informasi kinerja yang penting dan diperlukan dalam menyelenggarakan "
            "manajemen kinerja organisasi",
        ),
        (
            "(2)",
            "Mengukur keberhasilan pencapaian suatu tujuan dan sasaran strategis yang digunakan "
            "untuk perbaikan kinerja dan peningkatan akuntabilitas kinerja organisasi",
        ),
    ]
    assert "yang di gunakan oleh Kecamatan Mayang" in keempat.text
    assert [(i.label, i.text) for i in keempat.items.order_by("order")] == [
        ("a.", "Perencanaan Strategis Organisasi Perangkat Daerah"),
        ("b.", "Perencanaan Tahunan Organisasi Perangkat Daerah"),
        ("c.", "Penyusunan Dokumen Perjanjian Kinerja Organisasi Perangkat Daerah"),
        ("d.", "Pelaporan Kinerja Instansi Pemerintah Organisasi Perangkat Daerah"),
        ("e.", "Evaluasi Kinerja Instansi Pemerintah Organisasi Perangkat Daerah"),
    ]
    assert dicta[5].text == "Keputusan Camat Mayang ini mulai berlaku pada tanggal ditetapkan"


def test_the_kinerja_utama(loaded):
    assert [g.statement for g in loaded.goals.order_by("order")] == [GOAL_1, GOAL_2]


def test_the_five_indicators_as_written(loaded):
    indicators = list(loaded.indicators.select_related("goal", "responsible_unit"))
    assert [i.code for i in indicators] == ["1.1", "2.1", "2.2", "2.3", "2.4"]
    for indicator in indicators:
        goal, name, numerator, denominator, responsible, unit = INDICATORS[indicator.code]
        assert indicator.goal.statement == goal
        assert indicator.name == name
        assert indicator.numerator_definition == numerator
        assert indicator.denominator_definition == denominator
        assert indicator.data_source == "Kecamatan"
        assert indicator.responsible_text == responsible
        assert indicator.responsible_unit.name == unit
        assert indicator.polarity == "higher"
        assert indicator.aggregation == "ratio"
        assert indicator.archived_at is None
    assert [i.order for i in indicators] == [1, 1, 2, 3, 4]
    percentages = [i for i in indicators if i.code != "1.1"]
    assert {(i.factor, i.unit) for i in percentages} == {(Decimal(100), "%")}


def test_loading_twice_creates_nothing(loaded):
    before = row_counts()
    out = StringIO()
    call_command("iku", "load-default", stdout=out)
    assert out.getvalue() == "Default decree 065/ 2 /26/2022 (already present).\n"
    assert row_counts() == before
    assert before["organisations.Organisation"] == 10
    assert before["organisations.Unit"] == 5
    assert before["iku.Indicator"] == 5
    assert before["iku.Clause"] == 1 + 9 + 2 + 10
    assert before["iku.Diktum"] == 6
    assert before["iku.DiktumItem"] == 7
