"""The app's own input error: what bad input raises, with a message in the user's language."""

from __future__ import annotations

import errno
from typing import Protocol

from forms.base.i18n import N_, render_field, translate


class Renders(Protocol):
    """Anything shown in the user's language when a message is: a phrase, a grid cell, an error."""

    def render(self, lang: str) -> str: ...


class Phrase:
    """A translatable word or phrase used as a message field ("a list", "nothing", …)."""

    def __init__(self, message: str) -> None:
        self.message = message

    def render(self, lang: str) -> str:
        return translate(self.message, lang)

    def __str__(self) -> str:
        return self.message


class InputError(ValueError):
    """Bad input from a person or a file.

    ``message`` is an English source string with named ``{fields}``; ``where`` names the place
    (a field path such as ``budget.lines[3].amount_krw``, ``line 4, column 7``, or anything that
    renders itself in a language, such as a :class:`Phrase`).
    ``text(lang)`` gives the full message in Korean or English.
    """

    def __init__(self, message: str, /, where: str | Renders = "", **fields: object) -> None:
        self.message = message
        self.where = where
        self.fields = fields
        super().__init__(self.text("en"))

    def render(self, lang: str) -> str:
        """As a field of another message (the reason one thing could not be read, say)."""
        return self.text(lang)

    def text(self, lang: str) -> str:
        body = translate(self.message, lang, **self.fields)
        where = self.place(lang)
        return f"{where}: {body}" if where else body

    def place(self, lang: str) -> str:
        """Where the error is (a field path, or a phrase such as "the whole file"), in ``lang``."""
        return str(render_field(self.where, lang))


#: What the operating system says most often, in words the app can translate (its own text is in
#: the system's language, often English, and would sit inside a Korean message).
_OS_REASONS = {
    errno.ENOENT: N_("the file or folder does not exist"),
    errno.EACCES: N_("access is denied: the file may be open in another program, or read-only"),
    errno.EPERM: N_("the operation is not permitted"),
    errno.ENOSPC: N_("the disk is full"),
    errno.EROFS: N_("the disk is read-only"),
    errno.EISDIR: N_("it is a folder"),
    errno.ENOTDIR: N_("part of the path is not a folder"),
    errno.EBUSY: N_("the file is in use by another program"),
    errno.ENAMETOOLONG: N_("the name is too long"),
    errno.EIO: N_("the disk could not be read or written"),
}
if hasattr(errno, "EDQUOT"):
    _OS_REASONS[errno.EDQUOT] = N_("the disk quota is used up")


def os_reason(exc: OSError) -> Phrase | str:
    """Why ``exc`` happened, as a message field in the user's language where the app knows the
    reason; otherwise the system's own words."""
    message = _OS_REASONS.get(exc.errno) if exc.errno is not None else None
    return Phrase(message) if message else (exc.strerror or type(exc).__name__)
