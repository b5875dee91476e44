"""Korean particles fit the word before them ("a.json을", "a.db를"), never hedged ("을(를)") where
the word can be read; a value a person typed is never changed."""

from __future__ import annotations

import ast
import os
import re

import pytest
from babel.messages.pofile import read_po
from hypothesis import given
from hypothesis import strategies as st

from forms.base import josa
from forms.base.errors import InputError
from forms.base.i18n import fields_of, fill, translate, translate_plural
from forms.values import Won

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
KO = os.path.join(ROOT, "resources", "locale", "ko", "LC_MESSAGES")
LEFT = re.compile(r"을\(를\)|를\(을\)|이\(가\)|가\(이\)|은\(는\)|는\(은\)|과\(와\)|와\(과\)|\(으\)로|\(이\)|아\(야\)")

#: (hedged, after a vowel, after ㄹ, after another consonant)
FORMS = [
    ("을(를)", "를", "을", "을"), ("를(을)", "를", "을", "을"),
    ("이(가)", "가", "이", "이"), ("가(이)", "가", "이", "이"),
    ("은(는)", "는", "은", "은"), ("는(은)", "는", "은", "은"),
    ("과(와)", "와", "과", "과"), ("와(과)", "와", "과", "과"),
    ("아(야)", "야", "아", "아"), ("야(아)", "야", "아", "아"),
    ("(으)로", "로", "로", "으로"),
    ("(이)라", "라", "이라", "이라"), ("(이)나", "나", "이나", "이나"), ("(이)며", "며", "이며", "이며"),
]


def after(word: str, hedged: str) -> str:
    """The particle ``resolve`` puts after ``word``."""
    return josa.resolve(word + hedged, len(word))[len(word):]


@given(st.integers(0xAC00, 0xD7A3), st.sampled_from(FORMS))
def test_any_hangul_syllable_takes_the_form_its_final_consonant_needs(code, forms):
    hedged, vowel, rieul, consonant = forms
    final = (code - 0xAC00) % 28
    want = vowel if final == 0 else rieul if final == 8 else consonant
    assert after(chr(code), hedged) == want
    assert after("“" + chr(code) + "”", hedged) == want  # past a closing quote


@pytest.mark.parametrize(("word", "hedged", "want"), [
    ("사과", "을(를)", "를"), ("사람", "을(를)", "을"), ("서울", "(으)로", "로"), ("부산", "(으)로", "으로"),
    ("학교", "(으)로", "로"), ("물", "과(와)", "과"), ("나무", "와(과)", "와"), ("철수", "아(야)", "야"),
    ("길동", "아(야)", "아"), ("사과", "(이)라", "라"), ("책", "(이)라", "이라"),
    ("ㄱ", "은(는)", "은"), ("ㄹ", "(으)로", "로"), ("ㅏ", "은(는)", "는"),
])
def test_hangul_words(word, hedged, want):
    assert after(word, hedged) == want


@pytest.mark.parametrize(("number", "said", "want"), [
    ("0", "영", "을"), ("1", "일", "을"), ("2", "이", "를"), ("3", "삼", "을"), ("4", "사", "를"),
    ("5", "오", "를"), ("6", "육", "을"), ("7", "칠", "을"), ("8", "팔", "을"), ("9", "구", "를"),
    ("10", "십", "을"), ("100", "백", "을"), ("1,000", "천", "을"), ("10,000", "만", "을"),
    ("20,000,000", "이천만", "을"), ("100,000,000", "억", "을"), ("5,500,000,000", "오십오억", "을"),
    ("1,000,000,000,000", "조", "를"), ("3,000,000,000,000,000", "삼천조", "를"),
    ("10,000,000,000,000,000", "경", "을"), ("77,499", "칠만 칠천사백구십구", "를"), ("1,002", "천이", "를"),
    ("2023", "이천이십삼", "을"), ("3.5", "삼 점 오", "를"), ("2.0", "이 점 영", "을"), ("KR-47", "케이알 사십칠", "을"),
])
def test_a_number_is_read_as_it_is_said(number, said, want):
    assert after(number, "을(를)") == want, said


