"""The app's own input error: what bad input raises, with a message in the user's language."""

from __future__ import annotations

from forms.i18n import translate


class InputError(ValueError):
    """Bad input from a person or a file.

    ``message`` is an English source string with named ``{fields}``; ``where`` names the place
    (a field path such as ``budget.lines[3].amount_krw``, or ``line 4, column 7``).
    ``text(lang)`` gives the full message in Korean or English.
    """

    def __init__(self, message: str, /, where: str = "", **fields: object) -> None:
        self.message = message
        self.where = where
        self.fields = fields
        super().__init__(self.text("en"))

    def text(self, lang: str) -> str:
        body = translate(self.message, lang, **self.fields)
        return f"{self.where}: {body}" if self.where else body
