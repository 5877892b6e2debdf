"""PostgreSQL (the shared tracker store) and Redis (the lock store) for `make run-cluster`: installed from Debian's
packages where missing, their data under var/, listening on loopback only, run as unprivileged users.

    python -m scripts.services install | start | stop [PostgreSQL | Redis] | status

Ports and paths come from deployment/settings.py: POSTGRES_PORT, POSTGRES_DATA, POSTGRES_DB, POSTGRES_USER,
POSTGRES_PASSWORD (when unset, one is made on the first start and kept beside the data, readable by root alone),
REDIS_PORT, REDIS_DATA. With POSTGRES_HOST or REDIS_HOST set to another machine (a managed database, say), that
service is neither installed nor started here; POSTGRES_PASSWORD is then needed.
"""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from deployment.settings import LOOPBACK, Settings, load_settings

POSTGRES_BINARIES = Path("/usr/lib/postgresql")
PACKAGES = ("postgresql", "redis-server")
READY_TIMEOUT_S = 60.0


class ServiceError(RuntimeError):
    """A service could not be installed, started or stopped; the message says why and what to do."""


def postgres_bin() -> Path | None:
    """Debian's newest PostgreSQL binaries (/usr/lib/postgresql/<version>/bin), or None when not installed."""
    found = sorted(
        POSTGRES_BINARIES.glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]) if p.parts[-3].isdigit() else 0
    )
    return found[-1].parent if found else None


