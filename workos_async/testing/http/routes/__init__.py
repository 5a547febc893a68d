"""The API routes of the fake, one area a module, each with ``register(router)``.

A route parses the request (path, query, body), calls one domain operation and says how to
answer; the rules live in :mod:`workos_async.testing.domain`.
"""
