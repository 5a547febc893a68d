"""nox sessions: ``nox`` runs lint, typecheck and tests (``nox -s conformance`` needs Node)."""

from __future__ import annotations

import nox

nox.options.sessions = ["lint", "typecheck", "tests"]
nox.options.reuse_existing_virtualenvs = True


@nox.session
def lint(session: nox.Session) -> None:
    session.install("-e", ".[dev]")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session
def typecheck(session: nox.Session) -> None:
    session.install("-e", ".[dev]")
    session.run("mypy")
    session.run("python", "-m", "workos_async._stubgen", "--check")


@nox.session
def tests(session: nox.Session) -> None:
    session.install("-e", ".[dev]")
    session.run("pytest", "-q", *session.posargs)


@nox.session
def conformance(session: nox.Session) -> None:
    session.install("-e", ".[dev]")
    session.run("pytest", "-q", "-m", "conformance", "tests/conformance", *session.posargs)


@nox.session
def stubs(session: nox.Session) -> None:
    """Regenerate the typed stubs from the endpoint table."""
    session.install("-e", ".")
    session.run("python", "-m", "workos_async._stubgen")
