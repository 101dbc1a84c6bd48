#!/usr/bin/env python
"""Document benchmark (issue 6 item 8): time the LKjIP PDF of a year (target <= 3 s) and the decree
(Keputusan IKU) PDF (target <= 1 s) on this machine, with the PK and the quarterly report for
comparison.

    python bench/documents_bench.py [--runs 7] [--json FILE] [--quick]

Runs on a FRESH SQLite database in a temporary KINERJA_DATA_DIR (DATABASE_URL is ignored): migrates,
loads the default data (Mayang's decree) and the sample data of ``kinerja demo`` (DATA CONTOH) for
2020-2022: Renstra 2021-2026, a signed PK and a Renja with budgets and realizations per year,
quarterly realizations of the five indicators, SKM responses, registers. The LKjIP 2022 so has all
four chapters, the five indicators with their charts, the two previous years and the efficiency
tables; two benchmarks are entered as well.

Each document is generated once in this process first: that first run includes importing
WeasyPrint and loading the fonts (what a fresh ``kinerja laporan`` command pays once) and is
reported as ``first_s``. Then ``--runs`` timed runs of ``kinerja.reports.documents.generate(...)``
(gathering the data, rendering the template, WeasyPrint layout and PDF writing): median, min and
max of the wall clock and the median CPU time of this process. The load average (``os.getloadavg``)
is recorded before and after, since the machine may be shared: the CPU time is the steadier figure,
the target is judged on the wall clock. ``--quick`` (used by the test suite to check the script
works) prepares one year only and times one run of each document.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGETS = {"lkjip": 3.0, "iku": 1.0}
YEAR = 2022


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def _pages(pdf: bytes) -> int | None:
    """The page count from ``pdfinfo`` (poppler-utils), None where it is not installed."""
    if shutil.which("pdfinfo") is None:
        return None
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        out = subprocess.run(["pdfinfo", f.name], capture_output=True, text=True).stdout
    match = re.search(r"^Pages:\s+(\d+)", out, re.M)
    return int(match.group(1)) if match else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", default=None)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    runs = 1 if args.quick else args.runs

    tmp = tempfile.mkdtemp(prefix="kinerja-docbench-")
    os.environ["KINERJA_DATA_DIR"] = tmp
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from kinerja.accounts.demo import demo_accounts_ensure, sample_data_prepare
    from kinerja.iku.services import default_data_load
    from kinerja.organisations.models import Organisation
    from kinerja.planning.services.benchmarks import benchmark_save

    started = time.perf_counter()
    default_data_load()
    mayang = Organisation.objects.get(code="35.09.26")
    demo_accounts_ensure(kecamatan=mayang)
    years = [YEAR] if args.quick else [YEAR - 2, YEAR - 1, YEAR]
    sample_data_prepare(kecamatan=mayang, years=years)
    indicators = {i.code: i for i in mayang.decrees.in_force().first().active_indicators()}
    for code, value, source in (
        ("1.1", "78", "target nasional"),
        ("2.1", "72,5", "rata-rata kecamatan se-Kabupaten Jember"),
    ):
        benchmark_save(
            actor=None,
            organisation=mayang,
            indicator=indicators[code],
            year=YEAR,
            value=value,
            source=source,
        )
    prepare_s = time.perf_counter() - started

    from kinerja.accounts.access import OrganisationReader
    from kinerja.reports.documents import generate

    reader = OrganisationReader.of(mayang)  # as the command reads

    cases = [("lkjip", None), ("iku", None), ("pk", None), ("pengukuran", 2)]
    results = {}
    for key, quarter in cases:
        start = time.perf_counter()
        generate(key, user=reader, organisation=mayang, year=YEAR, quarter=quarter, fmt="pdf")
        first = time.perf_counter() - start
        load_before = _load()
        times, cpu = [], []
        for _ in range(runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            pdf = generate(
                key, user=reader, organisation=mayang, year=YEAR, quarter=quarter, fmt="pdf"
            )
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        median = statistics.median(times)
        target = TARGETS.get(key)
        results[key] = {
            "median_s": round(median, 3),
            "min_s": round(min(times), 3),
            "max_s": round(max(times), 3),
            "cpu_median_s": round(statistics.median(cpu), 3),
            "first_s": round(first, 3),
            "runs": runs,
            "pages": _pages(pdf),
            "bytes": len(pdf),
            "load_before": load_before,
            "load_after": _load(),
            "target_s": target,
            "met": None if target is None else median <= target,
        }
        print(
            f"{key:<11} PDF median {median:.3f} s (min {min(times):.3f}, max {max(times):.3f}; "
            f"CPU {statistics.median(cpu):.3f} s; first in process {first:.3f} s; "
            f"load {load_before[0]} -> {_load()[0]})"
            + (
                ""
                if target is None
                else f", target <= {target} s: {'met' if median <= target else 'NOT met'}"
            ),
            file=sys.stderr,
        )
    summary = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "sample_years": years,
        "prepare_s": round(prepare_s, 1),
        "documents": results,
    }
    text = json.dumps(summary, indent=2)
    print(text)
    if args.json:
        Path(args.json).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
