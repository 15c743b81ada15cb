"""Is this HTTP request really from Alexa? Amazon's rules for skills hosted as a web service.

Checked, in this order (any failure raises `VerificationError`; the caller answers HTTP 400):
1. the `SignatureCertChainUrl` header: https, host s3.amazonaws.com, port 443 if given, normalised
   path under /echo.api/;
2. the certificate chain it points to (fetched once per URL, then cached): chains to a trusted root,
   every certificate within its validity dates, subject alternative name echo-api.amazon.com;
3. the `Signature-256` header: RSA PKCS#1 v1.5 over SHA-256 of the raw body, by that certificate;
4. the request timestamp: within 150 s of now (skill events: within one hour).

Only `cryptography` is used (ask-sdk-webservice-support cannot be imported here, see DESIGN.md).
"""

from __future__ import annotations

import base64
import binascii
import json
import posixpath
import ssl
import threading
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.verification import PolicyBuilder, Store
from cryptography.x509.verification import VerificationError as ChainError

CHAIN_URL_HEADER = "SignatureCertChainUrl"
SIGNATURE_HEADER = "Signature-256"
CHAIN_HOST = "s3.amazonaws.com"
CHAIN_PATH_PREFIX = "/echo.api/"
SIGNER_NAME = "echo-api.amazon.com"
TOLERANCE = timedelta(seconds=150)
EVENT_TOLERANCE = timedelta(hours=1)
MAX_CHAIN_BYTES = 256 * 1024

Fetcher = Callable[[str], bytes]
Clock = Callable[[], datetime]


class VerificationError(Exception):
    """The request does not prove it comes from Alexa (the message says why, for the operator's log)."""


def normalised_chain_url(url: str) -> str:
    """The canonical chain URL, or `VerificationError` when it breaks Amazon's rules."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as error:
        raise VerificationError("certificate chain URL is not a valid URL") from error
    if parts.scheme.lower() != "https":
        raise VerificationError("certificate chain URL is not https")
    if (parts.hostname or "").lower() != CHAIN_HOST or parts.username is not None or parts.password is not None:
        raise VerificationError("certificate chain URL is not on s3.amazonaws.com")
    if port is not None and port != 443:
        raise VerificationError("certificate chain URL is not on port 443")
    path = posixpath.normpath(parts.path) if parts.path else ""
    if not path.startswith(CHAIN_PATH_PREFIX):
        raise VerificationError("certificate chain URL path is not under /echo.api/")
    return f"https://{CHAIN_HOST}{path}"


def fetch_over_https(url: str) -> bytes:
    """Production fetcher: the chain over HTTPS, checked against the certifi trust store."""
    import certifi

    context = ssl.create_default_context(cafile=certifi.where())
    with urllib.request.urlopen(url, timeout=5, context=context) as reply:
        data: bytes = reply.read(MAX_CHAIN_BYTES + 1)
    if len(data) > MAX_CHAIN_BYTES:
        raise VerificationError("certificate chain is too large")
    return data


def load_roots(bundle: Path | None = None) -> list[x509.Certificate]:
    """Trusted roots: a PEM bundle, by default the certifi (Mozilla) trust store."""
    if bundle is None:
        import certifi

        bundle = Path(certifi.where())
    roots = x509.load_pem_x509_certificates(bundle.read_bytes())
    if not roots:
        raise ValueError(f"no certificate in {bundle}")
    return roots


@dataclass(frozen=True)
class _Chain:
    leaf: x509.Certificate
    intermediates: list[x509.Certificate]
    not_before: datetime
    not_after: datetime


class ChainCache:
    """Certificate chains by URL: fetched and parsed once, checked against the roots at a given time."""

    def __init__(self, roots: Sequence[x509.Certificate], fetch: Fetcher = fetch_over_https) -> None:
        self._policy = PolicyBuilder().store(Store(list(roots)))
        self._fetch = fetch
        self._chains: dict[str, _Chain] = {}
        self._verified: dict[str, _Chain] = {}
        self._lock = threading.Lock()

    def signer_key(self, url: str, now: datetime) -> rsa.RSAPublicKey:
        """The public key of the verified signing certificate behind `url`, valid at `now`."""
        chain = self._verified.get(url)
        if chain is None or not chain.not_before <= now <= chain.not_after:
            chain = self._chain(url)
            if now > chain.not_after:
                raise VerificationError("certificate chain expired")
            if now < chain.not_before:
                raise VerificationError("certificate chain not yet valid")
            try:
                verifier = self._policy.time(now).build_server_verifier(x509.DNSName(SIGNER_NAME))
                verifier.verify(chain.leaf, chain.intermediates)
            except (ChainError, ValueError) as error:
                raise VerificationError(f"certificate chain rejected: {error}") from error
            self._verified[url] = chain
        key = chain.leaf.public_key()
        if not isinstance(key, rsa.RSAPublicKey):
            raise VerificationError("signing certificate has no RSA key")
        return key

    def _chain(self, url: str) -> _Chain:
        with self._lock:
            cached = self._chains.get(url)
            if cached is not None:
                return cached
            try:
                certificates = x509.load_pem_x509_certificates(self._fetch(url))
            except VerificationError:
                raise
            except Exception as error:  # network failure, not PEM, …: the request cannot be trusted
                raise VerificationError(f"certificate chain unavailable: {type(error).__name__}") from error
            leaf, intermediates = certificates[0], certificates[1:]
            chain = _Chain(
                leaf,
                intermediates,
                not_before=max(cert.not_valid_before_utc for cert in certificates),
                not_after=min(cert.not_valid_after_utc for cert in certificates),
            )
            self._chains[url] = chain
            return chain


def _header(headers: Mapping[str, str], name: str) -> str:
    wanted = name.lower()
    for key, value in headers.items():
        if key.lower() == wanted:
            return value
    raise VerificationError(f"missing header {name}")


def request_timestamp(body: bytes) -> tuple[datetime, bool]:
    """The request's timestamp and whether it is a skill event (allowed to be older)."""
    try:
        document = json.loads(body)
        request = document["request"]
        moment = datetime.fromisoformat(str(request["timestamp"]).replace("Z", "+00:00"))
        kind = str(request.get("type", ""))
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise VerificationError("request has no readable timestamp") from error
    if moment.tzinfo is None:
        raise VerificationError("request timestamp has no time zone")
    return moment, kind.startswith("AlexaSkillEvent.")


class RequestVerifier:
    """All of Amazon's checks on one request: `verify(headers, raw_body)` returns or raises."""

    def __init__(self, chains: ChainCache, clock: Clock | None = None) -> None:
        self._chains = chains
        self._clock = clock or (lambda: datetime.now(UTC))

    def verify(self, headers: Mapping[str, str], body: bytes) -> None:
        now = self._clock()
        url = normalised_chain_url(_header(headers, CHAIN_URL_HEADER))
        try:
            signature = base64.b64decode(_header(headers, SIGNATURE_HEADER), validate=True)
        except (binascii.Error, ValueError) as error:
            raise VerificationError("signature is not base64") from error
        key = self._chains.signer_key(url, now)
        try:
            key.verify(signature, body, padding.PKCS1v15(), hashes.SHA256())
        except InvalidSignature as error:
            raise VerificationError("signature does not match the body") from error
        moment, is_event = request_timestamp(body)
        tolerance = EVENT_TOLERANCE if is_event else TOLERANCE
        if abs(now - moment) > tolerance:
            raise VerificationError("request timestamp is too far from now")
