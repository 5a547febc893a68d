"""The project's checks, defined once. ``nox`` runs them in their own venvs; ``make`` runs the very
same sessions in ``.venv`` (``nox --no-venv --no-install -s NAME``), so nothing is defined twice.

``nox`` alone runs lint, typecheck, tests and docs; ``nox -s conformance`` needs Node (the
emulator).
"""

from __future__ import annotations

import nox

nox.options.sessions = ["lint", "typecheck", "tests", "docs"]
nox.options.reuse_existing_virtualenvs = True


def _install(session: nox.Session) -> None:
    # A no-op under ``--no-install`` (make's runs: .venv already holds the dev extra).
    session.install("-e", ".[dev]")


@nox.session
def lint(session: nox.Session) -> None:
    """ruff check and ruff format --check over the whole tree."""
    _install(session)
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy --strict (package, tests and benchmarks) and the generated code's freshness."""
    _install(session)
    session.run("mypy")
    session.run("python", "-m", "workos_async._codegen", "--check")


@nox.session
def tests(session: nox.Session) -> None:
    """The test suite (everything but the emulator conformance suite)."""
    _install(session)
    session.run("pytest", "-q", *session.posargs)


@nox.session
def docs(session: nox.Session) -> None:
    """The documentation site, ``mkdocs build --strict`` into ``site/`` (a few seconds)."""
    _install(session)
    # mkdocs-gen-files prints a long notice about mkdocs 2 unless told not to.
    quiet = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    session.run("mkdocs", "build", "--strict", *session.posargs, env=quiet)


@nox.session
def conformance(session: nox.Session) -> None:
    """The conformance suite against WorkOS's own emulator (npm ``workos`` 0.14.0, installed
    into ``.cache/`` on first use; needs Node 20)."""
    _install(session)
    session.run("pytest", "-q", "-m", "conformance", "tests/conformance", *session.posargs)


@nox.session
def stubs(session: nox.Session) -> None:
    """Regenerate the resource modules and API pages from the endpoint table."""
    _install(session)
    session.run("python", "-m", "workos_async._codegen")
