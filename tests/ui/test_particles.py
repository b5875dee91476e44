"""The window's Korean messages put each particle in the form the word before it needs, and leave
what a person typed as it was typed."""

from __future__ import annotations

import pytest

from forms.base import i18n
from forms.model import Text
from tests.ui.helpers import answer_next_box, settle


@pytest.fixture(autouse=True)
def _english_after():
    """Leaves the window's language, Qt's own buttons included, in English for the next test."""
    from ui import setup

    yield
    i18n.set_language("en")
    setup.install_qt_translation("en")


def test_the_delete_question_fits_its_particle_to_the_title_and_keeps_the_title(window, store, super_regional):
    super_regional.title = Text(ko="지역혁신을(를) 위한 제안서", en="For regional innovation")
    store.create(super_regional)
    window.menus.lang_actions["ko"].trigger()
    window.refresh_recent()
    settle()
    seen: list[str] = []
    answer_next_box("삭제(D)", seen)
    window.delete_proposal(super_regional.id)
    assert seen[0].startswith("“지역혁신을(를) 위한 제안서”를 삭제하시겠습니까?"), seen
