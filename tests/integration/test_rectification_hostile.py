"""Hostile and honest: tampered, replayed and foreign notices and responses; responses for
closed or superseded findings; photos that fail ingest; who may answer a notice.

Every refusal says why and leaves the database as it was.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from inspector.services import keys
from inspector.services.exchange.package_format import write_container
from inspector.services.rectification.formats import ResponseManifest, read_response
from tests.integration.conftest import dump_tables, photo_bytes
from tests.integration.test_rectification import (
    ITEM,
    Sites,
    _answer_and_export,
    _finding,
    _issue,
    _json,
    sites,
)

__all__ = ["sites"]  # the fixture, shared


def _tamper(path: Path, member: str, edit: Any) -> Path:
    """A copy of a signed ZIP with one member's bytes changed (the signature kept)."""
    out = path.with_name("tampered_" + path.name)
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info, edit(data) if info.filename == member else data)
    return out


def _export_plain(sites: Sites, nid: str) -> Path:
    out = _json(sites.at("branch"), "rectify", "export", nid, "-o", str(sites.out), "--no-encrypt")
    assert isinstance(out, dict)
    return Path(str(out["file"]))


def _answered(sites: Sites) -> tuple[dict[str, Any], str]:
    """A notice issued and opened at the branch, its finding answered (not exported)."""
    issued = _issue(sites)
    branch = sites.at("branch")
    branch.ok("rectify", "open", str(issued["notice"]))
    photo = sites.tmp / "after.jpg"
    photo.write_bytes(photo_bytes("after", (400, 300)))
    nid = str(issued["id"])
    branch.ok("rectify", "respond", nid, ITEM, "--note", "已整改", "--photo", str(photo))
    return issued, nid


def _resign(sites: Sites, plain: Path, change: Any, name: str, *, at: str = "branch") -> Path:
    """The response re-made with ``change(manifest, blobs)`` and signed by ``at``'s key."""
    m, v = read_response(plain.read_bytes())
    data = m.model_dump(mode="json", exclude={"members"})
    blobs = dict(v.blobs)
    change(data, blobs)
    sites.at(at)
    device = keys.device_keys()
    data["device_fingerprint"] = device.fingerprint
    members = {f"blobs/{sha}": b for sha, b in blobs.items()}
    out = sites.out / name
    out.write_bytes(write_container(data, members, device, lambda d: None))
    return out


def _rejected(sites: Sites, path: Path, *args: str) -> str:
    hq = sites.at("hq")
    db = sites.db("hq")
    before = dump_tables(db)
    db.dispose()
    r = hq("import", str(path), "--json", *args)
    assert r.exit_code == 1, r.output
    receipt = json.loads(r.stdout)
    assert receipt["counts"]["rejected"] == 1, receipt
    db = sites.db("hq")
    assert dump_tables(db) == before  # nothing written
    db.dispose()
    return str(receipt["rejected"][0]["reason"])


# ---------------------------------------------------------------- notices
def test_a_tampered_notice_is_refused_and_nothing_is_stored(sites: Sites) -> None:
    issued = _issue(sites)
    bad = _tamper(
        Path(str(issued["notice"])),
        "manifest.json",
        lambda b: b.replace("整改".encode(), "完成".encode()) if "整改".encode() in b else b + b" ",
    )
    branch = sites.at("branch")
    r = branch("rectify", "open", str(bad))
    assert r.exit_code == 1 and "signature" in r.stderr
    assert _json(branch, "rectify", "list") == []


def test_a_notice_from_another_key_is_refused_once_hq_is_pinned(sites: Sites) -> None:
    issued = _issue(sites)
    branch = sites.at("branch")
    branch.ok("rectify", "open", str(issued["notice"]))
    # Another installation signs a notice of its own for the branch.
    other_db = sites.db("other")
    from tests.integration.conftest import make_finalized

    make_finalized(other_db, fail=(ITEM,), n_photos=0)
    other_db.dispose()
    other = sites.at("other")
    foreign = _json(other, "hq", "notice", "--branch", "SH001", "-o", str(sites.out))
    assert isinstance(foreign, dict)
    branch = sites.at("branch")
    r = branch("rectify", "open", str(foreign["notice"]))
    assert r.exit_code == 1
    assert "pinned here is" in r.stderr and str(issued["signer"]) in r.stderr
    r = branch("rectify", "open", str(foreign["notice"]), "--expect-fingerprint", "00" * 16)
    assert r.exit_code == 1 and "not by the expected" in r.stderr
    listed = _json(branch, "rectify", "list")
    assert isinstance(listed, list) and [n["id"] for n in listed] == [issued["id"]]


def test_the_expected_fingerprint_pins_hq_and_must_match(sites: Sites) -> None:
    issued = _issue(sites)
    branch = sites.at("branch")
    r = branch("rectify", "open", str(issued["notice"]), "--expect-fingerprint", "ab" * 16)
    assert r.exit_code == 1 and "not by the expected" in r.stderr
    fp = str(issued["signer"]).replace(":", "").upper()  # as read over the phone
    opened = _json(branch, "rectify", "open", str(issued["notice"]), "--expect-fingerprint", fp)
    assert isinstance(opened, dict) and opened["pinned_by"] == "given"


