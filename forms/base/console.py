"""Printing for a person at a terminal, the same way for every command: never a traceback, even
on a console that cannot show Hangul or in a windowed executable that has no console at all."""

from __future__ import annotations

import json
import re
import sys

from forms.base.errors import InputError, os_reason
from forms.base.i18n import N_

#: The control characters a terminal acts on: C0 but newline and tab (the lines' and columns' own
#: structure), DEL, and C1 (U+0080–U+009F: U+009B is a one-character ESC [).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """``text`` with every control character a terminal would act on written out as ``\\x1b``, so a
    title, a name or a value from a file cannot move the cursor, erase a line or ring the bell."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def json_text(doc: object) -> str:
    """``doc`` as JSON for a terminal: Hangul as it is, every control character escaped (JSON
    escapes C0 itself; C1 and DEL are written ``\\u009b``), so the output is the same JSON."""
    text = json.dumps(doc, ensure_ascii=False, indent=2)
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def say(text: str, err: bool = False) -> None:
    """Write one line to stdout (or stderr with ``err``), control characters shown (:func:`visible`)."""
    stream = sys.stderr if err else sys.stdout
    if stream is None:  # a windowed executable has no console
        return
    text = visible(text)
    try:
        try:
            stream.write(text + "\n")
        except UnicodeEncodeError:  # a console that cannot show Hangul, or a name with undecodable bytes
            enc = stream.encoding or "ascii"
            stream.write(text.encode(enc, "replace").decode(enc) + "\n")
        stream.flush()
    except OSError as exc:  # `| head -1` closed the pipe, `> /dev/full`: the command's output cannot go out
        raise OutputLost(exc) from exc


class OutputLost(InputError):
    """Standard output (or error) cannot be written: a closed pipe, a full disk."""

    def __init__(self, exc: OSError) -> None:
        self.closed = isinstance(exc, BrokenPipeError)
        super().__init__(N_("The output cannot be written: {reason}"), reason=os_reason(exc))
