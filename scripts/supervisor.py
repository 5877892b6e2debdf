"""The launcher's services: started so that none outlives the launcher, restarted with a back-off when one stops.

Each service runs in a session of its own, so that Ctrl-C in the terminal reaches the launcher alone and the
launcher stops the services itself, politely and in order. Each also asks the kernel to kill it when the
launcher dies (PR_SET_PDEATHSIG), which holds even when the launcher is killed with SIGKILL and can stop nothing.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
FIRST_BACK_OFF_S = 1.0
MAX_BACK_OFF_S = 30.0
STEADY_AFTER_S = 60.0  # a service up this long has recovered: its next stop is restarted after the first back-off
STOP_GRACE_S = 15.0
STARTED = re.compile(r"Started the (?P<name>.+) \(pid (?P<pid>\d+)\)\.")


def started_line(name: str, pid: int) -> str:
    """The line the launcher prints for every service it starts (read back by `started`)."""
    return f"Started the {name} (pid {pid})."


def started(line: str) -> tuple[str, int] | None:
    """The service name and pid from a line `started_line` printed, or None for any other line."""
    found = STARTED.search(line)
    return (found["name"], int(found["pid"])) if found else None


def die_with(parent_pid: int) -> Callable[[], None]:
    """What a child runs before its program: be killed when the launcher dies (at once if it already has)."""

    def arrange() -> None:
        if sys.platform.startswith("linux"):
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
                os._exit(1)
        if os.getppid() != parent_pid:  # the launcher died before the request was in place
            os._exit(1)

    return arrange


@dataclass
class Service:
    """One server the launcher runs, and how its restarts are going."""

    name: str
    command: list[str]
    process: subprocess.Popen | None = None
    started_at: float = 0.0
    back_off_s: float = FIRST_BACK_OFF_S
    restart_at: float | None = None


class Supervisor:
    """Starts every service, restarts whichever stops (waiting longer after each quick failure), stops them all."""

    def __init__(self, commands: dict[str, list[str]], cwd: Path, env: dict[str, str]) -> None:
        self.services = {name: Service(name, command) for name, command in commands.items()}
        self.cwd = cwd
        self.env = env

    def start(self, service: Service, now: float) -> None:
        """Start one service (at `now`, on the monotonic clock) and say which process it is."""
        service.process = subprocess.Popen(
            service.command, cwd=self.cwd, env=self.env, start_new_session=True, preexec_fn=die_with(os.getpid())
        )
        service.started_at = now
        service.restart_at = None
        print(started_line(service.name, service.process.pid), flush=True)

    def start_all(self) -> None:
        """Start every service."""
        for service in self.services.values():
            self.start(service, time.monotonic())

    def stopped(self) -> list[Service]:
        """The services whose process has exited."""
        return [s for s in self.services.values() if s.process is not None and s.process.poll() is not None]

    def keep_running(self, now: float) -> None:
        """Restart every service that has stopped, once its back-off has passed, logging each stop and restart."""
        for service in self.stopped():
            if service.restart_at is None:
                if now - service.started_at >= STEADY_AFTER_S:
                    service.back_off_s = FIRST_BACK_OFF_S
                code = service.process.returncode if service.process else None
                print(
                    f"The {service.name} stopped (exit code {code}); restarting it in {service.back_off_s:.0f}s.",
                    flush=True,
                )
                service.restart_at = now + service.back_off_s
                service.back_off_s = min(MAX_BACK_OFF_S, service.back_off_s * 2)
            elif now >= service.restart_at:
                self.start(service, now)

    def stop_all(self) -> None:
        """Stop every service, politely first (SIGTERM to its process group), then firmly."""
        running = [s.process for s in self.services.values() if s.process is not None and s.process.poll() is None]
        for process in running:
            with contextlib.suppress(ProcessLookupError):  # it may have stopped on its own meanwhile
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_S
        for process in running:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()
