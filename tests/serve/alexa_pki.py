"""A test public-key infrastructure that imitates Alexa's: a root CA (trusted only in the tests), an
intermediate CA, and a signing certificate for echo-api.amazon.com; plus signed HTTP requests."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

CHAIN_URL = "https://s3.amazonaws.com/echo.api/echo-api-cert-12.pem"
NOW = datetime.now(UTC).replace(microsecond=0)


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Tests Mairie vocale"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


@dataclass
class Authority:
    """A certification authority able to issue certificates."""

    name: str
    key: rsa.RSAPrivateKey = field(default_factory=_key)
    certificate: x509.Certificate | None = None
    issuer: Authority | None = None

    def __post_init__(self) -> None:
        if self.certificate is None:
            signer = self.issuer or self
            builder = (
                _base(_name(self.name), signer, self.key, NOW - timedelta(days=365), NOW + timedelta(days=3650))
                .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                .add_extension(
                    x509.KeyUsage(
                        digital_signature=True,
                        content_commitment=False,
                        key_encipherment=False,
                        data_encipherment=False,
                        key_agreement=False,
                        key_cert_sign=True,
                        crl_sign=True,
                        encipher_only=False,
                        decipher_only=False,
                    ),
                    critical=True,
                )
            )
            self.certificate = builder.sign(signer.key, hashes.SHA256())

    @property
    def cert(self) -> x509.Certificate:
        assert self.certificate is not None
        return self.certificate

    def issue_signer(
        self,
        dns_name: str = "echo-api.amazon.com",
        not_before: datetime | None = None,
        not_after: datetime | None = None,
    ) -> Signer:
        key = _key()
        certificate = (
            _base(
                _name(dns_name),
                self,
                key,
                not_before or NOW - timedelta(days=30),
                not_after or NOW + timedelta(days=300),
            )
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(dns_name)]), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=False,
                    key_encipherment=True,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=False,
                    crl_sign=False,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .sign(self.key, hashes.SHA256())
        )
        chain = [certificate]
        authority: Authority | None = self
        while authority is not None and authority.issuer is not None:  # intermediates, not the root
            chain.append(authority.cert)
            authority = authority.issuer
        return Signer(key, chain)


def _base(
    subject: x509.Name, issuer: Authority, key: rsa.RSAPrivateKey, not_before: datetime, not_after: datetime
) -> x509.CertificateBuilder:
    issuer_name = subject if issuer.certificate is None else issuer.cert.subject
    issuer_public = key.public_key() if issuer.certificate is None else issuer.key.public_key()
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_public), critical=False)
    )


@dataclass
class Signer:
    """A signing certificate (with its intermediates) and its private key."""

    key: rsa.RSAPrivateKey
    chain: list[x509.Certificate]

    def pem(self) -> bytes:
        return b"".join(cert.public_bytes(serialization.Encoding.PEM) for cert in self.chain)

    def sign(self, body: bytes) -> str:
        return base64.b64encode(self.key.sign(body, padding.PKCS1v15(), hashes.SHA256())).decode("ascii")

    def headers(self, body: bytes, chain_url: str = CHAIN_URL) -> dict[str, str]:
        return {"SignatureCertChainUrl": chain_url, "Signature-256": self.sign(body)}


def stamped(event: dict[str, Any], moment: datetime) -> bytes:
    """The event as Alexa would send it, with its timestamp set to `moment`."""
    event["request"]["timestamp"] = moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return json.dumps(event).encode("utf-8")
