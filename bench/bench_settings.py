"""Settings of the benchmark server: the project's settings with DEBUG off, the survey's rate limit
lifted (every request comes from 127.0.0.1, and the app rightly does not trust X-Forwarded-For) and
a tiny /bench/ping/ view as the trivial page to compare with."""

from kinerja.settings import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
SKM_RATE_LIMIT = (10**9, 1)
ROOT_URLCONF = "bench.bench_urls"