def test_a_notice_opened_twice_is_stored_once(sites: Sites) -> None:
    issued = _issue(sites)
    branch = sites.at("branch")
    branch.ok("rectify", "open", str(issued["notice"]))
    again = _json(branch, "rectify", "open", str(issued["notice"]))
    assert isinstance(again, dict) and again["already_opened"] is True
    listed = _json(branch, "rectify", "list")
    assert isinstance(listed, list) and len(listed) == 1 and len(listed[0]["findings"]) == 1


# ---------------------------------------------------------------- responses
def test_a_tampered_response_is_rejected(sites: Sites) -> None:
    _, nid = _answered(sites)
    plain = _export_plain(sites, nid)
    bad = _tamper(plain, "manifest.json", lambda b: b.replace("已整改".encode(), "未整改".encode()))
    assert "signature" in _rejected(sites, bad)
    assert _finding(sites.at("hq"))["status"] == "open"


def test_a_replayed_or_older_response_changes_nothing(sites: Sites) -> None:
    _, nid = _answered(sites)
    r1 = _export_plain(sites, nid)
    sites.at("branch").ok("rectify", "respond", nid, ITEM, "--note", "再次整改")
    r2 = _export_plain(sites, nid)
    hq = sites.at("hq")
    receipt = _json(hq, "import", str(r2))
    assert isinstance(receipt, dict) and receipt["counts"]["imported"] == 1
    again = _json(hq, "import", str(r2))
    assert isinstance(again, dict) and again["counts"]["duplicates"] == 1
    assert "revision 2 was received already" in _rejected(sites, r1)
    queue = _json(hq, "hq", "review", "--list")
    assert isinstance(queue, list) and queue[0]["answer"]["note"] == "再次整改"


def test_a_response_for_a_notice_never_issued_or_a_finding_not_carried_is_rejected(
    sites: Sites,
) -> None:
    _, nid = _answered(sites)
    plain = _export_plain(sites, nid)

    def other_notice(m: dict[str, Any], blobs: dict[str, bytes]) -> None:
        m["response"]["notice"] = "00000000-0000-4000-8000-000000000000"

    reason = _rejected(sites, _resign(sites, plain, other_notice, "a.response"))
    assert "never issued here" in reason

    def other_item(m: dict[str, Any], blobs: dict[str, bytes]) -> None:
        m["answers"][0]["item"] = "ex.other"

    reason = _rejected(sites, _resign(sites, plain, other_item, "b.response"))
    assert "does not carry" in reason and "ex.other" in reason


def test_a_photo_that_fails_ingest_rejects_the_response(sites: Sites) -> None:
    _, nid = _answered(sites)
    plain = _export_plain(sites, nid)

    def truncate(m: dict[str, Any], blobs: dict[str, bytes]) -> None:
        import hashlib

        shot = m["answers"][0]["photos"][0]
        data = blobs.pop(shot["image"]["sha256"])[:300]
        sha = hashlib.sha256(data).hexdigest()
        blobs[sha] = data
        shot["image"]["sha256"] = sha
        shot["sha256"] = sha

    reason = _rejected(sites, _resign(sites, plain, truncate, "c.response"))
    assert "cannot be used" in reason and ITEM in reason


def test_a_key_bound_to_another_branch_may_not_answer(sites: Sites) -> None:
    _issued, nid = _answered(sites)
    plain = _export_plain(sites, nid)
    # The branch's key is bound (at HQ) to another branch's code.
    sites.at("branch")
    pub = sites.tmp / "branch.pub"
    pub.write_bytes(keys.device_keys().public.to_file_bytes())
    sites.at("hq").ok("keys", "trust", str(pub), "--branch", "BJ001")
    reason = _rejected(sites, plain)
    assert "bound to branch BJ001" in reason


def test_trusted_only_refuses_an_unbound_key_and_binding_makes_it_trusted(
    sites: Sites,
) -> None:
    _, nid = _answered(sites)
    plain = _export_plain(sites, nid)
    assert "not bound to branch SH001" in _rejected(sites, plain, "--trusted-only")
    sites.at("branch")
    pub = sites.tmp / "branch.pub"
    pub.write_bytes(keys.device_keys().public.to_file_bytes())
    hq = sites.at("hq")
    hq.ok("keys", "trust", str(pub), "--branch", "SH001", "--label", "浦东支行消保专员")
    listed = _json(hq, "keys", "list")
    assert isinstance(listed, list) and listed[0]["branch"] == "SH001"
    receipt = _json(hq, "import", str(plain), "--trusted-only")
    assert isinstance(receipt, dict) and receipt["imported"][0]["untrusted"] is False


