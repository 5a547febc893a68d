"""Bulk user import: move 10k to 1M users into WorkOS concurrently, at the rate WorkOS allows,
exactly once, with a per-row account of what happened.

    from workos_async import AsyncWorkOS
    from workos_async.bulk import import_users

    async with AsyncWorkOS() as client:
        run = import_users(client, "users.csv", journal="users.journal", report="report/")
        async for result in run:
            ...                      # one RowResult per row
        print(run.summary)

See ``docs/bulk-import.md`` for the source columns, the journal and the command line, and
``workos_async.bulk.formats`` for Auth0, Clerk, Firebase and Cognito exports.
"""

from __future__ import annotations

from .._constants import PASSWORD_HASH_TYPES
from .engine import ON_CONFLICT, ImportAborted, Importer, ImportOptions, OnConflict
from .governor import Governor, Limit, RateGovernor, RateLimitConfig
from .journal import Journal, JournalError
from .plan import dry_run
from .report import ReportWriter
from .results import ImportSummary, RowError, RowResult
from .rows import COLUMNS, InvalidRow, RowValidator, UserRow, parse_row
from .run import ImportRun, import_users, plan_import
from .sources import SOURCE_FORMATS, SourceError, read_csv, read_jsonl
from .sync import SyncImportRun, import_users_sync, plan_import_sync
from .undo import UndoSummary, undo_import
from .verify import VerifySummary, verify_import

__all__ = [
    "COLUMNS",
    "ON_CONFLICT",
    "PASSWORD_HASH_TYPES",
    "SOURCE_FORMATS",
    "Governor",
    "ImportAborted",
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
    "SourceError",
    "SyncImportRun",
    "UndoSummary",
    "UserRow",
    "VerifySummary",
    "dry_run",
    "import_users",
    "import_users_sync",
    "parse_row",
    "plan_import",
    "plan_import_sync",
    "read_csv",
    "read_jsonl",
    "undo_import",
    "verify_import",
]
