"""``main.py attach`` and ``detach``: a scan into the proposal file and out again; a file that
cannot be attached gets a message, exit 2, and nothing is written."""

from __future__ import annotations

import json

import pytest

from tests import scanfiles
from tests.cli.test_files import run
from tests.reports.pdfcheck import page_texts


@pytest.fixture(scope="module")
def proposal(tmp_path_factory):
    path = tmp_path_factory.mktemp("attach") / "p.json"
    assert run("sample", "--type", "leap", "--out", str(path)).returncode == 0
    return path


def test_attach_then_detach(proposal, tmp_path):
    scan = tmp_path / "commitment.pdf"
    scan.write_bytes(scanfiles.pdf(2))
    out = tmp_path / "with.json"
    done = run("attach", str(proposal), str(scan), "--slot", "local_funds_commitment", "--out", str(out), lang="ko")
    assert done.returncode == 0, done.stderr
    assert "첨부했습니다" in done.stdout
    attached = json.loads(out.read_text(encoding="utf-8"))["attachments"]
    assert [(a["slot"], a["name"], a["media_type"]) for a in attached] == \
        [("local_funds_commitment", "commitment.pdf", "application/pdf")]
    assert run("validate", str(out)).returncode == 0
    packet = tmp_path / "p.pdf"
    assert run("export", str(out), "--out", str(packet)).returncode == 0
    assert "SCANLETTER2" in page_texts(packet.read_bytes())[-1]

    done = run("detach", str(out), attached[0]["id"])  # no --out: the file itself
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["attachments"] == []


@pytest.mark.parametrize(("name", "data"), [
    ("broken.pdf", scanfiles.damaged_pdf()),
    ("locked.pdf", scanfiles.encrypted_pdf()),
    ("fake.png", b"GIF89a not a png"),
])
def test_a_file_that_cannot_be_attached_changes_nothing(proposal, tmp_path, name, data):
    scan = tmp_path / name
    scan.write_bytes(data)
    before = proposal.read_bytes()
    done = run("attach", str(proposal), str(scan), "--slot", "other", lang="ko")
    assert done.returncode == 2
    assert name in done.stderr and "Traceback" not in done.stderr
    assert "첨부" in done.stderr or "암호" in done.stderr
    assert proposal.read_bytes() == before


def test_detach_of_an_unknown_id_is_refused(proposal):
    done = run("detach", str(proposal), "no-such-id")
    assert done.returncode == 2 and "no-such-id" in done.stderr