def redis_server() -> str | None:
    """The redis-server program, or None when not installed."""
    return shutil.which("redis-server") or ("/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else None)


def install() -> None:
    """Install Debian's postgresql and redis-server with apt-get where either is missing."""
    if postgres_bin() and redis_server():
        return
    if not shutil.which("apt-get"):
        raise ServiceError(
            "PostgreSQL and redis-server are needed: install your system's postgresql and redis packages."
        )
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    print("Installing Debian's postgresql and redis-server...", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(
        [*sudo, "apt-get", "install", "-y", "-qq", *PACKAGES], check=True, env=env, stdout=subprocess.DEVNULL
    )
    if not (postgres_bin() and redis_server()):
        raise ServiceError("apt-get ran, but PostgreSQL or redis-server is still missing.")


@dataclass(frozen=True)
class RunAs:
    """The unprivileged account a server runs as: the package's own user when we are root, else ourselves."""

    uid: int
    gid: int

    @classmethod
    def account(cls, name: str) -> RunAs:
        """The named account when running as root (initdb refuses root), else the current user."""
        if os.geteuid() != 0:
            return cls(os.getuid(), os.getgid())
        try:
            entry = pwd.getpwnam(name)
        except KeyError as error:
            raise ServiceError(f"the user {name!r} is missing: reinstall Debian's package that creates it") from error
        return cls(entry.pw_uid, entry.pw_gid)

    def run(self, command: list[str], **kwargs: object) -> subprocess.CompletedProcess:
        """Run a command as this account (no extra groups)."""
        as_other = self.uid != os.getuid()
        ids: dict[str, object] = {"user": self.uid, "group": self.gid, "extra_groups": []} if as_other else {}
        return subprocess.run(command, **ids, **kwargs)  # type: ignore[call-overload]

    def own_directory(self, path: Path) -> None:
        """Create the directory (private to the account) if needed."""
        path.mkdir(parents=True, exist_ok=True)
        os.chown(path, self.uid, self.gid)
        path.chmod(0o700)


def postgres_password(settings: Settings) -> str:
    """POSTGRES_PASSWORD, else the one made on the first start (kept beside the data, root-only)."""
    if settings.postgres_password:
        return settings.postgres_password
    if settings.postgres_host != LOOPBACK:
        raise ServiceError(f"POSTGRES_PASSWORD is needed for the PostgreSQL server at {settings.postgres_host}.")
    kept = settings.postgres_data.with_name(settings.postgres_data.name + ".password")
    if not kept.exists():
        kept.parent.mkdir(parents=True, exist_ok=True)
        kept.touch(mode=0o600)
        kept.write_text(secrets.token_urlsafe(24))
    return kept.read_text().strip()


def _wait(ready: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_S
    while not ready():
        if time.monotonic() > deadline:
            raise ServiceError(f"{what} did not become ready within {READY_TIMEOUT_S:.0f}s")
        time.sleep(0.2)


class Postgres:
    """One PostgreSQL cluster in POSTGRES_DATA, on 127.0.0.1:POSTGRES_PORT, with the tracker store's database."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.data = settings.postgres_data.resolve()
        self.account = RunAs.account("postgres")

    def _bin(self, program: str) -> str:
        found = postgres_bin()
        if found is None:
            raise ServiceError("PostgreSQL is not installed: run `python -m scripts.services install`.")
        return str(found / program)

    def running(self) -> bool:
        """Whether the server for this data directory is running."""
        if not (self.data / "PG_VERSION").exists():
            return False
        status = self.account.run([self._bin("pg_ctl"), "status", "-D", str(self.data)], capture_output=True)
        return status.returncode == 0

    def answers(self) -> bool:
        """Whether it accepts connections on POSTGRES_PORT (a server left running on another port does not)."""
        ready = subprocess.run([self._bin("pg_isready"), "-q", "-h", LOOPBACK, "-p", str(self.settings.postgres_port)])
        return ready.returncode == 0

    def start(self) -> None:
        """Create the cluster on first use, start it unless it is running, and make the tracker store's role and
        database where they are missing."""
        self.account.own_directory(self.data)
        if not (self.data / "PG_VERSION").exists():
            # The socket sits in the private data directory, so trusting it lets in only this account (and root).
            self.account.run(
                [self._bin("initdb"), "-D", str(self.data), "-U", "postgres", "--auth-local=trust",
                 "--auth-host=scram-sha-256", "--encoding=UTF8", "--no-instructions"],
                check=True, stdout=subprocess.DEVNULL,
            )  # fmt: skip
        if self.running() and not self.answers():
            self.stop()  # left running from an earlier start, on another port
        if not self.running():
            self._start_server()
        self._create_database()

    def _start_server(self) -> None:
        options = f"-c listen_addresses={LOOPBACK} -p {self.settings.postgres_port} -k {self.data}"
        started = self.account.run(
            [self._bin("pg_ctl"), "start", "-w", "-D", str(self.data), "-l", str(self.data / "server.log"),
             "-o", options],
            capture_output=True, text=True,
        )  # fmt: skip
        if started.returncode != 0:
            raise ServiceError(f"PostgreSQL did not start (see {self.data / 'server.log'}): {started.stderr.strip()}")

    def _create_database(self) -> None:
        user, db = self.settings.postgres_user, self.settings.postgres_db
        script = (
            "SELECT format('CREATE ROLE %I LOGIN', :'user') WHERE NOT EXISTS "
            "(SELECT 1 FROM pg_roles WHERE rolname = :'user') \\gexec\n"
            "ALTER ROLE :\"user\" PASSWORD :'password';\n"
            "SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'user') WHERE NOT EXISTS "
            "(SELECT 1 FROM pg_database WHERE datname = :'db') \\gexec\n"
        )
        self.account.run(
            [self._bin("psql"), "-q", "-v", "ON_ERROR_STOP=1", "-h", str(self.data),
             "-p", str(self.settings.postgres_port), "-U", "postgres", "-d", "postgres",
             "-v", f"user={user}", "-v", f"db={db}", "-v", f"password={postgres_password(self.settings)}"],
            input=script, text=True, check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip

    def stop(self) -> None:
        """Stop the server (fast shutdown: open sessions are closed, committed data is kept)."""
        if self.running():
            self.account.run([self._bin("pg_ctl"), "stop", "-w", "-m", "fast", "-D", str(self.data)], check=True)


class Redis:
    """One redis-server on 127.0.0.1:REDIS_PORT for Rasa's lock store, nothing saved to disk (locks are short-lived)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.data = settings.redis_data.resolve()
        self.pidfile = self.data / "redis.pid"
        self.account = RunAs.account("redis")

    def _pid(self) -> int | None:
        try:
            pid = int(self.pidfile.read_text().strip())
            os.kill(pid, 0)
            # An exited redis-server nobody has reaped (a daemon's parent is init) still takes signals.
            exited = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
        except (OSError, ValueError, IndexError):
            return None
        return None if exited else pid

    def running(self) -> bool:
        """Whether this data directory's redis-server is running."""
        return self._pid() is not None

    def answers(self) -> bool:
        """Whether it answers a PING on its port."""
        ping = subprocess.run(
            ["redis-cli", "-h", LOOPBACK, "-p", str(self.settings.redis_port), "ping"], capture_output=True, text=True
        )
        return ping.stdout.strip() == "PONG"

    def start(self) -> None:
        """Start it in the background unless it is running, and wait until it answers."""
        if self.running() and not self.answers():
            self.stop()  # left running from an earlier start, on another port
        if self.running():
            return
        program = redis_server()
        if program is None:
            raise ServiceError("redis-server is not installed: run `python -m scripts.services install`.")
        self.account.own_directory(self.data)
        self.account.run(
            [program, "--bind", LOOPBACK, "--port", str(self.settings.redis_port), "--protected-mode", "yes",
             "--dir", str(self.data), "--daemonize", "yes", "--pidfile", str(self.pidfile),
             "--logfile", str(self.data / "redis.log"), "--save", "", "--appendonly", "no"],
            check=True,
        )  # fmt: skip
        _wait(self.answers, "Redis")

    def stop(self) -> None:
        """Stop it and wait until it has gone."""
        pid = self._pid()
        if pid is None:
            return
        os.kill(pid, signal.SIGTERM)
        _wait(lambda: not self.running(), "Redis stopping")


def services(settings: Settings) -> dict[str, Postgres | Redis]:
    """The services this machine runs, by name: each of PostgreSQL and Redis unless it is set to another host."""
    local: dict[str, Postgres | Redis] = {}
    if settings.postgres_host == LOOPBACK:
        local["PostgreSQL"] = Postgres(settings)
    if settings.redis_host == LOOPBACK:
        local["Redis"] = Redis(settings)
    return local


def start(settings: Settings) -> list[str]:
    """Install what is missing and start whichever local service is not running (and PostgreSQL's database where
    it is missing); the names of those it started."""
    if not services(settings):
        return []
    install()
    started = []
    for name, service in services(settings).items():
        was_running = service.running()
        service.start()
        if not was_running:
            started.append(name)
    return started


def stop(settings: Settings, names: list[str] | None = None) -> None:
    """Stop the services named (all by default), Redis first."""
    for name, service in reversed(services(settings).items()):
        if names is None or name in names:
            service.stop()


def where(settings: Settings) -> str:
    """One line naming where PostgreSQL and Redis are."""
    return (
        f"PostgreSQL on {settings.postgres_host}:{settings.postgres_port}, "
        f"Redis on {settings.redis_host}:{settings.redis_port}."
    )


def main(argv: list[str]) -> int:
    """The command line: install, start, stop (all, or the services named) or status."""
    command = argv[0] if argv else "status"
    settings = load_settings()
    try:
        if command == "install":
            install()
        elif command == "start":
            start(settings)
            print(where(settings))
        elif command == "stop":
            stop(settings, argv[1:] or None)
        elif command == "status":
            for name, service in services(settings).items():
                print(f"{name}: {'running' if service.running() else 'stopped'}")
        else:
            print(__doc__, file=sys.stderr)
            return 2
    except (ServiceError, subprocess.CalledProcessError) as error:
        print(f"Services: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
