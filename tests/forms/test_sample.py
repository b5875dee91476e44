"""``main.py sample`` gives a complete, realistic proposal of the call's form for both types: every
chapter written in Korean and English at a believable length, the records a real plan carries,
and nothing the rules object to (the packet's length is checked in tests/reports/test_packet.py)."""

import pytest

from forms.model import ResearcherRole, section_length
from forms.profile import load_profile
from forms.rules import validate
from forms.sample import SAMPLES

#: Least characters of each chapter's text, per language: a few paragraphs, not a line.
CHAPTER_MIN = {"ko": 120, "en": 250}


@pytest.fixture(params=sorted(SAMPLES))
def sample(request):
    return SAMPLES[request.param]()


def test_the_sample_validates_clean(sample):
    report = validate(sample)
    assert [(f.code, str(f.shown)) for f in report.findings] == []


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_chapter_is_written_at_a_believable_length(sample, lang):
    form = load_profile(sample.call).form
    short = {}
    for chapter in form.chapters:
        length = sum(section_length(sample.plan[s.key].get(lang)) for s in chapter.sections if s.key in sample.plan)
        if length < CHAPTER_MIN[lang]:
            short[chapter.number] = length
    assert short == {}, f"chapters written too short in {lang}: {short}"
    for chapter in form.chapters:
        for section in chapter.sections:
            assert sample.plan[section.key].get(lang).strip(), f"{section.key} ({lang}) is empty"


def test_the_records_a_real_plan_carries(sample):
    assert len(sample.researchers) >= 12
    assert [r.role for r in sample.researchers].count(ResearcherRole.PRINCIPAL) == 1
    assert len(sample.indicators) >= 8 and sum(i.weight for i in sample.indicators) == 100
    assert len(sample.tasks) >= 10 and sample.deliverables
    assert sample.equipment
    assert all(line.items for line in sample.budget.lines)
    assert all(sum(item.amount_krw for item in line.items) == line.amount_krw for line in sample.budget.lines)
    for org in sample.organisations:
        assert org.registration_number and not org.representative.is_empty()
