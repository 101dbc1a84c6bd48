"""SKM, Survei Kepuasan Masyarakat: the community satisfaction index (PermenPANRB 14/2017).

The rules (domain.md section 3):

* 9 unsur in the order of the regulation's scope list [R]; instruments may ask them in another order,
  so unsur are keyed by code and name, never by position alone [S]. A unit may add unsur and use other
  weights as long as the weights sum to exactly 1 [S]; the default weight is exactly 1/n.
* answers are 1..4 [S]; NRR per unsur = sum of its answers / number of answers given for it [S];
  weighted NRR = NRR x weight; IKM = sum of weighted NRR (1..4); IKM konversi = IKM x 25 (25..100) [S].
  Everything is a ``Fraction``, so all-4 answers give exactly 100 (0.111 x 9 x 4 x 25 = 99.90 is the
  bug of apps that round the weight) [S].
* mutu and kinerja: 88.31-100.00 A Sangat Baik, 76.61-88.30 B Baik, 65.00-76.60 C Kurang Baik,
  25.00-64.99 D Tidak Baik [S]; the converted value is rounded half-up to 2 decimals before it is
  classified, which closes the gaps between the printed bounds [D].
* sample size: Krejcie & Morgan, as used by SKM guides [S].

Decisions [D]:

* An unsur with no answers at all is left out and the weights of the answered unsur are renormalised
  to sum to 1 (so the index stays on the 25..100 scale and all-4 answers still give 100); the result
  lists the unsur left out so reports can say so. A survey with no answers at all raises ``ValueError``.
* Tallies (running sums) are kept per unsur code, so surveys of several periods or service points merge
  exactly: merging tallies equals tallying the union of the responses.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from kinerja.core.numbers import round_half_up
from kinerja.core.predikat import Band, ThresholdTable

__all__ = [
    "DEFAULT_UNSUR",
    "DEFAULT_UNSUR_NAMES",
    "KINERJA_BY_MUTU",
    "MUTU_TABLE",
    "IndexResult",
    "Response",
    "SurveyTally",
    "Unsur",
    "UnsurResult",
    "UnsurTally",
    "bootstrap_interval",
    "compute_index",
    "equal_weight_unsur",
    "improvement_priorities",
    "krejcie_morgan",
    "validate_unsur",
]

MIN_ANSWER, MAX_ANSWER = 1, 4
CONVERSION = Fraction(25)
"""IKM konversi = IKM x 25 [S]."""

Response = Mapping[str, int | None]
"""One respondent's answers keyed by unsur code; ``None`` (or a missing code) = not answered."""


@dataclass(frozen=True)
class Unsur:
    """One service element (unsur pelayanan) of the survey, with its weight in the index."""

    code: str
    name: str
    weight: Fraction


DEFAULT_UNSUR_NAMES: tuple[str, ...] = (
    "Persyaratan",
    "Sistem, Mekanisme, dan Prosedur",
    "Waktu Penyelesaian",
    "Biaya/Tarif",
    "Produk Spesifikasi Jenis Pelayanan",
    "Kompetensi Pelaksana",
    "Perilaku Pelaksana",
    "Penanganan Pengaduan, Saran dan Masukan",
    "Sarana dan Prasarana",
)
"""The 9 unsur of PermenPANRB 14/2017 in the order of its scope list [R]."""


def validate_unsur(unsur: Sequence[Unsur]) -> tuple[Unsur, ...]:
    """Check a set of unsur: at least one, unique codes, positive weights summing to exactly 1."""
    items = tuple(unsur)
    if not items:
        raise ValueError("at least one unsur is required")
    codes = [u.code for u in items]
    if len(set(codes)) != len(codes):
        raise ValueError(f"duplicate unsur code in {codes}")
    for u in items:
        if not isinstance(u.weight, Fraction) or u.weight <= 0:
            raise ValueError(f"weight of {u.code} must be a positive Fraction, got {u.weight!r}")
    total = sum((u.weight for u in items), Fraction(0))
    if total != 1:
        raise ValueError(f"unsur weights must sum to exactly 1, they sum to {total}")
    return items


def equal_weight_unsur(names: Sequence[str], *, prefix: str = "U") -> tuple[Unsur, ...]:
    """Unsur ``U1..Un`` named ``names`` with the exact weight 1/n each [S]."""
    n = len(names)
    if n == 0:
        raise ValueError("at least one unsur is required")
    return validate_unsur(
        [Unsur(f"{prefix}{i}", nm, Fraction(1, n)) for i, nm in enumerate(names, 1)]
    )


DEFAULT_UNSUR: tuple[Unsur, ...] = equal_weight_unsur(DEFAULT_UNSUR_NAMES)
"""U1..U9 of PermenPANRB 14/2017, each weighted exactly 1/9."""


def _check_answer(code: str, answer: object) -> int:
    if isinstance(answer, bool) or not isinstance(answer, int):
        raise ValueError(f"answer for {code} must be an integer 1..4, got {answer!r}")
    if not MIN_ANSWER <= answer <= MAX_ANSWER:
        raise ValueError(f"answer for {code} must be 1..4, got {answer}")
    return answer


