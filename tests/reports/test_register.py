"""Two registers in the Korean the packet generates, each in its place.

The plan's chapters (00-08) are the applicant's plan, written in the plain 한다체 of a plan
(하다, 하였다) or in noun-ending lines (개조식): what the packet writes there itself (the budget
chapter's statements, the notes under its tables) is in 한다체 too, and no sentence of the plan's
body is in the 합쇼체. Everything else the app writes — the cover, the draft notices, the validation
report a draft lists, the fingerprint's note and the commitments (확약서) — is in the 합쇼체 of an
official letter (합니다, 하였습니다, 하십시오), as the window speaks. A message the plan's body prints
has the context "plan" in the catalogs (one msgid has one translation), so each catalog entry is
checked against the register of its place. A span of years is written one way in a packet
(``forms.values.YearSpan``: 2023~2025 in Korean, 2023–2025 in English)."""

from __future__ import annotations

import glob
import os
import re
import subprocess
import tomllib

import pytest
from babel.messages.pofile import read_po

from forms.model import Text
from forms.profile import load_profile
from forms.sample import SAMPLES
from reports.export import export_packet
from tests.reports.pdfcheck import outline_titles, reader

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

#: The end of a sentence: a full stop after a Korean syllable or a closing bracket.
_SENTENCE = re.compile(r"[^.]*?[가-힣)]\.(?=\s|$)")
#: A 합쇼체 sentence ends so (or it is the document's closing 끝., or an item of its attachments'
#: list, counted in copies: 붙임  1. 참여 확약서 1부.).
_POLITE = re.compile(r"(?:니다|십시오|끝)(?:\([^()]*(?:\([^()]*\)[^()]*)*\))?\.$|\d부\.$")
#: The other registers inside a sentence: a plain 다 or a noun ending before a full stop or colon.
_OTHER = re.compile(r"(?<!니)다[.:,]|[가-힣](?:함|임|음|됨|님)[.:]")


def other_register(text: str) -> list[str]:
    """The sentences of ``text`` (lines joined) that are not in the 합니다 register."""
    text = re.sub(r"\s*\n\s*", " ", text)
    wrong = []
    for sentence in _SENTENCE.findall(text):
        sentence = sentence.strip()
        if not re.search(r"[가-힣]", sentence):
            continue  # English words, figures
        if not _POLITE.search(sentence) or _OTHER.search(sentence):
            wrong.append(sentence)
    wrong += [m.group(0) for m in re.finditer(r"[^.:]{0,30}[가-힣](?:함|임|아님):", text)]
    return wrong


#: A 합쇼체 ending inside a sentence or at its end: what the plan's body never says.
_POLITE_IN = re.compile(r"(?:니다|십시오)(?:\([^()]*\))?[.,:?]")


def plan_register(text: str) -> list[str]:
    """The sentences of ``text`` (lines joined) that are not in the plan's 한다체: each ends in a
    plain 다 before its full stop and has no 합쇼체 ending inside it."""
    text = re.sub(r"\s*\n\s*", " ", text)
    wrong = []
    for sentence in _SENTENCE.findall(text):
        sentence = sentence.strip()
        if not re.search(r"[가-힣]", sentence):
            continue
        if not re.search(r"(?<!니)다\.$", sentence) or _POLITE_IN.search(sentence):
            wrong.append(sentence)
    return wrong


def polite_sentences(text: str) -> list[str]:
    """The sentences of ``text`` (lines joined) in the 합쇼체 (a plan's own noun-ending lines pass)."""
    text = re.sub(r"\s*\n\s*", " ", text)
    return [s.strip() for s in _SENTENCE.findall(text) if _POLITE_IN.search(s)]


