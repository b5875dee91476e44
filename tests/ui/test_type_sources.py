"""The Type page says what the call says of each type, and where each value comes from, wholly in
the reader's language — whatever the language of the window."""

import re

import pytest

from forms.base import i18n
from forms.profile import load_profile
from ui.pages.kind import describe

HANGUL = re.compile(r"[\uac00-\ud7a3]")


@pytest.mark.parametrize("ui_lang", ["ko", "en"])
def test_type_description_is_wholly_in_its_language(ui_lang):
    profile = load_profile("msit-mega-2023")
    before = i18n.current_language()
    i18n.set_language(ui_lang)
    try:
        ko = describe(profile, "super_regional", "ko")
        en = describe(profile, "super_regional", "en")
    finally:
        i18n.set_language(before)
    assert ko.splitlines()[0] == "국비: 3년간(2023–2025) 최대 5,500,000,000원."
    assert ko.splitlines()[1] == "지방비: 국비의 20% 이상."
    assert "보도자료" in ko and not re.search(r"[A-Za-z]{3,}", ko.replace("KRW", ""))
    assert en.splitlines()[0] == "National funds: up to KRW 5,500,000,000 over 3 years (2023–2025)."
    assert en.splitlines()[1] == "Local funds: at least 20% of the national funds."
    assert "Press release" in en and not HANGUL.search(en)
    assert HANGUL.search(describe(profile, "no_such_type", "ko"))
    assert not HANGUL.search(describe(profile, "no_such_type", "en"))
