"""Throughput of `mairie serve` with the SQLite store: requests per second and p99 latency at 1 and at 100
concurrent keep-alive connections (README "Performance").

The server runs in its own process (`mairie serve --no-verify`, state in a fresh SQLite file, the
bundled content); clients are threads of this process, each a resident of its own who pauses an
episode at a new position (a state write), resumes it (a read) and opens the skill, again and again.
Signature checks are left out: they measure the CPU's RSA, not the store. Run:

    .venv/bin/python benchmarks/serve_load.py [--seconds 15] [--workers 8] [--connections 1 100]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from mairie.tools.envelopes import SKILL_ID, Caller, PlayerContext, audio_player_request, intent_request, launch_request

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "podcast:metamorphoses:depardon"


@dataclass
class Connection:
    """One resident's device, on one keep-alive connection."""

    number: int
    port: int
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def events(self, step: int) -> list[dict[str, Any]]:
        caller = Caller(user=f"banc{self.number:03d}")
        now = datetime.now(UTC)
        offset = step * 1000 + self.number
        stopped, idle = PlayerContext("STOPPED", TOKEN, offset), PlayerContext("IDLE", TOKEN, offset)
        return [
            audio_player_request(caller, now, "PlaybackStopped", TOKEN, offset, stopped),
            intent_request(caller, now, "AMAZON.ResumeIntent", player=idle),
            launch_request(caller, now),
        ]

    def run(self, start: threading.Barrier, deadline: float) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        start.wait()
        step = 0
        try:
            while time.perf_counter() < deadline:
                step += 1
                for event in self.events(step):
                    self.post(connection, json.dumps(event).encode())
        except Exception as error:  # a broken connection ends this client; counted as an error
            self.errors.append(f"{type(error).__name__}: {error}")
        finally:
            connection.close()

    def post(self, connection: http.client.HTTPConnection, body: bytes) -> None:
        started = time.perf_counter()
        connection.request("POST", "/", body=body, headers={"Content-Type": "application/json"})
        reply = connection.getresponse()
        payload = reply.read()
        self.latencies_ms.append((time.perf_counter() - started) * 1000)
        if reply.status != 200:
            self.errors.append(f"HTTP {reply.status}: {payload[:120]!r}")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else float("nan")


def measure(port: int, connections: int, seconds: float) -> str:
    clients = [Connection(number, port) for number in range(connections)]
    start = threading.Barrier(connections + 1)
    deadline = time.perf_counter() + seconds + 0.5
    threads = [threading.Thread(target=client.run, args=(start, deadline)) for client in clients]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    latencies = [ms for client in clients for ms in client.latencies_ms]
    errors = [error for client in clients for error in client.errors]
    return (
        f"{connections:>3} connexion(s) : {len(latencies) / elapsed:7.0f} req/s, "
        f"p50 {percentile(latencies, 0.50):6.1f} ms, p99 {percentile(latencies, 0.99):7.1f} ms, "
        f"{len(latencies)} requêtes, {len(errors)} erreur(s)" + (f" (première : {errors[0]})" if errors else "")
    )


def main() -> int:
    parser = argparse.ArgumentParser(description="Débit de `mairie serve` (magasin SQLite), à 1 et 100 connexions.")
    parser.add_argument("--seconds", type=float, default=15.0, help="durée de chaque mesure (par défaut : 15)")
    parser.add_argument("--workers", type=int, default=8, help="fils de traitement du serveur (par défaut : 8)")
    parser.add_argument("--connections", type=int, nargs="+", default=[1, 100], help="par défaut : 1 100")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mairie-banc-") as folder:
        env = {k: v for k, v in os.environ.items() if k not in ("MAIRIE_CONTENT", "DYNAMODB_PERSISTENCE_TABLE_NAME")}
        env |= {"MAIRIE_STATE": str(Path(folder) / "etat.sqlite3"), "SKILL_ID": SKILL_ID}
        command = ["serve", "--no-verify", "--port", "0", "--workers", str(options.workers)]
        server = subprocess.Popen(
            [sys.executable, "-m", "mairie.tools.cli", *command],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        try:
            assert server.stdout is not None
            found = re.search(r"http://127\.0\.0\.1:(\d+)/", server.stdout.readline())
            if found is None:
                print("Le serveur n'a pas démarré.", file=sys.stderr)
                return 1
            port = int(found.group(1))
            print(f"mairie serve --no-verify --workers {options.workers}, SQLite, {os.cpu_count()} cœur(s)")
            for connections in options.connections:
                print(measure(port, connections, options.seconds), flush=True)
        finally:
            server.terminate()
            server.wait(timeout=20)
    return 0


if __name__ == "__main__":
    sys.exit(main())
