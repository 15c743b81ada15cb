#!/usr/bin/env bash
# ask-cli's custom build flow: `ask deploy` runs this script instead of its own Python build
# (ask-cli lib/builtins/build-flows/custom.js: `{project}/hooks/build.sh "<zip to write>" <debug>`, run from
# the build folder .ask/lambda). It writes the Lambda package with `mairie package`: the runtime only, with
# bytecode compiled by the Lambda's Python version (README "Deploying").
set -euo pipefail

out_file="$1"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python="$root/.venv/bin/python"
if [ ! -x "$python" ]; then
  python="$(command -v python3 || true)"
fi
if [ -z "$python" ]; then
  echo "hooks/build.sh : Python introuvable. Lancez d'abord « make test » (il installe .venv/), puis « mairie deploy »." >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"
PYTHONPATH="$root/lambda${PYTHONPATH:+:$PYTHONPATH}" "$python" -m mairie.tools.cli package "$work/paquet" --zip "$out_file"
