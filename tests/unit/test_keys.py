"""Device keys: created once with mode 0600, stable fingerprint, public file, encryption."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from inspector.errors import ValidationError
from inspector.services import keys


def test_key_is_created_once_private_and_stable(_isolated_home: Path) -> None:
    k1 = keys.device_keys()
    path = keys.key_path()
    assert path.parent == _isolated_home
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert keys.device_keys().fingerprint == k1.fingerprint
    assert len(k1.fingerprint) == 39 and k1.fingerprint.count(":") == 7
    assert not list(_isolated_home.glob(".*.tmp"))


def test_damaged_key_file_is_a_clear_error(_isolated_home: Path) -> None:
    keys.key_path().write_bytes(b"garbage")
    with pytest.raises(keys.DeviceKeyError, match="damaged"):
        keys.device_keys()


def test_public_file_round_trip_and_signature() -> None:
    k = keys.device_keys()
    pub = keys.parse_public_file(k.public.to_file_bytes(), "pub")
    assert pub == k.public and pub.fingerprint == k.fingerprint
    sig = k.sign(b"manifest")
    assert keys.verify_signature(pub.signing, sig, b"manifest")
    assert not keys.verify_signature(pub.signing, sig, b"manifest!")
    assert not keys.verify_signature(pub.signing, b"\0" * 64, b"manifest")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "no Ed25519 public key"),
        (b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", "not a public key"),
        (b"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", "damaged"),
        (b"x" * (keys.PUBLIC_FILE_MAX + 1), "too large"),
    ],
)
def test_bad_public_files(data: bytes, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        keys.parse_public_file(data, "f.pub")


def test_encryption_is_authenticated_and_bound_to_the_key() -> None:
    hq = keys.device_keys()
    assert hq.public.exchange is not None
    sealed = keys.encrypt_to(hq.public.exchange, b"secret package")
    assert keys.is_encrypted(sealed) and b"secret" not in sealed
    assert keys.decrypt(hq, sealed) == b"secret package"
    tampered = sealed[:-1] + bytes([sealed[-1] ^ 1])
    with pytest.raises(ValueError, match="cannot decrypt"):
        keys.decrypt(hq, tampered)
    other = keys.DeviceKeys(
        signing=keys.Ed25519PrivateKey.generate(), exchange=keys.X25519PrivateKey.generate()
    )
    with pytest.raises(ValueError, match="cannot decrypt"):
        keys.decrypt(other, sealed)
    with pytest.raises(ValueError, match="truncated"):
        keys.decrypt(hq, sealed[:20])
