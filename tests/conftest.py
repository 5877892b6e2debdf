"""Fixtures shared by the end-to-end and Telegram tests."""

import pytest

from tests.stack import TEST_CLOCK, Stack, start_stack, stop_stack


@pytest.fixture(scope="session")
def stack(tmp_path_factory) -> Stack:
    """The real assistant, started once for the whole run, its clock fixed (a Saturday night unless told)."""
    running = start_stack(tmp_path_factory.mktemp("stack"), TEST_CLOCK)
    yield running
    stop_stack(running)
