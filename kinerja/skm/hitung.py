"""The SKM index of a CSV file alone (``kinerja skm hitung``): no database involved.

Header ``u1,u2,...,un`` (any case, other columns ignored); values 1-4; an empty cell is a question
not answered; any other value is an error naming its line and column.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from kinerja.core.skm import (
    DEFAULT_UNSUR_NAMES,
    IndexResult,
    SurveyTally,
    Unsur,
    compute_index,
    equal_weight_unsur,
)

UNSUR_COLUMN = re.compile(r"^u(\d+)$", re.IGNORECASE)


class CsvError(ValueError):
    """A problem of the file, with the line (1 = header) and column it is in."""

    def __init__(self, message: str, line: int | None = None, column: str | None = None) -> None:
        where = []
        if line is not None:
            where.append(f"baris {line}")
        if column is not None:
            where.append(f"kolom {column}")
        super().__init__(f"{', '.join(where)}: {message}" if where else message)
        self.line = line
        self.column = column


def unsur_for(n: int) -> tuple[Unsur, ...]:
    """U1..Un, weight exactly 1/n; the regulation's names for the first nine."""
    names = [DEFAULT_UNSUR_NAMES[i] if i < 9 else f"Unsur {i + 1}" for i in range(n)]
    return equal_weight_unsur(names)


def tally_csv(text: str) -> tuple[SurveyTally, tuple[Unsur, ...]]:
    """Tally the answers of a CSV text. Lines without any answer are not respondents [D]."""
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None:
        raise CsvError("berkas kosong")
    columns: dict[int, int] = {}  # position in the row -> unsur number
    for position, name in enumerate(header):
        match = UNSUR_COLUMN.match(name.strip())
        if match:
            number = int(match.group(1))
            if number in columns.values():
                raise CsvError(f"kolom {name.strip()} ganda", line=1, column=name.strip())
            columns[position] = number
    numbers = sorted(columns.values())
    if not numbers:
        raise CsvError("tidak ada kolom u1, u2, ...", line=1)
    if numbers != list(range(1, len(numbers) + 1)):
        raise CsvError(
            "kolom unsur harus berurutan u1..u" + str(len(numbers)) + f", ditemukan {numbers}",
            line=1,
        )
    responses: list[dict[str, int | None]] = []
    for line, row in enumerate(reader, 2):
        answers: dict[str, int | None] = {}
        for position, number in columns.items():
            cell = row[position].strip() if position < len(row) else ""
            if cell == "":
                answers[f"U{number}"] = None
            elif cell in ("1", "2", "3", "4"):
                answers[f"U{number}"] = int(cell)
            else:
                raise CsvError(
                    f"nilai {cell!r} tidak sah (harus 1, 2, 3, 4 atau kosong)",
                    line=line,
                    column=header[position].strip(),
                )
        if any(v is not None for v in answers.values()):
            responses.append(answers)
    return SurveyTally.from_responses(responses), unsur_for(len(numbers))


def index_csv(text: str) -> IndexResult:
    tally, unsur = tally_csv(text)
    if not any(t.count for _, t in tally.per_unsur):
        raise CsvError("tidak ada jawaban")
    return compute_index(tally, unsur)


def index_json(result: IndexResult) -> dict[str, Any]:
    """The JSON document of ``kinerja skm hitung``: numbers unrounded (floats of exact fractions)."""

    def number(value: Any) -> float | None:
        return None if value is None else float(value)

    return {
        "responden": result.respondents,
        "unsur": [
            {
                "kode": row.unsur.code,
                "jumlah_jawaban": row.jumlah_jawaban,
                "jumlah_nilai": row.jumlah_nilai,
                "nrr": number(row.nrr),
                "nrr_tertimbang": number(row.nrr_tertimbang),
            }
            for row in result.rows
        ],
        "ikm": float(result.ikm),
        "ikm_konversi": float(result.ikm_konversi),
        "mutu": result.mutu,
        "kinerja": result.kinerja,
    }
