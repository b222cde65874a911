"""Golden-file tests: `--update-goldens` (registered in tests/conftest.py) or UPDATE_GOLDENS=1
rewrites the expected files."""
from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.fixture
def golden(request):
    """golden(path, actual): compare with the file (or write it when updating)."""
    update = request.config.getoption("--update-goldens", default=False) or os.environ.get("UPDATE_GOLDENS") == "1"

    def check(path: Path, actual: str) -> None:
        if update or not path.exists():
            if not update:
                path.write_text(actual, encoding="utf-8")
                pytest.fail(f"{path.name} did not exist: written, review it and run again")
            path.write_text(actual, encoding="utf-8")
            return
        expected = path.read_text(encoding="utf-8")
        assert actual == expected, f"{path.name} differs; after review run pytest --update-goldens"

    return check
