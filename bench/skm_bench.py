#!/usr/bin/env python
"""SKM benchmark (issue 4 item 10): index from the running tallies, CSV import, survey submissions.

    python bench/skm_bench.py [--responses 1000000] [--import-rows 20000] [--submissions 2000]
                              [--quick] [--keep DIR]

Everything runs on a FRESH SQLite database in a temporary KINERJA_DATA_DIR (DATABASE_URL is ignored):

(a) fills it with ``--responses`` responses (raw ``executemany`` in batches, answers and running tallies
    kept consistent as they are generated), then times ``kinerja.skm.selectors.skm_index`` for a year
    and for one service (median of repeated runs, target <= 50 ms) and checks each equals a full
    recomputation from the raw answers (an SQL aggregate over every answer row, fed to the core);
(b) times the CSV import of paper questionnaires through ``kinerja.skm.paper.read_rows`` and
    ``kinerja.skm.services.responses_import`` (target >= 20,000 rows/s); when slower, prints a
    profile of where the time goes;
(c) starts gunicorn (2 workers, 127.0.0.1, a free port) with ``bench/bench_settings.py`` (DEBUG off,
    the per-client rate limit lifted: all requests come from 127.0.0.1 and the app does not trust
    X-Forwarded-For) and measures, each bounded in count and time: a trivial view's rate, the form
    page's rate (GET), and survey submissions (each client thread GETs the form once for its CSRF
    cookie and token, then every submission is one POST of answers, as from a kiosk tablet); then
    counts that every accepted submission (302) is stored. Server CPU per request from /proc.

It prints a JSON summary at the end (and ``--json FILE`` writes it). ``--quick`` shrinks every part
(used by the test suite to check the script works, never its speed).
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import datetime
import http.client
import io
import json
import os
import platform
import pstats
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from fractions import Fraction
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
TARGET_INDEX_MS = 50.0
TARGET_IMPORT_RPS = 20_000.0
YEARS = (2022, 2023)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def machine() -> dict[str, Any]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "cpu": model or platform.processor(),
        "python": platform.python_version(),
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "load_average_at_start": os.getloadavg(),
    }


def setup(data_dir: Path) -> None:
    os.environ["KINERJA_DATA_DIR"] = str(data_dir)
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "kinerja.settings"
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.core.management import call_command

    from kinerja.iku.services import default_data_load

    call_command("migrate", verbosity=0)
    default_data_load()


# --------------------------------------------------------------------------------------------
# (a) fill and index
# --------------------------------------------------------------------------------------------


def fill(n: int, seed: int = 14) -> dict[str, Any]:
    """Insert ``n`` responses with their answers and the matching running tallies."""
    from django.db import connection, transaction

    from kinerja.organisations.models import Organisation
    from kinerja.skm import services
    from kinerja.skm.models import Answer, AnswerTally, Response, ResponseTally

    org = Organisation.objects.get(code="35.09.26")
    instrument = services.instrument_create_default(actor=None, organisation=org)
    svc = [
        services.service_save(actor=None, organisation=org, name=name, order=i)
        for i, name in enumerate(services.DEFAULT_SERVICES)
    ]
    unsur = list(instrument.unsur.order_by("order").values_list("pk", flat=True))
    rng = random.Random(seed)
    fields = [f for f in Response._meta.concrete_fields if not f.primary_key]
    columns = ["id", *[f.column for f in fields]]
    response_sql = (
        f'INSERT INTO "{Response._meta.db_table}" ({", ".join(columns)}) '
        f"VALUES ({', '.join('?' * len(columns))})"
    )
    answer_sql = (
        f'INSERT INTO "{Answer._meta.db_table}" (response_id, unsur_id, value) VALUES (?, ?, ?)'
    )
    respondents: dict[tuple[int, int, int], int] = {}
    sums: dict[tuple[int, int, int, int], list[int]] = {}
    genders, educations = ("L", "P"), ("SD", "SMP", "SMA", "D3", "S1", "S2")
    occupations = ("PNS", "TNI", "POLRI", "Swasta", "Wirausaha", "Lainnya")
    values = (1, 2, 3, 4)
    weights = (3, 12, 55, 30)
    next_id = (Response.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    started = time.perf_counter()
    connection.ensure_connection()
    raw = connection.connection
    raw.execute("PRAGMA synchronous=OFF")
    raw.execute("PRAGMA journal_mode=MEMORY")
    batch = 50_000
    now = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC).isoformat()
    with transaction.atomic():
        for start in range(0, n, batch):
            rows, answers = [], []
            for rid in range(next_id + start, next_id + min(n, start + batch)):
                year = YEARS[rid % len(YEARS)]
                day = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(365))
                quarter = (day.month - 1) // 3 + 1
                service = svc[rng.randrange(len(svc))].pk
                record = {
                    "organisation_id": org.pk,
                    "instrument_id": instrument.pk,
                    "service_id": service,
                    "submitted_at": now,
                    "date": day.isoformat(),
                    "year": year,
                    "quarter": quarter,
                    "gender": genders[rid % 2],
                    "age": 15 + rid % 70,
                    "education": educations[rid % 6],
                    "occupation": occupations[rid % 6],
                    "saran": "",
                    "channel": "paper",
                    "fingerprint": "",
                    "answers_digest": "",
                }
                rows.append((rid, *[record[f.attname] for f in fields]))
                key = (service, year, quarter)
                respondents[key] = respondents.get(key, 0) + 1
                given = rng.choices(values, weights, k=len(unsur))
                for unsur_id, value in zip(unsur, given, strict=True):
                    if rng.random() < 0.03:  # 3% of questions left unanswered
                        continue
                    answers.append((rid, unsur_id, value))
                    tally = sums.setdefault((*key, unsur_id), [0, 0])
                    tally[0] += 1
                    tally[1] += value
            raw.executemany(response_sql, rows)
            raw.executemany(answer_sql, answers)
            log(f"  filled {min(n, start + batch):,} / {n:,}")
        ResponseTally.objects.bulk_create(
            ResponseTally(
                instrument=instrument,
                service_id=s,
                organisation=org,
                year=y,
                quarter=q,
                respondents=count,
            )
            for (s, y, q), count in respondents.items()
        )
        AnswerTally.objects.bulk_create(
            AnswerTally(
                instrument=instrument,
                service_id=s,
                organisation=org,
                year=y,
                quarter=q,
                unsur_id=u,
                count=c,
                total=t,
            )
            for (s, y, q, u), (c, t) in sums.items()
        )
    seconds = time.perf_counter() - started
    raw.execute("PRAGMA synchronous=FULL")
    return {
        "responses": n,
        "answers": sum(c for c, _ in sums.values()),
        "fill_seconds": round(seconds, 1),
        "organisation": org,
        "instrument": instrument,
        "services": svc,
    }


def median_ms(fn: Any, runs: int) -> float:
    fn()  # warm the connection and caches once
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def recompute(org: Any, year: int, service: Any | None) -> Any:
    """The IKM from every raw answer: one SQL aggregate, then the pure core."""
    from django.db import connection

    from kinerja.core.skm import SurveyTally, Unsur, UnsurTally, compute_index
    from kinerja.skm.models import Answer, InstrumentUnsur, Response

    where = "r.organisation_id = %s AND r.year = %s"
    params: list[Any] = [org.pk, year]
    if service is not None:
        where += " AND r.service_id = %s"
        params.append(service.pk)
    r_t, a_t, u_t = Response._meta.db_table, Answer._meta.db_table, InstrumentUnsur._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT u.code, COUNT(*), SUM(a.value) FROM "{a_t}" a '
            f'JOIN "{r_t}" r ON r.id = a.response_id JOIN "{u_t}" u ON u.id = a.unsur_id '
            f"WHERE {where} GROUP BY u.code",
            params,
        )
        per_unsur = tuple(sorted((code, UnsurTally(c, t)) for code, c, t in cursor.fetchall()))
        cursor.execute(f'SELECT COUNT(*) FROM "{r_t}" r WHERE {where}', params)
        respondents = cursor.fetchone()[0]
    instrument_unsur = InstrumentUnsur.objects.filter(instrument__organisation=org).order_by(
        "order"
    )
    core = [Unsur(u.code, u.name, u.weight) for u in instrument_unsur]
    return compute_index(SurveyTally(respondents, per_unsur), core)


def bench_index(filled: dict[str, Any], runs: int) -> dict[str, Any]:
    from kinerja.skm.selectors import skm_index

    org, service = filled["organisation"], filled["services"][0]
    out: dict[str, Any] = {}
    for label, svc in (("year", None), ("service", service)):
        year = YEARS[0]
        index = skm_index(organisation=org, year=year, service=svc)
        started = time.perf_counter()
        full = recompute(org, year, svc)
        recompute_ms = (time.perf_counter() - started) * 1000
        equal = (
            index is not None
            and index.result.ikm == full.ikm
            and index.result.respondents == full.respondents
            and [(r.jumlah_jawaban, r.jumlah_nilai) for r in index.result.rows]
            == [(r.jumlah_jawaban, r.jumlah_nilai) for r in full.rows]
        )
        ms = median_ms(
            lambda svc=svc, year=year: skm_index(organisation=org, year=year, service=svc), runs
        )
        out[label] = {
            "median_ms": round(ms, 2),
            "target_ms": TARGET_INDEX_MS,
            "ok": ms <= TARGET_INDEX_MS,
            "respondents": full.respondents,
            "ikm_konversi": float(full.ikm_konversi),
            "equals_full_recomputation": equal,
            "full_recomputation_ms": round(recompute_ms, 1),
        }
        log(
            f"  index of {label}: median {ms:.2f} ms; recomputation {recompute_ms:.0f} ms; equal {equal}"
        )
    return out


# --------------------------------------------------------------------------------------------
# (b) CSV import
# --------------------------------------------------------------------------------------------


def import_csv(filled: dict[str, Any], rows: int, seed: int) -> bytes:
    from kinerja.skm.paper import columns

    instrument = filled["instrument"]
    codes = list(instrument.unsur.order_by("order").values_list("code", flat=True))
    rng = random.Random(seed)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns(codes))
    names = [s.name for s in filled["services"]]
    for i in range(rows):
        day = datetime.date(2024, 1, 1) + datetime.timedelta(days=i % 365)
        writer.writerow(
            [
                day.isoformat(),
                names[i % len(names)],
                "LP"[i % 2],
                str(18 + i % 60),
                "SMA",
                "Swasta",
                *(str(rng.choice((2, 3, 3, 4))) for _ in codes),
                "",
            ]
        )
    return out.getvalue().encode("utf-8")


def bench_import(filled: dict[str, Any], rows: int) -> dict[str, Any]:
    from kinerja.skm.models import Response
    from kinerja.skm.paper import read_rows
    from kinerja.skm.services import responses_import

    instrument = filled["instrument"]
    data = import_csv(filled, rows, seed=1)
    before = Response.objects.count()
    started, cpu_started = time.perf_counter(), time.process_time()
    parsed = read_rows("bench.csv", data)
    read_s = time.perf_counter() - started
    report = responses_import(actor=None, instrument=instrument, rows=parsed)
    total_s = time.perf_counter() - started
    cpu_s = time.process_time() - cpu_started
    stored = Response.objects.count() - before
    rps = rows / total_s
    out: dict[str, Any] = {
        "rows": rows,
        "seconds": round(total_s, 3),
        "read_seconds": round(read_s, 3),
        "cpu_seconds": round(cpu_s, 3),
        "rows_per_cpu_second": round(rows / cpu_s) if cpu_s else None,
        "load_average": os.getloadavg(),
        "rows_per_second": round(rps),
        "target_rows_per_second": TARGET_IMPORT_RPS,
        "ok": rps >= TARGET_IMPORT_RPS and report.ok and stored == rows,
        "stored": stored,
        "errors": report.errors[:5],
    }
    log(f"  import: {rows:,} rows in {total_s:.2f} s = {rps:,.0f} rows/s (stored {stored:,})")
    if rps < TARGET_IMPORT_RPS:
        # Where the time goes: a profile of a second, identical-size import.
        data = import_csv(filled, rows, seed=2)
        profiler = cProfile.Profile()
        profiler.enable()
        responses_import(actor=None, instrument=instrument, rows=read_rows("bench2.csv", data))
        profiler.disable()
        buffer = io.StringIO()
        pstats.Stats(profiler, stream=buffer).sort_stats("tottime").print_stats(12)
        lines = [ln for ln in buffer.getvalue().splitlines() if ln.strip()]
        out["profile_top_tottime"] = lines[-13:]
    return out


# --------------------------------------------------------------------------------------------
# (c) the real server
# --------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(
    port: int,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, Any, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.headers, response.read()
    finally:
        conn.close()


def start_server(data_dir: Path, port: int, workers: int = 2) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "KINERJA_DATA_DIR": str(data_dir),
        "DJANGO_SETTINGS_MODULE": "bench.bench_settings",
        "PYTHONPATH": str(REPO),
    }
    env.pop("DATABASE_URL", None)
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [str(gunicorn)] if gunicorn.exists() else [sys.executable, "-m", "gunicorn"]
    process = subprocess.Popen(
        [
            *command,
            "-w",
            str(workers),
            "-b",
            f"127.0.0.1:{port}",
            "--chdir",
            str(REPO),
            "--log-level",
            "warning",
            "kinerja.wsgi:application",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if fetch(port, "GET", "/bench/ping/")[0] == 200:
                return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError(
        "gunicorn did not answer within 60 s: "
        + (process.stderr.read(2000).decode() if process.stderr else "")
    )


CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


def form_session(port: int, path: str, agent: str) -> tuple[str, str] | int:
    """GET the form once: (CSRF token of the form, CSRF cookie), or the failing status."""
    status, headers, body = fetch(port, "GET", path, headers={"User-Agent": agent})
    if status != 200:
        return status
    match = CSRF_INPUT.search(body)
    cookie = next(
        (
            c.split(";", 1)[0]
            for c in headers.get_all("Set-Cookie") or []
            if c.startswith("csrftoken=")
        ),
        "",
    )
    if not match or not cookie:
        return -1
    return match.group(1).decode(), cookie


def submit(
    port: int,
    path: str,
    session: tuple[str, str],
    agent: str,
    service_id: int,
    codes: list[str],
    rng: random.Random,
    n: int,
) -> int:
    """One submission: POST one respondent's answers with the client's CSRF token and cookie (a
    kiosk or a phone that has the form open); the status."""
    token, cookie = session
    form = {
        "csrfmiddlewaretoken": token,
        "service": str(service_id),
        "gender": rng.choice("LP"),
        "age": str(rng.randrange(17, 80)),
        "education": rng.choice(("SD", "SMP", "SMA", "S1")),
        "occupation": rng.choice(("PNS", "Swasta", "Wirausaha", "Lainnya")),
        "saran": f"bench {n}",  # every submission differs: none is a duplicate
        "website": "",
        **{code.lower(): str(rng.choice((2, 3, 4))) for code in codes},
    }
    status, _, _ = fetch(
        port,
        "POST",
        path,
        body=urllib.parse.urlencode(form).encode(),
        headers={
            "User-Agent": agent,
            "Cookie": cookie,
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    return status


def process_tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by ``pid`` and its children (the gunicorn workers);
    Linux /proc only, 0.0 elsewhere."""
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    total = 0
    try:
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(entry.name) == pid or int(fields[1]) == pid:
                total += int(fields[11]) + int(fields[12])  # utime, stime
    except OSError:
        return 0.0
    return total / tick