def test_the_check_tells_the_plan_register_apart():
    assert plan_register("지방비는 국비의 20%를 충족하며 5원을 초과한다. △는 부족액을 나타낸다.") == []
    assert plan_register("아직 편성된 국비가 없어 확인할 수 없다. 지금까지 편성된 지방비는 5원이다.") == []
    assert plan_register("△는 부족액을 나타냅니다. 초과한다.") == ["△는 부족액을 나타냅니다."]
    assert plan_register("부족하므로 증액하십시오.") == ["부족하므로 증액하십시오."]
    assert plan_register("성과를 기대함.") == ["성과를 기대함."]
    assert plan_register("(작성되지 않음) 2023. 3. 2. 국비 총액: 금5원(금오원)") == []
    assert polite_sentences("○ 공정 확립\n○ 수명을 높인다.\n현물은 기관부담 현물입니다.") == ["현물은 기관부담 현물입니다."]
    assert polite_sentences("부족합니다, 그래서 늘린다.") == ["부족합니다, 그래서 늘린다."]


def test_the_check_tells_the_registers_apart():
    assert other_register("지방비를 부담할 것을 확약합니다. 제출할 수 없습니다.\n끝.") == []
    assert other_register("붙임  1. 참여 확약서 (대구경북과학기술원) 1부.\n2. 참여 확약서 1부.  끝.") == []
    assert other_register("규칙 묶음 x 버전 1(이름)에 따라 검증하였습니다. 지방비를 증액하십시오.") == []
    assert other_register("지방비를 부담한다. 확약합니다.") == ["지방비를 부담한다."]
    assert other_register("검증 기준: 규칙 묶음 x, 버전 1 (이름).") == ["검증 기준: 규칙 묶음 x, 버전 1 (이름)."]
    assert other_register("초안 — 제출용 아님: 제안서가 검증을 통과하지 못하였습니다.")
    assert other_register("성과를 기대함.")
    assert other_register("(작성되지 않음) 2023. 3. 2. 국비 총액: 금5원(금오원)") == []  # labels, dates


def _sentences(layer: str, context: str | None = None) -> list[str]:
    """The Korean of the catalog's messages without a context, or of those with ``context``."""
    with open(os.path.join(ROOT, "resources", "locale", "ko", "LC_MESSAGES", f"{layer}.po"), "rb") as fp:
        catalog = read_po(fp)
    out = []
    for message in catalog:
        if message.id and message.string and message.context == context:
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            out += [s for s in strings if s]
    return out


@pytest.mark.parametrize("layer", ["reports", "forms"])
def test_every_korean_message_the_packet_can_print_is_in_the_register_of_its_place(layer):
    """The packet's own words (reports) and the rules' findings and statements (forms): a message
    of the plan's body (context "plan") in 한다체, every other one in the 합쇼체."""
    wrong = [(s, other_register(s)) for s in _sentences(layer) if other_register(s)]
    assert wrong == []
    plan = _sentences(layer, context="plan")
    assert plan or layer not in ("reports", "forms")  # the budget chapter's notes and statements
    assert [(s, plan_register(s)) for s in plan if plan_register(s)] == []


@pytest.mark.parametrize("path", sorted(glob.glob(os.path.join(ROOT, "resources", "calls", "*.toml"))))
def test_every_commitments_wording_is_in_one_register(path):
    with open(path, "rb") as fp:
        commitments = tomllib.load(fp).get("commitments", {})
    assert commitments
    for kind, wording in commitments.items():
        for part in ("body", "pledge"):
            assert other_register(wording[part]["ko"]) == [], (kind, part)


