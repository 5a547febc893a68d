#!/usr/bin/env bash
# Create .venv-official (git-ignored) with the official `workos` Python SDK (10.x) + orjson,
# so benchmarks/bench_client.py can run it side by side with workos_async.
#
#   bash benchmarks/setup_official.sh            # uses python3.11 (or python3) from PATH
#   PYTHON=/path/to/python3.11 bash benchmarks/setup_official.sh
#   WORKOS_SPEC='workos==10.8.0' bash benchmarks/setup_official.sh   # pin another 10.x
#
# Uses whatever package index pip is configured with. Idempotent: re-running upgrades
# within 10.x only if WORKOS_SPEC changes.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${OFFICIAL_VENV:-$repo_root/.venv-official}"
spec="${WORKOS_SPEC:-workos>=10,<11}"

if [[ -n "${PYTHON:-}" ]]; then
    python="$PYTHON"
elif command -v python3.11 >/dev/null 2>&1; then
    python="python3.11"
else
    python="python3"
fi

if ! "$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 9) else 1)'; then
    echo "setup_official.sh: $python is older than 3.9; set PYTHON=/path/to/python3.11" >&2
    exit 1
fi

if [[ ! -x "$venv/bin/python" ]]; then
    echo "creating $venv with $("$python" --version 2>&1)"
    if ! "$python" -m venv "$venv"; then
        echo "setup_official.sh: '$python -m venv' failed (on Debian: apt-get install python3-venv)" >&2
        exit 1
    fi
fi

"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$spec" orjson

"$venv/bin/python" - <<'PY'
import importlib.metadata as md
import sys

version = md.version("workos")
if not version.startswith("10."):
    sys.exit(f"setup_official.sh: expected workos 10.x, got {version}")
import workos  # noqa: F401  (the import must work, not just the install)
from workos.common.models.user import User  # noqa: F401  (the parse benchmark needs it)

print(f"official SDK ready: workos {version}, orjson {md.version('orjson')}, python {sys.version.split()[0]}")
PY
echo "interpreter: $venv/bin/python"
