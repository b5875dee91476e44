"""Shared fixtures: the offscreen Qt platform, a fresh temporary folder per test, the samples."""

from __future__ import annotations

import os
import sys
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The app's remembered settings (the language, the window's place) of every process the tests start
# go to a folder of this run, never the user's: a language someone chose in the app on this machine
# must not change what a started app prints.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="rps-settings-")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

import pytest  # noqa: E402

from forms import i18n  # noqa: E402
from forms.sample import SAMPLES  # noqa: E402


@pytest.fixture(autouse=True)
def _english_by_default():
    """Every test starts in English and leaves the language as it found it."""
    before = i18n.current_language()
    i18n.set_language("en")
    yield
    i18n.set_language(before)


@pytest.fixture
def super_regional():
    return SAMPLES["super_regional"]()


@pytest.fixture
def leap():
    return SAMPLES["leap"]()


@pytest.fixture
def db_path(tmp_path):
    """A database path in a fresh temporary folder (the file does not exist yet)."""
    return str(tmp_path / "proposals.db")
