"""pytest plugin for ``workos_async.testing`` (registered as the ``pytest11`` entry point).

Loaded by every pytest run in an environment where ``workos-async`` is installed, so importing
it must stay cheap and must never fail. The fixtures (``workos_fake``, ``workos_client``,
``workos_sync_client``) are being added in the following commits.
"""

from __future__ import annotations
