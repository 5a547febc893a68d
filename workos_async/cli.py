"""The ``workos-async`` command: dispatches to ``demo``, ``fake-server`` and ``import``.

Every expected failure ends in one line on stderr (no traceback) and a documented exit status
(:data:`EXIT_CODES`, rendered on the documentation site's CLI page).
"""

from __future__ import annotations

import sys

from ._version import __version__

USAGE = """usage: workos-async [--version] COMMAND [ARGS]

commands:
  demo          create users concurrently, read them back, print a summary
                (on the built-in fake WorkOS unless WORKOS_API_KEY is set)
  fake-server   serve the fake WorkOS API for other processes and languages
  import users  bulk-import users from a CSV or JSONL file

options:
  -h, --help     show this help and exit
  -V, --version  print the version and exit

Run 'workos-async COMMAND --help' for a command's options."""

#: Exit status of each command: ``{command: {status: meaning}}``.
EXIT_CODES: dict[str, dict[int, str]] = {
    "workos-async": {
        0: "--help or --version",
        2: "no command, or an unknown command",
        130: "interrupted (Ctrl-C)",
    },
    "workos-async demo": {
        0: "every user was created, read back and fetched",
        1: "the run finished, but some users failed or did not read back",
        2: "bad arguments or configuration (e.g. a WORKOS_BASE_URL that is not http(s))",
        3: "WorkOS refused the API key, could not be reached, or failed the run",
        130: "interrupted (Ctrl-C)",
    },
    "workos-async fake-server": {
        0: "stopped by Ctrl-C or SIGTERM (or --help)",
        1: "a bad seed file, or the port is taken",
        2: "bad arguments",
    },
    "workos-async import users": {
        0: "every row ended well (or --help)",
        1: "some rows failed or were invalid (see the report's failures.csv)",
        2: "a usage or setup error (bad option, unreadable file, journal misuse)",
    },
}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    try:
        return _dispatch(args)
    except KeyboardInterrupt:
        print("workos-async: interrupted", file=sys.stderr)
        return 130


def _dispatch(args: list[str]) -> int:
    if not args:
        print(USAGE, file=sys.stderr)
        return 2
    command, rest = args[0], args[1:]
    if command in ("-h", "--help"):
        print(USAGE)
        return 0
    if command in ("-V", "--version"):
        print(f"workos-async {__version__}")
        return 0
    if command == "demo":
        from .demo import main as demo_main

        return demo_main(rest)
    if command == "fake-server":
        from .testing.server_cli import main as fake_main

        return fake_main(rest)
    if command == "import":
        from .bulk.cli import main as import_main

        return import_main(rest)
    print(f"workos-async: unknown command {command!r} (run 'workos-async --help')", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
