"""The Type page says where each value of the call comes from, in the reader's language."""

from forms.profile import load_profile
from ui.pages.kind import describe


def test_type_description_sources_follow_the_language():
    profile = load_profile("msit-mega-2023")
    ko = describe(profile, "super_regional", "ko")
    en = describe(profile, "super_regional", "en")
    assert "보도자료" in ko and "Press release" not in ko
    assert "Press release" in en
