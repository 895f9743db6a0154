"""The rectification loop end to end: HQ issues a notice, the branch answers with photos,
HQ imports the response and accepts or returns it, by the commands a user runs.

HQ and the branch are two installations: two databases and two device keys (two
``INSPECTOR_HOME`` folders), switched with :class:`Sites`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from inspector.db import Database, open_database
from tests.conftest import Cli
from tests.integration.conftest import make_finalized, photo_bytes

ITEM = "ex.polite"


class Sites:
    """HQ and one branch: each its own database and key folder."""

    def __init__(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.tmp = tmp_path
        self.mp = monkeypatch
        self.homes: dict[str, Path] = {}
        self.dbs: dict[str, Path] = {}
        for name in ("hq", "branch", "other"):
            (tmp_path / name).mkdir()
            self.homes[name] = tmp_path / name / "home"
            self.homes[name].mkdir()
            self.dbs[name] = tmp_path / name / "db.sqlite3"
        self.out = tmp_path / "out"
        self.out.mkdir()

    def at(self, name: str) -> Cli:
        self.mp.setenv("INSPECTOR_HOME", str(self.homes[name]))
        return Cli(self.dbs[name])

    def db(self, name: str) -> Database:
        self.mp.setenv("INSPECTOR_HOME", str(self.homes[name]))
        return open_database(str(self.dbs[name]))


@pytest.fixture
def sites(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Sites:
    s = Sites(tmp_path, monkeypatch)
    db = s.db("hq")
    s.uuid = make_finalized(db, fail=(ITEM,), n_photos=1, redact=True)  # type: ignore[attr-defined]
    db.dispose()
    return s


def _json(cli: Cli, *args: str) -> object:
    return json.loads(cli.ok(*args, "--json"))


def _finding(cli: Cli) -> dict[str, object]:
    rows = _json(cli, "hq", "findings")
    assert isinstance(rows, list)
    return next(r for r in rows if r["item"] == ITEM)


def _issue(sites: Sites, *extra: str) -> dict[str, object]:
    out = _json(sites.at("hq"), "hq", "notice", "--branch", "SH001", "-o", str(sites.out), *extra)
    assert isinstance(out, dict)
    return out


def _photo(tmp: Path, label: str) -> Path:
    p = tmp / f"{label}.jpg"
    p.write_bytes(photo_bytes(label, (400, 300)))
    return p


def _answer_and_export(sites: Sites, notice_file: str, *, note: str, label: str) -> str:
    branch = sites.at("branch")
    branch.ok("rectify", "open", notice_file)
    listed = _json(branch, "rectify", "list")
    assert isinstance(listed, list)
    nid = str(listed[0]["id"])
    branch.ok(
        "rectify",
        "respond",
        nid,
        ITEM,
        "--note",
        note,
        "--cause",
        "新员工培训不足",
        "--prevention",
        "每月服务礼仪抽查",
        "--done-on",
        "2026-11-18",
        "--by",
        "赵行长",
        "--photo",
        str(_photo(sites.tmp, label)),
    )
    out = _json(branch, "rectify", "export", nid, "-o", str(sites.out))
    assert isinstance(out, dict)
    return str(out["file"])


def test_a_finding_goes_through_notice_response_return_and_acceptance(sites: Sites) -> None:
    hq = sites.at("hq")
    assert _finding(hq)["status"] == "open"
    issued = _issue(sites)
    assert issued["revision"] == 1 and issued["findings"] == 1
    assert Path(str(issued["pdf"])).read_bytes().startswith(b"%PDF")
    number = str(issued["number"])
    assert number.startswith("消保整改〔2026〕") and number.endswith("号")

    # The branch opens it (trust on first use: the fingerprint is shown) and lists it.
    branch = sites.at("branch")
    r = branch("rectify", "open", str(issued["notice"]))
    assert r.exit_code == 0, r.output
    assert "trusted on first use" in r.stderr and str(issued["signer"]) in r.stderr
    listed = _json(branch, "rectify", "list")
    assert isinstance(listed, list) and len(listed) == 1
    n = listed[0]
    assert (n["id"], n["branch"], n["deadline"]) == (issued["id"], "SH001", issued["deadline"])
    assert [(f["item"], f["status"], f["answer"]) for f in n["findings"]] == [(ITEM, "open", None)]

    # Not every finding answered: refused, nothing written.
    r = branch("rectify", "export", str(n["id"]), "-o", str(sites.out))
    assert r.exit_code == 1 and "not answered yet" in r.stderr and ITEM in r.stderr
    assert not list(sites.out.glob("*.response"))

    response1 = _answer_and_export(sites, str(issued["notice"]), note="已重新培训", label="r1")
    listed = _json(branch, "rectify", "list")
    assert isinstance(listed, list)
    assert listed[0]["findings"][0]["status"] == "submitted"
    assert listed[0]["response_revision"] == 1

    # HQ imports it through the one import command: submitted, untrusted (unbound key).
    hq = sites.at("hq")
    receipt = _json(hq, "import", response1)
    assert isinstance(receipt, dict)
    assert receipt["counts"]["imported"] == 1, receipt
    entry = receipt["imported"][0]
    assert entry["kind"] == "response" and entry["untrusted"] is True
    assert entry["findings"] == [
        {
            "inspection": sites.uuid,  # type: ignore[attr-defined]
            "item": ITEM,
            "answered": True,
            "late": False,
            "status": "submitted",
        }
    ]
    assert _finding(hq)["status"] == "submitted"
    queue = _json(hq, "hq", "review", "--list")
    assert isinstance(queue, list) and len(queue) == 1
    q = queue[0]
    assert q["answer"]["note"] == "已重新培训" and q["answer"]["cause"] == "新员工培训不足"
    assert len(q["answer"]["photos"]) == 1 and len(q["finding_photos"]) >= 0
    assert q["untrusted"] is True

    # HQ returns it with a reason: back to the branch, and the next notice carries it.
    r = hq("hq", "review", str(issued["id"])[:8], ITEM, "--return")
    assert r.exit_code == 2 or r.exit_code == 1  # --return needs --note
    hq.ok("hq", "review", str(issued["id"])[:8], ITEM, "--return", "--note", "照片看不清柜台")
    assert _finding(hq)["status"] == "returned"
    issued2 = _issue(sites)
    assert (issued2["id"], issued2["revision"], issued2["number"]) == (
        issued["id"],
        2,
        issued["number"],
    )
    response2 = _answer_and_export(sites, str(issued2["notice"]), note="补拍照片", label="r2")
    branch = sites.at("branch")
    listed = _json(branch, "rectify", "list")
    assert isinstance(listed, list)
    assert listed[0]["revision"] == 2 and listed[0]["response_revision"] == 2

    hq = sites.at("hq")
    receipt = _json(hq, "import", response2)
    assert isinstance(receipt, dict) and receipt["counts"]["imported"] == 1, receipt
    assert _finding(hq)["status"] == "submitted"
    hq.ok("hq", "review", number, ITEM, "--accept", "--note", "整改到位")
    f = _finding(hq)
    assert f["status"] == "closed" and f["closed_via"] == "response"
    assert f["closed_by"] == issued["id"] and f["closed_at"]
    assert "closed by branch response" in str(f["note"])
    assert _json(hq, "hq", "review", "--list") == []
    assert "closed    " in hq.ok("hq", "findings", "--status", "closed")
    # HQ's own list of its notices: the finding's state at HQ.
    issued_list = _json(hq, "rectify", "list")
    assert isinstance(issued_list, list) and issued_list[0]["origin"] == "issued"
    assert issued_list[0]["response_revision"] == 2
    assert [f["status"] for f in issued_list[0]["findings"]] == ["closed"]

    # Every step is in the inspection's audit trail.
    audit = _json(hq, "audit", sites.uuid)  # type: ignore[attr-defined]
    assert isinstance(audit, list)
    steps = [e["action"] for e in audit if e["entity"] == "finding" and e["key"] == ITEM]
    assert steps[-6:] == ["notice", "submit", "return", "notice", "submit", "close"]


def test_returned_reason_travels_in_the_next_notice(sites: Sites) -> None:
    issued = _issue(sites)
    response1 = _answer_and_export(sites, str(issued["notice"]), note="已整改", label="a")
    hq = sites.at("hq")
    hq.ok("import", response1)
    hq.ok("hq", "review", str(issued["id"]), ITEM, "--return", "--note", "缺少整改后照片")
    issued2 = _issue(sites)
    branch = sites.at("branch")
    opened = _json(branch, "rectify", "open", str(issued2["notice"]))
    assert isinstance(opened, dict)
    assert opened["findings"][0]["status"] == "returned"
    listed = _json(branch, "rectify", "list")
    assert isinstance(listed, list)
    # The answer sent for revision 1 no longer counts: HQ returned it.
    assert listed[0]["findings"][0]["status"] == "returned"
    # Sending the returned answer again unchanged is refused: change it as HQ asks.
    r = branch("rectify", "export", str(issued["id"]), "-o", str(sites.out))
    assert r.exit_code == 1 and "not been changed" in r.stderr and ITEM in r.stderr
    branch.ok("rectify", "respond", str(issued["id"]), ITEM, "--note", "补充整改后照片")
    branch.ok("rectify", "export", str(issued["id"]), "-o", str(sites.out))


def test_notice_pdf_names_the_branch_the_deadline_and_the_signature_lines(
    sites: Sites, tmp_path: Path
) -> None:
    import subprocess

    issued = _issue(sites)
    pdf = Path(str(issued["pdf"]))
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "整改通知书" in text and str(issued["number"]) in text
    assert "上海分行浦东支行" in text and str(issued["deadline"]) in text
    assert "签发单位" in text and "接收网点负责人" in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    assert rows and all("WenQuanYiMicroHei" in r[0] for r in rows), fonts  # no Helvetica
    assert all(r[-5] == "yes" for r in rows), fonts  # embedded


def test_a_notice_needs_a_known_branch_with_open_findings(sites: Sites) -> None:
    hq = sites.at("hq")
    r = hq("hq", "notice", "--branch", "NOPE", "-o", str(sites.out))
    assert r.exit_code == 1 and "no branch with code" in r.stderr
    r = hq("hq", "notice", "--branch", "SH001", "--from", "2030-01-01", "-o", str(sites.out))
    assert r.exit_code == 1 and "has no open findings" in r.stderr and "2030-01-01" in r.stderr
    r = hq("hq", "notice", "--branch", "SH001", "--deadline", "2020-01-01", "-o", str(sites.out))
    assert r.exit_code == 1 and "before today" in r.stderr
    blocker = sites.tmp / "taken"
    blocker.write_text("x")
    r = hq("hq", "notice", "--branch", "SH001", "-o", str(blocker))
    assert r.exit_code == 1 and "exists and is not a folder" in r.stderr
    assert not list(sites.out.iterdir())
    # A folder that does not exist yet is made, as 'inspector export -o out/' does.
    made = _json(hq, "hq", "notice", "--branch", "SH001", "-o", str(sites.tmp / "new" / "out"))
    assert isinstance(made, dict) and Path(str(made["notice"])).parent == sites.tmp / "new" / "out"


def test_not_yet_answers_leave_the_finding_open_and_say_why(sites: Sites) -> None:
    issued = _issue(sites)
    branch = sites.at("branch")
    branch.ok("rectify", "open", str(issued["notice"]))
    r = branch("rectify", "respond", str(issued["id"]), ITEM)
    assert r.exit_code == 1 and "--not-yet" in r.stderr
    r = branch("rectify", "respond", str(issued["id"]), ITEM, "--note", "x", "--not-yet", "y")
    assert r.exit_code == 1 and "not both" in r.stderr
    r = branch(
        "rectify", "respond", str(issued["id"]), ITEM, "--note", "x", "--done-on", "2027-01-01"
    )
    assert r.exit_code == 1 and "after today" in r.stderr
    branch.ok("rectify", "respond", str(issued["id"]), ITEM, "--not-yet", "等待总行采购新设备")
    out = _json(branch, "rectify", "export", str(issued["id"]), "-o", str(sites.out))
    assert isinstance(out, dict) and (out["answered"], out["not_yet"]) == (0, 1)
    hq = sites.at("hq")
    receipt = _json(hq, "import", str(out["file"]))
    assert isinstance(receipt, dict) and receipt["counts"]["imported"] == 1
    assert receipt["imported"][0]["findings"][0]["status"] == "open"
    assert _finding(hq)["status"] == "open"
    assert _json(hq, "hq", "review", "--list") == []


def test_a_photo_that_fails_ingest_refuses_the_answer(sites: Sites) -> None:
    issued = _issue(sites)
    branch = sites.at("branch")
    branch.ok("rectify", "open", str(issued["notice"]))
    bad = sites.tmp / "broken.jpg"
    bad.write_bytes(photo_bytes("x")[:200])
    r = branch("rectify", "respond", str(issued["id"]), ITEM, "--note", "done", "--photo", str(bad))
    assert r.exit_code == 1 and "broken.jpg" in r.stderr
    listed = _json(branch, "rectify", "list")
    assert isinstance(listed, list) and listed[0]["findings"][0]["answer"] is None


def test_redacted_photos_leave_the_branch_as_renderings_only(sites: Sites) -> None:
    from inspector.services.rectification.formats import read_response

    issued = _issue(sites)
    branch = sites.at("branch")
    branch.ok("rectify", "open", str(issued["notice"]))
    original = _photo(sites.tmp, "face")
    out = _json(
        branch, "rectify", "respond", str(issued["id"]), ITEM, "--note", "ok",
        "--photo", str(original),
    )  # fmt: skip
    assert isinstance(out, dict)
    pid = str(out["added_photos"][0])
    branch.ok("rectify", "redact", pid[:8], "--box", "10,10,100,80")
    exported = _json(
        branch, "rectify", "export", str(issued["id"]), "-o", str(sites.out), "--no-encrypt"
    )
    assert isinstance(exported, dict) and exported["encrypted"] is False
    m, v = read_response(Path(str(exported["file"])).read_bytes())
    photo = m.answers[0].photos[0]
    assert photo.withheld and photo.image.sha256 != photo.sha256
    assert original.read_bytes() not in v.blobs.values()


def test_responses_are_sealed_for_hq_by_default(sites: Sites) -> None:
    from inspector.services import keys

    issued = _issue(sites)
    path = _answer_and_export(sites, str(issued["notice"]), note="ok", label="s")
    assert keys.is_encrypted(Path(path).read_bytes())


@pytest.mark.postgres
def test_the_loop_with_hq_on_postgresql(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pg_url: str
) -> None:
    s = Sites(tmp_path, monkeypatch)
    s.dbs["hq"] = pg_url  # type: ignore[assignment]
    db = s.db("hq")
    s.uuid = make_finalized(db, fail=(ITEM,), n_photos=1)  # type: ignore[attr-defined]
    db.dispose()
    issued = _issue(s)
    path = _answer_and_export(s, str(issued["notice"]), note="已整改", label="pg")
    hq = s.at("hq")
    receipt = _json(hq, "import", path)
    assert isinstance(receipt, dict) and receipt["counts"]["imported"] == 1, receipt
    assert _finding(hq)["status"] == "submitted"
    again = _json(hq, "import", path)
    assert isinstance(again, dict) and again["counts"]["duplicates"] == 1
    hq.ok("hq", "review", str(issued["id"]), ITEM, "--accept")
    f = _finding(hq)
    assert (f["status"], f["closed_via"]) == ("closed", "response")


def test_the_notice_carries_redacted_renderings_never_the_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from inspector.services import photos as photo_svc
    from inspector.services.rectification.formats import read_notice

    s = Sites(tmp_path, monkeypatch)
    db = s.db("hq")
    uuid_ = make_finalized(db, fail=("ex.ramp",), n_photos=2, redact=True)
    with db.read_session() as session:
        from inspector.services.inspections import lookup

        originals = {
            photo_svc.blob_bytes(session, p.original_sha256)
            for p in lookup.get(session, uuid_).photos
            if p.original_sha256
        }
    db.dispose()
    issued = _json(s.at("hq"), "hq", "notice", "--branch", "SH001", "-o", str(s.out))
    assert isinstance(issued, dict)
    m, v = read_notice(Path(str(issued["notice"])).read_bytes())
    (f,) = [f for f in m.findings if f.item == "ex.ramp"]
    assert len(f.photos) == 2
    assert not originals & set(v.blobs.values())  # renderings only
    # The branch stores and lists HQ's pictures with the finding.
    branch = s.at("branch")
    branch.ok("rectify", "open", str(issued["notice"]))
    bdb = s.db("branch")
    from inspector.services.rectification import listing

    (n,) = listing.notices(bdb)
    shas = next(x for x in n.findings if x.item == "ex.ramp").notice_photos
    assert [listing.notice_photo(bdb, sha)[:2] for sha in shas] == [b"\xff\xd8"] * 2
    bdb.dispose()
