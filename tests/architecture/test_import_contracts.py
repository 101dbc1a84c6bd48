"""The import contracts of pyproject.toml ([tool.importlinter]) catch what they are meant to catch.

`make test` runs `lint-imports` on the project itself. These tests copy the package to a temporary
directory, add one forbidden import to the copy and check that `lint-imports` then fails and names
the broken contract — so a contract that stopped checking anything (a typo in a module name, a
layer left out) is noticed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _lint_copy(tmp_path: Path, module: str, line: str) -> subprocess.CompletedProcess[str]:
    """Run lint-imports on a copy of the package where ``module`` (a dotted path to an existing
    or new module) gets ``line`` appended."""
    shutil.copytree(
        ROOT / "kinerja",
        tmp_path / "kinerja",
        ignore=shutil.ignore_patterns("__pycache__", "locale", "static", "templates", "seed"),
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    path = tmp_path.joinpath(*module.split(".")).with_suffix(".py")
    existing = path.read_text(encoding="utf-8") if path.exists() else ""
    path.write_text(existing + "\n" + line + "\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_project_keeps_its_contracts(tmp_path: Path) -> None:
    result = _lint_copy(tmp_path, "kinerja.core.periods", "")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("kinerja.core.numbers", "import django.db", "The core is pure"),
        ("kinerja.core.numbers", "from kinerja.common import services", "The core is pure"),
        ("kinerja.iku.selectors", "from kinerja.planning import models", "App layers"),
        ("kinerja.measurement.selectors", "import kinerja.skm.selectors", "App layers"),
        ("kinerja.skm.selectors", "import kinerja.coordination.models", "App layers"),
        ("kinerja.organisations.models", "import kinerja.accounts.models", "App layers"),
        (
            "kinerja.reports.documents",
            "from kinerja.measurement.models import IndicatorValue",
            "reads other apps' data only through their selectors",
        ),
    ],
)
def test_a_forbidden_import_breaks_its_contract(
    tmp_path: Path, module: str, line: str, contract: str
) -> None:
    result = _lint_copy(tmp_path, module, line)
    assert result.returncode != 0
    broken = result.stdout.split("Broken contracts", 1)[-1]
    assert contract in broken, result.stdout
    # the added import itself is named (not only a violation the project already had)
    assert f"{module} -> " in " ".join(broken.split()), result.stdout
