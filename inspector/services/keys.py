"""Device keys, the trusted-key list, and the authenticated encryption of packages.

Each installation has one key file in the per-user data folder, created on first use with
mode 0600: an Ed25519 key that signs the packages it exports, and an X25519 key that HQ
uses to receive encrypted packages. Both public halves travel together in one text file
(``inspector keys export``), which is also the ``device.pub`` member of every package, so
HQ can trust a device either from a file it was handed or from a package it received.

The fingerprint names a device: the first 16 bytes of SHA-256 over the raw Ed25519 public
key, in hex groups of four (short enough to read out over the phone, long enough that no
one can find a second key with the same fingerprint).
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import secrets
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from inspector import paths
from inspector.db.models import Inspection, TrustedKey
from inspector.errors import UserError, ValidationError
from inspector.text import keys as T

log = logging.getLogger(__name__)

KEY_FILE_NAME = "device-key.pem"
PUBLIC_FILE_MAX = 16 * 1024
_PEM_RE = re.compile(rb"-----BEGIN ([A-Z ]+)-----\r?\n.*?-----END \1-----", re.DOTALL)

# Encrypted package envelope: MAGIC | ephemeral X25519 public key (32) | nonce (12) |
# AES-256-GCM ciphertext+tag. The header is the AEAD's associated data, so it cannot be
# swapped without the tag failing.
ENC_MAGIC = b"BIPKG-ENC-1\n"
_HKDF_INFO = b"branch-inspector package encryption v1"


class DeviceKeyError(UserError):
    """A key file that cannot be read or used."""


def fingerprint_of(public_raw: bytes) -> str:
    digest = hashlib.sha256(public_raw).hexdigest()[:32]
    return ":".join(digest[i : i + 4] for i in range(0, 32, 4))


def _raw_public(key: Ed25519PublicKey | X25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


@dataclass(frozen=True)
class PublicKeys:
    """The public halves of a device's keys, raw bytes (32 each)."""

    signing: bytes
    exchange: bytes | None

    @property
    def fingerprint(self) -> str:
        return fingerprint_of(self.signing)

    def to_file_bytes(self) -> bytes:
        """The ``keys export`` / ``device.pub`` text: a comment and one PEM block per key."""
        parts = [
            b"# Branch Inspector device public key\n",
            f"# fingerprint: {self.fingerprint}\n".encode(),
            Ed25519PublicKey.from_public_bytes(self.signing).public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            ),
        ]
        if self.exchange is not None:
            parts.append(
                X25519PublicKey.from_public_bytes(self.exchange).public_bytes(
                    serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
                )
            )
        return b"".join(parts)


def parse_public_file(data: bytes, source: str) -> PublicKeys:
    """Read a public key file; ``source`` names it in error messages."""
    if len(data) > PUBLIC_FILE_MAX:
        raise ValidationError(T.TOO_LARGE, source=source)
    signing: bytes | None = None
    exchange: bytes | None = None
    for m in _PEM_RE.finditer(data):
        if m.group(1) != b"PUBLIC KEY":
            raise ValidationError(
                T.NOT_PUBLIC, source=source, kind=m.group(1).decode(errors="replace").lower()
            )
        try:
            key = serialization.load_pem_public_key(m.group(0))
        except ValueError:
            raise ValidationError(T.DAMAGED_BLOCK, source=source) from None
        if isinstance(key, Ed25519PublicKey) and signing is None:
            signing = _raw_public(key)
        elif isinstance(key, X25519PublicKey) and exchange is None:
            exchange = _raw_public(key)
    if signing is None:
        raise ValidationError(T.NO_ED25519, source=source)
    return PublicKeys(signing=signing, exchange=exchange)


@dataclass(frozen=True)
class DeviceKeys:
    """This installation's private keys."""

    signing: Ed25519PrivateKey
    exchange: X25519PrivateKey

    @property
    def public(self) -> PublicKeys:
        return PublicKeys(
            signing=_raw_public(self.signing.public_key()),
            exchange=_raw_public(self.exchange.public_key()),
        )

    @property
    def fingerprint(self) -> str:
        return self.public.fingerprint

    def sign(self, data: bytes) -> bytes:
        return self.signing.sign(data)


def key_path() -> Path:
    return paths.user_data_dir() / KEY_FILE_NAME


def _serialize(keys: DeviceKeys) -> bytes:
    fmt = serialization.PrivateFormat.PKCS8
    enc = serialization.NoEncryption()
    return keys.signing.private_bytes(
        serialization.Encoding.PEM, fmt, enc
    ) + keys.exchange.private_bytes(serialization.Encoding.PEM, fmt, enc)


def _parse_private(data: bytes, path: Path) -> DeviceKeys:
    signing: Ed25519PrivateKey | None = None
    exchange: X25519PrivateKey | None = None
    for m in _PEM_RE.finditer(data):
        try:
            key = serialization.load_pem_private_key(m.group(0), password=None)
        except (ValueError, TypeError):
            continue
        if isinstance(key, Ed25519PrivateKey):
            signing = key
        elif isinstance(key, X25519PrivateKey):
            exchange = key
    if signing is None or exchange is None:
        raise DeviceKeyError(T.DEVICE_KEY_DAMAGED, path=str(path))
    return DeviceKeys(signing=signing, exchange=exchange)