@pytest.mark.parametrize(("number", "want"), [("1", "로"), ("7", "로"), ("3", "으로"), ("6", "으로"),
                                              ("2", "로"), ("10", "으로"), ("1,000", "으로"), ("1000000000000", "로")])
def test_a_number_before_euro(number, want):
    assert after(number, "(으)로") == want


@pytest.mark.parametrize(("word", "said", "want"), [
    ("a.json", "제이슨", "을"), ("a.JSON", "제이슨", "을"), ("proposal.db", "디비", "를"), ("packet.pdf", "피디에프", "를"),
    ("budget.xlsx", "엑스", "를"), ("copy.hwpx", "엑스", "를"), ("KR", "케이알", "을"), ("PDF", "피디에프", "를"),
    ("M", "엠", "을"), ("x", "엑스", "를"), ("r", "알", "을"), ("3fa85f", "에프", "를"), ("5r", "알", "을"),
    ("file", "파일", "을"), ("name", "네임", "을"), ("Busan", "부산", "을"), ("Sejong", "세종", "을"),
    ("Seoul", "서울", "을"), ("folder", "폴더", "를"), ("ours", "아워스", "를"), ("theirs", "데어스", "를"),
])
def test_latin_letters_are_read_as_usually_said(word, said, want):
    assert after(word, "을(를)") == want, said


@pytest.mark.parametrize(("word", "want"), [
    ("재생 양극재 수명(신품 대비)", "을"), ("제안서(안)", "를"), ("(주)한빛배터리소재(중소기업)", "를"),
    ("“(안)”", "을"), ("(안)", "을"), ("표 (부록 2)", "를"), ("budget.lines[3]", "을"), ("「서울」", "을"),
])
def test_a_note_in_brackets_after_a_word_is_passed_over(word, want):
    assert after(word, "을(를)") == want


def test_percent():
    assert after("20%", "을(를)") == "를"  # 퍼센트


@pytest.mark.parametrize("before", ["", " ", "值", "→", "“", "파일 ", "''", "a/"])
def test_what_cannot_be_read_keeps_the_hedged_form(before):
    for hedged, *_forms in FORMS:
        assert after(before, hedged) == hedged


def test_resolve_reads_the_text_before_start_but_never_changes_it():
    assert josa.resolve("값을(를) 책을(를)", 6) == "값을(를) 책을"
    assert josa.resolve("책은(는) 사과은(는)") == "책은 사과는"
    assert josa.resolve("no particle here (a)") == "no particle here (a)"


# fill: the template's particles only


def test_fill_resolves_the_template_and_keeps_the_values():
    assert fill("{file}을(를) 읽을 수 없습니다", file="a.json") == "a.json을 읽을 수 없습니다"
    assert fill("{file}을(를) 읽을 수 없습니다", file="a.db") == "a.db를 읽을 수 없습니다"
    title = "예산을(를) 줄인 계획서"
    assert fill("“{title}”을(를) 삭제하시겠습니까?", title=title) == "“예산을(를) 줄인 계획서”를 삭제하시겠습니까?"
    assert fill("“{title}”을(를) 삭제", title="(으)로") == "“(으)로”를 삭제"
    assert fill("“{title}”을(를) 삭제", title="→") == "“→”을(를) 삭제"  # cannot be read: stays hedged
    assert fill("{a}{b}", a="책", b="은(는)") == "책은(는)"  # a value is never resolved, even after another


def test_fill_formats_as_str_format_does():
    template = "{a:>5}|{b!r}|{c.real}|{d[0]}|{e:{w}}|{{x}}"
    fields = {"a": 12, "b": "s", "c": 3, "d": "xyz", "e": 7, "w": 3}
    assert fill(template, **fields) == template.format(**fields)
    assert fill(template + "|은(는)", **fields) == template.format(**fields) + "|은(는)"  # "|" cannot be read
    assert fill(template + "은(는)", **fields) == template.format(**fields) + "는"  # past "}" to x (엑스)
    assert fill("{a:,}원을(를) {b}", a=5_500_000_000, b="x") == "5,500,000,000원을 x"
    with pytest.raises(KeyError):
        fill("{missing}을(를)")


