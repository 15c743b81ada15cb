"""The waitress server of `mairie serve`, guarded against clients that hold connections without asking.

waitress reads every connection in one thread and hands a request to a worker thread only once it has
fully arrived, so a slow client never holds a worker; what it can hold is a place under the
connection limit. With waitress's defaults (100 connections, idle ones closed after 120 s, nothing
against a request that trickles in a byte at a time), about 98 idle or trickling sockets, or 100
keep-alive clients that stay connected, made a genuine request wait 28 s: past Alexa's 8 s. Rules:

- a request must arrive whole within `Limits.request_deadline_s` of its first byte (Alexa sends a
  few kilobytes at once); a connection still sending after that is closed;
- a connection with nothing to do (keep-alive between requests) is closed after `Limits.idle_s`;
- at the connection limit, room is made at once rather than new clients turned away: connections
  with no request being answered are closed, those idle or incomplete for the longest first (a
  client that just connected goes last), so only requests being answered can fill the server;
- a body larger than `Limits.max_body_bytes` is refused by waitress (HTTP 413) from its
  Content-Length header, or, for a chunked body, as soon as it passes the limit: it is never stored
  whole (memory buffers are sized so that nothing is ever spooled to disk); headers are capped too;
- `poll()` rather than `select()`, so that more than 1,024 sockets can be open.
"""

from __future__ import annotations

import resource
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from waitress.channel import HTTPChannel
from waitress.server import TcpWSGIServer

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment

WsgiApp = Callable[["WSGIEnvironment", "StartResponse"], Iterable[bytes]]


@dataclass(frozen=True)
class Limits:
    """What one connection and the whole server may hold."""

    max_body_bytes: int = 128 * 1024
    """Alexa's request envelopes are a few kilobytes."""
    max_header_bytes: int = 16 * 1024
    request_deadline_s: float = 5.0
    idle_s: float = 10.0
    connections: int = 1000
    """Open connections at most (lowered to what the process's file-descriptor limit allows)."""
    sweep_every_s: float = 1.0
    """How often slow and idle connections are looked for."""


class GuardedChannel(HTTPChannel):
    """A connection that remembers when its incomplete request started arriving."""

    partial_since: float | None = None

    def received(self, data: bytes) -> bool:
        if self.request is None and self.partial_since is None:
            self.partial_since = time.monotonic()
        result: bool = super().received(data)
        if self.request is None:
            self.partial_since = None
        return result

    @property
    def answering(self) -> bool:
        """A complete request is waiting for, or getting, its answer."""
        return bool(self.requests)


class GuardedServer(TcpWSGIServer):
    """waitress's TCP server with the rules of this module."""

    channel_class = GuardedChannel

    def __init__(self, application: WsgiApp, limits: Limits, **adjustments: Any) -> None:
        self.limits = limits
        super().__init__(application, **adjustments)

    @property
    def port(self) -> int:
        """The port the server listens on (the one chosen when asked for port 0)."""
        return int(self.__dict__["effective_port"])

    def _open_sockets(self) -> int:
        """Sockets in waitress's loop: the listening one, its trigger and the connections."""
        return len(self.__dict__["_map"])

    def maintenance(self, now: float) -> None:  # waitress passes time.time() (its stubs say int)
        """Every `sweep_every_s`: waitress closes idle connections, this closes the slow ones."""
        super().maintenance(now)  # type: ignore[arg-type]
        cutoff = time.monotonic() - self.limits.request_deadline_s
        for channel in self._channels():
            if not channel.answering and channel.partial_since is not None and channel.partial_since < cutoff:
                channel.will_close = True

    def readable(self) -> bool:
        if self.accepting and self._open_sockets() >= self.adj.connection_limit:
            self._make_room()
        readable: bool = super().readable()
        return readable

    def _make_room(self) -> None:
        """Close connections that answer nothing, the longest idle or incomplete first.

        They are marked, not closed here: waitress closes a marked connection on its next turn
        (closing one while the loop walks its list of sockets would hand it a dead descriptor)."""
        marked = sum(1 for channel in self._channels() if channel.will_close)
        wanted = self._open_sockets() - self.adj.connection_limit + 1 + max(1, self.adj.connection_limit // 10)
        if marked >= wanted:
            return
        candidates = [channel for channel in self._channels() if not channel.answering and not channel.will_close]
        candidates.sort(key=_eviction_order)
        for channel in candidates[: wanted - marked]:
            channel.will_close = True

    def _channels(self) -> list[GuardedChannel]:
        channels: dict[int, Any] = self.__dict__["active_channels"]
        return [channel for channel in channels.values() if isinstance(channel, GuardedChannel)]


def _eviction_order(channel: GuardedChannel) -> float:
    """Since when the connection has been waiting (oldest first): a new connection goes last."""
    if channel.partial_since is None:
        return time.monotonic() - (time.time() - float(channel.last_activity))
    return channel.partial_since


def connection_limit(wanted: int) -> int:
    """`wanted`, or fewer when the process may not open that many files (a few kept for the rest)."""
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return wanted
    return max(16, min(wanted, soft - 64))


def guarded_server(app: WsgiApp, host: str, port: int, threads: int, limits: Limits | None = None) -> GuardedServer:
    """A server bound to `host:port` (port 0: a free one); `.run()` serves, `.close()` stops."""
    chosen = limits or Limits()
    return GuardedServer(
        app,
        chosen,
        host=host,
        port=port,
        threads=threads,
        ident="mairie-vocale",
        connection_limit=connection_limit(chosen.connections),
        channel_timeout=int(max(1, chosen.idle_s)),
        cleanup_interval=int(max(1, chosen.sweep_every_s)),
        max_request_body_size=chosen.max_body_bytes,
        max_request_header_size=chosen.max_header_bytes,
        inbuf_overflow=2 * (chosen.max_body_bytes + chosen.max_header_bytes),
        asyncore_use_poll=True,
        asyncore_loop_timeout=1,
        expose_tracebacks=False,
    )
