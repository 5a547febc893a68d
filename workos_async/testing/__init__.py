"""An in-process fake of the WorkOS User Management API (work in progress)."""

from __future__ import annotations
