"""``python -m workos_async._codegen [--check]``: see the package docstring."""

from __future__ import annotations

import sys

from . import main

raise SystemExit(main(sys.argv[1:]))
