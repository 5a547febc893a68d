"""`import workos_async` stays cheap: the endpoint machinery, the models, anyio (sync facade)
and cryptography (sessions) load on first use, not at import (a measured target: import
<= 1.3x `import aiohttp`; the timing itself lives in benchmarks/bench_client.py)."""

from __future__ import annotations

import json
import subprocess
import sys

LAZY = (
    "workos_async._codegen",
    "workos_async._responses",
    "workos_async.resources",
    "workos_async._endpoints",
    "workos_async._converter",
    "workos_async.models",
    "workos_async.sync",
    "workos_async.sessions",
    "anyio",
    "cattrs",
    "cryptography",
)


def test_import_loads_only_the_core() -> None:
    code = "import json, sys, workos_async; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(json.loads(out.stdout))
    eager = sorted(m for m in loaded if any(m == lazy or m.startswith(lazy + ".") for lazy in LAZY))
    assert eager == [], f"imported eagerly: {eager}"


def test_lazy_names_still_resolve() -> None:
    code = (
        "import workos_async as w; "
        "print(w.WorkOS.__name__, w.SyncPager.__name__, w.AuthorizationUrlWithPkce.__name__)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["WorkOS", "SyncPager", "AuthorizationUrlWithPkce"]
