"""The shared material beside the checkout (``../shared``): the contract's examples, the
Finvoice schema. A test that needs it skips on a developer's machine without it, and
fails in CI (``CI`` set, as ``.ci/run`` does), where its absence is a broken checkout."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
EXAMPLES = SHARED / "contract" / "examples"


def require(path: Path) -> Path:
    """``path`` under ``SHARED``, or the test stops: skipped locally, failed in CI."""
    if not path.exists():
        message = f"{path} is missing: ../shared is not beside the checkout"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path
