import random
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.core.skm import (
    DEFAULT_UNSUR,
    MUTU_TABLE,
    SurveyTally,
    Unsur,
    UnsurTally,
    bootstrap_interval,
    compute_index,
    equal_weight_unsur,
    improvement_priorities,
    krejcie_morgan,
    validate_unsur,
)

CODES = [u.code for u in DEFAULT_UNSUR]


def everyone(answer: int, n: int = 3) -> list[dict[str, int | None]]:
    return [dict.fromkeys(CODES, answer) for _ in range(n)]


def test_default_unsur() -> None:
    assert [f"U{i}" for i in range(1, 10)] == CODES
    assert [u.name for u in DEFAULT_UNSUR] == [
        "Persyaratan",
        "Sistem, Mekanisme, dan Prosedur",
        "Waktu Penyelesaian",
        "Biaya/Tarif",
        "Produk Spesifikasi Jenis Pelayanan",
        "Kompetensi Pelaksana",
        "Perilaku Pelaksana",
        "Penanganan Pengaduan, Saran dan Masukan",
        "Sarana dan Prasarana",
    ]
    assert all(u.weight == Fraction(1, 9) for u in DEFAULT_UNSUR)


def test_weights_must_sum_to_exactly_one() -> None:
    with pytest.raises(ValueError, match="sum to exactly 1"):
        validate_unsur([Unsur("U1", "a", Fraction(111, 1000))])
    with pytest.raises(ValueError, match="duplicate"):
        validate_unsur([Unsur("U1", "a", Fraction(1, 2)), Unsur("U1", "b", Fraction(1, 2))])
    with pytest.raises(ValueError):
        validate_unsur([Unsur("U1", "a", Fraction(3, 2)), Unsur("U2", "b", Fraction(-1, 2))])
    with pytest.raises(ValueError):
        validate_unsur([])
    custom = [Unsur("P", "Persyaratan", Fraction(1, 2)), Unsur("W", "Waktu", Fraction(1, 2))]
    assert validate_unsur(custom) == tuple(custom)


def test_all_fours_is_exactly_100_and_all_ones_exactly_25() -> None:
    best = compute_index(SurveyTally.from_responses(everyone(4)))
    assert best.ikm == 4 and best.ikm_konversi == 100
    assert (best.mutu, best.kinerja) == ("A", "Sangat Baik")
    worst = compute_index(SurveyTally.from_responses(everyone(1)))
    assert worst.ikm_konversi == 25 and (worst.mutu, worst.kinerja) == ("D", "Tidak Baik")


def test_processing_table_by_hand() -> None:
    # Two respondents; U9 answered by only one of them.
    responses: list[dict[str, int | None]] = [
        {"U1": 4, "U2": 3, "U3": 3, "U4": 4, "U5": 3, "U6": 3, "U7": 4, "U8": 2, "U9": 3},
        {"U1": 3, "U2": 3, "U3": 2, "U4": 4, "U5": 3, "U6": 4, "U7": 4, "U8": 3, "U9": None},
    ]
    result = compute_index(SurveyTally.from_responses(responses))
    u1, u9 = result.rows[0], result.rows[8]
    assert (u1.jumlah_jawaban, u1.jumlah_nilai, u1.nrr) == (2, 7, Fraction(7, 2))
    assert u1.nrr_tertimbang == Fraction(7, 18)
    assert (u9.jumlah_jawaban, u9.jumlah_nilai, u9.nrr) == (1, 3, Fraction(3))
    # NRR: 3.5 3 2.5 4 3 3.5 4 2.5 3 -> sum 29 -> IKM 29/9 -> konversi 725/9 = 80.555...
    assert result.ikm == Fraction(29, 9)
    assert result.ikm_konversi == Fraction(725, 9)
    assert result.ikm_konversi_rounded == Decimal("80.56")
    assert (result.mutu, result.kinerja) == ("B", "Baik")
    assert result.respondents == 2 and result.excluded == ()
    assert result.rows[0].nrr_konversi == Fraction(175, 2)
    priorities = [r.unsur.code for r in improvement_priorities(result)]
    assert priorities[:3] == ["U3", "U8", "U2"]  # 2.5, 2.5 (instrument order for ties), 3
    assert priorities[-2:] == ["U4", "U7"]


def test_unsur_without_answers_is_left_out_and_weights_renormalised() -> None:
    responses: list[dict[str, int | None]] = [{c: 4 for c in CODES if c != "U4"}, {"U1": 2}]
    result = compute_index(SurveyTally.from_responses(responses))
    assert result.excluded == ("U4",)
    assert result.rows[3].weight_used == 0 and result.rows[3].nrr is None
    assert result.rows[0].weight_used == Fraction(1, 8)
    # U1 NRR 3, the seven others 4: IKM = (3 + 7 x 4) / 8 = 31/8 -> konversi 96.875
    assert result.ikm_konversi == Fraction(775, 8)
    assert [r.unsur.code for r in improvement_priorities(result)][0] == "U1"


def test_instrument_order_is_by_code_not_position() -> None:
    # an instrument that asks Sarana (U9) 8th and Pengaduan (U8) 9th
    order = [*CODES[:7], "U9", "U8"]
    by_code = {u.code: u for u in DEFAULT_UNSUR}
    instrument = [by_code[c] for c in order]
    result = compute_index(SurveyTally.from_responses([{"U8": 1, "U9": 4}]), instrument)
    assert [r.unsur.code for r in result.rows][-2:] == ["U9", "U8"]
    assert result.rows[-1].nrr == 1