@dataclass(frozen=True)
class UnsurTally:
    """Running sums for one unsur: how many answers, and their total."""

    count: int = 0
    total: int = 0

    def add(self, answer: int) -> UnsurTally:
        """This tally with one more answer (1..4)."""
        return UnsurTally(self.count + 1, self.total + _check_answer("unsur", answer))

    def merge(self, other: UnsurTally) -> UnsurTally:
        """The tally of both sets of answers."""
        return UnsurTally(self.count + other.count, self.total + other.total)

    @property
    def nrr(self) -> Fraction | None:
        """Nilai rata-rata: total / count, ``None`` without answers."""
        return Fraction(self.total, self.count) if self.count else None


@dataclass(frozen=True)
class SurveyTally:
    """Running sums of a survey (or of many merged surveys): respondents and one tally per unsur code.

    ``per_unsur`` is kept sorted by code so equal tallies compare equal. Build one with
    :meth:`from_responses`, extend it with :meth:`add`, combine with :meth:`merge` or ``+``.
    """

    respondents: int = 0
    per_unsur: tuple[tuple[str, UnsurTally], ...] = field(default=())

    @classmethod
    def from_responses(cls, responses: Iterable[Response]) -> SurveyTally:
        """Tally a list of responses (answers keyed by unsur code)."""
        respondents = 0
        sums: dict[str, UnsurTally] = {}
        for response in responses:
            respondents += 1
            for code, answer in response.items():
                if answer is not None:
                    sums[code] = sums.get(code, UnsurTally()).add(_check_answer(code, answer))
        return cls(respondents, tuple(sorted(sums.items())))

    def get(self, code: str) -> UnsurTally:
        """The tally of unsur ``code`` (an empty tally when it has no answers)."""
        for key, tally in self.per_unsur:
            if key == code:
                return tally
        return UnsurTally()

    def add(self, response: Response) -> SurveyTally:
        """This tally with one more respondent."""
        return self.merge(SurveyTally.from_responses([response]))

    def merge(self, other: SurveyTally) -> SurveyTally:
        """The tally of both surveys' respondents together."""
        sums = dict(self.per_unsur)
        for code, tally in other.per_unsur:
            sums[code] = sums.get(code, UnsurTally()).merge(tally)
        return SurveyTally(self.respondents + other.respondents, tuple(sorted(sums.items())))

    def __add__(self, other: SurveyTally) -> SurveyTally:
        return self.merge(other)


MUTU_TABLE = ThresholdTable(
    "Mutu pelayanan (PermenPANRB 14/2017)",
    (
        Band(None, "D", "red"),
        Band(Fraction("65.00"), "C", "yellow"),
        Band(Fraction("76.61"), "B", "green"),
        Band(Fraction("88.31"), "A", "dark-green"),
    ),
    round_places=2,
)
"""Mutu by IKM konversi rounded half-up to 2 decimals: >=88.31 A, >=76.61 B, >=65.00 C, else D."""

KINERJA_BY_MUTU: Mapping[str, str] = {
    "A": "Sangat Baik",
    "B": "Baik",
    "C": "Kurang Baik",
    "D": "Tidak Baik",
}
"""Kinerja unit pelayanan for each mutu [S]."""


@dataclass(frozen=True)
class UnsurResult:
    """One column of the SKM processing table (U1..U9 in the reports)."""

    unsur: Unsur
    jumlah_jawaban: int
    jumlah_nilai: int
    nrr: Fraction | None
    weight_used: Fraction
    """The weight after renormalisation (0 for an unsur left out)."""
    nrr_tertimbang: Fraction | None

    @property
    def nrr_konversi(self) -> Fraction | None:
        """NRR x 25, the unsur's own score on the 25..100 scale."""
        return None if self.nrr is None else self.nrr * CONVERSION


@dataclass(frozen=True)
class IndexResult:
    """The SKM index of a survey and its processing table."""

    respondents: int
    rows: tuple[UnsurResult, ...]
    ikm: Fraction
    ikm_konversi: Fraction
    ikm_konversi_rounded: Decimal
    mutu: str
    kinerja: str
    excluded: tuple[str, ...]
    """Codes of unsur without answers, left out of the index (weights renormalised)."""


def compute_index(tally: SurveyTally, unsur: Sequence[Unsur] = DEFAULT_UNSUR) -> IndexResult:
    """The IKM of ``tally`` over ``unsur`` (PermenPANRB 14/2017), exactly.

    ``ValueError`` for an invalid set of unsur, for answers to an unsur code that is not in ``unsur``
    and for a survey without answers. Unsur without answers: see the module docstring.
    """
    items = validate_unsur(unsur)
    codes = {u.code for u in items}
    unknown = sorted(code for code, t in tally.per_unsur if t.count and code not in codes)
    if unknown:
        raise ValueError(f"answers for unknown unsur {unknown}")
    answered = [u for u in items if tally.get(u.code).count]
    if not answered:
        raise ValueError("the survey has no answers")
    answered_weight = sum((u.weight for u in answered), Fraction(0))
    rows = []
    ikm = Fraction(0)
    for u in items:
        t = tally.get(u.code)
        nrr = t.nrr
        weight = u.weight / answered_weight if nrr is not None else Fraction(0)
        weighted = nrr * weight if nrr is not None else None
        if weighted is not None:
            ikm += weighted
        rows.append(UnsurResult(u, t.count, t.total, nrr, weight, weighted))
    konversi = ikm * CONVERSION
    mutu = MUTU_TABLE.classify(konversi).label
    return IndexResult(
        respondents=tally.respondents,
        rows=tuple(rows),
        ikm=ikm,
        ikm_konversi=konversi,
        ikm_konversi_rounded=round_half_up(konversi, 2),
        mutu=mutu,
        kinerja=KINERJA_BY_MUTU[mutu],
        excluded=tuple(u.code for u in items if not tally.get(u.code).count),
    )


