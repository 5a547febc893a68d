"""Install, seed, start and stop WorkOS's own emulator for the conformance suite.

The emulator is the hidden ``workos emulate`` command of the npm package ``workos`` 0.14.0.
This module installs that exact version into a cache folder with npm (only when it is not
there yet), runs ``dist/bin.js`` with ``node`` directly, seeds it through ``--seed`` with
extra API keys, users and an organization, waits for ``GET /health`` and stops it again.

Seed format (read from ``dist/commands/emulate.js``, ``dist/emulate/index.js`` and
``dist/emulate/workos/index.js`` of the package): a JSON file (a ``.json`` name is parsed as
JSON, anything else as YAML) with these top-level keys, all optional::

    {"apiKeys": {"sk_test_default": {"environment": "test"}, "sk_test_x": {"environment": "test"}},
     "users": [{"email", "password"?, "first_name"?, "last_name"?, "email_verified"?,
                "external_id"?, "metadata"?, "impersonator"?: {"email", "reason"}}],
     "organizations": [{"name", "external_id"?, "metadata"?,
                        "domains"?: [{"domain", "state"?: "verified"|"pending"}],
                        "memberships"?: [{"user_id", "role"?, "status"?}]}],
     "connections": [...], "pipeConnections": [...], "permissions": [...], "roles": [...],
     "invitations": [...], "webhookEndpoints": [...]}

``apiKeys`` *replaces* the built-in ``sk_test_default`` (it is not merged), every key must
start with ``sk_``, and the first key is the one the emulator prints. Seeded records get
fresh ids at start-up (a seed cannot set an id), so the ids are looked up over HTTP once the
emulator is ready.

Rate limits (``dist/emulate/core/server.js``): 1,000 requests per fixed 60 s window per API
key; the 1,000th request of a window gets 429. Public paths (``/health``,
``/user_management/authenticate``, ``/user_management/authorize``,
``/user_management/sessions/logout``, ``/sso/*``, ``/user_management/sessions/jwks/*``) skip
the key check and so always count against one shared anonymous bucket, whatever key is sent.
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import IO, Any

EMULATOR_PACKAGE = "workos"
EMULATOR_VERSION = "0.14.0"
DEFAULT_API_KEY = "sk_test_default"
RATE_LIMIT_PER_WINDOW = 1000
RATE_LIMIT_WINDOW_SECONDS = 60
# The emulator checks no client id: any string works, and it becomes the JWT's `aud`.
CONFORMANCE_CLIENT_ID = "client_conformance_emulator"
EXTRA_API_KEY_COUNT = 8

_NPM_INSTALL_TIMEOUT = 600.0
_STARTUP_TIMEOUT = 60.0
_STOP_TIMEOUT = 5.0
_PORT_ATTEMPTS = 3
_STDERR_TAIL_CHARS = 4000


class EmulatorUnavailableError(RuntimeError):
    """``node`` or ``npm`` is not on PATH, so the emulator cannot run on this machine."""


class EmulatorStartError(RuntimeError):
    """Installing or starting the emulator failed; the message carries npm's or its stderr."""


@dataclass(frozen=True, slots=True)
class SeedUser:
    """A user to pre-load through the seed config; ``handle`` is how tests refer to it."""

    handle: str
    email: str
    password: str | None = field(default=None, repr=False)
    first_name: str | None = None
    last_name: str | None = None
    email_verified: bool = False
    external_id: str | None = None
    metadata: Mapping[str, str] = field(default_factory=dict)

    def to_seed(self) -> dict[str, Any]:
        """The entry of the seed config's ``users`` list."""
        entry: dict[str, Any] = {"email": self.email, "email_verified": self.email_verified}
        for name in ("password", "first_name", "last_name", "external_id"):
            value = getattr(self, name)
            if value is not None:
                entry[name] = value
        if self.metadata:
            entry["metadata"] = dict(self.metadata)
        return entry


@dataclass(frozen=True, slots=True)
class SeedOrganization:
    """An organization to pre-load; ``domains`` are ``(domain, "verified" | "pending")``."""

    handle: str
    name: str
    domains: tuple[tuple[str, str], ...] = ()
    external_id: str | None = None

    def to_seed(self) -> dict[str, Any]:
        """The entry of the seed config's ``organizations`` list."""
        entry: dict[str, Any] = {"name": self.name}
        if self.external_id is not None:
            entry["external_id"] = self.external_id
        if self.domains:
            entry["domains"] = [{"domain": d, "state": s} for d, s in self.domains]
        return entry


