"""The HQ key a branch installation accepts notices from: pinned once, then required.

Where the pin comes from, strongest first:

* ``pack``: the newest installed HQ pack (``inspector install FILE.hqpack``,
  :func:`inspector.services.publish.install.current_pin`) pins HQ's key, and a pack may
  hand HQ over to a new key; nothing else replaces that pin;
* ``given``: ``inspector rectify open FILE --expect-fingerprint FP``, the fingerprint read
  out by HQ over the phone or printed on the paper notice;
* ``tofu``: trust on first use: the first notice opened pins its signer, and the
  fingerprint is shown so that the branch can compare it with HQ's.

A notice signed by any other key is refused; HQ changing its key is a new pin given on
purpose (``--expect-fingerprint`` with the new fingerprint, or a new HQ pack), never a
silent switch.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector.db.models import utcnow
from inspector.db.rect_models import HqKey
from inspector.services import audit, keys
from inspector.services.exchange.package_format import PackageError
from inspector.services.publish import install as publish_install
from inspector.text import rectification as T

log = logging.getLogger(__name__)


class PinSource(StrEnum):
    PACK = "pack"
    GIVEN = "given"
    TOFU = "tofu"


_RANK = {PinSource.PACK: 0, PinSource.GIVEN: 1, PinSource.TOFU: 2}


@dataclass(frozen=True)
class Pinned:
    fingerprint: str
    source: PinSource
    newly: bool = False  # pinned by this call (trust on first use or a given fingerprint)


def normalise_fingerprint(fp: str) -> str:
    """``3F2A9C41…`` or ``3f2a:9c41:…`` -> ``3f2a:9c41:…`` (as keys print them)."""
    raw = "".join(ch for ch in fp.lower() if ch in "0123456789abcdef")
    return ":".join(raw[i : i + 4] for i in range(0, len(raw), 4))


@dataclass(frozen=True)
class Pin:
    fingerprint: str
    public_file: bytes
    source: PinSource


def current(session: Session) -> Pin | None:
    """The HQ key notices must come from: an installed HQ pack's, else the one pinned here
    by a given fingerprint or on first use."""
    pack = publish_install.current_pin(session)
    if pack is not None:
        return Pin(pack.fingerprint, pack.public_file, PinSource.PACK)
    row = pinned(session)
    if row is None:
        return None
    return Pin(row.fingerprint, row.public_key, PinSource(row.source))


def pinned(session: Session) -> HqKey | None:
    """The HQ key pinned by this module (given or on first use), the strongest first."""
    rows = list(session.scalars(select(HqKey)))
    if not rows:
        return None
    return min(rows, key=lambda r: (_RANK.get(PinSource(r.source), 9), -r.pinned_at.timestamp()))


def pin(session: Session, public_file: bytes, *, source: PinSource, actor: str = "") -> HqKey:
    """Pin HQ's key (the ``keys export`` file); replaces any pin from a weaker source."""
    pub = keys.parse_public_file(public_file, "HQ key")
    row = session.get(HqKey, pub.fingerprint)
    old = pinned(session)
    if row is None:
        row = HqKey(fingerprint=pub.fingerprint, public_key=public_file, source=source)
        session.add(row)
    else:
        row.source = source
        row.pinned_at = utcnow()
    for other in session.scalars(select(HqKey).where(HqKey.fingerprint != pub.fingerprint)):
        session.delete(other)
    session.flush()
    audit.record(
        session,
        actor=actor,
        entity="hq_key",
        action="pin",
        key=pub.fingerprint,
        old={"fingerprint": old.fingerprint, "source": old.source} if old else None,
        new={"fingerprint": pub.fingerprint, "source": str(source)},
    )
    return row


def check_signer(
    session: Session,
    public: keys.PublicKeys,
    *,
    expect: str | None,
    actor: str = "",
) -> Pinned:
    """Accept a notice's signer or raise :class:`PackageError` saying why.

    With a pin, the signer must be the pinned key; ``expect`` (a fingerprint given on
    purpose) may replace a pin that is not from an HQ pack. Without one, ``expect`` must
    match the signer, else the signer is trusted on first use.
    """
    fp = public.fingerprint
    want = normalise_fingerprint(expect) if expect else None
    if want is not None and want != fp:
        raise PackageError(T.FINGERPRINT_DIFFERS, signer=fp, expected=want)
    row = current(session)
    if row is not None and row.fingerprint == fp:
        return Pinned(fp, row.source)
    if row is not None and (want is None or row.source == PinSource.PACK):
        raise PackageError(
            T.NOT_HQ_KEY, signer=fp, pinned=row.fingerprint, source=T.PIN_SOURCES[row.source]
        )
    source = PinSource.GIVEN if want is not None else PinSource.TOFU
    pin(session, public.to_file_bytes(), source=source, actor=actor)
    log.info("HQ key %s pinned (%s)", fp, source)
    return Pinned(fp, source, newly=True)
