"""Settings come from the environment; production refuses the development secret."""

import os
import subprocess
import sys
from pathlib import Path


def _settings(env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    code = (
        "import kinerja.settings as s; "
        "print(s.DEBUG, s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME'], "
        "s.DATABASES['default'].get('OPTIONS', {}).get('init_command', ''))"
    )
    base = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY"}}
    base.update({"KINERJA_DATA_DIR": str(tmp_path), **env})
    return subprocess.run(
        [sys.executable, "-c", code], env=base, capture_output=True, text=True, check=False
    )


def test_default_is_sqlite_in_data_dir_with_wal(tmp_path):
    result = _settings({"KINERJA_ENV": "development"}, tmp_path)
    assert result.returncode == 0, result.stderr
    debug, engine, name, init = result.stdout.split(" ", 3)
    assert debug == "True"
    assert engine == "django.db.backends.sqlite3"
    assert name == str(tmp_path / "kinerja.sqlite3")
    assert "journal_mode=WAL" in init


def test_database_url_switches_to_postgresql(tmp_path):
    result = _settings({"DATABASE_URL": "postgres://kin:pw@db.example:5433/kinerja"}, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split(" ")[1:3] == ["django.db.backends.postgresql", "kinerja"]


def test_production_refuses_the_development_secret(tmp_path):
    result = _settings({"KINERJA_ENV": "production"}, tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_starts_with_a_real_secret_and_debug_off(tmp_path):
    result = _settings(
        {"KINERJA_ENV": "production", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "kinerja.example"},
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split(" ")[0] == "False"


def test_bad_boolean_is_an_error(tmp_path):
    result = _settings({"DEBUG": "maybe"}, tmp_path)
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr


def _cache_and_connections(env: dict[str, str], tmp_path: Path) -> list[str]:
    code = (
        "import kinerja.settings as s; c = s.CACHES['default']; d = s.DATABASES['default']; "
        "print(c['BACKEND'].rsplit('.', 1)[1], c.get('LOCATION', '-'), d['CONN_MAX_AGE'], "
        "d['CONN_HEALTH_CHECKS'])"
    )
    base = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "KINERJA_CACHE_DIR"}}
    base.update({"KINERJA_DATA_DIR": str(tmp_path), **env})
    result = subprocess.run(
        [sys.executable, "-c", code], env=base, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_cache_is_per_process_unless_a_shared_directory_is_given(tmp_path):
    """The survey's rate limit must be shared by all server processes in production."""
    assert _cache_and_connections({}, tmp_path) == ["LocMemCache", "-", "60", "True"]
    shared = tmp_path / "cache"
    assert _cache_and_connections({"KINERJA_CACHE_DIR": str(shared)}, tmp_path) == [
        "FileBasedCache",
        str(shared),
        "60",
        "True",
    ]
    pg = {"DATABASE_URL": "postgres://kin:pw@db.example:5433/kinerja"}
    assert _cache_and_connections(pg, tmp_path)[2:] == ["60", "True"]