def test_the_first_answer_binds_the_notice_to_its_key(sites: Sites) -> None:
    _issued, nid = _answered(sites)
    first = _export_plain(sites, nid)
    sites.at("hq").ok("import", str(first))

    def newer(m: dict[str, Any], blobs: dict[str, bytes]) -> None:
        m["response"]["revision"] = 2

    # Another computer (an unbound key) answers the same notice: refused.
    sites.at("other")
    forged = _resign(sites, first, newer, "d.response", at="other")
    reason = _rejected(sites, forged)
    assert "later responses must come from the same key" in reason


def test_a_response_for_a_superseded_revision_is_rejected(sites: Sites) -> None:
    _issued, nid = _answered(sites)
    old = _export_plain(sites, nid)
    issued2 = _issue(sites)  # supersedes revision 1 for the finding
    assert issued2["revision"] == 2
    reason = _rejected(sites, old)
    assert "superseded by revision 2" in reason


def test_a_response_for_a_closed_finding_is_kept_but_changes_nothing(sites: Sites) -> None:
    _issued, nid = _answered(sites)
    plain = _export_plain(sites, nid)
    hq = sites.at("hq")
    hq.ok("hq", "close-finding", sites.uuid, ITEM, "--note", "复查时已整改")  # type: ignore[attr-defined]
    receipt = _json(hq, "import", str(plain))
    assert isinstance(receipt, dict) and receipt["counts"]["imported"] == 1
    notes = receipt["imported"][0]["notes"]
    assert any("was closed on" in n for n in notes)
    f = _finding(hq)
    assert (f["status"], f["closed_via"]) == ("closed", "hand")
    r = hq("hq", "review", nid, ITEM, "--accept")
    assert r.exit_code == 1 and "no submitted answer" in r.stderr


def test_a_late_response_is_marked_late(sites: Sites, monkeypatch: pytest.MonkeyPatch) -> None:
    issued = _issue(sites, "--deadline", "2026-11-25")
    monkeypatch.setenv("INSPECTOR_CLOCK", "2026-12-02T02:00:00+00:00")
    path = _answer_and_export(sites, str(issued["notice"]), note="迟交", label="late")
    receipt = _json(sites.at("hq"), "import", path)
    assert isinstance(receipt, dict)
    entry = receipt["imported"][0]
    assert entry["late"] is True and any("later than the deadline" in n for n in entry["notes"])
    queue = _json(sites.at("hq"), "hq", "review", "--list")
    assert isinstance(queue, list) and queue[0]["late"] is True


def test_manifest_model_refuses_an_answer_without_words() -> None:
    from pydantic import ValidationError

    base = {
        "inspection": "00000000-0000-4000-8000-000000000000",
        "item": "x",
        "notice_revision": 1,
    }
    with pytest.raises(ValidationError, match="says what was done"):
        ResponseManifest.model_validate(
            {
                "format": "branch-inspector-response",
                "format_version": 1,
                "app_version": "1",
                "exported_at": "2026-11-20T00:00:00Z",
                "device_fingerprint": "x",
                "response": {
                    "notice": base["inspection"],
                    "notice_revision": 1,
                    "revision": 1,
                    "branch": "B",
                    "hq_fingerprint": "y",
                },
                "answers": [{**base, "answered": True, "note": " "}],
                "members": [],
            }
        )


def test_unreadable_zip_as_notice_is_a_clear_refusal(sites: Sites) -> None:
    bad = sites.tmp / "x.notice"
    bad.write_bytes(io.BytesIO(b"not a zip").getvalue())
    r = sites.at("branch")("rectify", "open", str(bad))
    assert r.exit_code == 1 and "error:" in r.stderr and "Traceback" not in r.output


def test_an_installed_hq_pack_pins_the_key_notices_must_come_from(sites: Sites) -> None:
    hq = sites.at("hq")
    pack = sites.tmp / "hq.hqpack"
    hq.ok("hq", "publish", "-o", str(pack), "--settings")
    fp = hq.ok("keys", "show").strip()
    branch = sites.at("branch")
    branch.ok("install", str(pack), "--expect-fingerprint", fp)
    issued = _issue(sites)
    opened = _json(sites.at("branch"), "rectify", "open", str(issued["notice"]))
    assert isinstance(opened, dict) and opened["pinned_by"] == "pack"
    assert opened["newly_pinned"] is False
    # Another key's notice is refused, and a fingerprint given by hand cannot override
    # the pack's pin.
    other_db = sites.db("other")
    from tests.integration.conftest import make_finalized

    make_finalized(other_db, fail=(ITEM,), n_photos=0)
    other_db.dispose()
    foreign = _json(sites.at("other"), "hq", "notice", "--branch", "SH001", "-o", str(sites.out))
    assert isinstance(foreign, dict)
    branch = sites.at("branch")
    r = branch(
        "rectify", "open", str(foreign["notice"]), "--expect-fingerprint", str(foreign["signer"])
    )
    assert r.exit_code == 1 and "installed HQ pack" in r.stderr
