"""`mairie serve`: the skill as a web service (POST / → `lambda_handler`), on waitress.

Every request is verified as coming from Alexa (`mairie.tools.verification`) before the skill sees
it, unless verification is switched off for local testing. A refused request gets HTTP 400 and the
skill's handlers never run. TLS is left to a reverse proxy in front (see README).

Anyone on the internet can reach the server, so nothing a client sends may cost more than a 400:
connections are bounded (`serve_guard`), a body is parsed only once it is known to nest less than
`MAX_DEPTH` levels (a "nesting bomb" made `json` raise RecursionError, answered 500), and the reply
is encoded so that a lone surrogate echoed from the request cannot fail it. With verification on,
`SKILL_ID` is required unless `--any-skill` says that requests for any skill are accepted: Amazon
signs the requests of every skill alike, so without it any skill's requests would be answered.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TextIO

from mairie.tools.serve_guard import GuardedServer, Limits, guarded_server
from mairie.tools.verification import Fetcher, RequestVerifier, VerificationError

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment

LOGGER = logging.getLogger("mairie.serve")
MAX_BODY_BYTES = Limits.max_body_bytes
MAX_DEPTH = 32
"""Alexa's envelopes nest about 8 levels deep; the session attributes the skill writes, 4."""
Handler = Callable[[dict[str, Any], Any], Any]
WsgiApp = Callable[["WSGIEnvironment", "StartResponse"], Iterable[bytes]]

NO_VERIFY_WARNING = """\
!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
!  ATTENTION : vérification des requêtes DÉSACTIVÉE (--no-verify).           !
!  N'importe qui peut interroger la skill en se faisant passer pour Alexa.   !
!  Réservé aux essais en local : ne jamais utiliser en production.           !
!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
"""

ANY_SKILL_WARNING = """\
!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
!  ATTENTION : SKILL_ID n'est pas défini et --any-skill est donné.           !
!  Les requêtes de N'IMPORTE QUELLE skill signées par Alexa seront servies.  !
!  Définissez SKILL_ID (amzn1.ask.skill.…) pour ne servir que la vôtre.      !
!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
"""

SKILL_ID_MISSING = (
    "SKILL_ID n'est pas défini : sans lui, le service répondrait aux requêtes de n'importe quelle skill.\n"
    "Donnez l'identifiant de la skill (console Alexa, sous son nom ; amzn1.ask.skill.…), par exemple :\n"
    "  SKILL_ID=amzn1.ask.skill.xxxx mairie serve\n"
    "ou, pour accepter toutes les skills en connaissance de cause : mairie serve --any-skill"
)

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


def _parse(body: bytes) -> Any:
    """The JSON document, or ValueError (not JSON, or nesting more than `MAX_DEPTH` levels)."""
    try:
        document = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError) as error:
        raise ValueError("body is not JSON") from error
    if _depth_exceeds(document, MAX_DEPTH):
        raise ValueError(f"body nests more than {MAX_DEPTH} levels")
    return document


def _depth_exceeds(document: Any, limit: int) -> bool:
    """Whether `document` nests deeper than `limit` (walked without recursion)."""
    pending: list[tuple[Any, int]] = [(document, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, dict):
            children: Iterable[Any] = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > limit:
            return True
        pending.extend((child, depth + 1) for child in children)
    return False


def _encoded(document: Any) -> bytes:
    """The reply as UTF-8 JSON; a lone surrogate (from a request) becomes "?" rather than an error."""
    return json.dumps(document, ensure_ascii=False).encode("utf-8", errors="replace")


def make_app(handler: Handler, verifier: RequestVerifier | None) -> WsgiApp:
    """The WSGI application: verification (unless `verifier` is None), then the skill."""

    def reply(start_response: StartResponse, status: int, document: dict[str, Any]) -> list[bytes]:
        try:
            payload = _encoded(document)
        except (ValueError, TypeError, RecursionError):  # a response that echoes an unwritable request
            status, payload = 400, _encoded({"erreur": "requête refusée"})
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
            event = _parse(body)
        except ValueError as error:
            return refuse(start_response, str(error))
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


def create_server(app: WsgiApp, host: str, port: int, threads: int, limits: Limits | None = None) -> GuardedServer:
    """A guarded waitress server bound to `host:port` (port 0: a free one); `.run()` serves, `.close()` stops."""
    return guarded_server(app, host, port, threads, limits)


def skill_id_refusal(verify: bool, any_skill: bool, out: TextIO) -> bool:
    """Whether `serve` must refuse to start (no `SKILL_ID` with verification on); warns loudly with `any_skill`."""
    import os

    if os.environ.get("SKILL_ID", "").strip() or not verify:
        return False
    if any_skill:
        print(ANY_SKILL_WARNING, file=out, flush=True)
        return False
    print(SKILL_ID_MISSING, file=out, flush=True)
    return True


def run_serve(
    host: str,
    port: int,
    verify: bool,
    threads: int,
    ca_bundle: str | None,
    out: TextIO = sys.stdout,
    fetch: Fetcher | None = None,
    any_skill: bool = False,
    limits: Limits | None = None,
) -> int:
    """`mairie serve`: load the local skill, then serve until interrupted.

    `fetch` (URL → PEM bytes) replaces the HTTPS download of certificate chains: tests only.
    """
    from pathlib import Path

    from mairie.catalogue.problems import CatalogueError
    from mairie.tools.local_skill import import_lambda_handler, load_local_catalogue, use_local_state
    from mairie.tools.verification import ChainCache, load_roots

    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    if skill_id_refusal(verify, any_skill, sys.stderr):
        return 2
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
        server = create_server(app, host, port, threads, limits)
    except OSError as error:
        print(f"Impossible d'écouter sur {host}:{port} : {error.strerror or error}", file=sys.stderr)
        return 1
    bound = server.port
    state = "vérification des requêtes activée" if verify else "SANS vérification des requêtes"
    print(f"Mairie vocale à l'écoute sur http://{host}:{bound}/ ({state}, Ctrl-C pour arrêter)", file=out, flush=True)
    try:
        server.run()
    except KeyboardInterrupt:
        print("Arrêt du service.", file=out, flush=True)
    finally:
        server.close()
    return 0
