"""Amazon's rules for self-hosted skills, with real certificates and real signatures made here."""

from __future__ import annotations

import base64
from datetime import timedelta

import pytest

from mairie.tools.verification import ChainCache, RequestVerifier, VerificationError, normalised_chain_url
from tests.serve.alexa_pki import CHAIN_URL, NOW, Authority, Signer, stamped
from tests.skill import envelopes


class Fetcher:
    """Serves certificate chains by URL, like S3, and counts the downloads."""

    def __init__(self, chains: dict[str, bytes]) -> None:
        self.chains = chains
        self.calls: list[str] = []

    def __call__(self, url: str) -> bytes:
        self.calls.append(url)
        return self.chains[url]


def verifier_for(root: Authority, signer: Signer, url: str = CHAIN_URL) -> tuple[RequestVerifier, Fetcher]:
    fetcher = Fetcher({url: signer.pem()})
    return RequestVerifier(ChainCache([root.cert], fetch=fetcher), clock=lambda: NOW), fetcher


@pytest.fixture(scope="module")
def signer(intermediate: Authority) -> Signer:
    return intermediate.issue_signer()


def launch_body(age: timedelta = timedelta(0)) -> bytes:
    return stamped(envelopes.launch(), NOW - age)


def refusal(verifier: RequestVerifier, headers: dict[str, str], body: bytes) -> str:
    with pytest.raises(VerificationError) as refused:
        verifier.verify(headers, body)
    return str(refused.value)


def test_a_signed_fresh_request_passes(root: Authority, signer: Signer) -> None:
    verifier, _ = verifier_for(root, signer)
    body = launch_body(timedelta(seconds=149))
    verifier.verify(signer.headers(body), body)


def test_the_chain_is_fetched_once_then_cached(root: Authority, signer: Signer) -> None:
    verifier, fetcher = verifier_for(root, signer)
    for _ in range(5):
        body = launch_body()
        verifier.verify(signer.headers(body), body)
    assert fetcher.calls == [CHAIN_URL]


def test_header_names_are_case_insensitive(root: Authority, signer: Signer) -> None:
    verifier, _ = verifier_for(root, signer)
    body = launch_body()
    verifier.verify({key.lower(): value for key, value in signer.headers(body).items()}, body)


def test_a_tampered_body_is_refused(root: Authority, signer: Signer) -> None:
    verifier, _ = verifier_for(root, signer)
    body = launch_body()
    headers = signer.headers(body)
    tampered = body.replace(b"LaunchRequest", b"SessionEndedRequest")
    assert "signature" in refusal(verifier, headers, tampered)


def test_a_signature_by_another_key_is_refused(root: Authority, intermediate: Authority, signer: Signer) -> None:
    verifier, _ = verifier_for(root, signer)
    impostor = intermediate.issue_signer()
    body = launch_body()
    headers = signer.headers(body) | {"Signature-256": impostor.sign(body)}
    assert "signature" in refusal(verifier, headers, body)


@pytest.mark.parametrize("signature", ["", "pas du base64 !", base64.b64encode(b"\0" * 256).decode()])
def test_a_malformed_signature_is_refused(root: Authority, signer: Signer, signature: str) -> None:
    verifier, _ = verifier_for(root, signer)
    body = launch_body()
    refusal(verifier, signer.headers(body) | {"Signature-256": signature}, body)


def test_the_old_sha1_header_alone_is_not_enough(root: Authority, signer: Signer) -> None:
    verifier, _ = verifier_for(root, signer)
    body = launch_body()
    headers = {"SignatureCertChainUrl": CHAIN_URL, "Signature": signer.sign(body)}
    assert "Signature-256" in refusal(verifier, headers, body)


def test_a_missing_chain_url_is_refused(root: Authority, signer: Signer) -> None:
    verifier, _ = verifier_for(root, signer)
    body = launch_body()
    assert "SignatureCertChainUrl" in refusal(verifier, {"Signature-256": signer.sign(body)}, body)


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("https://s3.amazonaws.com/echo.api/echo-api-cert.pem", "https://s3.amazonaws.com/echo.api/echo-api-cert.pem"),
        (
            "https://s3.amazonaws.com:443/echo.api/echo-api-cert.pem",
            "https://s3.amazonaws.com/echo.api/echo-api-cert.pem",
        ),
        (
            "https://s3.amazonaws.com/echo.api/../echo.api/echo-api-cert.pem",
            "https://s3.amazonaws.com/echo.api/echo-api-cert.pem",
        ),
        ("HTTPS://S3.AmazonAWS.com/echo.api/echo-api-cert.pem", "https://s3.amazonaws.com/echo.api/echo-api-cert.pem"),
    ],
)
def test_chain_urls_amazon_accepts(url: str, canonical: str) -> None:
    assert normalised_chain_url(url) == canonical


