"""A stand-in for ask-cli's `ask smapi` that answers with recorded SMAPI responses.

ask-cli itself needs Node.js, an Amazon developer account and the network; what matters here is its
contract, read from its source (alexa/ask-cli `lib/commands/smapi/smapi-command-handler.js`,
`bin/ask-smapi.ts`): the response body printed as JSON (two-space indent) on standard output, or
« [Error]: … » on standard error and exit code 1. The answers are the recordings of
`tests/fixtures/smapi/` (checked against Amazon's SMAPI model in `tests/unit/tools/test_smapi_recordings.py`).

- `get-utterance-data`: page 1, then page 2 for `--next-token page-2`;
- `profile-nlu`: the recorded answer for `--utterance`, else Alexa's answer to a sentence it cannot
  place (`AMAZON.FallbackIntent`);
- `FAKE_ASK_ERROR` set: that message as ask-cli's error, exit 1.
Every call is appended to `calls.jsonl` in the log folder.
"""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path
from typing import Any

RECORDINGS = Path(__file__).resolve().parents[1] / "fixtures" / "smapi"
NOT_CONFIGURED = (
    'The app config for ask-cli does not exist. Please run "ask configure" to complete the CLI initialization.'
)


def fake_ask(folder: Path, log: Path) -> Path:
    """Write the fake `ask` into `folder` (to put on PATH); calls are logged in `log`."""
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "ask"
    script.write_text(
        textwrap.dedent(
            f"""\
            #!{sys.executable}
            import json, os, sys
            recordings = {str(RECORDINGS)!r}
            log = {str(log)!r}
            os.makedirs(log, exist_ok=True)
            args = sys.argv[1:]
            with open(os.path.join(log, "calls.jsonl"), "a", encoding="utf-8") as calls:
                calls.write(json.dumps({{"args": args}}, ensure_ascii=False) + "\\n")

            def option(name):
                return args[args.index(name) + 1] if name in args else None

            def load(name):
                with open(os.path.join(recordings, name), encoding="utf-8") as file:
                    return json.load(file)

            if os.environ.get("FAKE_ASK_ERROR"):
                print("[Error]: " + os.environ["FAKE_ASK_ERROR"], file=sys.stderr)
                sys.exit(1)
            if args[:2] == ["smapi", "get-utterance-data"]:
                page = "page2" if option("--next-token") == "page-2" else "page1"
                body = load("intent_requests_" + page + ".json")
            elif args[:2] == ["smapi", "profile-nlu"]:
                body = load("profile_nlu.json").get(option("--utterance"), {UNPLACED!r})
            else:
                print('Command not recognized. Please run "ask smapi" to check the user instructions.', file=sys.stderr)
                sys.exit(1)
            print(json.dumps(body, ensure_ascii=False, indent=2))
            """
        ),
        encoding="utf-8",
    )
    script.chmod(0o755)
    return script


UNPLACED: dict[str, Any] = {
    "sessionEnded": False,
    "selectedIntent": {"name": "AMAZON.FallbackIntent", "confirmationStatus": "NONE", "slots": {}},
    "consideredIntents": [],
}


def calls(log: Path) -> list[list[str]]:
    """The argument lists `ask` was called with, in order."""
    path = log / "calls.jsonl"
    if not path.exists():
        return []
    return [json.loads(line)["args"] for line in path.read_text(encoding="utf-8").splitlines()]
