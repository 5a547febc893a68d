"""The ``workos-async`` command.

workos-async demo [--count N] [--concurrency N] [--keep]
workos-async fake-server [--port N] [--seed FILE] ...
workos-async import users FILE [...]
"""

from __future__ import annotations

import sys

USAGE = """usage: workos-async COMMAND [ARGS]

commands:
  demo          create users concurrently, read them back, print a summary
                (on the built-in fake WorkOS unless WORKOS_API_KEY is set)
  fake-server   serve the fake WorkOS API for other processes and languages
  import users  bulk-import users from a CSV or JSONL file

Run 'workos-async COMMAND --help' for a command's options."""


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in ("-h", "--help"):
        print(USAGE)
        return 0 if args else 2
    command, rest = args[0], args[1:]
    if command == "demo":
        from .demo import main as demo_main

        return demo_main(rest)
    if command == "fake-server":
        from .testing.server_cli import main as fake_main

        return fake_main(rest)
    if command == "import":
        from .bulk.cli import main as import_main

        return import_main(rest)
    print(f"workos-async: unknown command {command!r}\n\n{USAGE}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