def improvement_priorities(result: IndexResult) -> list[UnsurResult]:
    """Answered unsur from the lowest NRR up: the order in which to improve the service [S].

    Ties keep the instrument's order.
    """
    answered = [r for r in result.rows if r.nrr is not None]
    return sorted(answered, key=lambda r: r.nrr if r.nrr is not None else Fraction(0))


def krejcie_morgan(population: int) -> int:
    """Minimum sample size for ``population`` service users (Krejcie & Morgan 1970, used by SKM guides [S]).

    n = X2 N P(1-P) / (d2 (N-1) + X2 P(1-P)) with X2 = 3.841, P = 0.5, d = 0.05, computed exactly and
    rounded to the nearest integer (halves up). It reproduces the published table: 10 -> 10, 50 -> 44,
    100 -> 80, 200 -> 132, 500 -> 217, 1000 -> 278, 2000 -> 322, 5000 -> 357, 100000 -> 384.
    A population of 0 needs no sample.
    """
    if isinstance(population, bool) or not isinstance(population, int) or population < 0:
        raise ValueError(f"population must be a non-negative integer, got {population!r}")
    chi2, p, d = Fraction("3.841"), Fraction(1, 2), Fraction(1, 20)
    n = chi2 * population * p * (1 - p) / (d * d * (population - 1) + chi2 * p * (1 - p))
    return int(round_half_up(n, 0))


def _konversi(
    counts: Sequence[int], totals: Sequence[int], weights: Sequence[Fraction]
) -> Fraction:
    answered_weight = sum((w for w, c in zip(weights, counts, strict=True) if c), Fraction(0))
    ikm = sum(
        (
            Fraction(t, c) * w
            for t, c, w in zip(totals, counts, weights, strict=True)
            if c  # unsur without answers in this resample are left out, as in compute_index
        ),
        Fraction(0),
    )
    return ikm / answered_weight * CONVERSION


def bootstrap_interval(
    responses: Sequence[Response],
    unsur: Sequence[Unsur] = DEFAULT_UNSUR,
    *,
    resamples: int = 1000,
    confidence: Fraction = Fraction(95, 100),
    seed: int = 0,
) -> tuple[Fraction, Fraction]:
    """Percentile bootstrap interval ``(low, high)`` of the IKM konversi [D].

    Respondents (not single answers) are resampled with replacement ``resamples`` times using
    ``random.Random(seed)``, so the result is the same for the same data, order and seed. Each resample's
    IKM konversi is computed exactly as :func:`compute_index` does (unsur without answers in a resample are
    left out, weights renormalised). With the sorted statistics s[0..B-1] and a = (1 - confidence) / 2,
    low = s[floor(a B)] and high = s[ceil((1 - a) B) - 1]. Respondents who answered nothing carry no
    information and are dropped first; ``ValueError`` if none is left.
    """
    items = validate_unsur(unsur)
    if resamples < 1:
        raise ValueError("resamples must be at least 1")
    if not 0 < confidence < 1:
        raise ValueError("confidence must lie strictly between 0 and 1")
    codes = [u.code for u in items]
    known = set(codes)
    rows: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    for response in responses:
        extra = [c for c, a in response.items() if a is not None and c not in known]
        if extra:
            raise ValueError(f"answers for unknown unsur {sorted(extra)}")
        answers = [response.get(c) for c in codes]
        checked = [
            None if a is None else _check_answer(c, a) for c, a in zip(codes, answers, strict=True)
        ]
        if any(a is not None for a in checked):
            rows.append(
                (tuple(0 if a is None else 1 for a in checked), tuple(a or 0 for a in checked))
            )
    if not rows:
        raise ValueError("the survey has no answers")
    weights = [u.weight for u in items]
    rng = random.Random(seed)
    n, k = len(rows), len(codes)
    stats: list[Fraction] = []
    for _ in range(resamples):
        counts, totals = [0] * k, [0] * k
        for _ in range(n):
            c, t = rows[rng.randrange(n)]
            for j in range(k):
                counts[j] += c[j]
                totals[j] += t[j]
        stats.append(_konversi(counts, totals, weights))
    stats.sort()
    alpha = (1 - confidence) / 2
    low_index = math.floor(alpha * resamples)
    high_index = math.ceil((1 - alpha) * resamples) - 1
    return stats[low_index], stats[max(high_index, low_index)]
