"""Fixtures shared by the end-to-end and Telegram tests."""

import pytest

from tests.stack import SATURDAY_NIGHT, Stack, start_stack, stop_stack


@pytest.fixture(scope="session")
def stack(tmp_path_factory) -> Stack:
    """The real assistant, started once for the whole run, its clock fixed on a Saturday night."""
    running = start_stack(tmp_path_factory.mktemp("stack"), SATURDAY_NIGHT)
    yield running
    stop_stack(running)
