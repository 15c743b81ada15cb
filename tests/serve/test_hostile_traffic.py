"""`mairie serve` under the attacks of an adversarial run, over real sockets: a genuine signed request
is still answered quickly, and each attack gets its bound or its 400."""

from __future__ import annotations

import base64
import http.client
import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from datetime import UTC, datetime
from typing import Any

import pytest

from mairie.tools.serve import make_app
from mairie.tools.serve_guard import Limits
from mairie.tools.verification import MAX_CONCURRENT_FETCHES, ChainCache, RequestVerifier
from tests.serve.alexa_pki import CHAIN_URL, Authority, Signer, stamped
from tests.serve.running import Served, serving
from tests.skill import envelopes

GENUINE_WITHIN_S = 1.0
"""A genuine request under attack must be answered well within Alexa's 8 s; here, 1 s."""


class SlowS3:
    """Serves the genuine chain at once; any other URL takes `delay_s`, then fails (as S3's 403 would)."""

    def __init__(self, genuine: bytes, delay_s: float = 2.0) -> None:
        self.genuine = genuine
        self.delay_s = delay_s
        self.calls: list[str] = []
        self.running = 0
        self.most_at_once = 0
        self._lock = threading.Lock()

    def __call__(self, url: str) -> bytes:
        with self._lock:
            self.calls.append(url)
            self.running += 1
            self.most_at_once = max(self.most_at_once, self.running)
        try:
            if url == CHAIN_URL:
                return self.genuine
            time.sleep(self.delay_s)
            raise OSError("HTTP Error 403: Forbidden")
        finally:
            with self._lock:
                self.running -= 1


@pytest.fixture(scope="module")
def signer(intermediate: Authority) -> Signer:
    return intermediate.issue_signer()


@contextmanager
def signed_server(root: Authority, signer: Signer, limits: Limits | None = None) -> Iterator[tuple[Served, SlowS3]]:
    s3 = SlowS3(signer.pem())
    verifier = RequestVerifier(ChainCache([root.cert], fetch=s3))
    from lambda_function import lambda_handler

    with serving(make_app(lambda_handler, verifier), threads=4, limits=limits) as served:
        yield served, s3


def genuine(served: Served, signer: Signer) -> tuple[int, float]:
    """A signed launch, as Alexa sends it: (HTTP status, seconds to the answer)."""
    body = stamped(envelopes.launch(), datetime.now(UTC))
    started = time.perf_counter()
    reply = served.post(body, signer.headers(body))
    return reply.status, time.perf_counter() - started


def connect(port: int) -> socket.socket:
    return socket.create_connection(("127.0.0.1", port), timeout=10)


def read_reply(sock: socket.socket) -> bytes:
    sock.settimeout(10)
    data = b""
    while b"\r\n\r\n" not in data:
        piece = sock.recv(65536)
        if not piece:
            break
        data += piece
    return data


def test_idle_sockets_beyond_the_limit_do_not_keep_a_genuine_request_out(root: Authority, signer: Signer) -> None:
    with signed_server(root, signer, Limits(connections=30)) as (served, _), ExitStack() as sockets:
        for _ in range(120):  # four times the limit, connected and silent
            sockets.enter_context(connect(served.port))
        time.sleep(0.2)
        status, seconds = genuine(served, signer)
    assert status == 200
    assert seconds < GENUINE_WITHIN_S


def test_a_trickling_request_is_cut_off_at_its_deadline(root: Authority, signer: Signer) -> None:
    limits = Limits(request_deadline_s=1.0)
    with signed_server(root, signer, limits) as (served, _), connect(served.port) as slow:
        slow.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n")
        started = time.perf_counter()
        closed_after = None
        while time.perf_counter() - started < 6:
            try:
                slow.sendall(b"{")
                time.sleep(0.2)
            except OSError:
                closed_after = time.perf_counter() - started
                break
        assert closed_after is not None, "the slow client was never disconnected"
        assert closed_after < 4.0


def test_slowly_trickling_sockets_do_not_keep_a_genuine_request_out(root: Authority, signer: Signer) -> None:
    stop = threading.Event()
    with signed_server(root, signer, Limits(connections=30)) as (served, _), ExitStack() as sockets:
        tricklers = [sockets.enter_context(connect(served.port)) for _ in range(90)]
        for sock in tricklers:
            sock.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n")

        def trickle() -> None:
            while not stop.is_set():
                for sock in tricklers:
                    with suppress(OSError):
                        sock.send(b" ")
                stop.wait(0.3)

        thread = threading.Thread(target=trickle, daemon=True)
        thread.start()
        try:
            time.sleep(0.5)
            results = [genuine(served, signer) for _ in range(5)]
        finally:
            stop.set()
            thread.join(timeout=5)
    assert all(status == 200 for status, _ in results)
    assert max(seconds for _, seconds in results) < GENUINE_WITHIN_S


def test_a_flood_of_keep_alive_clients_leaves_room_for_alexa(root: Authority, signer: Signer) -> None:
    with signed_server(root, signer, Limits(connections=40)) as (served, _):
        clients = []
        for _ in range(100):  # each asks once, then keeps its connection open
            client = http.client.HTTPConnection("127.0.0.1", served.port, timeout=10)
            body = stamped(envelopes.launch(), datetime.now(UTC))
            client.request("POST", "/", body=body, headers=signer.headers(body))
            client.getresponse().read()
            clients.append(client)
        try:
            status, seconds = genuine(served, signer)
        finally:
            for client in clients:
                client.close()
    assert status == 200
    assert seconds < GENUINE_WITHIN_S


