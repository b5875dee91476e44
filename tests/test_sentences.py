"""English messages are written in sentences: two clauses are two sentences (or one joined by a
word), never glued with a semicolon. The catalogs hold every string of the source
(tests/test_catalogs.py checks that), so their message ids are the English the app shows."""

from __future__ import annotations

import os
import re

import pytest
from babel.messages.pofile import read_po

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOMAINS = ("forms", "storage", "reports", "ui")

#: Semicolons that are not prose, each with its reason.
NOT_PROSE = {
    # the start-up line benchmarks and the bundle's smoke test read (design.md: --smoke)
    "Window shown after {shown:.3f} s; proposals listed after {listed:.3f} s; database open after {ready:.3f} s.":
        "a fixed line that programs read",
    # SQL the administrator types: its statements end with a semicolon
    "The database {server} is set up (schema {revision}). Grant each official's login one of the groups: "
    "GRANT rps_editor TO login; or GRANT rps_reader TO login;": "SQL statements",
    "The group role {role} does not exist and your login may not create roles. Ask the server's administrator "
    "to run: CREATE ROLE {role} NOLOGIN; then run this command again. Nothing was changed.": "an SQL statement",
}
_GLUED = re.compile(r";\s")


def english_ids(domain: str) -> list[str]:
    with open(os.path.join(ROOT, "resources", "locale", "ko", "LC_MESSAGES", domain + ".po"), "rb") as fp:
        catalog = read_po(fp, locale="ko")
    return [text for m in catalog if m.id for text in (m.id if isinstance(m.id, tuple) else (m.id,))]


@pytest.mark.parametrize("domain", DOMAINS)
def test_no_english_message_glues_clauses_with_a_semicolon(domain):
    glued = [text for text in english_ids(domain) if _GLUED.search(text) and text not in NOT_PROSE]
    assert not glued, "write these as sentences:\n" + "\n".join(glued)


def test_every_exception_is_still_a_message():
    """An exception that no longer matches a message is taken out of the list, not left to excuse another."""
    known = {text for domain in DOMAINS for text in english_ids(domain)}
    assert set(NOT_PROSE) <= known, set(NOT_PROSE) - known