def device_keys() -> DeviceKeys:
    """This installation's keys, created (mode 0600) on first use."""
    path = key_path()
    return _device_keys_at(str(path), _mtime(path))


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except FileNotFoundError:
        return 0


@lru_cache(maxsize=4)
def _device_keys_at(path_s: str, _mtime_ns: int) -> DeviceKeys:
    path = Path(path_s)
    if path.exists():
        return _parse_private(path.read_bytes(), path)
    keys = DeviceKeys(signing=Ed25519PrivateKey.generate(), exchange=X25519PrivateKey.generate())
    # Write to a private temporary file, then link it into place: link fails if another
    # process created the key meanwhile, and nobody ever reads a half-written key.
    tmp = path.with_name(f".{KEY_FILE_NAME}.{secrets.token_hex(6)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(_serialize(keys))
            f.flush()
            os.fsync(f.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            return _parse_private(path.read_bytes(), path)
    finally:
        tmp.unlink(missing_ok=True)
    log.info("created device key %s (%s)", path, keys.fingerprint)
    return keys


def verify_signature(public_raw: bytes, signature: bytes, data: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public_raw).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


# ---------------------------------------------------------------- encryption
def _derive(shared: bytes, eph_pub: bytes, recipient_pub: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=eph_pub + recipient_pub, info=_HKDF_INFO
    ).derive(shared)


def encrypt_to(recipient_exchange_raw: bytes, plaintext: bytes) -> bytes:
    """Seal ``plaintext`` for the holder of the X25519 key (ECIES: X25519+HKDF+AES-GCM)."""
    recipient = X25519PublicKey.from_public_bytes(recipient_exchange_raw)
    eph = X25519PrivateKey.generate()
    eph_pub = _raw_public(eph.public_key())
    key = _derive(eph.exchange(recipient), eph_pub, recipient_exchange_raw)
    nonce = secrets.token_bytes(12)
    header = ENC_MAGIC + eph_pub + nonce
    return header + AESGCM(key).encrypt(nonce, plaintext, header)


def is_encrypted(data: bytes) -> bool:
    return data.startswith(ENC_MAGIC)


def decrypt(keys: DeviceKeys, data: bytes) -> bytes:
    """Open an envelope sealed to this installation; ValueError when it cannot."""
    n = len(ENC_MAGIC)
    if len(data) < n + 32 + 12 + 16 or not data.startswith(ENC_MAGIC):
        raise ValueError("not an encrypted package or truncated")
    eph_pub, nonce = data[n : n + 32], data[n + 32 : n + 44]
    header = data[: n + 44]
    own = _raw_public(keys.exchange.public_key())
    try:
        shared = keys.exchange.exchange(X25519PublicKey.from_public_bytes(eph_pub))
        key = _derive(shared, eph_pub, own)
        return AESGCM(key).decrypt(nonce, data[n + 44 :], header)
    except (InvalidTag, ValueError):
        raise ValueError(
            "cannot decrypt: encrypted to another key, or damaged in transit"
        ) from None


# ---------------------------------------------------------------- trusted keys
def trust(
    session: Session,
    data: bytes,
    *,
    label: str = "",
    source: str = "key file",
    can_amend: bool | None = None,
    branch: str | None = None,
) -> TrustedKey:
    """Add a device's public key to HQ's trusted list (or relabel it).

    ``can_amend`` grants (True) or withdraws (False) the right to send revisions of
    inspections another device owns; None leaves it as it was (not granted for a new key).
    ``branch`` binds the key to a branch code (the branch whose rectification responses it
    may sign); None leaves the binding as it was.
    """
    pub = parse_public_file(data, source)
    fp = pub.fingerprint
    row = session.get(TrustedKey, fp)
    if row is None:
        row = TrustedKey(
            fingerprint=fp, public_key=pub.signing, label=label.strip(), can_amend=bool(can_amend)
        )
        session.add(row)
    else:
        if label.strip():
            row.label = label.strip()
        if can_amend is not None:
            row.can_amend = can_amend
    if branch is not None and branch.strip():
        row.branch_code = branch.strip()
    # Inspections already received from this device become trusted too.
    session.execute(
        update(Inspection).where(Inspection.device_fingerprint == fp).values(trusted=True)
    )
    session.flush()
    return row


def list_trusted(session: Session) -> list[TrustedKey]:
    return list(session.scalars(select(TrustedKey).order_by(TrustedKey.added_at)))


def is_trusted(session: Session, fingerprint: str) -> bool:
    return session.get(TrustedKey, fingerprint) is not None


def can_amend(session: Session, fingerprint: str) -> bool:
    """May this (trusted) device send revisions of inspections another device owns?"""
    row = session.get(TrustedKey, fingerprint)
    return row is not None and bool(row.can_amend)


def trusted_dict(row: TrustedKey) -> dict[str, Any]:
    return {
        "fingerprint": row.fingerprint,
        "label": row.label,
        "added_at": row.added_at.isoformat(),
        "can_amend": bool(row.can_amend),
        "branch": row.branch_code,
    }
