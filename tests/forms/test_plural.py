"""Counted nouns take the form their number needs, in every language: never "1 error(s)"."""

from __future__ import annotations

import os
import re

import pytest

from forms.base.i18n import NP_, translate_plural
from forms.values import ERRORS, WARNINGS, Count

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.mark.parametrize(("n", "en", "ko"), [(0, "0 errors", "오류 0건"), (1, "1 error", "오류 1건"),
                                            (2, "2 errors", "오류 2건"), (12345, "12,345 errors", "오류 12,345건")])
def test_a_count_reads_in_the_form_its_number_needs(n, en, ko):
    assert Count(n, ERRORS).render("en") == en
    assert Count(n, ERRORS).render("ko") == ko


def test_a_plural_message_keeps_its_other_fields():
    assert translate_plural("{count} problem found in {file}.", "{count} problems found in {file}.", 1, "en",
                            file="a.db") == "1 problem found in a.db."
    assert Count(1, WARNINGS).render("qps").startswith("[")  # the pseudo-language stretches plurals too
    assert Count(3, NP_("{count} region", "{count} regions")).render("en") == "3 regions"


def test_export_blocked_by_one_error_says_one_error(super_regional):
    from forms.model import Text
    from forms.rules import validate
    from forms.steps import export_blocked_reason

    super_regional.title = Text()
    report = validate(super_regional)
    assert len(report.errors) == 1
    assert export_blocked_reason(report, "en").startswith("Export is blocked by 1 error. First: ")


def test_no_message_of_the_app_hedges_its_plural():
    hedged = re.compile(r"\w\((?:s|es)\)")
    found = []
    for layer in ("forms", "storage", "reports", "ui", "cli"):
        pot = os.path.join(ROOT, "resources", "locale", f"{layer}.pot")
        if os.path.exists(pot):
            with open(pot, encoding="utf-8") as fp:
                found += [line for line in fp if line.startswith(("msgid", '"')) and hedged.search(line)]
    assert not found, found