# the catalogs' messages, as the app shows them


def test_an_amount_over_the_cap():
    from forms.statement import CAP_OVER

    text = translate(CAP_OVER, "ko", national=Won(5_577_499_000), cap=Won(5_500_000_000), excess=Won(77_499_000),
                     used="101.41%")
    assert "한도 5,500,000,000원을 77,499,000원 초과합니다" in text
    assert not LEFT.search(text)


@pytest.mark.parametrize(("name", "want"), [("가나다", "”로"), ("서울", "”로"), ("부산", "”으로"),
                                            ("v2", "”로"), ("final", "”로"), ("draft 3", "”으로")])
def test_a_quoted_snapshot_name(name, want):
    text = translate("The copy from {partner} is merged and saved as the snapshot “{name}”. The merged proposal "
                     "breaks rules of the call, which are listed here.", "ko", partner="대구", name=name)
    assert f"“{name}{want} 저장했습니다" in text


@pytest.mark.parametrize(("path", "want"), [("/tmp/제안서.json", "/tmp/제안서.json을"), ("C:\\a\\b.db", "C:\\a\\b.db를"),
                                            ("제안서", "제안서를"), ("계획", "계획을")])
def test_a_file_name(path, want):
    error = InputError("{file} cannot be read as a proposal: {reason}", file=path, reason="x")
    assert error.text("ko") == f"{want} 제안서로 읽을 수 없습니다: x"
    assert error.text("en") == f"{path} cannot be read as a proposal: x"


def test_a_number_value():
    assert translate("'{value}' is not a year from {lo} to {hi}.", "ko", value="1999", lo=2000, hi=2100) == \
        "'1999'는 2000년부터 2100년 사이의 연도가 아닙니다."
    assert translate("'{value}' is not a year from {lo} to {hi}.", "ko", value="1990", lo=2000, hi=2100) == \
        "'1990'은 2000년부터 2100년 사이의 연도가 아닙니다."


def test_a_plural_message():
    text = translate_plural("Merged into {file}, with {count} conflict settled by --take {side}.",
                            "Merged into {file}, with {count} conflicts settled by --take {side}.", 2, "ko",
                            file="m.json", side="theirs")
    assert text.endswith("--take theirs로 정했습니다.")


def test_a_typed_title_with_a_hedge_keeps_it_in_every_message():
    title = "지역혁신을(를) 위한 제안서(안)"
    text = translate("Delete “{title}”? It is kept, with its snapshots, and can be brought back with "
                     "“Restore a deleted one” on the Start page.", "ko", title=title)
    assert text.startswith("“지역혁신을(를) 위한 제안서(안)”를 삭제하시겠습니까?")


def _hedged_entries():
    for name in sorted(os.listdir(KO)):
        if not name.endswith(".po"):
            continue
        with open(os.path.join(KO, name), "rb") as fp:
            for m in read_po(fp):
                strings = m.string if isinstance(m.string, tuple) else (m.string,)
                if m.id and any(s and josa.HEDGED.search(s) for s in strings):
                    yield m.id


HEDGED_IDS = list(_hedged_entries())


def test_the_catalog_hedges_particles_the_app_resolves():
    assert len(HEDGED_IDS) > 40


@pytest.mark.parametrize("value", ["파일", "서울", "a.json", "2024", "x"])
def test_every_hedged_message_of_the_catalog_resolves(value):
    left = []
    for msgid in HEDGED_IDS:
        if isinstance(msgid, tuple):
            fields = {f: value for f in fields_of(msgid[1]) if f != "count"}
            text = translate_plural(msgid[0], msgid[1], 3, "ko", **fields)
        else:
            text = translate(msgid, "ko", **{f: value for f in fields_of(msgid)})
        if LEFT.search(text):
            left.append(text)
    assert not left, left