@dataclass(frozen=True, slots=True)
class EmulatorSeed:
    """Everything the emulator is started with: its API keys and the data to pre-load.

    ``extra_api_keys`` are the keys tests spread their load over; ``spare_api_key`` is one
    that no fixture hands out, for a test that deliberately exhausts a rate-limit window.
    """

    extra_api_keys: tuple[str, ...] = field(repr=False)
    spare_api_key: str | None = field(default=None, repr=False)
    default_api_key: str = field(default=DEFAULT_API_KEY, repr=False)
    users: tuple[SeedUser, ...] = ()
    organizations: tuple[SeedOrganization, ...] = ()

    def __post_init__(self) -> None:
        for key in self.api_keys:
            # The emulator answers 401 to any token that does not start with sk_.
            if not isinstance(key, str) or not key.startswith("sk_"):
                raise ValueError("api keys: every emulator API key must be a str starting 'sk_'")
        if len(set(self.api_keys)) != len(self.api_keys):
            raise ValueError("api keys: the same API key is listed twice")
        for kind, handles in (
            ("users", [u.handle for u in self.users]),
            ("organizations", [o.handle for o in self.organizations]),
        ):
            if len(set(handles)) != len(handles):
                raise ValueError(f"{kind}: duplicate handle")
        emails = [u.email for u in self.users]
        if len(set(emails)) != len(emails):
            raise ValueError("users: duplicate email (the emulator would hold two such users)")

    @property
    def api_keys(self) -> tuple[str, ...]:
        """Every key, in seed order: default, extras, spare."""
        spare = () if self.spare_api_key is None else (self.spare_api_key,)
        return (self.default_api_key, *self.extra_api_keys, *spare)

    def to_config(self) -> dict[str, Any]:
        """The exact JSON document passed to ``workos emulate --seed``.

        ``apiKeys`` replaces the emulator's built-in key list, so the default key is listed
        first: it stays valid, and it is the key the emulator prints on stdout.
        """
        config: dict[str, Any] = {
            "apiKeys": {key: {"environment": "test"} for key in self.api_keys},
        }
        if self.users:
            config["users"] = [u.to_seed() for u in self.users]
        if self.organizations:
            config["organizations"] = [o.to_seed() for o in self.organizations]
        return config


def conformance_seed() -> EmulatorSeed:
    """The seed of the conformance session.

    Keys: ``sk_test_default`` first (the documented default), then ``EXTRA_API_KEY_COUNT`` keys
    handed out round-robin to tests, then one spare key no fixture hands out (for tests that
    deliberately exhaust a rate-limit window). The random suffix makes the keys unique to this
    run, which also proves the process answering on the port is the one started here.
    """
    run = secrets.token_hex(4)
    extra_keys = tuple(f"sk_test_conformance_{i}_{run}" for i in range(1, EXTRA_API_KEY_COUNT + 1))
    users = (
        SeedUser(
            handle="password_user",
            email="conformance.password@example.com",
            password=f"Conformance-{run}-pw",
            first_name="Pass",
            last_name="Word",
            email_verified=True,
            external_id="ext_conformance_password_user",
            metadata={"seeded": "true"},
        ),
        SeedUser(
            handle="unverified_user",
            email="conformance.unverified@example.com",
            first_name="Un",
            last_name="Verified",
            email_verified=False,
        ),
    )
    organizations = (
        SeedOrganization(
            handle="acme",
            name="Conformance Acme",
            domains=(("conformance-acme.example.com", "verified"),),
            external_id="ext_conformance_acme",
        ),
    )
    return EmulatorSeed(
        extra_api_keys=extra_keys,
        spare_api_key=f"sk_test_conformance_spare_{run}",
        users=users,
        organizations=organizations,
    )


@dataclass(frozen=True, slots=True)
class SeededUser:
    """A seeded user as the running emulator holds it (``id`` assigned at start-up)."""

    id: str
    email: str
    password: str | None = field(repr=False)
    first_name: str | None
    last_name: str | None
    email_verified: bool
    external_id: str | None


@dataclass(frozen=True, slots=True)
class SeededOrganization:
    """A seeded organization as the running emulator holds it."""

    id: str
    name: str
    domains: tuple[str, ...]
    external_id: str | None


