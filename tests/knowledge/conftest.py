"""Fixtures shared by the knowledge tests."""

import shutil
from pathlib import Path

import pytest

from knowledge.loader import DATA_DIR


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A private copy of the packaged knowledge data to break."""
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    return copy
