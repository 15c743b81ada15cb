from __future__ import annotations

import pytest
from tools_support import real_resolver

from mairie.tools.resolver import Resolver


@pytest.fixture(scope="session")
def resolver() -> Resolver:
    return real_resolver()
