"""``workos-async import users FILE [...]``: the bulk import from the command line; also
``import verify FILE --journal J`` (compare the source with WorkOS) and ``import undo
--journal J`` (delete what that import created).

``main(argv)`` takes the arguments after ``import`` (``users FILE --plan ...``) and returns
the exit status: 0 when every row ended well, 1 when some rows failed or were invalid (see
the report), 2 for a usage or setup error (bad option, unreadable file, journal misuse, a
foreign or damaged journal, a report path that is a symlink, a CSV cell over the field limit,
a refused API key): one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import os
import sqlite3
import sys
from pathlib import Path
from typing import Any

from .engine import ON_CONFLICT, ImportAborted
from .governor import Limit, RateLimitConfig
from .journal import JournalError
from .plan import dry_run
from .report import ReportWriter
from .results import ImportSummary
from .sources import SOURCE_FORMATS


def _limit(text: str) -> Limit | None:
    """``500/10`` → 500 requests per 10 s; ``none`` → unlimited."""
    if text.lower() in ("none", "off", "0"):
        return None
    try:
        count, _, window = text.partition("/")
        return Limit(int(count), float(window or "1"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected REQUESTS/SECONDS such as 500/10, or 'none'; got {text!r}"
        ) from None


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a number >= 1, got {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The ``import`` command's argument parser."""
    defaults = RateLimitConfig()
    p = argparse.ArgumentParser(
        prog="workos-async import",
        description="Import users (and organization memberships) into WorkOS from a CSV or "
        "JSONL file: concurrently, within WorkOS's rate limits, exactly once, resumable.",
    )
    p.add_argument(
        "kind",
        choices=["users", "verify", "undo"],
        help="users: import; verify: compare FILE with WorkOS; undo: delete what the import "
        "recorded in --journal created",
    )
    p.add_argument("file", nargs="?", help="the source file (not for undo)")
    p.add_argument(
        "--include-organizations",
        action="store_true",
        help="undo: also delete the organizations the import created",
    )
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--dry-run", action="store_true", help="validate only; no network")
    mode.add_argument(
        "--plan",
        action="store_true",
        help="validate and look up every row (reads only): exact counts of what would happen",
    )
    p.add_argument("--journal", help="journal file (default: FILE.journal)")
    p.add_argument("--resume", action="store_true", help="continue from the journal")
    p.add_argument(
        "--retry-failed",
        action="store_true",
        help="with --resume: also retry rows that WorkOS refused last time",
    )
    p.add_argument("--concurrency", type=_positive_int, default=32, help="default 32")
    p.add_argument("--on-conflict", choices=ON_CONFLICT, default="adopt", help="default adopt")
    p.add_argument(
        "--create-organizations",
        action="store_true",
        help="create organizations rows name (by external id or name) that don't exist, once",
    )
    p.add_argument("--report", help="report directory (default: FILE.report)")
    p.add_argument(
        "--from",
        "--format",
        dest="format",
        choices=SOURCE_FORMATS,
        help="source format: a plain csv/jsonl file or a provider's export (default: from the "
        "extension)",
    )
    p.add_argument(
        "--password-hashes",
        metavar="FILE",
        help="auth0: the password-hash export (NDJSON from Auth0 support)",
    )
    p.add_argument(
        "--hash-config",
        metavar="FILE",
        help="firebase: the project's hash parameters (the console's hash_config block, or JSON)",
    )
    p.add_argument(
        "--org-mapping",
        metavar="FILE",
        help="providers: a CSV of user_id,organization_(id|external_id|name)[,role_slug] "
        "memberships to join in",
    )
    p.add_argument(
        "--skip-passwords",
        action="store_true",
        help="firebase: import the users without their password hashes",
    )
    p.add_argument("--signer-key", help="firebase: base64_signer_key")
    p.add_argument("--salt-separator", help="firebase: base64_salt_separator")
    p.add_argument("--rounds", type=int, help="firebase: rounds")
    p.add_argument("--mem-cost", type=int, help="firebase: mem_cost")
    p.add_argument(
        "--write-limit",
        type=_limit,
        default=defaults.writes,
        metavar="N/SECONDS",
        help="write budget (default 500/10)",
    )
    p.add_argument(
        "--read-limit",
        type=_limit,
        default=defaults.reads,
        metavar="N/SECONDS",
        help="read budget (default 1000/10)",
    )
    p.add_argument(
        "--total-limit",
        type=_limit,
        default=defaults.all,
        metavar="N/SECONDS",
        help="all-requests budget (default 6000/60)",
    )
    p.add_argument("--max-attempts", type=_positive_int, default=8)
    p.add_argument("--timeout", type=float, default=30.0, help="seconds per request")
    p.add_argument(
        "--journal-sync",
        choices=["NORMAL", "FULL"],
        default="NORMAL",
        help="FULL also survives power loss (an fsync per commit)",
    )
    p.add_argument("--base-url", help="API base URL (default: WORKOS_BASE_URL or WorkOS)")
    p.add_argument("--progress-interval", type=float, help="seconds between progress updates")
    p.add_argument("--quiet", action="store_true", help="no progress display")
    return p


