"""The one i18n module: gettext catalogs, the current language, and Babel formatting.

Source strings are English. Catalogs live in ``resources/locale/<lang>/LC_MESSAGES/<domain>.mo``,
one domain per layer (forms, storage, reports, ui); they are chained into one translation per
language. ``_()`` looks the language up at call time, so switching the language takes effect at
the next rendering, without a restart. ``N_()`` marks module-level strings that are translated
when shown. Translations must keep the named ``{fields}`` of their source; one that does not is
ignored (the source string is shown) and the catalog test fails.

A Korean template hedges the particle after a field ("{file}을(를)"); :func:`fill` formats a
template and puts each of its own hedged particles in the form the value before it needs
(``forms.base.josa``), leaving the values themselves, a title a person typed, exactly as they are.
:func:`translate` and :func:`translate_plural` fill through it.
"""

from __future__ import annotations

import gettext
import locale
import os
import re
import string
from collections.abc import Callable
from typing import Protocol

from forms.base import josa
from forms.base.paths import resource_path

LANGUAGES: tuple[str, ...] = ("ko", "en")
#: Pseudo-language: every string stretched and bracketed, to find labels that truncate.
PSEUDO = "qps"
DOMAINS: tuple[str, ...] = ("forms", "storage", "reports", "ui")
#: Each language named in its own script, for language pickers.
NATIVE_NAMES: dict[str, str] = {"ko": "한국어", "en": "English"}

_current = "en"
_cache: dict[str, gettext.NullTranslations] = {}
_listeners: list[Callable[[str], None]] = []
_FORMATTER = string.Formatter()


def fields_of(text: str) -> set[str]:
    """The named replacement fields of a ``str.format`` template."""
    try:
        return {name for _lit, name, _spec, _conv in _FORMATTER.parse(text) if name}
    except ValueError:
        return {"<malformed>"}


class _Readable(Protocol):
    """What gettext reads a catalog from: an open binary file."""

    def read(self) -> bytes: ...


class _CheckedTranslations(gettext.GNUTranslations):
    """Drops any translation whose named fields differ from its source string."""

    _catalog: dict[str | tuple[str, int], str]  # gettext's own store, filled by _parse

    def _parse(self, fp: _Readable) -> None:  # gettext's own signature
        super()._parse(fp)
        bad = [k for k, v in self._catalog.items() if isinstance(k, str) and k and v and fields_of(k) != fields_of(v)]
        for key in bad:
            del self._catalog[key]


class _PseudoTranslations(gettext.NullTranslations):
    """Stretches every string by about 40 % and brackets it, keeping fields intact."""

    def gettext(self, message: str) -> str:
        return pseudo(message.rpartition(CONTEXT)[2])

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)


_FIELD = re.compile(r"(\{[^{}]*\})")


