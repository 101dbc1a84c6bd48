"""The benchmark script works (tiny mode). Its speed is not tested here: numbers are in bench/README.md."""

import json
import subprocess
import sys

from tests.helpers import REPO


def test_skm_bench_quick_mode_runs_and_checks_itself(tmp_path):
    out = tmp_path / "bench.json"
    done = subprocess.run(
        [
            sys.executable,
            str(REPO / "bench" / "skm_bench.py"),
            "--responses",
            "600",
            "--quick",
            "--import-rows",
            "60",
            "--submissions",
            "6",
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    summary = json.loads(out.read_text())
    assert summary["fill"]["responses"] == 600
    assert all(part["equals_full_recomputation"] for part in summary["index"].values())
    assert summary["import"]["stored"] == summary["import"]["rows"] == 60
    assert summary["server"]["accepted"] == summary["server"]["stored"] == 6
    assert summary["machine"]["nproc"] >= 1


def test_documents_bench_quick_mode_runs(tmp_path):
    out = tmp_path / "documents.json"
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "documents_bench.py"), "--quick", "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    documents = json.loads(out.read_text())["documents"]
    assert set(documents) == {"lkjip", "iku", "pk", "pengukuran"}
    assert documents["lkjip"]["target_s"] == 3.0 and documents["iku"]["target_s"] == 1.0
    for result in documents.values():
        assert result["runs"] == 1 and result["bytes"] > 10_000
        assert result["min_s"] <= result["median_s"] <= result["max_s"]
    if documents["lkjip"]["pages"] is not None:  # pdfinfo installed
        assert documents["lkjip"]["pages"] >= 8
