"""`mairie serve` (its `run_serve`, verification on) in its own process, for the load test.

The only test-specific part: certificate chains come from a local PEM file instead of S3, and the
trusted roots are the test root CA (`--ca-bundle`). Usage:
    python -m tests.serve.signed_server ROOT_PEM CHAIN_PEM THREADS
"""

from __future__ import annotations

import sys
from pathlib import Path

from mairie.tools.serve import run_serve
from tests.serve.alexa_pki import CHAIN_URL


def main(argv: list[str]) -> int:
    root_pem, chain_pem, threads = argv
    chain = Path(chain_pem).read_bytes()

    def fetch(url: str) -> bytes:
        if url != CHAIN_URL:
            raise LookupError(url)
        return chain

    return run_serve("127.0.0.1", 0, True, int(threads), root_pem, fetch=fetch, any_skill=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
