"""Text as every document the app writes prints it: the one cleaning that the PDF, the HWPX copy
and the workbook apply to each text they put on a page or into XML.

A text typed in the window or pasted from a word processor may hold control characters that have
no printed form and that XML cannot hold at all (a vertical tab that Word writes for a manual line
break, a bell, a byte-order mark turned round). They are not findings — nothing is wrong with what
the text says — and they are not removed from the proposal; they are cleaned where a document is
written:

- a tab, and a character that breaks a line or a page in some program (vertical tab, form feed,
  the file/group/record separators, NEL, the Unicode line and paragraph separators), becomes a
  space, so ``개발\\v2차`` prints as ``개발 2차``, not ``개발2차``;
- a line feed stays (a multi-line text keeps its lines; a one-line place sets it as a space);
- every other control character (C0, DEL, C1) and what XML 1.0 forbids (U+FFFE, U+FFFF, a lone
  surrogate) is dropped.
"""

from __future__ import annotations

import re

#: Characters that break a line or a page somewhere: printed as a space.
SPACES = "\t\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_SPACED = re.compile(f"[{SPACES}]")
#: Characters with no printed form that XML cannot hold or that mean nothing on paper: dropped.
_DROPPED = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\r\ud800-\udfff\ufffe\uffff]")
_ANY = re.compile(f"[{SPACES}\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\r\ud800-\udfff\ufffe\uffff]")


def printable(text: str) -> str:
    """``text`` as a document prints it: line-breaking controls and tabs as spaces, other control
    characters dropped, line feeds kept."""
    if not _ANY.search(text):
        return text
    return _DROPPED.sub("", _SPACED.sub(" ", text))


def one_line(text: str) -> str:
    """``text`` printed on one line: :func:`printable`, with its line feeds as spaces too."""
    return printable(text).replace("\n", " ")