def main(argv: list[str]) -> int:
    """Run ``import`` with ``argv`` (the arguments after ``import``); return the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits on --help and on errors
        return int(exc.code or 0)
    if args.kind == "undo":
        return _undo(args)
    if args.file is None:
        print(f"error: import {args.kind}: FILE is required", file=sys.stderr)
        return 2
    path = Path(args.file)
    if not path.is_file():
        print(f"error: no such file: {args.file}", file=sys.stderr)
        return 2
    report_dir = args.report or f"{args.file}.report"
    journal = args.journal or f"{args.file}.journal"
    if args.kind == "verify":
        return _verify(args, journal, report_dir)
    if args.resume and not args.dry_run and not args.plan and not os.path.exists(journal):
        print(f"error: --resume: no journal at {journal}", file=sys.stderr)
        return 2
    try:
        if not args.dry_run and not args.plan and os.path.exists(journal):
            from .journal import Journal

            Journal(journal).existing_rows()  # a foreign or damaged journal: refuse now
        source = _source(args)
        if args.dry_run:
            writer = ReportWriter(report_dir)
            try:
                summary = dry_run(source, report=writer, format=args.format)
                writer.write_summary(summary)
            finally:
                writer.close()
        else:
            summary = asyncio.run(_run_async(args, source, report_dir))
    except ImportAborted as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except (ValueError, TypeError, JournalError, OSError, csv.Error, sqlite3.Error) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(summary.to_json(), sort_keys=True))
    if not args.quiet:
        print(f"report: {report_dir}", file=sys.stderr)
    return 0 if summary.failed == 0 else 1


def _client_kwargs(args: Any) -> dict[str, Any]:
    kwargs: dict[str, Any] = {"max_retries": 0}
    if args.base_url:
        kwargs["base_url"] = args.base_url
    return kwargs


def _limits(args: Any) -> RateLimitConfig:
    return RateLimitConfig(writes=args.write_limit, reads=args.read_limit, all=args.total_limit)


def _verify(args: Any, journal: str, report_dir: str) -> int:
    from .._client import AsyncWorkOS
    from .report import ReportError, open_private
    from .verify import verify_import

    Path(report_dir).mkdir(parents=True, exist_ok=True, mode=0o700)

    async def run() -> Any:
        with os.fdopen(open_private(Path(report_dir) / "verify.jsonl"), "w") as out:
            async with AsyncWorkOS(**_client_kwargs(args)) as client:
                return await verify_import(
                    client,
                    _source(args),
                    journal,
                    format=args.format,
                    out=out,
                    concurrency=args.concurrency,
                    rate_limits=_limits(args),
                )

    try:
        summary = asyncio.run(run())
    except (ValueError, TypeError, JournalError, OSError, ReportError, sqlite3.Error) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(summary.to_json(), sort_keys=True))
    return 0 if summary.differences == 0 else 1


def _undo(args: Any) -> int:
    from .._client import AsyncWorkOS
    from .undo import undo_import

    journal = args.journal or (f"{args.file}.journal" if args.file else None)
    if journal is None:
        print("error: import undo: --journal is required", file=sys.stderr)
        return 2

    async def run() -> Any:
        async with AsyncWorkOS(**_client_kwargs(args)) as client:
            return await undo_import(
                client,
                journal,
                include_organizations=args.include_organizations,
                concurrency=args.concurrency,
                rate_limits=_limits(args),
                max_attempts=args.max_attempts,
            )

    try:
        summary = asyncio.run(run())
    except (ValueError, TypeError, JournalError, OSError, sqlite3.Error) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(summary.to_json(), sort_keys=True))
    return 0 if summary.failed == 0 and summary.in_doubt == 0 else 1


def _source(args: Any) -> Any:
    """The file, or the provider's export reader with its options."""
    fmt = args.format
    if fmt in (None, "csv", "jsonl"):
        for flag in (
            "password_hashes",
            "hash_config",
            "signer_key",
            "salt_separator",
            "org_mapping",
        ):
            if getattr(args, flag) is not None:
                raise ValueError(f"--{flag.replace('_', '-')}: only with a provider's --from")
        return args.file
    from .formats import provider_source

    options: dict[str, Any] = {}
    if args.org_mapping:
        options["org_mapping"] = args.org_mapping
    if fmt == "auth0" and args.password_hashes:
        options["password_hashes"] = args.password_hashes
    if fmt == "firebase":
        from .formats.firebase import FirebaseHashConfig

        options["hash_config"] = FirebaseHashConfig.from_options(
            path=args.hash_config,
            signer_key=args.signer_key,
            salt_separator=args.salt_separator,
            rounds=args.rounds,
            mem_cost=args.mem_cost,
        )
        options["skip_passwords"] = args.skip_passwords
    return provider_source(fmt, args.file, **options)


async def _run_async(args: Any, source: Any, report_dir: str) -> ImportSummary:
    from .._client import AsyncWorkOS
    from .run import import_users, plan_import

    limits = RateLimitConfig(writes=args.write_limit, reads=args.read_limit, all=args.total_limit)
    options: dict[str, Any] = {
        "on_conflict": args.on_conflict,
        "concurrency": args.concurrency,
        "rate_limits": limits,
        "max_attempts": args.max_attempts,
        "timeout": args.timeout,
        "format": args.format,
        "create_organizations": args.create_organizations,
    }
    client_kwargs: dict[str, Any] = {"max_retries": 0}
    if args.base_url:
        client_kwargs["base_url"] = args.base_url
    # Size the connection pool for the workers.
    async with AsyncWorkOS(**client_kwargs) as client:
        if args.plan:
            run = plan_import(
                client,
                source,
                report=report_dir,
                progress=not args.quiet,
                **options,
            )
        else:
            journal = args.journal or f"{args.file}.journal"
            run = import_users(
                client,
                source,
                report=report_dir,
                progress=not args.quiet,
                progress_interval=args.progress_interval,
                journal=journal,
                resume=args.resume,
                retry_failed=args.retry_failed,
                journal_sync=args.journal_sync,
                **options,
            )
        return await run.wait()