@dataclass(frozen=True, slots=True)
class Emulator:
    """A running emulator, as the ``emulator`` fixture hands it to tests.

    ``url`` uses 127.0.0.1 (the emulator listens on every interface); ``issuer`` is the URL
    the emulator reports for itself, which it puts in access tokens' ``iss``.
    """

    url: str
    port: int
    pid: int
    issuer: str
    default_api_key: str = field(repr=False)
    extra_api_keys: tuple[str, ...] = field(repr=False)
    spare_api_key: str | None = field(repr=False)
    client_id: str
    users: Mapping[str, SeededUser]
    organizations: Mapping[str, SeededOrganization]

    @property
    def api_keys(self) -> tuple[str, ...]:
        """Every key the emulator accepts: default first, then the extras, spare last."""
        spare = () if self.spare_api_key is None else (self.spare_api_key,)
        return (self.default_api_key, *self.extra_api_keys, *spare)

    def auth_headers(self, api_key: str | None = None) -> dict[str, str]:
        """An ``Authorization`` header for ``api_key`` (default: the first extra key, if any)."""
        if api_key is None:
            api_key = self.extra_api_keys[0] if self.extra_api_keys else self.default_api_key
        return {"Authorization": f"Bearer {api_key}"}


def installed_version(cache_dir: Path) -> str | None:
    """The version of ``workos`` installed under ``cache_dir``, or None when absent."""
    manifest = cache_dir / "node_modules" / EMULATOR_PACKAGE / "package.json"
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    version = data.get("version") if isinstance(data, dict) else None
    return version if isinstance(version, str) else None


def emulator_entry_point(cache_dir: Path) -> Path:
    """The package's CLI script, run with ``node`` (``npx`` might try the network)."""
    return cache_dir / "node_modules" / EMULATOR_PACKAGE / "dist" / "bin.js"


def find_tools() -> tuple[str, str]:
    """Paths of ``node`` and ``npm``; raise EmulatorUnavailableError naming what is missing."""
    node, npm = shutil.which("node"), shutil.which("npm")
    missing = [name for name, path in (("node", node), ("npm", npm)) if path is None]
    if node is None or npm is None:
        raise EmulatorUnavailableError(
            f"{' and '.join(missing)} not found on PATH: the WorkOS emulator "
            f"(npm {EMULATOR_PACKAGE}@{EMULATOR_VERSION}) needs Node.js 20 and npm"
        )
    return node, npm


