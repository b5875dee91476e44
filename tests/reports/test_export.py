"""Rules of output: refusal, drafts, atomic writing, unwritable targets, exit codes, determinism."""

from __future__ import annotations

import getpass
import os
import subprocess
import sys

import pytest

from cli.files import export_command
from forms.base.errors import InputError
from forms.files.exchange_write import write_file
from forms.rules import validate
from reports.export import ExportRefused, export_packet
from tests.reports.pdfcheck import all_text, page_texts, squash

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _with_error(proposal):
    """The sample with its national funds above the call's cap (an error)."""
    line = next(x for x in proposal.budget.lines if x.source == "national")
    line.amount_krw += 1_000_000_000
    assert validate(proposal).has_errors
    return proposal


def _main(*args: str, cwd: str = ROOT) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONHASHSEED="random")
    return subprocess.run([sys.executable, os.path.join(ROOT, "main.py"), *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=120)


def test_refused_with_errors_and_no_file(super_regional, tmp_path):
    out = tmp_path / "packet.pdf"
    with pytest.raises(ExportRefused) as info:
        export_packet(_with_error(super_regional), str(out))
    # the errors in words, as Review says them; the codes stay with the findings, for `validate`
    said = info.value.text("en")
    assert said.startswith(f"The proposal has {len(info.value.findings)} errors, so the packet cannot be exported.")
    over = next(f for f in info.value.findings if f.code == "budget.national_over_cap")
    assert "\n- " + over.message("en") in said and "budget.national_over_cap" not in said
    assert isinstance(info.value, InputError)
    assert not out.exists()
    assert os.listdir(tmp_path) == []


def test_an_unknown_call_is_refused_even_as_a_draft(super_regional, tmp_path):
    super_regional.call = "no-such-call"
    with pytest.raises(ExportRefused) as info:
        export_packet(super_regional, str(tmp_path / "p.pdf"), draft=True)
    unknown = next(f for f in info.value.findings if f.code == "call.unknown")
    assert unknown.message("en") in info.value.text("en") and "call.unknown" not in info.value.text("en")
    assert os.listdir(tmp_path) == []


def test_refusal_keeps_an_existing_file(super_regional, tmp_path):
    out = tmp_path / "packet.pdf"
    out.write_bytes(b"earlier packet")
    with pytest.raises(ExportRefused):
        export_packet(_with_error(super_regional), str(out))
    assert out.read_bytes() == b"earlier packet"


def test_draft_marks_every_page_and_the_cover(super_regional, tmp_path):
    out = tmp_path / "draft.pdf"
    export_packet(_with_error(super_regional), str(out), lang="ko", draft=True)
    texts = page_texts(out.read_bytes())
    assert all("초안 / DRAFT" in t for t in texts)
    cover = squash(texts[0])
    assert "초안—제안서가검증을통과하지못하여제출할수없습니다." in cover
    text = all_text(out.read_bytes())
    assert "budget.national_over_cap" in text  # the errors are listed on the validation page
    assert "제출할수없습니다" in text


def test_a_valid_packet_has_no_draft_mark(sample_packet):
    assert "DRAFT" not in all_text(sample_packet("super_regional", "en"))


@pytest.mark.parametrize("where", ["missing", "folder", "proc"])
def test_unwritable_target_is_a_clear_input_error(super_regional, tmp_path, where):
    target = {"missing": tmp_path / "no" / "such" / "p.pdf", "folder": tmp_path,
              "proc": "/proc/packet.pdf"}[where]
    with pytest.raises(InputError) as info:
        export_packet(super_regional, str(target))
    assert not isinstance(info.value, ExportRefused)
    said = {"missing": f"The folder {tmp_path / 'no' / 'such'} does not exist. Nothing was written.",
            "folder": f"{tmp_path} is a folder. Name a file to write.",
            "proc": "/proc/packet.pdf cannot be written (the file or folder does not exist). Nothing was written."}
    assert info.value.text("en") == said[where]
    assert os.listdir(tmp_path) == []


def test_a_workbook_that_cannot_be_written_is_not_called_a_packet(super_regional, tmp_path):
    with pytest.raises(InputError) as info:
        export_packet(super_regional, str(tmp_path / "no" / "budget.xlsx"), fmt="xlsx")
    assert "packet" not in info.value.text("en") and "제출 문서" not in info.value.text("ko")
    assert "Nothing was written" in info.value.text("en")


@pytest.mark.parametrize("depth", [1, 2])
def test_a_file_where_a_folder_should_be_is_named(super_regional, tmp_path, depth):
    (tmp_path / "afile").write_bytes(b"not a folder")
    target = tmp_path / "afile" / ("p.pdf" if depth == 1 else "sub/p.pdf")
    with pytest.raises(InputError) as info:
        export_packet(super_regional, str(target))
    assert info.value.text("en").startswith(f"{tmp_path / 'afile'} is a file, not a folder")
    assert "폴더가 아니라 파일" in info.value.text("ko")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="the superuser can write anywhere")
