"""The command line as a user runs it, in Korean and in English: in the test's process
(:func:`tests.cli.inprocess.run_main`), and as a subprocess where the process itself is tested."""

import json
import os
import subprocess
import sys

import pytest

from tests.cli.inprocess import run_main

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run(*args, lang=None):
    return run_main(*args, *(["--lang", lang] if lang else []))


def run_process(*args, lang=None):
    """``main.py`` as a subprocess: its real exit status and standard error."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8", LANG="C.UTF-8")
    env.pop("LC_ALL", None)
    cmd = [sys.executable, os.path.join(ROOT, "main.py"), *args]
    if lang:
        cmd += ["--lang", lang]
    return subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", env=env, timeout=60)


@pytest.fixture(scope="module")
def sample_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("samples")
    out = {}
    for kind in ("super_regional", "leap"):
        path = folder / f"{kind}.json"
        done = run("sample", "--type", kind, "--out", str(path))
        assert done.returncode == 0, done.stderr
        out[kind] = path
    return out


@pytest.mark.parametrize("kind", ["super_regional", "leap"])
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_samples_validate_clean(sample_files, kind, lang):
    done = run("validate", str(sample_files[kind]), lang=lang)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert ("0 errors, 0 warnings." in done.stdout) if lang == "en" else ("오류 0건, 경고 0건." in done.stdout)


def broken(sample_files, tmp_path):
    doc = json.loads(sample_files["super_regional"].read_text(encoding="utf-8"))
    doc["partner_regions"] = []
    for line in doc["budget"]["lines"]:
        if line["source"] == "local":
            line["region"] = "KR-47"
            line["amount_krw"] //= 2
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_errors_exit_1_with_one_finding_per_line(sample_files, tmp_path, lang):
    done = run("validate", str(broken(sample_files, tmp_path)), lang=lang)
    assert done.returncode == 1
    lines = [line.split("\t") for line in done.stdout.splitlines() if "\t" in line]
    codes = {parts[1] for parts in lines}
    assert {"type.too_few_regions", "budget.local_match_short"} <= codes
    assert all(len(parts) == 4 for parts in lines)
    message = next(parts[3] for parts in lines if parts[1] == "budget.local_match_short")
    if lang == "ko":
        assert "지방비" in message and "원" in message
    else:
        assert "Local funds of KRW" in message


def test_json_output(sample_files, tmp_path):
    done = run("validate", str(broken(sample_files, tmp_path)), "--json", lang="en")
    assert done.returncode == 1
    doc = json.loads(done.stdout)
    assert doc["errors"] >= 2 and doc["call"] == "msit-mega-2023"
    first = doc["findings"][0]
    assert set(first) == {"severity", "code", "path", "message", "clause"}


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_unreadable_file_exit_2_without_traceback(tmp_path, lang):
    path = tmp_path / "bad.json"
    path.write_text('{"format": "regional-proposal",\n  "budget": {"lines": [1.5', encoding="utf-8")
    done = run_process("validate", str(path), lang=lang)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    # where the file stops being JSON: the end of its second line
    assert done.stderr.startswith("2번째 줄 27번째 열: " if lang == "ko" else "line 2, column 27: "), done.stderr


def test_field_path_in_message(sample_files, tmp_path):
    doc = json.loads(sample_files["leap"].read_text(encoding="utf-8"))
    doc["budget"]["lines"][3]["amount_krw"] = 12.5
    path = tmp_path / "float.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    done = run("validate", str(path), lang="en")
    assert done.returncode == 2
    assert "budget.lines[3].amount_krw: must be a whole number of won, 0 or more" in done.stderr


def test_missing_file_and_unwritable_sample(tmp_path):
    assert run("validate", str(tmp_path / "none.json"), lang="en").returncode == 2
    done = run("sample", "--type", "leap", "--out", str(tmp_path / "no" / "such" / "dir.json"), lang="en")
    assert done.returncode == 2 and "Cannot write" in done.stderr and "Traceback" not in done.stderr


def test_argparse_speaks_the_chosen_language():
    done = run("--lang", "ko", "exprt")
    assert done.returncode == 2
    assert "사용법: main.py" in done.stderr and "잘못된 선택: 'exprt'" in done.stderr
    assert "invalid choice" not in done.stderr and "usage" not in done.stderr
    done = run("export", "--lang", "ko")
    assert done.returncode == 2 and "오류: 다음 인수가 필요합니다: FILE, --out" in done.stderr
    done = run("--lang", "en", "exprt")
    assert done.returncode == 2 and "invalid choice: 'exprt'" in done.stderr and "usage: main.py" in done.stderr
    assert "이 도움말을 보여 주고 끝냅니다" in run("--lang", "ko", "--help").stdout


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_validate_writes_the_report_as_its_own_document(sample_files, tmp_path, lang):
    from tests.reports.pdfcheck import all_text

    out = tmp_path / "report.pdf"
    done = run("validate", str(broken(sample_files, tmp_path)), "--report", str(out), lang=lang)
    assert done.returncode == 1, done.stderr  # the findings' exit code, the report written all the same
    text = all_text(out.read_bytes())
    assert "budget.local_match_short" in text and "type.too_few_regions" in text
    assert ("검증결과" if lang == "ko" else "Validationreport") in text
    bad = run("validate", str(sample_files["leap"]), "--report", str(tmp_path / "no" / "r.pdf"), lang=lang)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert run("validate", str(sample_files["leap"]), "--report", str(sample_files["leap"])).returncode == 2


def test_the_command_line_parser_leaves_the_database_libraries_unloaded():
    """The window is shown before the database opens behind it: reading the command line (which
    every start does) must not load SQLAlchemy or Alembic on the way."""
    code = ("import sys, main; main.build_parser(); "
            "print(sorted(m for m in ('sqlalchemy', 'alembic') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("argv", [[], ["--smoke"], ["--lang", "ko", "--db", "x.db"], ["--lang=en", "--smoke"],
                                  ["--db=x.db", "--lang", "qps"]])
def test_the_window_s_command_line_reads_as_before_without_the_subcommands(argv):
    """Opening the window reads only its own options: the subcommands' modules stay unloaded, and
    the options come out as the whole parser reads them."""
    code = ("import sys, main; argv = sys.argv[1:]; assert main.window_only(argv); "
            "ns = main.build_parser(commands=False).parse_args(argv); "
            "print(sorted(m for m in sys.modules if m.startswith(('cli.db', 'cli.files', 'storage.backup')))); "
            "print(vars(ns) == vars(main.build_parser().parse_args(argv)))")
    done = subprocess.run([sys.executable, "-c", code, *argv], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.split("\n")[:2] == ["[]", "True"]


@pytest.mark.parametrize("argv", [["-h"], ["--lang", "xx"], ["--db"], ["--sm"], ["--db", "-x"], ["validate", "f.json"],
                                  ["--smoke", "db", "list"]])
def test_anything_but_the_window_s_options_gets_the_whole_command_line(argv):
    import main

    assert not main.window_only(argv)


@pytest.mark.parametrize("suffix, magic, member", [(".xlsx", b"PK", "xl/workbook.xml"),
                                                    (".hwpx", b"PK", "Contents/section0.xml"),
                                                    (".PDF", b"%PDF", None)])
def test_export_without_format_follows_the_suffix(sample_files, tmp_path, suffix, magic, member):
    import zipfile

    out = tmp_path / f"l{suffix}"
    done = run("export", str(sample_files["leap"]), "--out", str(out), lang="en")
    assert done.returncode == 0, done.stderr
    assert out.read_bytes()[:len(magic)] == magic
    if member:
        assert member in zipfile.ZipFile(out).namelist()


def test_export_refuses_a_format_the_suffix_contradicts(sample_files, tmp_path):
    out = tmp_path / "l.xlsx"
    done = run("export", str(sample_files["leap"]), "--format", "pdf", "--out", str(out), lang="en")
    assert done.returncode == 2 and not out.exists()
    assert "The format pdf does not fit the file name" in done.stderr and ".xlsx" in done.stderr
    assert "Traceback" not in done.stderr
    done = run("export", str(sample_files["leap"]), "--format", "pdf", "--out", str(out), lang="ko")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    # a suffix no format claims keeps the given format (or the PDF)
    other = tmp_path / "l.bin"
    assert run("export", str(sample_files["leap"]), "--format", "xlsx", "--out", str(other)).returncode == 0
    assert other.read_bytes()[:2] == b"PK"
