"""The app's own input error: what bad input raises, with a message in the user's language."""

from __future__ import annotations

from forms.i18n import translate


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
    (a field path such as ``budget.lines[3].amount_krw``, or ``line 4, column 7``).
    ``text(lang)`` gives the full message in Korean or English.
    """

    def __init__(self, message: str, /, where: str = "", **fields: object) -> None:
        self.message = message
        self.where = where
        self.fields = fields
        super().__init__(self.text("en"))

    def text(self, lang: str) -> str:
        fields = {k: (v.render(lang) if hasattr(v, "render") else v) for k, v in self.fields.items()}
        body = translate(self.message, lang, **fields)
        return f"{self.where}: {body}" if self.where else body
