"""A real ``redis-server`` on a free local port, started and stopped by PID (no mock).

``redis-server`` comes from Debian's package of that name (``make redis`` installs it). Its
absence fails the tests that need it, loudly: it is never a skip.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time

__all__ = ["RedisServer", "free_port"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def command(port: int, *args: str) -> bytes:
    """Send one inline command; the raw first reply line."""
    with socket.create_connection(("127.0.0.1", port), timeout=2) as sock:
        sock.sendall((" ".join(args) + "\r\n").encode())
        return sock.recv(65536)


class RedisServer:
    """One ``redis-server`` process: ``start()``, ``kill()`` (SIGKILL), ``stop()``."""

    def __init__(self, port: int | None = None) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise RuntimeError(
                "redis-server is not installed: run `make redis` "
                "(apt-get install redis-server) to run the coordination tests"
            )
        self.binary = binary
        self.port = port or free_port()
        self.proc: subprocess.Popen[bytes] | None = None
        self._dir = tempfile.mkdtemp(prefix="workos-redis-")

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    @property
    def pid(self) -> int | None:
        return None if self.proc is None else self.proc.pid

    def start(self) -> None:
        # No persistence: a restarted server starts empty, as after a crash without AOF.
        self.proc = subprocess.Popen(
            [
                self.binary,
                "--port", str(self.port),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--daemonize", "no",
                "--dir", self._dir,
                "--loglevel", "warning",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"redis-server exited with {self.proc.returncode}")
            try:
                if command(self.port, "PING").startswith(b"+PONG"):
                    return
            except OSError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("redis-server did not answer PING within 10 s")
            time.sleep(0.02)

    def flush(self) -> None:
        assert command(self.port, "FLUSHALL").startswith(b"+OK")

    def kill(self) -> None:
        """SIGKILL, as a crash: the socket closes with no goodbye."""
        if self.proc is not None and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(5)
        self.proc = None

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self.proc = None
        shutil.rmtree(self._dir, ignore_errors=True)
