"""Conformance tests against WorkOS's own emulator (run with ``pytest -m conformance``)."""