@contextlib.contextmanager
def _install_lock(cache_dir: Path) -> Iterator[None]:
    # Several people (and their pytest runs) share one checkout: one npm install at a time.
    with (cache_dir / ".install.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def ensure_installed(cache_dir: Path, *, npm: str | None = None) -> Path:
    """Install ``workos@0.14.0`` under ``cache_dir`` unless that exact version is there.

    Uses whatever registry npm is configured with. Returns the CLI script to run with node.
    Raises EmulatorUnavailableError without npm, EmulatorStartError when the install fails.
    """
    cache_dir = cache_dir.resolve()
    entry = emulator_entry_point(cache_dir)
    if installed_version(cache_dir) == EMULATOR_VERSION and entry.is_file():
        return entry
    if npm is None:
        _, npm = find_tools()
    cache_dir.mkdir(parents=True, exist_ok=True)
    with _install_lock(cache_dir):
        if installed_version(cache_dir) == EMULATOR_VERSION and entry.is_file():
            return entry  # another run installed it while this one waited for the lock
        manifest = {
            "name": "workos-async-conformance-emulator",
            "private": True,
            "description": "WorkOS emulator for the workos_async conformance tests",
            "dependencies": {EMULATOR_PACKAGE: EMULATOR_VERSION},
        }
        (cache_dir / "package.json").write_text(json.dumps(manifest, indent=2) + "\n")
        command = [
            npm,
            "install",
            "--no-audit",
            "--no-fund",
            "--no-update-notifier",
            "--save-exact",
            "--prefix",
            str(cache_dir),
            f"{EMULATOR_PACKAGE}@{EMULATOR_VERSION}",
        ]
        try:
            done = subprocess.run(
                command,
                cwd=cache_dir,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=_NPM_INSTALL_TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise EmulatorStartError(
                f"npm install {EMULATOR_PACKAGE}@{EMULATOR_VERSION} did not finish in "
                f"{_NPM_INSTALL_TIMEOUT:.0f} s (into {cache_dir})"
            ) from exc
        if done.returncode != 0:
            raise EmulatorStartError(
                f"npm install {EMULATOR_PACKAGE}@{EMULATOR_VERSION} failed with exit code "
                f"{done.returncode} (into {cache_dir})\n--- npm stderr ---\n"
                f"{_tail(done.stderr)}"
            )
        found = installed_version(cache_dir)
        if found != EMULATOR_VERSION or not entry.is_file():
            raise EmulatorStartError(
                f"npm install reported success but {cache_dir} holds "
                f"{EMULATOR_PACKAGE} {found or 'nothing'}, not {EMULATOR_VERSION} with {entry.name}"
            )
    return entry


def _tail(text: str) -> str:
    text = text.strip()
    if len(text) <= _STDERR_TAIL_CHARS:
        return text or "(empty)"
    return "…" + text[-_STDERR_TAIL_CHARS:]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


# No proxy from the environment: the emulator is always on this machine.
_NO_PROXY_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _http_json(
    url: str, *, headers: Mapping[str, str] | None = None, timeout: float = 2.0
) -> tuple[int, Any]:
    request = urllib.request.Request(url, headers=dict(headers or {}))
    try:
        with _NO_PROXY_OPENER.open(request, timeout=timeout) as response:
            status: int = response.status
            body = response.read()
    except urllib.error.HTTPError as exc:
        status, body = exc.code, exc.read()
    try:
        return status, json.loads(body)
    except ValueError:
        return status, None


class EmulatorProcess:
    """One emulator subprocess: ``start()`` → ``Emulator``, ``stop()`` terminates, then kills."""

    def __init__(
        self,
        entry_point: Path,
        seed: EmulatorSeed,
        *,
        node: str | None = None,
        port: int | None = None,
        startup_timeout: float = _STARTUP_TIMEOUT,
        client_id: str = CONFORMANCE_CLIENT_ID,
    ) -> None:
        if startup_timeout <= 0:
            raise ValueError("startup_timeout must be positive")
        # Absolute: node runs with the private temp dir as its working directory.
        self._entry_point = entry_point.resolve()
        self._seed = seed
        self._node = node
        self._port = port
        self._startup_timeout = startup_timeout
        self._client_id = client_id
        self._proc: subprocess.Popen[bytes] | None = None
        self._started = False
        self._workdir: Path | None = None
        self._logs: list[IO[bytes]] = []
        self.emulator: Emulator | None = None

    def __enter__(self) -> Emulator:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def returncode(self) -> int | None:
        """The exit code once the process has ended, else None."""
        return None if self._proc is None else self._proc.poll()

    @property
    def pid(self) -> int | None:
        """The process id of the latest start attempt, or None before start()."""
        return None if self._proc is None else self._proc.pid

    def start(self) -> Emulator:
        """Start the emulator and wait until it is ready; raise EmulatorStartError if not."""
        if self._started:
            raise RuntimeError("this EmulatorProcess was already started; make a new one")
        self._started = True
        node = self._node or find_tools()[0]
        self._workdir = Path(tempfile.mkdtemp(prefix="workos-emulator-"))
        seed_path = self._workdir / "seed.json"
        seed_path.write_text(json.dumps(self._seed.to_config()), encoding="utf-8")
        atexit.register(self.stop)
        # A fixed port gets one attempt; a free port picked here may be taken by someone
        # else before node binds it, so that case retries with a new port.
        attempts = 1 if self._port is not None else _PORT_ATTEMPTS
        for attempt in range(1, attempts + 1):
            port = self._port if self._port is not None else _free_port()
            try:
                self.emulator = self._start_once(node, seed_path, port)
                return self.emulator
            except EmulatorStartError as exc:
                self._stop_process()
                if attempt == attempts or "EADDRINUSE" not in str(exc):
                    self.stop()
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    def _start_once(self, node: str, seed_path: Path, port: int) -> Emulator:
        assert self._workdir is not None
        stdout = (self._workdir / f"stdout-{port}.log").open("w+b")
        stderr = (self._workdir / f"stderr-{port}.log").open("w+b")
        self._logs = [stdout, stderr]
        env = dict(os.environ, NO_COLOR="1")
        command = [
            node,
            str(self._entry_point),
            "emulate",
            "--port",
            str(port),
            "--json",
            "--seed",
            str(seed_path),
        ]
        # cwd is the private temp dir, so no stray workos-emulate.config.* is picked up.
        self._proc = subprocess.Popen(
            command,
            cwd=self._workdir,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=stdout,
            stderr=stderr,
        )
        base_url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + self._startup_timeout
        while True:
            code = self._proc.poll()
            if code is not None:
                raise EmulatorStartError(
                    f"the WorkOS emulator exited with code {code} before it was ready "
                    f"(port {port})\n--- emulator stderr ---\n{self._stderr()}"
                )
            try:
                status, body = _http_json(f"{base_url}/health", timeout=1.0)
            except OSError:
                status, body = 0, None
            if status == 200 and body == {"status": "ok"}:
                break
            if time.monotonic() >= deadline:
                raise EmulatorStartError(
                    f"the WorkOS emulator did not answer GET /health with 200 within "
                    f"{self._startup_timeout:.0f} s (port {port}, last status {status or 'none'})"
                    f"\n--- emulator stderr ---\n{self._stderr()}"
                )
            time.sleep(0.1)
        return self._describe(base_url, port)

    def _describe(self, base_url: str, port: int) -> Emulator:
        assert self._proc is not None
        seed = self._seed
        lookup_key = seed.extra_api_keys[0] if seed.extra_api_keys else seed.default_api_key
        headers = {"Authorization": f"Bearer {lookup_key}"}
        # Seeded ids are assigned at start-up, so read them back. This also proves the
        # process on the port is ours: only it knows this run's keys.
        users_by_email: dict[str, dict[str, Any]] = {}
        after: str | None = None
        while True:
            query = {"limit": "100", **({"after": after} if after else {})}
            url = f"{base_url}/user_management/users?{urllib.parse.urlencode(query)}"
            status, body = _http_json(url, headers=headers, timeout=5.0)
            if status != 200 or not isinstance(body, dict):
                raise EmulatorStartError(
                    f"the process on port {port} answered /health but GET /user_management/users "
                    f"with a seeded key gave {status}: is another server on that port?"
                    f"\n--- emulator stderr ---\n{self._stderr()}"
                )
            users_by_email.update({u["email"]: u for u in body["data"]})
            after = body["list_metadata"]["after"]
            if not after:
                break
        users: dict[str, SeededUser] = {}
        for seed_user in self._seed.users:
            found = users_by_email.get(seed_user.email)
            if found is None:
                raise EmulatorStartError(f"seeded user {seed_user.handle!r} is not in the emulator")
            users[seed_user.handle] = SeededUser(
                id=found["id"],
                email=seed_user.email,
                password=seed_user.password,
                first_name=seed_user.first_name,
                last_name=seed_user.last_name,
                email_verified=seed_user.email_verified,
                external_id=seed_user.external_id,
            )
        organizations: dict[str, SeededOrganization] = {}
        if self._seed.organizations:
            status, body = _http_json(
                f"{base_url}/organizations?limit=100", headers=headers, timeout=5.0
            )
            ok = status == 200 and isinstance(body, dict)
            by_name = {o["name"]: o for o in body["data"]} if ok else {}
            for seed_org in self._seed.organizations:
                found = by_name.get(seed_org.name)
                if found is None:
                    raise EmulatorStartError(
                        f"seeded organization {seed_org.handle!r} is not in the emulator "
                        f"(GET /organizations gave {status})"
                    )
                organizations[seed_org.handle] = SeededOrganization(
                    id=found["id"],
                    name=seed_org.name,
                    domains=tuple(d for d, _ in seed_org.domains),
                    external_id=seed_org.external_id,
                )
        issuer = self._reported_url() or f"http://localhost:{port}"
        return Emulator(
            url=base_url,
            port=port,
            pid=self._proc.pid,
            issuer=issuer,
            default_api_key=seed.default_api_key,
            extra_api_keys=seed.extra_api_keys,
            spare_api_key=seed.spare_api_key,
            client_id=self._client_id,
            users=MappingProxyType(users),
            organizations=MappingProxyType(organizations),
        )

    def _reported_url(self) -> str | None:
        # `--json` prints {"url", "port", "apiKey", "health"} once; only the url is kept.
        stdout = self._logs[0]
        stdout.seek(0)
        for line in stdout.read().decode("utf-8", "replace").splitlines():
            with contextlib.suppress(ValueError):
                data = json.loads(line)
                if isinstance(data, dict) and isinstance(data.get("url"), str):
                    url: str = data["url"]
                    return url
        return None

    def _stderr(self) -> str:
        if len(self._logs) < 2:
            return "(none)"
        stderr = self._logs[1]
        stderr.flush()
        stderr.seek(0)
        return _tail(stderr.read().decode("utf-8", "replace"))

    def _stop_process(self) -> None:
        proc = self._proc
        if proc is not None and proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=_STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=_STOP_TIMEOUT)
        for log in self._logs:
            log.close()
        self._logs = []

    def stop(self) -> None:
        """Terminate the emulator (SIGTERM, then SIGKILL after 5 s) and remove its temp dir."""
        self._stop_process()
        if self._workdir is not None:
            shutil.rmtree(self._workdir, ignore_errors=True)
            self._workdir = None
        atexit.unregister(self.stop)
