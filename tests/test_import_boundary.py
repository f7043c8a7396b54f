"""The rules engine stays pure: lint fails when a rules module imports Django.

The real contract (pyproject.toml) and the real ruff config of ``luotsi.rules`` are run on
a copy of the source tree with one offending module added.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


@pytest.fixture
def tree_with_offender(tmp_path):
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(
        ROOT / "src" / "luotsi",
        tmp_path / "src" / "luotsi",
        ignore=shutil.ignore_patterns("__pycache__", "*.mo"),
    )
    offender = tmp_path / "src" / "luotsi" / "rules" / "offender.py"
    offender.write_text("from django.db import models\n\nFIELD = models.DateField\n")
    return tmp_path


def _lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "lint-imports"), "--no-cache"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(cwd / "src"), "PATH": str(BIN)},
    )


def test_import_linter_passes_on_the_real_tree():
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_linter_fails_when_rules_import_django(tree_with_offender):
    result = _lint_imports(tree_with_offender)
    assert result.returncode != 0
    assert "luotsi.rules.offender -> django" in result.stdout


def test_ruff_bans_django_inside_rules(tree_with_offender):
    offender = tree_with_offender / "src" / "luotsi" / "rules" / "offender.py"
    result = subprocess.run(
        [str(BIN / "ruff"), "check", "--no-cache", "--select", "TID251", str(offender)],
        cwd=tree_with_offender,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "TID251" in result.stdout and "luotsi.rules is pure Python" in result.stdout
