"""The runnable examples in docs/sessions.md run (blocks marked ``<!-- test: run -->``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parents[2] / "docs" / "sessions.md"
BLOCKS = re.findall(r"<!-- test: run -->\n```python\n(.*?)```", DOC.read_text(), re.DOTALL)


def test_the_page_has_runnable_examples() -> None:
    assert len(BLOCKS) == 2


@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_example_runs(index: int, capsys: pytest.CaptureFixture[str]) -> None:
    exec(compile(BLOCKS[index], f"{DOC.name}[{index}]", "exec"), {"__name__": "__doc_example__"})
    out = capsys.readouterr().out
    assert "sign the user in again" not in out  # the sealing example's happy path ran
    if index == 1:
        assert out.strip() == "401: malformed_token"
