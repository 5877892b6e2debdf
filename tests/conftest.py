"""Fixtures shared by the end-to-end and Telegram tests."""

import shutil
import uuid

import pytest

from tests.stack import ROOT, TEST_CLOCK, Stack, services, services_env, start_cluster, start_stack, stop_stack


@pytest.fixture(scope="session")
def stack(tmp_path_factory) -> Stack:
    """The real assistant, started once for the whole run, its clock fixed (a Saturday night unless told)."""
    running = start_stack(tmp_path_factory.mktemp("stack"), TEST_CLOCK)
    yield running
    stop_stack(running)


@pytest.fixture(scope="session")
def postgres_and_redis() -> dict[str, str]:
    """PostgreSQL and Redis of the tests' own, started by the project's script (installed where missing); their
    settings. Their data sits under var/, which the unprivileged accounts they run as can reach (pytest's own
    temporary folders cannot be)."""
    root = ROOT / "var" / "test-services" / uuid.uuid4().hex[:12]
    settings = services_env(root)
    started = services("start", settings)
    assert started.returncode == 0, f"PostgreSQL and Redis did not start:\n{started.stdout}\n{started.stderr}"
    yield settings
    services("stop", settings)
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def cluster(tmp_path_factory, postgres_and_redis) -> Stack:
    """`make run-cluster`'s assistant: two Rasa servers sharing PostgreSQL and Redis, started once for the run."""
    running = start_cluster(tmp_path_factory.mktemp("cluster"), postgres_and_redis, GATEWAY_SECRET="cluster-tests")
    yield running
    stop_stack(running)
