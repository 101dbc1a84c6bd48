#!/usr/bin/env python
"""Document benchmark (issue 6 item 8): time the decree (IKU) PDF (target <= 1 s), the Perjanjian
Kinerja PDF and the quarterly measurement report PDF on this machine.

    python bench/documents_bench.py [--runs 5] [--json FILE]

Runs on a FRESH SQLite database in a temporary KINERJA_DATA_DIR (DATABASE_URL is ignored): migrates,
loads the default data (Mayang's decree), writes a PK 2022 with targets and two programs and the
realizations of TW I and TW II (the test dataset of tests/reports/documents_data.py), then times each
document's ``kinerja.reports.documents.generate(...)`` (gathering the data, rendering the template,
WeasyPrint layout and PDF writing) after one warm-up run, and prints the median of ``--runs`` runs,
wall clock and CPU time of this process (on a shared, loaded machine the CPU time is the steadier
figure; the target is judged on the wall clock).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET_DECREE_S = 1.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", default=None)
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="kinerja-docbench-")
    os.environ["KINERJA_DATA_DIR"] = tmp
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from kinerja.iku.services import default_data_load
    from kinerja.organisations.models import Organisation
    from kinerja.reports.documents import generate
    from tests.reports.documents_data import make_pk, make_values

    default_data_load()
    mayang = Organisation.objects.get(code="35.09.26")
    make_pk(mayang)
    make_values(mayang)

    cases = [
        ("iku", None, TARGET_DECREE_S),
        ("pk", None, None),
        ("pengukuran", 2, None),
    ]
    results = {}
    for key, quarter, target in cases:
        generate(key, organisation=mayang, year=2022, quarter=quarter, fmt="pdf")  # warm-up
        times = []
        cpu = []
        for _ in range(args.runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            pdf = generate(key, organisation=mayang, year=2022, quarter=quarter, fmt="pdf")
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        median = statistics.median(times)
        results[key] = {
            "median_s": round(median, 3),
            "min_s": round(min(times), 3),
            "max_s": round(max(times), 3),
            "cpu_median_s": round(statistics.median(cpu), 3),
            "runs": args.runs,
            "bytes": len(pdf),
            "target_s": target,
            "met": None if target is None else median <= target,
        }
        print(
            f"{key:<11} PDF median {median:.3f} s (min {min(times):.3f}, max {max(times):.3f}; "
            f"CPU {statistics.median(cpu):.3f} s)"
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
        "documents": results,
    }
    text = json.dumps(summary, indent=2)
    print(text)
    if args.json:
        Path(args.json).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
