"""One register in the Korean the packet generates: the 합쇼체 of an official letter (합니다,
하였습니다, 하십시오) — never the plain 한다체 (한다, 하였다) or noun endings (함, 임, 아님) — in
every sentence the app writes: the packet's messages, the rules' findings a draft lists, and the
commitments' wording in each call profile. The proposal's own text is the applicant's and keeps
whatever register it was written in."""

from __future__ import annotations

import glob
import os
import re
import subprocess
import tomllib

import pytest
from babel.messages.pofile import read_po

from forms.model import Text
from forms.sample import SAMPLES
from reports.export import export_packet

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


def test_the_check_tells_the_registers_apart():
    assert other_register("지방비를 부담할 것을 확약합니다. 제출할 수 없습니다.\n끝.") == []
    assert other_register("붙임  1. 참여 확약서 (대구경북과학기술원) 1부.\n2. 참여 확약서 1부.  끝.") == []
    assert other_register("규칙 묶음 x 버전 1(이름)에 따라 검증하였습니다. 지방비를 증액하십시오.") == []
    assert other_register("지방비를 부담한다. 확약합니다.") == ["지방비를 부담한다."]
    assert other_register("검증 기준: 규칙 묶음 x, 버전 1 (이름).") == ["검증 기준: 규칙 묶음 x, 버전 1 (이름)."]
    assert other_register("초안 — 제출용 아님: 제안서가 검증을 통과하지 못하였습니다.")
    assert other_register("성과를 기대함.")
    assert other_register("(작성되지 않음) 2023. 3. 2. 국비 총액: 금5원(금오원)") == []  # labels, dates


def _sentences(layer: str) -> list[str]:
    with open(os.path.join(ROOT, "resources", "locale", "ko", "LC_MESSAGES", f"{layer}.po"), "rb") as fp:
        catalog = read_po(fp)
    out = []
    for message in catalog:
        if message.id and message.string:
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            out += [s for s in strings if s]
    return out


@pytest.mark.parametrize("layer", ["reports", "forms"])
def test_every_korean_message_the_packet_can_print_is_in_one_register(layer):
    """The packet's own words (reports) and the rules' findings and statements (forms)."""
    wrong = [(s, other_register(s)) for s in _sentences(layer) if other_register(s)]
    assert wrong == []


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
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    for needle in ("확약합니다.", "검증하였습니다.", "끝.", "증액하십시오.", "표시하였습니다:"):
        assert needle in re.sub(r"\s*\n\s*", " ", text), needle  # the sentences are there to be read
    assert other_register(text) == []
