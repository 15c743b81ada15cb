"""Is this HTTP request really from Alexa? Amazon's rules for skills hosted as a web service.

Checked, in this order (any failure raises `VerificationError`; the caller answers HTTP 400):
1. the `SignatureCertChainUrl` header: https, host s3.amazonaws.com, port 443 if given, normalised
   path under /echo.api/, and (our own, stricter rule) the shape Amazon's URLs have: one `.pem`
   file name of safe characters, no query, no fragment;
2. the `Signature-256` header is base64 of an RSA-2048-sized signature, and the request timestamp is
   within 150 s of now (skill events: within one hour): both checked on the body alone, before any
   download, so that a request failing them never makes the server fetch anything;
3. the certificate chain the URL points to (fetched once per URL, then cached): chains to a trusted
   root, every certificate within its validity dates, subject alternative name echo-api.amazon.com;
4. the signature: RSA PKCS#1 v1.5 over SHA-256 of the raw body, by that certificate.

Anyone can name a made-up certificate URL, so downloads are bounded (`ChainCache`): a URL already
verified is read without any lock; at most `MAX_CONCURRENT_FETCHES` downloads run at once (a request
that would need one more is refused at once instead of waiting); two requests naming the same URL
share one download; a failed URL is refused from memory for `FAILURE_TTL` without another download;
each download has a total deadline and a size limit; both caches are bounded. So requests naming
unknown URLs cost the genuine ones (whose chain is cached) nothing but a dictionary read.

Only `cryptography` is used (ask-sdk-webservice-support cannot be imported here, see DESIGN.md).
"""

from __future__ import annotations

import base64
import binascii
import json
import posixpath
import re
import ssl
import threading
import time
import urllib.request
from collections import OrderedDict
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
CHAIN_FILE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,95}\.pem")
"""The file name under /echo.api/ (Amazon's are like `echo-api-cert-12.pem`)."""
SIGNER_NAME = "echo-api.amazon.com"
TOLERANCE = timedelta(seconds=150)
EVENT_TOLERANCE = timedelta(hours=1)
MAX_CHAIN_BYTES = 64 * 1024
"""Amazon's chain is about 6 KB (three certificates)."""
MAX_SIGNATURE_BYTES = 1024
"""An RSA-4096 signature is 512 bytes; anything longer is not a signature."""
FETCH_DEADLINE_S = 3.0
"""Total time one download may take (connection, TLS, reading): well under Alexa's 8 s."""
MAX_CONCURRENT_FETCHES = 2
FAILURE_TTL_S = 60.0
"""How long a URL whose download or checks failed is refused from memory."""
MAX_CACHED_CHAINS = 16
MAX_CACHED_FAILURES = 4096

Fetcher = Callable[[str], bytes]
Clock = Callable[[], datetime]
Monotonic = Callable[[], float]


class VerificationError(Exception):
    """The request does not prove it comes from Alexa (the message says why, for the operator's log)."""


def normalised_chain_url(url: str) -> str:
    """The canonical chain URL, or `VerificationError` when it breaks Amazon's rules (or its URLs' shape)."""
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
    if parts.query or parts.fragment or not CHAIN_FILE.fullmatch(path[len(CHAIN_PATH_PREFIX) :]):
        raise VerificationError("certificate chain URL does not name a .pem file directly under /echo.api/")
    return f"https://{CHAIN_HOST}{path}"


