"""The reference samples' plan text is what new users copy: each section says its own thing once,
under headings written one way, and in Korean in one style (한다체 sentences, or noun-ending
개조식 lines) throughout the section."""

from __future__ import annotations

import difflib
import itertools
import re

import pytest

from forms.sample import SAMPLES

#: Longer than this, a stretch of words two lines share is repeated content, not a common phrase
#: (English needs about twice the characters Korean does to say as much).
SHARED = {"ko": 20, "en": 40}
_BULLET = re.compile(r"^[□○\-·]\s*")


def _lines(text: str) -> list[str]:
    return [re.sub(r"\s+", " ", _BULLET.sub("", line.strip())) for line in text.split("\n") if line.strip()]


def repeated_headings(text: str) -> list[str]:
    """The □ headings of a section that appear more than once, spaces aside ("협력체계", "협력 체계")."""
    heads = [re.sub(r"\s+", "", line.strip()[1:]) for line in text.split("\n") if line.strip().startswith("□")]
    return sorted({h for h in heads if heads.count(h) > 1})


def shared_stretches(sections: dict[str, str], lang: str) -> list[tuple[str, str, str]]:
    """(section, section, the words) for every two lines of ``sections`` (in one section or two)
    that share a stretch longer than ``SHARED[lang]`` characters."""
    lines = [(key, line) for key, text in sections.items() for line in _lines(text)]
    found = []
    for (k1, a), (k2, b) in itertools.combinations(lines, 2):
        m = difflib.SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
        if m.size > SHARED[lang]:
            found.append((k1, k2, a[m.a:m.a + m.size]))
    return found


def mixed_styles(text: str) -> tuple[list[str], list[str]]:
    """A Korean section's lines below its □ headings, as (sentences ending in 다., other lines):
    one of the two is empty in a section written in one style."""
    lines = [line.strip() for line in text.split("\n") if line.strip() and not line.strip().startswith("□")]
    sentences = [line for line in lines if line.endswith("다.")]
    return sentences, [line for line in lines if line not in sentences]


def test_the_checks_find_what_they_look_for():
    assert repeated_headings("□ 협력체계\n○ 가\n□ 협력 체계\n○ 나\n□ 추진체계") == ["협력체계"]
    assert repeated_headings("□ 협력체계\n□ 추진체계") == []
    found = shared_stretches({"a": "○ 사업 완료 후 원료 수입 대체 연 300억 원을 기대한다.",
                              "b": "○ 사업 완료 후 원료 수입 대체 연 300억 원과 일자리를 만든다."}, "ko")
    assert [(k1, k2) for k1, k2, _ in found] == [("a", "b")]
    assert shared_stretches({"a": "○ 원료 회수율 95%를 달성한다.", "b": "○ 원료 회수율 95%를 검증한다."}, "ko") == []
    assert shared_stretches({"a": "□ 기대효과\n○ 같은 내용을 두 번 적은 긴 문장이 여기 있다.\n○ 같은 내용을 두 번 적은 긴 문장이 여기 있다."},
                            "ko")  # within one section too
    sentences, other = mixed_styles("□ 목표\n○ 공정을 확립한다.\n○ 시제품 3종 제작")
    assert sentences and other == ["○ 시제품 3종 제작"]


@pytest.mark.parametrize("kind", sorted(SAMPLES))
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_no_section_repeats_a_heading_or_another_sections_lines(kind, lang):
    p = SAMPLES[kind]()
    sections = {key: p.section(key).get(lang) for key in p.plan}
    assert {key: repeated_headings(text) for key, text in sections.items() if repeated_headings(text)} == {}
    assert shared_stretches(sections, lang) == []


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_each_korean_section_is_written_in_one_style(kind):
    p = SAMPLES[kind]()
    mixed = {key: mixed_styles(p.section(key).ko)[1] for key in p.plan
             if all(mixed_styles(p.section(key).ko))}
    assert mixed == {}
