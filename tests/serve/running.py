"""`mairie serve`'s WSGI application on a real waitress server, on 127.0.0.1 and a free port."""

from __future__ import annotations

import http.client
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from waitress import wasyncore

from mairie.tools.serve import WsgiApp, create_server
from mairie.tools.serve_guard import Limits


@dataclass
class Reply:
    status: int
    document: Any


@dataclass
class Served:
    port: int

    def post(self, body: bytes, headers: dict[str, str] | None = None, method: str = "POST") -> Reply:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, "/", body=body, headers={"Content-Type": "application/json", **(headers or {})})
            response = connection.getresponse()
            payload = response.read()
        finally:
            connection.close()
        return Reply(response.status, json.loads(payload) if payload else None)


@contextmanager
def serving(app: WsgiApp, threads: int = 4, limits: Limits | None = None) -> Iterator[Served]:
    server = create_server(app, "127.0.0.1", 0, threads, limits)
    port = server.port
    stopping = threading.Event()

    def loop() -> None:  # waitress's own loop, polled so that the test can stop it cleanly
        while not stopping.is_set():
            wasyncore.loop(timeout=0.05, map=server._map, count=1, use_poll=True)

    thread = threading.Thread(target=loop, name="mairie-serve-test", daemon=True)
    thread.start()
    try:
        yield Served(port)
    finally:
        stopping.set()
        thread.join(timeout=10)
        wasyncore.close_all(server._map)
        server.task_dispatcher.shutdown()
