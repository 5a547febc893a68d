"""Bulk user import: move 10k to 1M users into WorkOS concurrently, at the rate WorkOS allows,
exactly once, with a per-row account of what happened.

    from workos_async import AsyncWorkOS
    from workos_async.bulk import import_users

    async with AsyncWorkOS() as client:
        run = import_users(client, "users.csv", journal="users.journal", report="report/")
        async for result in run:
            ...                      # one RowResult per row
        print(run.summary)

See ``docs/bulk-import.md`` for the source columns, the journal and the command line.
"""

from __future__ import annotations

from .._constants import PASSWORD_HASH_TYPES
from .engine import ON_CONFLICT, Importer, ImportOptions, OnConflict
from .governor import Governor, Limit, RateGovernor, RateLimitConfig
from .journal import Journal, JournalError
from .plan import dry_run
from .report import ReportWriter
from .results import ImportSummary, RowError, RowResult
from .rows import COLUMNS, InvalidRow, RowValidator, UserRow, parse_row
from .run import ImportRun, import_users, plan_import
from .sources import read_csv, read_jsonl
from .sync import SyncImportRun, import_users_sync, plan_import_sync

__all__ = [
    "COLUMNS",
    "ON_CONFLICT",
    "PASSWORD_HASH_TYPES",
    "Governor",
    "ImportOptions",
    "ImportRun",
    "ImportSummary",
    "Importer",
    "InvalidRow",
    "Journal",
    "JournalError",
    "Limit",
    "OnConflict",
    "RateGovernor",
    "RateLimitConfig",
    "ReportWriter",
    "RowError",
    "RowResult",
    "RowValidator",
    "SyncImportRun",
    "UserRow",
    "dry_run",
    "import_users",
    "import_users_sync",
    "parse_row",
    "plan_import",
    "plan_import_sync",
    "read_csv",
    "read_jsonl",
]
