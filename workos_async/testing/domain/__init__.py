"""The fake's domain: its state and the operations on it, with no HTTP.

- :mod:`.store`: every object in memory (records, indexes, read-only views);
- operations, one area a module: :mod:`.users`, :mod:`.passwords`, :mod:`.organizations`,
  :mod:`.memberships`, :mod:`.invitations`, :mod:`.one_time` (verification, reset, magic
  auth, email change), :mod:`.factors`, :mod:`.user_resources`, :mod:`.environment`
  (redirect URIs, CORS origins, JWT template), :mod:`.seed`, and the authentication flows
  in :mod:`.auth`;
- :mod:`.schema`: the operations' input schemas; :mod:`.errors`: the refusals
  (:class:`~.errors.DomainError`), which the HTTP layer renders.

Operations take the store (or ``fake.auth``) and plain values, return JSON-able records and
raise :class:`~.errors.DomainError`. Nothing here imports ``aiohttp`` or the HTTP package
(``tests/testing/test_fake_layers.py`` checks it).
"""
