import json
from typing import Any

import pytest

import shanghai_plan as sp
from shanghai_plan.loading import read_bundled_bytes


@pytest.fixture(scope="session")
def plan() -> sp.Plan:
    return sp.load()


@pytest.fixture
def raw() -> dict[str, Any]:
    """A fresh, mutable copy of the bundled JSON (tests edit it to make bad files)."""
    data: dict[str, Any] = json.loads(read_bundled_bytes())
    return data
