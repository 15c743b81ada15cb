from __future__ import annotations

import pytest
from tools_support import MODEL_PATH

from mairie.tools.resolver import Resolver


@pytest.fixture(scope="session")
def resolver() -> Resolver:
    return Resolver.from_file(MODEL_PATH)
