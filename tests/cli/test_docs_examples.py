"""The command examples in docs/rules-engine.md: each ``$ luotsi ...`` line is run and its
output must be the lines that follow it in the document (up to the next ``$`` line or the
end of the code block)."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from luotsi.cli import main

DOC = Path(__file__).resolve().parents[2] / "docs" / "rules-engine.md"


def _examples() -> list[tuple[str, list[str]]]:
    examples: list[tuple[str, list[str]]] = []
    for block in DOC.read_text(encoding="utf-8").split("```")[1::2]:
        current: list[str] | None = None  # the output lines of this block's last command
        for line in block.strip("\n").split("\n"):
            if line.startswith("$ luotsi "):
                current = []
                examples.append((line[2:], current))
            elif current is not None and line.strip():
                current.append(line)
    return examples


EXAMPLES = _examples()


def test_the_document_has_examples() -> None:
    assert len(EXAMPLES) >= 3


@pytest.mark.parametrize(("command", "expected"), EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_docs_example(
    command: str, expected: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(shlex.split(command)[1:]) == 0
    assert capsys.readouterr().out.rstrip("\n").split("\n") == expected
