from __future__ import annotations

import pytest

from tests.serve.alexa_pki import Authority


@pytest.fixture(scope="session")
def root() -> Authority:
    """The test root CA: trusted by the verifiers the tests build, by nothing else."""
    return Authority("Racine de test")


@pytest.fixture(scope="session")
def intermediate(root: Authority) -> Authority:
    return Authority("Intermédiaire de test", issuer=root)
