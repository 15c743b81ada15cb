from __future__ import annotations

from collections.abc import Iterator

import pytest
from tests.stores import Dynalite


@pytest.fixture
def dynalite() -> Iterator[Dynalite]:
    """A dynalite process on 127.0.0.1 (a free port), stopped after the test; it can be restarted."""
    server = Dynalite()
    try:
        server.start()
        yield server
    finally:
        server.stop()
