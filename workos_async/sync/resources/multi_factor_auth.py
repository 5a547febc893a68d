# GENERATED from workos_async/_endpoints.py by `python -m workos_async._codegen`.
# Do not edit: change the table (or workos_async/_codegen/) and regenerate;
# tests/core/test_generated.py fails while this file and the table disagree.
"""The blocking ``multi_factor_auth`` resource: :class:`MultiFactorAuth`, generated from the table.

Every method is the :class:`~workos_async.resources.multi_factor_auth.AsyncMultiFactorAuth` method of
the same name (same arguments, checks and docs) run on the client's loop thread.
"""

from __future__ import annotations

from ...resources.multi_factor_auth import AsyncMultiFactorAuth
from .._resources import SyncResource, blocking, blocking_pager

__all__ = ["MultiFactorAuth"]


class MultiFactorAuth(SyncResource):
    """``WorkOS().multi_factor_auth``: the methods of :class:`AsyncMultiFactorAuth`,
    blocking: each runs the async method on the client's loop thread.
    """

    __slots__ = ()

    enroll_factor = blocking(AsyncMultiFactorAuth.enroll_factor)
    list_user_auth_factors = blocking_pager(AsyncMultiFactorAuth.list_user_auth_factors)
    create_user_auth_factor = blocking(AsyncMultiFactorAuth.create_user_auth_factor)
    get_factor = blocking(AsyncMultiFactorAuth.get_factor)
    delete_factor = blocking(AsyncMultiFactorAuth.delete_factor)
    challenge_factor = blocking(AsyncMultiFactorAuth.challenge_factor)
    verify_challenge = blocking(AsyncMultiFactorAuth.verify_challenge)
