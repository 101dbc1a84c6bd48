"""The sample kendala / upaya / rencana tindak lanjut fit what each indicator measures."""

import pytest

from kinerja.measurement.demo import narrative, narrative_kind, realizations_sample
from kinerja.measurement.models import IndicatorValue

pytestmark = pytest.mark.django_db

FIELDS = ("kendala", "upaya", "rencana_tindak_lanjut")


def test_each_indicator_of_the_decree_gets_the_narrative_of_its_source(default_decree):
    kinds = {i.code: narrative_kind(i) for i in default_decree.indicators.all()}
    assert kinds == {
        "1.1": "skm",
        "2.1": "coordination:pemerintahan",
        "2.2": "village_budget",
        "2.3": "coordination:pmks",
        "2.4": "coordination:trantib",
    }
    texts = {i.code: narrative(i) for i in default_decree.indicators.all()}
    for code, fields in texts.items():
        assert set(fields) == set(FIELDS)
        assert all(text.startswith("DATA CONTOH: ") for text in fields.values()), code
    # no two indicators explain themselves with the same words
    for field in FIELDS:
        assert len({t[field] for t in texts.values()}) == 5, field
    skm = " ".join(texts["1.1"].values()).lower()
    assert "koordinasi" not in skm and "skm" in skm and "survei" in skm
    villages = " ".join(texts["2.2"].values())
    assert "APBDes" in villages and "SPJ" in villages and "koordinasi" not in villages
    assert "bidang pemerintahan" in texts["2.1"]["kendala"]
    assert "kesejahteraan sosial" in texts["2.3"]["kendala"]
    assert "ketertiban umum" in texts["2.4"]["kendala"]


def test_an_indicator_without_a_known_source_gets_the_general_text(default_decree):
    indicator = default_decree.indicators.get(code="2.1")
    indicator.value_source = "manual"
    indicator.source_params = {}
    assert narrative_kind(indicator) == "other"
    indicator.source_params = {"register": "coordination", "field": "bidang-baru"}
    assert narrative_kind(indicator) == "other"
    survey = default_decree.indicators.get(code="1.1")  # "Nilai SKM", typed in by hand
    survey.value_source = "manual"
    assert narrative_kind(survey) == "skm"
    survey.name = "Indeks Kepuasan Masyarakat"
    assert narrative_kind(survey) == "skm"


def test_sample_values_store_the_fitting_narrative(mayang, default_decree):
    default_decree.indicators.update(value_source="manual")  # the params still say what they count
    realizations_sample(mayang, [2022])
    skm = IndicatorValue.objects.get(indicator__code="1.1", period="2022Q1")
    villages = IndicatorValue.objects.get(indicator__code="2.2", period="2022Q3")
    assert "survei kepuasan" in skm.kendala and "koordinasi" not in skm.kendala
    assert "APBDes" in villages.upaya
    assert skm.rencana_tindak_lanjut.startswith("DATA CONTOH: ")