def forged(url: str) -> tuple[bytes, dict[str, str]]:
    """An unsigned request naming a made-up certificate URL (fresh timestamp, random "signature")."""
    body = stamped(envelopes.launch(), datetime.now(UTC))
    return body, {"SignatureCertChainUrl": url, "Signature-256": base64.b64encode(os.urandom(256)).decode()}


def test_made_up_certificate_urls_neither_queue_nor_slow_genuine_requests(root: Authority, signer: Signer) -> None:
    stop = threading.Event()
    refused: list[int] = []
    with signed_server(root, signer) as (served, s3):
        status, _ = genuine(served, signer)  # the genuine chain is cached, as on a running server
        assert status == 200

        def attacker(number: int) -> None:
            sent = 0
            while not stop.is_set():
                sent += 1
                body, headers = forged(f"https://s3.amazonaws.com/echo.api/faux-{number}-{sent}.pem")
                refused.append(served.post(body, headers).status)

        attackers = [threading.Thread(target=attacker, args=(n,), daemon=True) for n in range(40)]
        for thread in attackers:
            thread.start()
        try:
            time.sleep(0.5)
            timings = [genuine(served, signer) for _ in range(10)]
        finally:
            stop.set()
            for thread in attackers:
                thread.join(timeout=10)
    assert all(status == 200 for status, _ in timings)
    assert max(seconds for _, seconds in timings) < GENUINE_WITHIN_S
    assert set(refused) == {400}
    assert s3.most_at_once <= MAX_CONCURRENT_FETCHES
    assert len(s3.calls) < 40  # each download takes 2 s and at most two run at once


def test_a_failed_certificate_url_is_not_downloaded_again(root: Authority, signer: Signer) -> None:
    with signed_server(root, signer) as (served, s3):
        s3.delay_s = 0.0
        url = "https://s3.amazonaws.com/echo.api/inconnu.pem"
        statuses = [served.post(*forged(url)).status for _ in range(20)]
    assert statuses == [400] * 20
    assert s3.calls == [url]


@pytest.mark.parametrize(
    "url",
    [
        "https://s3.amazonaws.com/echo.api/a/b/c/d.pem",
        "https://s3.amazonaws.com/echo.api/cert.pem?x=1",
        "https://s3.amazonaws.com/echo.api/" + "a" * 200 + ".pem",
        "https://s3.amazonaws.com/echo.api/cert.txt",
    ],
)
def test_urls_not_shaped_like_amazons_are_never_downloaded(root: Authority, signer: Signer, url: str) -> None:
    with signed_server(root, signer) as (served, s3):
        assert served.post(*forged(url)).status == 400
    assert s3.calls == []


def test_an_oversized_body_is_refused_from_its_headers(root: Authority, signer: Signer) -> None:
    with signed_server(root, signer) as (served, _), connect(served.port) as sock:
        sock.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1073741824\r\n\r\n")
        reply = read_reply(sock)  # nothing of the body was sent: the answer comes from the headers
    assert reply.startswith(b"HTTP/1.1 413")


def test_a_chunked_body_is_refused_as_soon_as_it_passes_the_limit(root: Authority, signer: Signer) -> None:
    chunk = b"%x\r\n%s\r\n" % (16384, b" " * 16384)
    sent = 0
    with signed_server(root, signer) as (served, _), connect(served.port) as sock:
        sock.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
        try:
            while sent < 64 * 1024 * 1024:
                sock.sendall(chunk)
                sent += 16384
        except OSError:
            pass  # the server stopped reading: the body was refused
        reply = read_reply(sock)
    assert reply.startswith(b"HTTP/1.1 413")
    assert sent < 8 * 1024 * 1024  # a few socket buffers past 128 KiB, never the 64 MiB offered


def bomb(depth: int) -> bytes:
    return b'{"version": "1.0", "request": {"timestamp": "' + _now() + b'", "x": ' + b"[" * depth + b"]" * depth + b"}}"


def _now() -> bytes:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ").encode()


@pytest.mark.parametrize("depth", [50_000, 40])
def test_a_signed_nesting_bomb_gets_400(root: Authority, signer: Signer, depth: int) -> None:
    body = bomb(depth)
    with signed_server(root, signer) as (served, _):
        reply = served.post(body, signer.headers(body))
    assert reply.status == 400
    assert reply.document == {"erreur": "requête refusée"}


@pytest.mark.parametrize("depth", [50_000, 40])
def test_a_nesting_bomb_gets_400_without_verification_too(depth: int) -> None:
    from lambda_function import lambda_handler

    with serving(make_app(lambda_handler, None)) as served:
        assert served.post(bomb(depth)).status == 400


def test_a_lone_surrogate_in_a_signed_slot_is_answered_not_failed(root: Authority, signer: Signer) -> None:
    event = envelopes.intent("IsOpenIntent", [envelopes.slot("facility", "PLACEHOLDER", slot_type="X")])
    text = json.dumps(stamped_event(event)).replace("PLACEHOLDER", "piscine \\ud800\\udfff\\ud800 \\u0007\\ufffe")
    body = text.encode("utf-8")
    with signed_server(root, signer) as (served, _):
        reply = served.post(body, signer.headers(body))
    assert reply.status == 200
    assert "Je ne connais pas cet équipement." in envelopes.speech(reply.document)


def test_deep_session_attributes_echoed_back_cannot_fail_the_reply() -> None:
    from lambda_function import lambda_handler

    event: dict[str, Any] = envelopes.intent("AMAZON.HelpIntent", session_attributes={"a": {"b": {"c": "d"}}})
    with serving(make_app(lambda_handler, None)) as served:
        assert served.post(json.dumps(event).encode()).status == 200


def stamped_event(event: dict[str, Any]) -> dict[str, Any]:
    event["request"]["timestamp"] = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return event
