"""The per-request log line: emitted where logging is set up (Lambda), free where nobody reads it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

LAMBDA = Path(__file__).resolve().parents[3] / "lambda"
LAUNCH = Path(__file__).resolve().parents[2] / "fixtures" / "requests" / "launch.json"


def run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=LAMBDA, capture_output=True, text=True, check=True, timeout=60
    )


def test_without_logging_set_up_nothing_is_imported_or_printed() -> None:
    code = (
        "import json, sys\n"
        "from lambda_function import lambda_handler\n"
        f"lambda_handler(json.load(open({str(LAUNCH)!r})), None)\n"
        "print('logging' in sys.modules)\n"
    )
    result = run(code)
    assert result.stdout.strip() == "False"
    assert result.stderr == ""


def test_with_logging_set_up_like_lambda_one_json_line_per_request() -> None:
    code = (
        "import json, logging, sys\n"
        "logging.basicConfig(stream=sys.stdout, format='%(name)s %(message)s')\n"
        "from lambda_function import lambda_handler\n"
        f"lambda_handler(json.load(open({str(LAUNCH)!r})), None)\n"
    )
    lines = [line for line in run(code).stdout.splitlines() if line.startswith("mairie ")]
    assert len(lines) == 1
    assert '"request": "LaunchRequest"' in lines[0]
    assert '"outcome": "answered"' in lines[0]
    assert '"feature": "launch"' in lines[0]
    assert "amzn1.ask.account" not in lines[0]
