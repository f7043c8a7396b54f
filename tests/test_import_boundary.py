"""The rules engine stays pure: lint fails when a rules module imports Django, or when a
module inside the engine imports one of a higher layer (or a rule module another). The apps
keep their one-way layers (docs/architecture.md): lint fails when an app imports one above
it, or an independent sibling; the documents stay Django-free.

The real contracts (pyproject.toml) and the real ruff config of ``luotsi.rules`` are run on
a copy of the source tree with one offending module added.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _tree_with(tmp_path: Path, package: str, source: str) -> Path:
    """A copy of the source tree with ``luotsi/<package>/offender.py`` holding ``source``."""
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(
        ROOT / "src" / "luotsi",
        tmp_path / "src" / "luotsi",
        ignore=shutil.ignore_patterns("__pycache__", "*.mo"),
    )
    offender = tmp_path / "src" / "luotsi" / package / "offender.py"
    offender.write_text(source)
    return tmp_path


@pytest.fixture
def tree_with_offender(tmp_path):
    return _tree_with(
        tmp_path, "rules", "from django.db import models\n\nFIELD = models.DateField\n"
    )


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


@pytest.mark.parametrize(
    ("package", "imported", "broken"),
    [
        # Upwards: access sits below clients.
        ("access", "luotsi.clients.models", "luotsi.access.offender -> luotsi.clients.models"),
        # Upwards: clients sit below cases.
        ("clients", "luotsi.cases.models", "luotsi.clients.offender -> luotsi.cases.models"),
        # Sideways: casedocs and dashboards are independent siblings.
        (
            "casedocs",
            "luotsi.dashboards.findings",
            "luotsi.casedocs.offender -> luotsi.dashboards.findings",
        ),
    ],
)
def test_import_linter_fails_on_an_import_against_the_layers(tmp_path, package, imported, broken):
    tree = _tree_with(tmp_path, package, f"import {imported}\n")
    result = _lint_imports(tree)
    assert result.returncode != 0
    assert "The apps form one-way layers BROKEN" in result.stdout
    assert broken in result.stdout


def test_import_linter_fails_when_documents_import_django(tmp_path):
    tree = _tree_with(tmp_path, "documents", "from django.utils import timezone\n")
    result = _lint_imports(tree)
    assert result.returncode != 0
    assert "luotsi.documents.offender -> django" in result.stdout


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


def _tree_with_lines(tmp_path: Path, lines: dict[str, str]) -> Path:
    """A copy of the source tree with ``lines`` appended to the named rules modules."""
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(
        ROOT / "src" / "luotsi",
        tmp_path / "src" / "luotsi",
        ignore=shutil.ignore_patterns("__pycache__", "*.mo"),
    )
    for module, line in lines.items():
        path = tmp_path / "src" / "luotsi" / "rules" / f"{module}.py"
        path.write_text(path.read_text() + line + "\n")
    return tmp_path


LAYERS = "Inside the rules engine, imports run one way"


@pytest.mark.parametrize(
    ("module", "line", "arrow"),
    [
        # the loop this contract ended: the context computing phase-1 facts with a rule module
        ("context", "from luotsi.rules import phases",
         "luotsi.rules.context -> luotsi.rules.phases"),
        # the context naming the registry's type (it reads the rule through a Protocol)
        ("context", "from luotsi.rules.registry import RuleInfo",
         "luotsi.rules.context -> luotsi.rules.registry"),
        ("spans", "from luotsi.rules.context import Ctx",
         "luotsi.rules.spans -> luotsi.rules.context"),
        ("model", "from luotsi.rules.findings import Finding",
         "luotsi.rules.model -> luotsi.rules.findings"),
        # rule modules are independent: a shared helper goes to ``common``
        ("teak", "from luotsi.rules.start import start_deadline",
         "luotsi.rules.teak -> luotsi.rules.start"),
    ],
)  # fmt: skip
def test_import_linter_fails_on_an_upward_import_inside_rules(tmp_path, module, line, arrow):
    tree = _tree_with_lines(tmp_path, {module: f"{line}  # noqa: E402, F401"})
    result = _lint_imports(tree)
    assert result.returncode != 0
    broken = result.stdout.split("Broken contracts", 1)[-1]
    assert LAYERS in broken and arrow in broken, result.stdout


def test_the_rules_layers_contract_names_every_rules_module():
    """A new module of ``luotsi.rules`` must be given its layer (an unlisted module is not
    checked by the contract)."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    (contract,) = [
        c for c in config["tool"]["importlinter"]["contracts"] if c["name"].startswith(LAYERS)
    ]
    listed = {name.strip() for layer in contract["layers"] for name in layer.split("|")}
    rules = ROOT / "src" / "luotsi" / "rules"
    present = {p.stem for p in rules.glob("*.py") if p.stem != "__init__"}
    present |= {p.parent.name for p in rules.glob("*/__init__.py")}
    assert listed == present