def test_mutu_boundaries_use_value_rounded_to_two_decimals() -> None:
    cases = {
        "100": "A", "88.31": "A", "88.305": "A", "88.304": "B", "88.30": "B", "76.61": "B",
        "76.605": "B", "76.604": "C", "76.60": "C", "65.00": "C", "64.995": "C", "64.99": "D",
        "25": "D",
    }  # fmt: skip
    for value, mutu in cases.items():
        assert MUTU_TABLE.classify(Decimal(value)).label == mutu, value


def test_bad_answers_and_unknown_unsur() -> None:
    for bad in (0, 5, True, "4", 3.5):
        with pytest.raises(ValueError):
            SurveyTally.from_responses([{"U1": bad}])  # type: ignore[dict-item]
    with pytest.raises(ValueError, match="unknown unsur"):
        compute_index(SurveyTally.from_responses([{"U10": 3}]))
    with pytest.raises(ValueError, match="no answers"):
        compute_index(SurveyTally.from_responses([{"U1": None}]))
    with pytest.raises(ValueError):
        UnsurTally().add(7)


def test_tally_add_and_merge() -> None:
    t = SurveyTally().add({"U1": 4, "U2": None}).add({"U1": 2, "U2": 3})
    assert t.respondents == 2
    assert t.get("U1") == UnsurTally(2, 6) and t.get("U2") == UnsurTally(1, 3)
    assert t.get("U3") == UnsurTally()
    assert t + SurveyTally() == t


@pytest.mark.parametrize(
    ("population", "sample"),
    [
        (0, 0),
        (1, 1),
        (10, 10),
        (50, 44),
        (100, 80),
        (200, 132),
        (500, 217),
        (1000, 278),
        (2000, 322),
        (5000, 357),
        (75_000, 382),
        (1_000_000, 384),
        (10_000_000, 384),
        # The formula gives 382.63 -> 383 for 100 000. The 1970 table has no 100 000 row
        # (it jumps from 75 000 -> 382 to 1 000 000 -> 384); 384 is the infinite-population limit.
        (100_000, 383),
    ],
)
def test_krejcie_morgan(population: int, sample: int) -> None:
    assert krejcie_morgan(population) == sample


def test_krejcie_morgan_rejects_bad_population() -> None:
    for bad in (-1, True, 2.5):
        with pytest.raises(ValueError):
            krejcie_morgan(bad)  # type: ignore[arg-type]


def test_bootstrap_is_deterministic_and_brackets_the_index() -> None:
    rng = random.Random(7)
    responses: list[dict[str, int | None]] = [
        {c: rng.choice([2, 3, 3, 4, None]) for c in CODES} for _ in range(60)
    ]
    point = compute_index(SurveyTally.from_responses(responses)).ikm_konversi
    low, high = bootstrap_interval(responses, resamples=300, seed=42)
    assert (low, high) == bootstrap_interval(responses, resamples=300, seed=42)
    assert 25 <= low < point < high <= 100
    assert bootstrap_interval(responses, resamples=300, seed=43) != (low, high)
    assert bootstrap_interval(everyone(4), resamples=50) == (Fraction(100), Fraction(100))


def test_bootstrap_validation() -> None:
    with pytest.raises(ValueError):
        bootstrap_interval([{"U1": None}])
    with pytest.raises(ValueError):
        bootstrap_interval(everyone(4), resamples=0)
    with pytest.raises(ValueError):
        bootstrap_interval(everyone(4), confidence=Fraction(1))
    with pytest.raises(ValueError):
        bootstrap_interval([{"X": 4}])


answers = st.one_of(st.none(), st.integers(1, 4))
responses_st = st.lists(st.fixed_dictionaries(dict.fromkeys(CODES, answers)), max_size=15)


@settings(max_examples=100)
@given(responses_st, responses_st)
def test_merge_equals_tally_of_concatenation(
    a: list[dict[str, int | None]], b: list[dict[str, int | None]]
) -> None:
    ta, tb = SurveyTally.from_responses(a), SurveyTally.from_responses(b)
    assert ta.merge(tb) == SurveyTally.from_responses(a + b)
    assert ta.merge(tb) == tb.merge(ta)


@settings(max_examples=100)
@given(responses_st)
def test_ikm_konversi_always_between_25_and_100(responses: list[dict[str, int | None]]) -> None:
    tally = SurveyTally.from_responses(responses)
    if not any(t.count for _, t in tally.per_unsur):
        return
    result = compute_index(tally)
    assert 25 <= result.ikm_konversi <= 100
    assert sum(r.weight_used for r in result.rows) == 1


@settings(max_examples=40)
@given(st.integers(1, 20), st.integers(1, 5))
def test_equal_weights_give_exactly_100_for_all_fours(n: int, respondents: int) -> None:
    unsur = equal_weight_unsur([f"Unsur {i}" for i in range(n)])
    responses = [{u.code: 4 for u in unsur} for _ in range(respondents)]
    result = compute_index(SurveyTally.from_responses(responses), unsur)
    assert result.ikm_konversi == 100 and result.ikm_konversi_rounded == Decimal("100.00")
