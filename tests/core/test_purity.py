"""The core stays pure: no Django, importable on its own."""

import pkgutil
import subprocess
import sys
from pathlib import Path

import kinerja.core

CORE_DIR = Path(kinerja.core.__file__).parent
MODULES = sorted(f"kinerja.core.{m.name}" for m in pkgutil.iter_modules([str(CORE_DIR)]))

# Refuse any import of django, then import every core module and check nothing pulled it in.
PROBE = """
import importlib, sys

class NoDjango:
    def find_spec(self, name, path=None, target=None):
        if name == "django" or name.startswith("django."):
            raise ImportError("the core must not import " + name)
        return None

sys.meta_path.insert(0, NoDjango())
for name in sys.argv[1:]:
    importlib.import_module(name)
leaked = [m for m in sys.modules if m == "django" or m.startswith("django.")]
assert not leaked, leaked
"""


def test_all_expected_modules_exist() -> None:
    for name in ("periods", "numbers", "aggregation", "achievement", "predikat", "skm"):
        assert f"kinerja.core.{name}" in MODULES


def test_core_imports_without_django() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *MODULES], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_core_source_never_mentions_django() -> None:
    for path in CORE_DIR.glob("*.py"):
        assert "django" not in path.read_text(encoding="utf-8").lower(), path.name
