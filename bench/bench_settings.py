"""Settings of the benchmark server: the project's settings with DEBUG off, the survey's rate limit
lifted (every request comes from 127.0.0.1, and the app rightly does not trust X-Forwarded-For) and
a tiny /bench/ping/ view as the trivial page to compare with."""

from kinerja.settings import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
SKM_RATE_LIMIT = (10**9, 1)
ROOT_URLCONF = "bench.bench_urls"

# Opt-in experiments, never the default (bench/README.md says which run used one):
#   SKM_BENCH_EXPERIMENT=conn_max_age        keep each worker's database connection (CONN_MAX_AGE)
#   SKM_BENCH_EXPERIMENT=synchronous_normal  SQLite WAL with synchronous=NORMAL (no fsync per commit;
#                                            a power cut may lose the last commits, a crash does not)
# They show what a settings change (kinerja/settings.py, not the benchmark's to make) would give.
_EXPERIMENTS = set(
    filter(None, __import__("os").environ.get("SKM_BENCH_EXPERIMENT", "").split(","))
)
if "conn_max_age" in _EXPERIMENTS:
    DATABASES["default"]["CONN_MAX_AGE"] = 600  # noqa: F405
if "synchronous_normal" in _EXPERIMENTS and DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    DATABASES["default"]["OPTIONS"]["init_command"] += " PRAGMA synchronous=NORMAL;"  # noqa: F405