def run_load(
    task: Any, count: int, seconds: float, concurrency: int
) -> tuple[dict[int, int], float]:
    """Run ``task(i)`` up to ``count`` times on ``concurrency`` threads, for at most ``seconds``."""
    lock = threading.Lock()
    counter = iter(range(count))
    statuses: dict[int, int] = {}
    deadline = time.perf_counter() + seconds

    def worker() -> None:
        while time.perf_counter() < deadline:
            with lock:
                i = next(counter, None)
            if i is None:
                return
            try:
                status = task(i)
            except OSError:
                status = -2  # connection refused/reset: counted, never hidden
            except Exception as exc:  # a bug in the client: counted and shown once
                log(f"  client error: {exc!r}")
                status = -3
            with lock:
                statuses[status] = statuses.get(status, 0) + 1

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return statuses, time.perf_counter() - started


def bench_server(
    filled: dict[str, Any], data_dir: Path, submissions: int, seconds: float, concurrency: int
) -> dict[str, Any]:
    from django.core.management import call_command

    from kinerja.skm.models import Response

    call_command("collectstatic", interactive=False, verbosity=0)
    service = filled["services"][0]
    codes = list(filled["instrument"].unsur.order_by("order").values_list("code", flat=True))
    path = f"/skm/isi/{service.token}/"
    port = free_port()
    before = Response.objects.filter(channel="online").count()
    server = start_server(data_dir, port)
    server_cpu: dict[str, float] = {}
    try:
        cpu = process_tree_cpu(server.pid)
        trivial, trivial_s = run_load(
            lambda i: fetch(port, "GET", "/bench/ping/")[0], submissions * 2, seconds, concurrency
        )
        server_cpu["trivial"], cpu = (
            process_tree_cpu(server.pid) - cpu,
            process_tree_cpu(server.pid),
        )
        form_page, form_s = run_load(
            lambda i: fetch(port, "GET", path)[0], submissions, seconds, concurrency
        )
        server_cpu["form_page"], cpu = (
            process_tree_cpu(server.pid) - cpu,
            process_tree_cpu(server.pid),
        )
        # Each client thread GETs the form once (CSRF cookie and token), then POSTs
        # submissions with them, as a kiosk tablet or an open phone page does.
        local = threading.local()
        form_gets: list[int] = []

        def one_submission(i: int) -> int:
            if not hasattr(local, "session"):
                local.agent = f"bench-{threading.get_ident()}"
                local.rng = random.Random(threading.get_ident())
                session = form_session(port, path, local.agent)
                form_gets.append(1)
                if isinstance(session, int):
                    return session
                local.session = session
            return submit(port, path, local.session, local.agent, service.pk, codes, local.rng, i)

        posted, posted_s = run_load(one_submission, submissions, seconds, concurrency)
        server_cpu["submissions"] = process_tree_cpu(server.pid) - cpu
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    stored = Response.objects.filter(channel="online").count() - before
    accepted = posted.get(302, 0)
    trivial_rps = trivial.get(200, 0) / trivial_s
    form_rps = form_page.get(200, 0) / form_s
    submit_rps = accepted / posted_s
    out = {
        "workers": 2,
        "concurrency": concurrency,
        "trivial_requests": trivial,
        "trivial_rps": round(trivial_rps, 1),
        "form_page_requests": form_page,
        "form_page_rps": round(form_rps, 1),
        "submission_statuses": posted,
        "submissions_per_second": round(submit_rps, 1),
        "submission": "one POST of the answers; each client thread GETs the form once first",
        "form_gets_before_submitting": len(form_gets),
        "ratio_to_trivial": round(submit_rps / trivial_rps, 3) if trivial_rps else None,
        "target_ratio": 0.5,
        "accepted": accepted,
        "stored": stored,
        "every_accepted_stored": stored == accepted,
        "server_cpu_seconds": {k: round(v, 2) for k, v in server_cpu.items()},
        "server_cpu_ms_per_request": {
            "trivial": round(1000 * server_cpu["trivial"] / max(1, sum(trivial.values())), 3),
            "form_page": round(1000 * server_cpu["form_page"] / max(1, sum(form_page.values())), 3),
            "submission": round(1000 * server_cpu["submissions"] / max(1, sum(posted.values())), 3),
        },
        "load_average": os.getloadavg(),
        "experiment": os.environ.get("SKM_BENCH_EXPERIMENT", "") or "none (the project's settings)",
        "rate_limit": "lifted by bench/bench_settings.py (SKM_RATE_LIMIT); the app keys it on REMOTE_ADDR only",
    }
    log(
        f"  server: trivial {trivial_rps:.0f} req/s; form page {form_rps:.0f} req/s; "
        f"submissions {submit_rps:.0f}/s (one POST each); accepted {accepted}, stored {stored}"
    )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--responses", type=int, default=1_000_000)
    parser.add_argument("--import-rows", type=int, default=20_000)
    parser.add_argument("--submissions", type=int, default=2_000)
    parser.add_argument("--seconds", type=float, default=60.0, help="time bound of each load run")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--runs", type=int, default=21, help="timed runs of each index query")
    parser.add_argument("--quick", action="store_true", help="tiny sizes: check that it works")
    parser.add_argument(
        "--keep", help="use (and keep) this data directory instead of a temporary one"
    )
    parser.add_argument("--json", help="also write the summary to this file")
    args = parser.parse_args(argv)
    if args.quick:
        args.import_rows = min(args.import_rows, 300)
        args.submissions = min(args.submissions, 20)
        args.seconds = min(args.seconds, 20.0)
        args.runs = min(args.runs, 3)
        args.concurrency = min(args.concurrency, 4)
    data_dir = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="kinerja-bench-"))
    data_dir.mkdir(parents=True, exist_ok=True)
    try:
        log(f"data directory {data_dir}")
        setup(data_dir)
        summary: dict[str, Any] = {"machine": machine()}
        log(f"(a) filling {args.responses:,} responses")
        filled = fill(args.responses)
        summary["fill"] = {k: filled[k] for k in ("responses", "answers", "fill_seconds")}
        summary["index"] = bench_index(filled, args.runs)
        log(f"(b) importing {args.import_rows:,} CSV rows")
        summary["import"] = bench_import(filled, args.import_rows)
        log(f"(c) server: {args.submissions:,} submissions at most, {args.seconds:.0f} s at most")
        summary["server"] = bench_server(
            filled, data_dir, args.submissions, args.seconds, args.concurrency
        )
    finally:
        if not args.keep:
            shutil.rmtree(data_dir, ignore_errors=True)
    text = json.dumps(
        summary, indent=2, default=lambda o: float(o) if isinstance(o, Fraction) else str(o)
    )
    print(text)
    if args.json:
        Path(args.json).write_text(text + "\n")
    correct = (
        all(v["equals_full_recomputation"] for v in summary["index"].values())
        and summary["import"]["stored"] == args.import_rows
        and summary["server"]["every_accepted_stored"]
    )
    return 0 if correct else 1


if __name__ == "__main__":
    sys.exit(main())
