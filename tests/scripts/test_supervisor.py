"""The launcher's supervisor with real child processes: restarts with a growing back-off, and stops them all."""

import os
import sys
import time

from scripts.supervisor import FIRST_BACK_OFF_S, MAX_BACK_OFF_S, Supervisor, started, started_line
from tests.stack import ROOT

FAILS_AT_ONCE = [sys.executable, "-c", "raise SystemExit(3)"]
RUNS_ON = [sys.executable, "-c", "import time; time.sleep(600)"]


def wait_stopped(supervisor: Supervisor) -> None:
    deadline = time.monotonic() + 30
    while not supervisor.stopped() and time.monotonic() < deadline:
        time.sleep(0.05)


def test_a_service_that_keeps_failing_is_restarted_ever_more_slowly(capsys):
    supervisor = Supervisor({"flaky server": FAILS_AT_ONCE}, ROOT, dict(os.environ))
    supervisor.start_all()
    now, waits = time.monotonic(), []
    for _ in range(7):
        wait_stopped(supervisor)
        supervisor.keep_running(now)
        service = supervisor.services["flaky server"]
        restart_at = service.restart_at
        waits.append(restart_at - now)
        supervisor.keep_running(restart_at)
        now = restart_at
    log = capsys.readouterr().out
    assert waits == sorted(waits) and waits[0] == FIRST_BACK_OFF_S and waits[-1] == MAX_BACK_OFF_S
    assert log.count("The flaky server stopped (exit code 3)") == 7
    assert [found[0] for found in map(started, log.splitlines()) if found] == ["flaky server"] * 8
    supervisor.stop_all()


def test_stop_all_stops_every_service():
    supervisor = Supervisor({"one": RUNS_ON, "two": RUNS_ON}, ROOT, dict(os.environ))
    supervisor.start_all()
    supervisor.stop_all()
    assert len(supervisor.stopped()) == 2


def test_the_started_line_reads_back():
    assert started(started_line("Rasa server", 4242)) == ("Rasa server", 4242)
    assert started("The Rasa server stopped (exit code 1).") is None