def fetch_over_https(url: str) -> bytes:
    """Production fetcher: the chain over HTTPS (certifi trust store), within `FETCH_DEADLINE_S` and
    `MAX_CHAIN_BYTES`. Redirects are not followed: the chain must be at the URL that was checked."""
    import certifi

    deadline = time.monotonic() + FETCH_DEADLINE_S
    context = ssl.create_default_context(cafile=certifi.where())
    opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=context), _NoRedirect())
    with opener.open(url, timeout=FETCH_DEADLINE_S) as reply:
        data = b""
        while len(data) <= MAX_CHAIN_BYTES:
            if time.monotonic() > deadline:
                raise VerificationError("certificate chain download too slow")
            piece: bytes = reply.read1(16 * 1024)
            if not piece:
                break
            data += piece
    if len(data) > MAX_CHAIN_BYTES:
        raise VerificationError("certificate chain is too large")
    return data


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


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
    """Certificate chains by URL: fetched and parsed once, checked against the roots at a given time.

    Thread-safe without a lock around downloads: `_lock` only guards the dictionaries (never held
    while fetching); each URL being fetched has its own event that other requests for it wait on.
    """

    def __init__(
        self,
        roots: Sequence[x509.Certificate],
        fetch: Fetcher = fetch_over_https,
        monotonic: Monotonic = time.monotonic,
        max_fetches: int = MAX_CONCURRENT_FETCHES,
    ) -> None:
        self._policy = PolicyBuilder().store(Store(list(roots)))
        self._fetch = fetch
        self._monotonic = monotonic
        self._verified: OrderedDict[str, _Chain] = OrderedDict()
        self._failed: OrderedDict[str, tuple[float, str]] = OrderedDict()
        self._fetching: dict[str, threading.Event] = {}
        self._slots = threading.BoundedSemaphore(max_fetches)
        self._lock = threading.Lock()

    def signer_key(self, url: str, now: datetime) -> rsa.RSAPublicKey:
        """The public key of the verified signing certificate behind `url`, valid at `now`."""
        chain = self._verified.get(url)  # a dict read is atomic: the genuine chain costs no lock
        if chain is None or not chain.not_before <= now <= chain.not_after:
            chain = self._checked(url, now)
        key = chain.leaf.public_key()
        if not isinstance(key, rsa.RSAPublicKey):
            raise VerificationError("signing certificate has no RSA key")
        return key

    def _checked(self, url: str, now: datetime) -> _Chain:
        """The chain at `url`, checked at `now`: from a download another request started, or downloaded here."""
        while True:
            with self._lock:
                self._refuse_if_failed(url)
                waiting = self._fetching.get(url)
                if waiting is None:
                    if not self._slots.acquire(blocking=False):
                        raise VerificationError("too many certificate downloads at once")
                    done = self._fetching[url] = threading.Event()
                    break
            waiting.wait(FETCH_DEADLINE_S + 1)
            cached = self._verified.get(url)
            if cached is not None and cached.not_before <= now <= cached.not_after:
                return cached
            with self._lock:
                if self._fetching.get(url) is waiting:
                    raise VerificationError("certificate chain download too slow")
        try:
            chain = self._parse(url)
            try:
                self._check(chain, now)
            except VerificationError as error:
                self._fail(url, str(error))
                raise
            with self._lock:
                self._verified[url] = chain
                self._verified.move_to_end(url)
                while len(self._verified) > MAX_CACHED_CHAINS:
                    self._verified.popitem(last=False)
            return chain
        finally:
            with self._lock:
                del self._fetching[url]
            self._slots.release()
            done.set()

    def _check(self, chain: _Chain, now: datetime) -> None:
        if now > chain.not_after:
            raise VerificationError("certificate chain expired")
        if now < chain.not_before:
            raise VerificationError("certificate chain not yet valid")
        try:
            verifier = self._policy.time(now).build_server_verifier(x509.DNSName(SIGNER_NAME))
            verifier.verify(chain.leaf, chain.intermediates)
        except (ChainError, ValueError) as error:
            raise VerificationError(f"certificate chain rejected: {error}") from error

    def _parse(self, url: str) -> _Chain:
        try:
            data = self._fetch(url)
            if len(data) > MAX_CHAIN_BYTES:
                raise VerificationError("certificate chain is too large")
            certificates = x509.load_pem_x509_certificates(data)
        except Exception as error:  # network failure, not PEM, too big: the request cannot be trusted
            reason = str(error) if isinstance(error, VerificationError) else type(error).__name__
            self._fail(url, f"certificate chain unavailable: {reason}")
            raise VerificationError(f"certificate chain unavailable: {reason}") from error
        leaf, intermediates = certificates[0], certificates[1:]
        return _Chain(
            leaf,
            intermediates,
            not_before=max(cert.not_valid_before_utc for cert in certificates),
            not_after=min(cert.not_valid_after_utc for cert in certificates),
        )

    def _fail(self, url: str, reason: str) -> None:
        with self._lock:
            self._failed[url] = (self._monotonic() + FAILURE_TTL_S, reason)
            self._failed.move_to_end(url)
            while len(self._failed) > MAX_CACHED_FAILURES:
                self._failed.popitem(last=False)

    def _refuse_if_failed(self, url: str) -> None:
        """Called under `_lock`: raise when `url` failed less than `FAILURE_TTL_S` ago."""
        failed = self._failed.get(url)
        if failed is None:
            return
        until, reason = failed
        if self._monotonic() < until:
            raise VerificationError(f"{reason} (cached)")
        del self._failed[url]


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
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as error:
        raise VerificationError("request has no readable timestamp") from error
    if moment.tzinfo is None:
        raise VerificationError("request timestamp has no time zone")
    return moment, kind.startswith("AlexaSkillEvent.")


class RequestVerifier:
    """All of Amazon's checks on one request: `verify(headers, raw_body)` returns or raises.

    The checks on the request alone come first; the certificate chain (perhaps a download) last.
    """

    def __init__(self, chains: ChainCache, clock: Clock | None = None) -> None:
        self._chains = chains
        self._clock = clock or (lambda: datetime.now(UTC))

    def verify(self, headers: Mapping[str, str], body: bytes) -> None:
        now = self._clock()
        url = normalised_chain_url(_header(headers, CHAIN_URL_HEADER))
        encoded = _header(headers, SIGNATURE_HEADER)
        try:
            signature = base64.b64decode(encoded, validate=True) if len(encoded) <= 2 * MAX_SIGNATURE_BYTES else b""
        except (binascii.Error, ValueError) as error:
            raise VerificationError("signature is not base64") from error
        if not 0 < len(signature) <= MAX_SIGNATURE_BYTES:
            raise VerificationError("signature has an impossible length")
        moment, is_event = request_timestamp(body)
        tolerance = EVENT_TOLERANCE if is_event else TOLERANCE
        if abs(now - moment) > tolerance:
            raise VerificationError("request timestamp is too far from now")
        key = self._chains.signer_key(url, now)
        try:
            key.verify(signature, body, padding.PKCS1v15(), hashes.SHA256())
        except InvalidSignature as error:
            raise VerificationError("signature does not match the body") from error
