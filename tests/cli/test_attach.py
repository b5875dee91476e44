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


@pytest.mark.parametrize(("name", "data", "said"), [
    ("broken.pdf", scanfiles.damaged_pdf(), "broken.pdf 파일은 손상된 PDF 문서여서 읽을 수 없습니다. 첨부하지 않았습니다."),
    ("locked.pdf", scanfiles.encrypted_pdf(),
     "locked.pdf 파일은 암호로 보호(암호화)되어 있습니다. 암호가 없는 사본을 첨부하십시오."),
    ("fake.png", b"GIF89a not a png", "fake.png 파일은 이름과 달리 PNG 이미지가 아닙니다. 첨부하지 않았습니다."),
], ids=["damaged", "encrypted", "not_a_png"])
def test_a_file_that_cannot_be_attached_changes_nothing(proposal, tmp_path, name, data, said):
    scan = tmp_path / name
    scan.write_bytes(data)
    before = proposal.read_bytes()
    done = run("attach", str(proposal), str(scan), "--slot", "other", lang="ko")
    assert done.returncode == 2
    assert done.stderr == said + "\n"
    assert proposal.read_bytes() == before


def test_detach_of_an_unknown_id_is_refused(proposal):
    done = run("detach", str(proposal), "no-such-id")
    assert done.returncode == 2 and "no-such-id" in done.stderr


# --- limits and repair: in-process, with the limits made small --------------------------------

def _main(*args):
    import main

    return main.main([*args])


def _scan(name, size, ident=None):
    import os

    from forms.ids import new_id
    from forms.model import ScanAttachment

    return ScanAttachment(id=ident or new_id(), slot="other", name=name, media_type="image/png",
                          data=os.urandom(size))


def test_attach_over_the_total_is_refused_with_the_total_and_the_limit(proposal, tmp_path, monkeypatch, capsys):
    import dataclasses

    from forms import profile

    scan = tmp_path / "letter.png"
    scan.write_bytes(scanfiles.image("PNG"))
    size = scan.stat().st_size
    real = profile.load_profile
    monkeypatch.setattr(profile, "load_profile", lambda call: dataclasses.replace(
        real(call), scan_limit=dataclasses.replace(real(call).scan_limit, max_total_bytes=2 * size)))
    out = tmp_path / "p.json"
    assert _main("attach", str(proposal), str(scan), "--slot", "other", "--out", str(out)) == 0
    assert _main("attach", str(out), str(scan), "--slot", "other") == 0
    before = out.read_bytes()
    capsys.readouterr()
    assert _main("attach", str(out), str(scan), "--slot", "other") == 2
    err = capsys.readouterr().err
    assert "letter.png" in err and "was not attached" in err and "a lower resolution or fewer pages" in err
    assert out.read_bytes() == before


def _oversized(proposal, tmp_path, monkeypatch, extra=()):
    """A proposal file over the (made small) read limit, as an older version wrote it."""
    from forms.files import exchange, exchange_read, exchange_write

    monkeypatch.setattr(exchange, "MAX_FILE_BYTES", 1024 * 1024)
    monkeypatch.setattr(exchange_write, "MAX_FILE_BYTES", 1024 * 1024)
    monkeypatch.setattr(exchange_read, "MAX_FILE_BYTES", 1024 * 1024)
    p = exchange.read_file(str(proposal))
    p.attachments = [_scan("one.png", 600_000), *extra, _scan("two.png", 600_000)]
    path = tmp_path / "old.json"
    exchange.write_file(p, str(path), oversized=True)
    assert path.stat().st_size > exchange.MAX_FILE_BYTES
    return path, p


def test_detach_makes_a_file_over_the_read_limit_small_again(proposal, tmp_path, monkeypatch, capsys):
    path, p = _oversized(proposal, tmp_path, monkeypatch)
    assert _main("validate", str(path)) == 2
    err = capsys.readouterr().err
    assert "read up to 1 MB" in err and "detach" in err

    assert _main("detach", str(path)) == 2  # no id: the attachments are listed, nothing written
    err = capsys.readouterr().err
    assert p.attachments[0].id in err and "one.png" in err and "two.png" in err

    assert _main("detach", str(path), p.attachments[0].id[:8]) == 0  # a unique start is enough
    said = capsys.readouterr().out
    assert "Removed one.png" in said and "still" not in said
    assert _main("validate", str(path)) == 0
    from forms.files import exchange

    assert [a.name for a in exchange.read_file(str(path)).attachments] == ["two.png"]


def test_detach_of_several_ids_says_when_the_file_is_still_too_large(proposal, tmp_path, monkeypatch, capsys):
    path, p = _oversized(proposal, tmp_path, monkeypatch, extra=[_scan("three.png", 600_000)])
    assert _main("detach", str(path), p.attachments[1].id) == 0
    assert "still" in capsys.readouterr().out
    assert _main("detach", str(path), p.attachments[0].id, p.attachments[2].id.upper()) == 0
    assert _main("validate", str(path)) == 0


def test_detach_by_an_ambiguous_or_too_short_prefix_names_the_matches(proposal, tmp_path, capsys):
    from forms.files import exchange

    p = exchange.read_file(str(proposal))
    p.attachments = [_scan("a.png", 10, "abcd1111-0000-4000-8000-000000000001"),
                     _scan("b.png", 10, "abcd2222-0000-4000-8000-000000000002"),
                     _scan("c.png", 10, "ef001111-0000-4000-8000-000000000003")]
    path = tmp_path / "p.json"
    exchange.write_file(p, str(path))
    before = path.read_bytes()
    assert _main("detach", str(path), "abcd") == 2
    err = capsys.readouterr().err
    assert "More than one" in err and "abcd1111-0000-4000-8000-000000000001 (a.png" in err
    assert "abcd2222-0000-4000-8000-000000000002 (b.png" in err and "ef001111" not in err
    assert _main("detach", str(path), "ab") == 2
    assert "at least the first 4 characters" in capsys.readouterr().err
    assert path.read_bytes() == before
    assert _main("detach", str(path), "abcd2") == 0
    assert [a.name for a in exchange.read_file(str(path)).attachments] == ["a.png", "c.png"]
