"""Find the examples in a markdown page: fenced code blocks, their language and their marker.

A marker is an HTML comment on the line right before the fence (invisible on the site and on
GitHub):

- ``<!-- illustration: why -->``: not run (it needs real WorkOS, a browser, the internet, a
  long benchmark, ...); a Python illustration must still compile and a shell one must parse.
- ``<!-- file: NAME -->``: the block's text is written to ``NAME`` in the page's working
  directory before the page's examples run (a CSV or seed file the examples read).
- ``<!-- pytest -->``: a Python block that is a test module; it is run by pytest.

Fences without a language (or ``text``, ``json``, ``csv``, ...) are output, diagrams and data:
not examples.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

PYTHON = {"python", "py", "python3"}
SHELL = {"bash", "sh", "shell", "console"}

_FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})\s*(?P<lang>[\w+-]*)")
_MARKER = re.compile(r"^\s*<!--\s*(?P<kind>illustration|file|pytest)\b:?\s*(?P<arg>.*?)\s*-->\s*$")


@dataclass(frozen=True)
class Block:
    """One fenced block of a page."""

    page: str  # the page's path, relative to the repository root
    line: int  # 1-based line number of the block's first line of code
    lang: str
    code: str
    marker: str | None = None  # "illustration", "file" or "pytest"
    marker_arg: str = ""  # the illustration's reason or the file's name

    @property
    def where(self) -> str:
        return f"{self.page}:{self.line}"

    @property
    def kind(self) -> str:
        """``python``, ``shell`` or ``data``."""
        if self.lang in PYTHON:
            return "python"
        if self.lang in SHELL:
            return "shell"
        return "data"

    @property
    def runnable(self) -> bool:
        return self.kind != "data" and self.marker != "illustration"


def read_blocks(path: Path, root: Path) -> list[Block]:
    """Every fenced block of ``path`` in page order (unterminated fences are an error)."""
    page = path.relative_to(root).as_posix()
    lines = path.read_text(encoding="utf-8").splitlines()
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        match = _FENCE.match(lines[i])
        if match is None:
            i += 1
            continue
        indent, fence, lang = match["indent"], match["fence"], match["lang"].lower()
        marker, arg = _marker_before(lines, i)
        body: list[str] = []
        j = i + 1
        while j < len(lines) and not lines[j].strip().startswith(fence):
            text = lines[j]
            body.append(text[len(indent) :] if text.startswith(indent) else text.lstrip())
            j += 1
        if j == len(lines):
            raise ValueError(f"{page}:{i + 1}: unterminated code fence")
        blocks.append(Block(page, i + 2, lang, "\n".join(body) + "\n", marker, arg))
        i = j + 1
    return blocks


def _marker_before(lines: list[str], fence_index: int) -> tuple[str | None, str]:
    k = fence_index - 1
    while k >= 0 and not lines[k].strip():
        k -= 1
    if k < 0:
        return None, ""
    match = _MARKER.match(lines[k])
    if match is None:
        return None, ""
    return match["kind"], match["arg"]