def pseudo(message: str) -> str:
    """Accented-looking, 40 % longer, bracketed; ``{fields}`` untouched so ``.format()`` still works."""
    if not message:
        return message
    parts = []
    for piece in _FIELD.split(message):
        if _FIELD.fullmatch(piece):
            parts.append(piece)
        else:
            parts.append("".join(ch + ("~" if ch.isalpha() and i % 2 == 0 else "") for i, ch in enumerate(piece)))
    body = "".join(parts)
    pad = -(-len(message) * 4 // 10) - (len(body) - len(message))
    return "[" + body + "·" * max(0, pad) + "]"


def translations(lang: str) -> gettext.NullTranslations:
    """The translation of every domain for ``lang``, merged into one catalog (cached)."""
    if lang in _cache:
        return _cache[lang]
    if lang == PSEUDO:
        tr: gettext.NullTranslations = _PseudoTranslations()
    else:
        tr = gettext.NullTranslations()
        localedir = resource_path("locale")
        first: _CheckedTranslations | None = None
        for domain in DOMAINS:
            mo = os.path.join(localedir, lang, "LC_MESSAGES", domain + ".mo")
            if not os.path.exists(mo):
                continue
            with open(mo, "rb") as fp:
                part = _CheckedTranslations(fp)
            if first is None:
                first = part
            else:  # one catalog, not a chain: a lookup is one dict access (the first domain wins)
                for key, text in part._catalog.items():
                    first._catalog.setdefault(key, text)
        if first is not None:
            tr = first
    _cache[lang] = tr
    return tr


def normalise(lang: str | None) -> str:
    """Map 'ko_KR.UTF-8', 'en-GB', None, … onto a supported language code."""
    if not lang:
        return "en"
    code = lang.replace("-", "_").split("_")[0].split(".")[0].lower()
    if code == PSEUDO:
        return PSEUDO
    return code if code in LANGUAGES else "en"


def system_language() -> str:
    """The user's system language if we have it, else English."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var)
        if value and value not in ("C", "POSIX", "C.UTF-8"):
            return normalise(value)
    try:
        value = locale.getlocale()[0]
    except ValueError:
        value = None
    return normalise(value)


def set_language(lang: str) -> str:
    """Make ``lang`` the UI language; listeners are told so they can re-render."""
    global _current
    _current = normalise(lang)
    for listener in list(_listeners):
        listener(_current)
    return _current


def current_language() -> str:
    return _current


def on_language_changed(listener: Callable[[str], None]) -> None:
    _listeners.append(listener)


def remove_language_listener(listener: Callable[[str], None]) -> None:
    if listener in _listeners:
        _listeners.remove(listener)


#: gettext's separator between a message's context and its text: the key of a ``pgettext`` entry.
CONTEXT = "\x04"


def _lookup(tr: gettext.NullTranslations, message: str) -> str:
    """``message`` translated; one with a context (:func:`NC_`) that has no translation is its text."""
    text = tr.gettext(message)
    return text.rpartition(CONTEXT)[2] if text is message else text


def _(message: str) -> str:
    """Translate into the current UI language."""
    return _lookup(translations(_current), message)


def N_(message: str) -> str:  # noqa: N802 - gettext's conventional name, as xgettext's keyword
    """Mark a string for extraction; it is translated where it is shown."""
    return message


def NC_(context: str, message: str) -> str:  # noqa: N802 - the marker's conventional shape
    """Mark a word that means two things (a heading and a label, …) with the ``context`` that tells
    which; it is translated where it is shown, by ``_`` or :func:`translate`, as ``pgettext`` would."""
    return context + CONTEXT + message


def pgettext(context: str, message: str) -> str:
    """``message`` in the sense ``context`` names, in the current UI language."""
    return _(NC_(context, message))


def NP_(singular: str, plural: str) -> tuple[str, str]:  # noqa: N802 - the marker's conventional shape
    """Mark a message with a singular and a plural form, chosen where it is shown (``Count``)."""
    return singular, plural


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(_current).ngettext(singular, plural, n)


def render_field(value: object, lang: str) -> object:
    """A message field as shown in ``lang``: anything with ``render(lang)`` (an amount, a
    percentage, a phrase, a nested error) rendered; a large whole number with its digits grouped;
    any other value as it is."""
    render = getattr(value, "render", None)
    if render is not None:
        return render(lang)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10000:
        return f"{value:,}"
    return value


def fill(template: str, /, **fields: object) -> str:
    """``template.format(**fields)``, with each hedged particle of the template itself ("을(를)",
    "(으)로", …) in the form that fits the word before it, which is often a field's value
    ("{file}을(를)" with ``a.json`` gives ``a.json을``). Text that comes from a field is never
    changed: a title that contains "을(를)" is shown as it was typed. A value that ends a sentence
    with its own full stop ("Daegyeong Recycle Corp.") is not given a second one. Use it wherever a translated
    template is formatted outside :func:`translate`: ``fill(_("Removed {name}."), name=name)``."""
    if not josa.HEDGED.search(template) and "}." not in template:
        return template.format(**fields)
    out = ""
    for literal, name, spec, conversion in _FORMATTER.parse(template):
        if literal:
            if literal.startswith(".") and out.endswith("."):  # "… Recycle Corp." + "." is one full stop
                literal = literal[1:]
            out = josa.resolve(out + literal, len(out))
        if name is not None:
            value, _key = _FORMATTER.get_field(name, (), fields)
            value = _FORMATTER.convert_field(value, conversion)
            out += _FORMATTER.format_field(value, _FORMATTER.vformat(spec, (), fields) if spec else "")
    return out


def translate(message: str, lang: str, /, **fields: object) -> str:
    """Translate ``message`` into ``lang`` (not necessarily the UI language) and fill its fields,
    each rendered in that language (:func:`render_field`), through :func:`fill`."""
    text = _lookup(translations(normalise(lang)), message)
    return fill(text, **{k: render_field(v, lang) for k, v in fields.items()}) if fields else josa.resolve(text)


def translate_plural(singular: str, plural: str, n: int, lang: str, /, **fields: object) -> str:
    """Like :func:`translate` for a message whose form depends on the number ``n`` (``ngettext``);
    ``n`` is also given to the message as ``{count}`` unless a field of that name is given."""
    text = translations(normalise(lang)).ngettext(singular, plural, n)
    fields.setdefault("count", n)
    return fill(text, **{k: render_field(v, lang) for k, v in fields.items()})


def babel_locale(lang: str) -> str:
    """The Babel locale used to format numbers and dates for ``lang``."""
    return {"ko": "ko_KR", "en": "en_US"}.get(normalise(lang), "en_US")