def test_no_hedged_template_is_formatted_without_fill():
    """``_("…").format(…)`` would leave the particles hedged: such a template goes through ``fill``."""
    hedged = {m if isinstance(m, str) else m[0] for m in HEDGED_IDS}
    found = []
    for folder in ("forms", "storage", "reports", "ui", "cli"):
        for base, _dirs, files in os.walk(os.path.join(ROOT, folder)):
            for name in files:
                if not name.endswith(".py"):
                    continue
                path = os.path.join(base, name)
                with open(path, encoding="utf-8") as fp:
                    tree = ast.parse(fp.read())
                for node in ast.walk(tree):
                    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                            and node.func.attr == "format" and isinstance(node.func.value, ast.Call)
                            and getattr(node.func.value.func, "id", "") in ("_", "ngettext")
                            and node.func.value.args and isinstance(node.func.value.args[0], ast.Constant)
                            and node.func.value.args[0].value in hedged):
                        found.append(f"{os.path.relpath(path, ROOT)}:{node.lineno}")
    assert not found, found


def broken(doc: dict) -> dict:
    """A sample with errors whose Korean messages hedge a particle after a value."""
    for line in doc["budget"]["lines"]:
        if line["source"] == "national":
            line["amount_krw"] *= 2  # over the national cap
    doc["organisations"][0]["registration_number"] = "506-82-0123"  # nine digits: not the form of one
    doc["tasks"][0]["start"] = "2019-04"  # before the call's years
    doc["indicators"][0]["kind"] = "quantitative"
    doc["indicators"][0]["targets"][str(min(int(y) for y in doc["indicators"][0]["targets"]))] = {"ko": "많이",
                                                                                               "en": "many"}
    for item in doc["equipment"]:
        item["review_note"] = {"ko": "", "en": ""}
    principal = next(r for r in doc["researchers"] if r["role"] == "principal")
    principal["org"] = next(o["id"] for o in doc["organisations"] if o["id"] != principal["org"])
    return doc


@pytest.mark.parametrize("kind", ["super_regional", "leap"])
def test_no_finding_of_a_broken_sample_hedges_a_particle(kind):
    from forms.files.exchange_read import from_dict
    from forms.files.exchange_write import to_dict
    from forms.rules import validate
    from forms.sample import SAMPLES

    report = validate(from_dict(broken(to_dict(SAMPLES[kind]()))))
    codes = {f.code for f in report.findings}
    assert {"researchers.pi_not_lead", "tasks.month_outside", "org.registration_invalid"} <= codes
    texts = [f.message("ko") for f in report.findings]
    assert not [t for t in texts if LEFT.search(t)]
    assert any("'506-82-0123'은 사업자등록번호 형식이" in t for t in texts)


def test_a_value_ending_in_a_full_stop_is_not_given_a_second_one():
    template = "'{value}' is not an organisation of this proposal; use the name or id of one of: {choices}."
    assert fill(template, value="X", choices="POSTECH, Daegyeong Recycle Corp.").endswith("Recycle Corp.")
    assert fill("{a}. {b}.", a="Done", b="Saved") == "Done. Saved."
    assert fill("Ends with {what}...", what="Inc.") == "Ends with Inc..."  # only one full stop is dropped


@pytest.mark.parametrize(("text", "want"), [
    ("'2023. 2. 30.'은(는) 없는 날짜입니다.", "'2023. 2. 30.'은 없는 날짜입니다."),
    ("2023. 3. 2.(으)로 유지됩니다.", "2023. 3. 2.로 유지됩니다."),
    ("2023. 3. 2.을(를) 씁니다.", "2023. 3. 2.을 씁니다."),
])
def test_a_date_written_as_official_documents_do_is_said_with_its_day(text, want):
    """“2023. 3. 2.” is said “2023년 3월 2일”: it ends in 일, whatever its last digit."""
    assert josa.resolve(text) == want
