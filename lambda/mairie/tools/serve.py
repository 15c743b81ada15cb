"""`mairie serve`: the skill as a web service (POST / → `lambda_handler`), on waitress.

Every request is verified as coming from Alexa (`mairie.tools.verification`) before the skill sees
it, unless verification is switched off for local testing. A refused request gets HTTP 400 and the
skill's handlers never run. TLS is left to a reverse proxy in front (see README).
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TextIO

from mairie.tools.verification import Fetcher, RequestVerifier, VerificationError

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment
    from waitress.server import BaseWSGIServer, MultiSocketServer

LOGGER = logging.getLogger("mairie.serve")
MAX_BODY_BYTES = 128 * 1024
Handler = Callable[[dict[str, Any], Any], Any]
WsgiApp = Callable[["WSGIEnvironment", "StartResponse"], Iterable[bytes]]

NO_VERIFY_WARNING = """\
!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
!  ATTENTION : vérification des requêtes DÉSACTIVÉE (--no-verify).           !
!  N'importe qui peut interroger la skill en se faisant passer pour Alexa.   !
!  Réservé aux essais en local : ne jamais utiliser en production.           !
!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
"""

_REASONS = {200: "OK", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed", 500: "Internal Server Error"}


def _headers_of(environ: WSGIEnvironment) -> dict[str, str]:
    """HTTP headers with their usual names (`HTTP_SIGNATURE_256` → `signature-256`)."""
    return {key[5:].replace("_", "-").lower(): str(value) for key, value in environ.items() if key.startswith("HTTP_")}


def _read_body(environ: WSGIEnvironment) -> bytes | None:
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None
    if length <= 0 or length > MAX_BODY_BYTES:
        return None
    body: bytes = environ["wsgi.input"].read(length)
    return body if len(body) == length else None


def make_app(handler: Handler, verifier: RequestVerifier | None) -> WsgiApp:
    """The WSGI application: verification (unless `verifier` is None), then the skill."""

    def reply(start_response: StartResponse, status: int, document: dict[str, Any]) -> list[bytes]:
        payload = json.dumps(document, ensure_ascii=False).encode("utf-8")
        start_response(
            f"{status} {_REASONS[status]}",
            [("Content-Type", "application/json;charset=UTF-8"), ("Content-Length", str(len(payload)))],
        )
        return [payload]

    def refuse(start_response: StartResponse, reason: str) -> list[bytes]:
        LOGGER.warning(json.dumps({"refused": reason}))
        return reply(start_response, 400, {"erreur": "requête refusée"})

    def app(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("PATH_INFO", "/") not in ("", "/"):
            return reply(start_response, 404, {"erreur": "adresse inconnue"})
        if environ.get("REQUEST_METHOD") != "POST":
            return reply(start_response, 405, {"erreur": "seule la méthode POST est acceptée"})
        body = _read_body(environ)
        if body is None:
            return refuse(start_response, "missing, incomplete or oversized body")
        if verifier is not None:
            try:
                verifier.verify(_headers_of(environ), body)
            except VerificationError as error:
                return refuse(start_response, str(error))
        try:
            event = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            return refuse(start_response, "body is not JSON")
        if not isinstance(event, dict):
            return refuse(start_response, "body is not a request envelope")
        try:
            result = handler(event, None)
        except PermissionError:
            return refuse(start_response, "request for another skill (SKILL_ID)")
        except Exception as error:  # the skill already answers every request; this is the last net
            LOGGER.error(json.dumps({"failed": type(error).__name__}))
            return reply(start_response, 500, {"erreur": "erreur interne"})
        return reply(start_response, 200, result)

    return app


def create_server(app: WsgiApp, host: str, port: int, threads: int) -> BaseWSGIServer | MultiSocketServer:
    """A waitress server bound to `host:port` (port 0: a free one); `.run()` serves, `.close()` stops."""
    from waitress.server import create_server as waitress_server

    server: BaseWSGIServer | MultiSocketServer = waitress_server(
        app, host=host, port=port, threads=threads, ident="mairie-vocale"
    )
    return server


def run_serve(
    host: str,
    port: int,
    verify: bool,
    threads: int,
    ca_bundle: str | None,
    out: TextIO = sys.stdout,
    fetch: Fetcher | None = None,
) -> int:
    """`mairie serve`: load the local skill, then serve until interrupted.

    `fetch` (URL → PEM bytes) replaces the HTTPS download of certificate chains: tests only.
    """
    from pathlib import Path

    from mairie.catalogue.problems import CatalogueError
    from mairie.tools.local_skill import import_lambda_handler, load_local_catalogue, use_local_state
    from mairie.tools.verification import ChainCache, load_roots

    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    try:
        load_local_catalogue()
    except CatalogueError as error:
        print("Le catalogue n'est pas valide :", file=sys.stderr)
        for problem in error.problems:
            print(str(problem), file=sys.stderr)
        return 1
    use_local_state()
    verifier: RequestVerifier | None = None
    if verify:
        try:
            roots = load_roots(Path(ca_bundle) if ca_bundle else None)
        except (OSError, ValueError) as error:
            print(f"Impossible de lire les autorités de certification : {error}", file=sys.stderr)
            return 1
        verifier = RequestVerifier(ChainCache(roots, fetch) if fetch else ChainCache(roots))
    else:
        print(NO_VERIFY_WARNING, file=sys.stderr, flush=True)
    app = make_app(import_lambda_handler(), verifier)
    try:
        server = create_server(app, host, port, threads)
    except OSError as error:
        print(f"Impossible d'écouter sur {host}:{port} : {error.strerror or error}", file=sys.stderr)
        return 1
    bound = server.effective_port if hasattr(server, "effective_port") else port
    state = "vérification des requêtes activée" if verify else "SANS vérification des requêtes"
    print(f"Mairie vocale à l'écoute sur http://{host}:{bound}/ ({state}, Ctrl-C pour arrêter)", file=out, flush=True)
    try:
        server.run()
    except KeyboardInterrupt:
        print("Arrêt du service.", file=out, flush=True)
    finally:
        server.close()
    return 0
