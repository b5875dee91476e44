"""The command line in Korean puts each particle in the form the value before it needs."""

import json

from tests.cli.inprocess import run_main

HEDGES = ("을(를)", "를(을)", "이(가)", "가(이)", "은(는)", "는(은)", "과(와)", "와(과)", "(으)로", "(이)")


def run(*args):
    return run_main(*args, "--lang", "ko")


def test_validate_in_korean_over_the_national_cap_hedges_no_particle(tmp_path):
    from tests.forms.test_josa import broken

    sample = tmp_path / "sample.json"
    assert run("sample", "--type", "super_regional", "--out", str(sample)).returncode == 0
    doc = broken(json.loads(sample.read_text(encoding="utf-8")))
    path = tmp_path / "제안서.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")

    done = run("validate", str(path))
    assert done.returncode == 1, done.stderr
    out = done.stdout
    assert "budget.national_over_cap" in out and "5,500,000,000원을" in out
    assert "'506-82-0123'은 사업자등록번호 형식이 아닙니다" in out
    assert "2019-04는 공모 기간" in out
    assert not [h for h in HEDGES if h in out], out

    report = tmp_path / "r.pdf"
    done = run("validate", str(path), "--report", str(path))  # the report would overwrite the proposal
    assert done.returncode == 2
    assert f"{path}을 덮어쓰게 됩니다" in done.stderr, done.stderr
    assert not report.exists()


def test_a_file_that_is_not_a_proposal_is_named_with_its_particle(tmp_path):
    base = tmp_path / "base.json"
    base.write_text("{}", encoding="utf-8")
    done = run("merge", str(base), str(base), str(base), "--out", str(tmp_path / "m.json"))
    assert done.returncode == 2
    assert f"{base}은 제안서 파일이 아닙니다" in done.stderr, done.stderr
    base.write_text('{"format": "regional-proposal",', encoding="utf-8")  # a damaged proposal
    done = run("merge", str(base), str(base), str(base), "--out", str(tmp_path / "m.json"))
    assert done.returncode == 2
    assert f"{base}을 제안서로 읽을 수 없습니다" in done.stderr, done.stderr
