"""What the question before removing an organisation counts: each list of records by its own name."""

import pytest

from forms.base import i18n
from forms.dependents import Dependents, dependents
from forms.sample import SAMPLES


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_every_list_that_names_an_organisation_in_the_samples_has_its_own_noun(kind):
    p = SAMPLES[kind]()
    for org in p.organisations:
        found = dependents(p, org.id)
        assert found
        for lang in ("en", "ko"):
            i18n.set_language(lang)
            texts = [d.describe() for d in found]
            assert not any("other record" in t or "기타 기록" in t for t in texts), texts
            assert len(set(texts)) == len(texts)


def test_counts_are_named_in_both_languages_with_plurals():
    one, six = Dependents("tasks", (0,)), Dependents("equipment", tuple(range(6)))
    assert (one.describe(), six.describe()) == ("1 task", "6 equipment items")
    i18n.set_language("ko")
    assert (one.describe(), six.describe()) == ("과제 1건", "장비 6건")


def test_a_list_without_a_noun_of_its_own_is_counted_as_other_records():
    assert Dependents("plan.annex", (0, 1)).describe() == "2 other records"
