"""The snippet runner itself: a broken example fails with its page and line; markers work."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .markdown_examples import read_blocks
from .test_examples import run_page

PAGE = """# A page

Some text.

```python
from workos_async import AsyncWorkOS

workos = AsyncWorkOS()
user = await workos.user_management.create_user(email="ada@example.com")
```

<!-- illustration: not run -->
```python
raise SystemExit("an illustration must not run")
```

```python
assert user.email == "ada@example.com"
await workos.user_management.get_user("user_missing")
```
"""

SHELL_PAGE = """# Shell

```bash
K="Authorization: Bearer sk_test_fake"; U=http://127.0.0.1:8484
curl -H "$K" $U/user_management/users
curl -H "$K" -X POST $U/_fake/reset -d '{"reseed":true}'
```
"""


def _page(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "docs" / "page.md"
    path.parent.mkdir()
    path.write_text(text)
    return path


def test_a_failing_python_block_names_page_and_line(
    tmp_path: Path, workos_fake: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocks = read_blocks(_page(tmp_path, PAGE), tmp_path)
    assert [(b.line, b.runnable) for b in blocks] == [(6, True), (14, False), (18, True)]
    work = tmp_path / "work"
    work.mkdir()
    with pytest.raises(pytest.fail.Exception) as failure:
        run_page(blocks, workos_fake, monkeypatch, work)
    message = str(failure.value)
    assert message.startswith("docs/page.md:18: the example raised NotFoundError")
    assert 'File "docs/page.md", line 19' in message  # the traceback has the page's lines
    assert len(workos_fake.store.users) == 1  # the first block ran, in the same namespace


def test_a_failing_shell_command_names_its_line(
    tmp_path: Path, workos_fake: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The reset has no Content-Type: application/json, so the fake answers 400.
    blocks = read_blocks(_page(tmp_path, SHELL_PAGE), tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    with pytest.raises(pytest.fail.Exception) as failure:
        run_page(blocks, workos_fake, monkeypatch, work)
    assert str(failure.value).startswith("docs/page.md:6: the command failed")
    assert "400" in str(failure.value)


def test_file_marker_writes_the_block(
    tmp_path: Path, workos_fake: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = """<!-- file: data.csv -->
```csv
email
ada@example.com
```

```python
with open("data.csv") as f:
    assert f.read() == "email\\nada@example.com\\n"
```
"""
    blocks = read_blocks(_page(tmp_path, page), tmp_path)
    assert blocks[0].marker == "file" and blocks[0].marker_arg == "data.csv"
    work = tmp_path / "work"
    work.mkdir()
    run_page(blocks, workos_fake, monkeypatch, work)


def test_an_unterminated_fence_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"docs/page.md:1: unterminated"):
        read_blocks(_page(tmp_path, "```python\nx = 1\n"), tmp_path)
