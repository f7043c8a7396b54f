"""The repository itself: no half-resolved merge reaches main."""

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MARKER = re.compile(r"^(<{7} |>{7} |={7}$)", re.MULTILINE)


def tracked_text_files() -> list[Path]:
    try:
        out = subprocess.run(
            ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    binary = {".pdf", ".png", ".ico", ".xlsx", ".mo", ".woff", ".woff2", ".zip", ".ods", ".xls"}
    return [ROOT / name for name in out.splitlines() if Path(name).suffix not in binary]


def test_no_merge_conflict_markers() -> None:
    offenders = []
    for path in tracked_text_files():
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, FileNotFoundError):
            continue
        for match in MARKER.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            offenders.append(f"{path.relative_to(ROOT)}:{line}")
    assert offenders == [], f"merge conflict markers left in: {offenders}"


def test_the_marker_pattern_finds_a_conflict() -> None:
    sample = "a\n<<<<<<< HEAD\nb\n=======\nc\n>>>>>>> branch\n"
    assert len(MARKER.findall(sample)) == 3
