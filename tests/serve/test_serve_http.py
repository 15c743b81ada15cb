"""`mairie serve` over real HTTP: verification first, the real `lambda_handler` only for what passes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from mairie.tools.serve import make_app
from mairie.tools.verification import ChainCache, RequestVerifier
from tests.serve.alexa_pki import CHAIN_URL, Authority, Signer, stamped
from tests.serve.running import Served, serving
from tests.skill import envelopes


class CountingHandler:
    """The real `lambda_handler`, counting the requests that reach it."""

    def __init__(self) -> None:
        from lambda_function import lambda_handler

        self.handler = lambda_handler
        self.calls = 0

    def __call__(self, event: dict[str, Any], context: Any) -> Any:
        self.calls += 1
        return self.handler(event, context)


@pytest.fixture(scope="module")
def signer(intermediate: Authority) -> Signer:
    return intermediate.issue_signer()


@pytest.fixture
def handler() -> CountingHandler:
    return CountingHandler()


@pytest.fixture
def server(root: Authority, signer: Signer, handler: CountingHandler) -> Iterator[Served]:
    verifier = RequestVerifier(ChainCache([root.cert], fetch={CHAIN_URL: signer.pem()}.__getitem__))
    with serving(make_app(handler, verifier)) as served:
        yield served


def now() -> datetime:
    return datetime.now(UTC)


def test_a_signed_launch_is_answered_by_the_skill(
    server: Served, signer: Signer, handler: CountingHandler, user: str
) -> None:
    body = stamped(envelopes.launch(user=user), now())
    reply = server.post(body, signer.headers(body))
    assert reply.status == 200
    assert reply.document["version"] == "1.0"
    assert envelopes.speech(reply.document).startswith("Bonjour, ici la Mairie d'Issy.")
    assert handler.calls == 1


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(
            lambda body, headers: (body.replace(b"LaunchRequest", b"SessionEndedRequest"), headers), id="tampered-body"
        ),
        pytest.param(
            lambda body, headers: (body, headers | {"Signature-256": headers["Signature-256"][::-1]}),
            id="wrong-signature",
        ),
        pytest.param(
            lambda body, headers: (
                body,
                headers | {"SignatureCertChainUrl": "https://s3.amazonaws.com/invalid.path/c.pem"},
            ),
            id="bad-chain-url",
        ),
        pytest.param(lambda body, headers: (body, {}), id="no-headers"),
    ],
)
def test_a_request_failing_verification_gets_400_and_never_reaches_the_skill(
    server: Served, signer: Signer, handler: CountingHandler, spoil: Any
) -> None:
    body = stamped(envelopes.launch(), now())
    spoiled_body, headers = spoil(body, signer.headers(body))
    reply = server.post(spoiled_body, headers)
    assert reply.status == 400
    assert reply.document == {"erreur": "requête refusée"}
    assert handler.calls == 0


def test_a_stale_request_gets_400(server: Served, signer: Signer, handler: CountingHandler) -> None:
    body = stamped(envelopes.launch(), now() - timedelta(seconds=200))
    assert server.post(body, signer.headers(body)).status == 400
    assert handler.calls == 0


def test_an_expired_certificate_gets_400(root: Authority, intermediate: Authority, handler: CountingHandler) -> None:
    expired = intermediate.issue_signer(not_after=now() - timedelta(hours=1))
    verifier = RequestVerifier(ChainCache([root.cert], fetch={CHAIN_URL: expired.pem()}.__getitem__))
    with serving(make_app(handler, verifier)) as served:
        body = stamped(envelopes.launch(), now())
        assert served.post(body, expired.headers(body)).status == 400
    assert handler.calls == 0


def test_a_wrong_san_gets_400(root: Authority, intermediate: Authority, handler: CountingHandler) -> None:
    other = intermediate.issue_signer(dns_name="alexa.example.com")
    verifier = RequestVerifier(ChainCache([root.cert], fetch={CHAIN_URL: other.pem()}.__getitem__))
    with serving(make_app(handler, verifier)) as served:
        body = stamped(envelopes.launch(), now())
        assert served.post(body, other.headers(body)).status == 400
    assert handler.calls == 0


def test_without_verification_any_envelope_is_answered(handler: CountingHandler) -> None:
    with serving(make_app(handler, None)) as served:
        reply = served.post(json.dumps(envelopes.intent("AMAZON.HelpIntent")).encode())
    assert reply.status == 200
    assert "Que voulez-vous savoir ?" in envelopes.speech(reply.document)


@pytest.mark.parametrize("body", [b"", b"pas du JSON", b"[1, 2, 3]", b"\xff\xfe"])
def test_an_unreadable_body_gets_400(handler: CountingHandler, body: bytes) -> None:
    with serving(make_app(handler, None)) as served:
        assert served.post(body).status == 400
    assert handler.calls == 0


def test_only_post_on_the_root_is_served(handler: CountingHandler) -> None:
    with serving(make_app(handler, None)) as served:
        assert served.post(b"", method="GET").status == 405
    assert handler.calls == 0


def test_a_request_for_another_skill_gets_400_before_any_handler(
    server: Served, signer: Signer, handler: CountingHandler, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mairie.alexa import skill

    monkeypatch.setattr(skill.SKILL, "skill_id", "amzn1.ask.skill.une-autre-skill")
    body = stamped(envelopes.launch(), now())
    reply = server.post(body, signer.headers(body))
    assert reply.status == 400
    assert reply.document == {"erreur": "requête refusée"}


def test_a_request_for_this_skill_id_is_answered(
    server: Served, signer: Signer, monkeypatch: pytest.MonkeyPatch, user: str
) -> None:
    from mairie.alexa import skill

    monkeypatch.setattr(skill.SKILL, "skill_id", envelopes.SKILL_ID)
    body = stamped(envelopes.launch(user=user), now())
    reply = server.post(body, signer.headers(body))
    assert reply.status == 200
    assert envelopes.speech(reply.document).startswith("Bonjour")