def test_the_korean_packet_reads_back_in_one_register(tmp_path):
    """The sample without its own prose (the applicant's words), as a draft with an error, a
    warning and a character no font has: what is left to read is what the app wrote."""
    p = SAMPLES["super_regional"]()
    for key in list(p.plan):
        p.plan[key] = Text("", "")
    p.title = Text(p.title.ko + " 😀", p.title.en)
    next(x for x in p.budget.lines if x.source == "national").amount_krw += 1_000_000_000
    out = tmp_path / "p.pdf"
    export_packet(p, str(out), lang="ko", draft=True)
    body, rest = _body_and_rest(out, p)
    for needle in ("확약합니다.", "검증하였습니다.", "끝.", "증액하십시오.", "표시하였습니다:"):
        assert needle in re.sub(r"\s*\n\s*", " ", rest), needle  # the sentences are there to be read
    assert other_register(rest) == []
    for needle in ("부족하여, 부족한 만큼 지방비를 증액해야 한다.", "△는 부족액을 나타낸다.", "현물은 기관부담 현물이다."):
        assert needle in re.sub(r"\s*\n\s*", " ", body), needle
    assert plan_register(body) == []


def _body_and_rest(pdf, proposal) -> tuple[str, str]:
    """The Korean packet's text in two: the plan's body (the form's chapters, 00-08, up to the list
    of attachments that closes the main document), and everything else (cover, contents, the
    closing list and note, the attachments, a draft's validation report)."""
    with open(pdf, "rb") as fp:
        data = fp.read()
    chapters = {f"{c.number} {c.title.ko}" for c in load_profile(proposal.call).form.chapters}
    top = [(title, page) for level, title, page in outline_titles(data) if level == 0]
    first = min(page for title, page in top if title in chapters)
    after = [page for title, page in top if page > first and title not in chapters]
    pages = len(reader(data).pages)
    end = after[0] - 1 if after else pages

    def text(a: int, b: int) -> str:
        if a > b:
            return ""
        return subprocess.run(["pdftotext", "-f", str(a), "-l", str(b), str(pdf), "-"], capture_output=True,
                              text=True, check=True).stdout

    main = text(first, end)
    cut = re.search(r"붙임\s+1\.\s", main)
    assert cut is not None  # the main document closes with its attachments' list
    return main[:cut.start()], text(1, first - 1) + main[cut.start():] + text(end + 1, pages)


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_the_plan_body_of_each_sample_has_no_sentence_in_the_letters_register(kind, tmp_path, sample_packet):
    """The reference samples as printed in Korean: the plan's text (the applicant's 한다체 and
    noun-ending lines) and the sentences the packet adds to it, never a 합쇼체 sentence among them."""
    p = SAMPLES[kind]()
    out = tmp_path / "p.pdf"
    out.write_bytes(sample_packet(kind, "ko"))
    body, rest = _body_and_rest(out, p)
    assert "8-3" in body and "초과한다." in body  # the budget chapter's statement is in the body
    assert polite_sentences(body) == []
    assert "확약합니다." in rest and other_register(rest) == []
    assert year_spans(body + rest) == {"~"}  # the roadmap's table and the applicant's text alike


#: A span of years as written: the first year, what joins it to the last one, the last year.
_SPAN = re.compile(r"(?<!\d)((?:19|20)\d\d)(\s*[~\u2013\u2014-]\s*|년\s*[~\u2013-]\s*)((?:19|20)\d\d)(?!\d)")


def year_spans(text: str) -> set[str]:
    """The ways ``text`` joins the years of a span (one way, "~" in Korean, "–" in English)."""
    return {m.group(2) for m in _SPAN.finditer(text)}


def test_the_check_finds_each_way_of_writing_a_span():
    assert year_spans("시범단계(2023~2025), 2단계(2026~2028)") == {"~"}
    assert year_spans("2023~2025와 2026–2028, 2029 ~ 2032, 2023-2025") == {"~", "\u2013", " ~ ", "-"}
    assert year_spans("사업자등록번호 506-82-01236, 2023. 3. 2., 2023.4") == set()


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_each_sample_writes_its_spans_of_years_one_way_in_each_language(kind):
    p = SAMPLES[kind]()
    for lang, way in (("ko", "~"), ("en", "\u2013")):
        text = "\n".join(p.section(key).get(lang) for key in p.plan)
        assert year_spans(text) == {way}, lang