def test_read_only_folder(super_regional, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(InputError):
            export_packet(super_regional, str(folder / "p.pdf"))
        assert os.listdir(folder) == []
    finally:
        folder.chmod(0o755)


def test_a_failure_while_writing_leaves_no_partial_file(super_regional, tmp_path, monkeypatch):
    out = tmp_path / "p.pdf"
    out.write_bytes(b"earlier packet")

    def failing_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(InputError) as info:
        export_packet(super_regional, str(out))
    assert "cannot be written (the disk is full)" in info.value.text("en")
    assert "디스크 공간이 부족합니다" in info.value.text("ko")
    assert out.read_bytes() == b"earlier packet"
    assert os.listdir(tmp_path) == ["p.pdf"]  # the temporary file is gone too


def test_bad_language_and_unit(super_regional, tmp_path):
    with pytest.raises(InputError):
        export_packet(super_regional, str(tmp_path / "p.pdf"), lang="fr")
    with pytest.raises(InputError):
        export_packet(super_regional, str(tmp_path / "p.pdf"), unit="billion")
    assert os.listdir(tmp_path) == []


def test_export_command_exit_codes(super_regional, tmp_path, capsys):
    good = tmp_path / "good.json"
    bad = tmp_path / "bad.json"
    write_file(super_regional, str(good))
    write_file(_with_error(super_regional.copy()), str(bad))
    garbage = tmp_path / "garbage.json"
    garbage.write_text("{not json", encoding="utf-8")

    assert export_command(str(good), str(tmp_path / "ok.pdf"), lang="ko", draft=False, unit="thousand") == 0
    assert (tmp_path / "ok.pdf").read_bytes().startswith(b"%PDF-")
    assert export_command(str(bad), str(tmp_path / "refused.pdf"), lang="ko", draft=False, unit="thousand") == 1
    assert not (tmp_path / "refused.pdf").exists()
    err = capsys.readouterr().err
    assert "so the packet cannot be exported" in err and "National funds total" in err
    assert "budget.national_over_cap" not in err  # the codes are for `validate`
    assert export_command(str(bad), str(tmp_path / "draft.pdf"), lang="ko", draft=True, unit="thousand") == 0
    assert export_command(str(garbage), str(tmp_path / "g.pdf"), lang="ko", draft=False, unit="thousand") == 2
    assert export_command(str(tmp_path / "none.json"), str(tmp_path / "n.pdf"), lang="ko", draft=False,
                          unit="thousand") == 2
    assert export_command(str(good), str(tmp_path / "missing" / "p.pdf"), lang="ko", draft=False,
                          unit="thousand") == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert sorted(os.listdir(tmp_path)) == ["bad.json", "draft.pdf", "garbage.json", "good.json", "ok.pdf"]


def test_command_line_and_determinism_across_processes(super_regional, tmp_path):
    source = tmp_path / "p.json"
    write_file(super_regional, str(source))
    outs = []
    for name in ("a.pdf", "b.pdf"):
        done = _main("--lang", "en", "export", str(source), "--out", str(tmp_path / name), "--lang", "ko")
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
        outs.append((tmp_path / name).read_bytes())
    assert outs[0] == outs[1]
    in_process = tmp_path / "c.pdf"
    export_packet(super_regional, str(in_process), lang="ko")
    assert in_process.read_bytes() == outs[0]

    refused = _main("export", str(source).replace("p.json", "missing.json"), "--out", str(tmp_path / "x.pdf"))
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_same_proposal_same_bytes_and_a_change_changes_them(super_regional, tmp_path):
    a, b, c = (tmp_path / n for n in ("a.pdf", "b.pdf", "c.pdf"))
    export_packet(super_regional, str(a), lang="ko")
    export_packet(super_regional, str(b), lang="ko")
    assert a.read_bytes() == b.read_bytes()
    changed = super_regional.copy()
    changed.section("summary").ko += " 추가 문장."
    export_packet(changed, str(c), lang="ko")
    assert c.read_bytes() != a.read_bytes()


def test_no_local_path_or_user_name_in_the_file(super_regional, tmp_path):
    out = tmp_path / "p.pdf"
    export_packet(super_regional, str(out), lang="ko")
    raw = out.read_bytes()
    assert str(tmp_path).encode() not in raw
    assert ROOT.encode() not in raw
    assert b"/work/" not in raw and b"resources/fonts" not in raw
    names = {os.environ.get("USER"), os.environ.get("LOGNAME")}
    try:
        names.add(getpass.getuser())
    except Exception:  # noqa: BLE001 - no user name available at all is fine
        pass
    for name in filter(None, names):
        if len(name) >= 3:
            assert name.encode() not in raw, name


def test_importing_the_export_api_does_not_load_reportlab():
    code = "import sys; import reports.export; print(any(m.startswith('reportlab') for m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.stdout.strip() == "False", done.stderr


def test_the_packet_is_never_written_over_its_own_proposal_file(tmp_path, super_regional):
    from cli.files import export_command
    from forms.files.exchange_write import write_file

    source = tmp_path / "p.json"
    write_file(super_regional, str(source))
    before = source.read_bytes()
    assert export_command(str(source), str(source)) == 2
    assert export_command(str(source), str(tmp_path / "." / "p.json")) == 2  # the same file by another name
    assert source.read_bytes() == before


def test_a_draft_of_a_proposal_without_errors_does_not_say_it_fails_validation(super_regional, tmp_path):
    out = tmp_path / "draft.pdf"
    export_packet(super_regional, str(out), lang="ko", draft=True)
    cover = squash(page_texts(out.read_bytes())[0])
    assert "초안—제출용문서가아닙니다." in cover
    assert "통과하지" not in cover