@pytest.mark.parametrize(
    "url",
    [
        "http://s3.amazonaws.com/echo.api/echo-api-cert.pem",
        "https://notamazon.com/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com.evil.example/echo.api/echo-api-cert.pem",
        "https://user@s3.amazonaws.com/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com/EcHo.aPi/echo-api-cert.pem",
        "https://s3.amazonaws.com/invalid.path/echo-api-cert.pem",
        "https://s3.amazonaws.com/echo.api/../invalid.path/echo-api-cert.pem",
        "https://s3.amazonaws.com//echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com:563/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com:abc/echo.api/echo-api-cert.pem",
        "",
    ],
)
def test_chain_urls_amazon_refuses(root: Authority, signer: Signer, url: str) -> None:
    verifier, fetcher = verifier_for(root, signer, url)
    body = launch_body()
    assert "URL" in refusal(verifier, signer.headers(body, chain_url=url), body)
    assert fetcher.calls == []  # a bad URL is never even downloaded


def test_an_expired_certificate_is_refused(root: Authority, intermediate: Authority) -> None:
    expired = intermediate.issue_signer(not_before=NOW - timedelta(days=400), not_after=NOW - timedelta(days=1))
    verifier, _ = verifier_for(root, expired)
    body = launch_body()
    assert "expired" in refusal(verifier, expired.headers(body), body)


def test_a_certificate_not_yet_valid_is_refused(root: Authority, intermediate: Authority) -> None:
    early = intermediate.issue_signer(not_before=NOW + timedelta(days=1), not_after=NOW + timedelta(days=400))
    verifier, _ = verifier_for(root, early)
    body = launch_body()
    assert "not yet valid" in refusal(verifier, early.headers(body), body)


def test_a_cached_certificate_is_refused_once_it_expires(root: Authority, intermediate: Authority) -> None:
    short = intermediate.issue_signer(not_before=NOW - timedelta(days=1), not_after=NOW + timedelta(minutes=10))
    fetcher = Fetcher({CHAIN_URL: short.pem()})
    clock = [NOW]
    verifier = RequestVerifier(ChainCache([root.cert], fetch=fetcher), clock=lambda: clock[0])
    body = launch_body()
    verifier.verify(short.headers(body), body)
    clock[0] = NOW + timedelta(minutes=11)
    later = stamped(envelopes.launch(), clock[0])
    assert "expired" in refusal(verifier, short.headers(later), later)


def test_a_certificate_for_another_name_is_refused(root: Authority, intermediate: Authority) -> None:
    elsewhere = intermediate.issue_signer(dns_name="echo-api.example.com")
    verifier, _ = verifier_for(root, elsewhere)
    body = launch_body()
    assert "chain rejected" in refusal(verifier, elsewhere.headers(body), body)


def test_a_chain_to_an_untrusted_root_is_refused(root: Authority) -> None:
    stranger = Authority("Racine inconnue")
    forged = Authority("Intermédiaire inconnu", issuer=stranger).issue_signer()
    verifier, _ = verifier_for(root, forged)
    body = launch_body()
    assert "chain rejected" in refusal(verifier, forged.headers(body), body)


def test_a_chain_without_its_intermediate_is_refused(root: Authority, signer: Signer) -> None:
    leaf_only = Signer(signer.key, signer.chain[:1])
    verifier, _ = verifier_for(root, leaf_only)
    body = launch_body()
    assert "chain rejected" in refusal(verifier, leaf_only.headers(body), body)


@pytest.mark.parametrize(
    "chain", [b"", b"not a certificate", b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"]
)
def test_an_unreadable_chain_is_refused(root: Authority, signer: Signer, chain: bytes) -> None:
    fetcher = Fetcher({CHAIN_URL: chain})
    verifier = RequestVerifier(ChainCache([root.cert], fetch=fetcher), clock=lambda: NOW)
    body = launch_body()
    assert "unavailable" in refusal(verifier, signer.headers(body), body)


def test_an_unreachable_chain_is_refused(root: Authority, signer: Signer) -> None:
    verifier = RequestVerifier(ChainCache([root.cert], fetch=Fetcher({})), clock=lambda: NOW)
    body = launch_body()
    assert "unavailable" in refusal(verifier, signer.headers(body), body)


@pytest.mark.parametrize("age", [timedelta(seconds=151), timedelta(minutes=30), timedelta(seconds=-151)])
def test_a_stale_or_future_timestamp_is_refused(root: Authority, signer: Signer, age: timedelta) -> None:
    verifier, _ = verifier_for(root, signer)
    body = launch_body(age)
    assert "timestamp" in refusal(verifier, signer.headers(body), body)


def test_a_skill_event_may_be_up_to_an_hour_old(root: Authority, signer: Signer) -> None:
    verifier, _ = verifier_for(root, signer)
    event = envelopes.launch()
    event["request"] = {"type": "AlexaSkillEvent.SkillDisabled", "requestId": "r", "eventCreationTime": "x"}
    body = stamped(event, NOW - timedelta(minutes=59))
    verifier.verify(signer.headers(body), body)
    late = stamped(event, NOW - timedelta(minutes=61))
    assert "timestamp" in refusal(verifier, signer.headers(late), late)


@pytest.mark.parametrize(
    "body",
    [b"{}", b'{"request": {"timestamp": "hier"}}', b"[1, 2]", b'{"request": {"timestamp": "2026-11-26T09:00:00"}}'],
)
def test_a_signed_body_without_a_usable_timestamp_is_refused(root: Authority, signer: Signer, body: bytes) -> None:
    verifier, _ = verifier_for(root, signer)
    assert "timestamp" in refusal(verifier, signer.headers(body), body)
