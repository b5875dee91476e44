"""Both catalogs complete, with the same named fields as their source strings."""

import os
import re

import pytest
from babel.messages.pofile import read_po

from forms import i18n
from forms.i18n import fields_of

LOCALE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "resources", "locale")
CATALOGS = [(lang, domain) for lang in i18n.LANGUAGES for domain in i18n.DOMAINS
            if os.path.exists(os.path.join(LOCALE, lang, "LC_MESSAGES", domain + ".po"))]


def entries(lang, domain):
    with open(os.path.join(LOCALE, lang, "LC_MESSAGES", domain + ".po"), "rb") as fp:
        catalog = read_po(fp, locale=lang)
    for message in catalog:
        if message.id:
            yield message


def test_every_layer_has_both_catalogs():
    assert ("ko", "forms") in CATALOGS and ("en", "forms") in CATALOGS
    for domain in i18n.DOMAINS:
        assert (("ko", domain) in CATALOGS) == (("en", domain) in CATALOGS), domain


@pytest.mark.parametrize(("lang", "domain"), CATALOGS)
def test_catalog_is_complete(lang, domain):
    missing = []
    for message in entries(lang, domain):
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings) or message.fuzzy:
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    assert not missing, f"{lang}/{domain}: {len(missing)} untranslated, e.g. {missing[:5]}"


@pytest.mark.parametrize(("lang", "domain"), CATALOGS)
def test_translations_keep_named_fields(lang, domain):
    bad = []
    for message in entries(lang, domain):
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for source in ids:
            for text in strings:
                if text and fields_of(source) != fields_of(text):
                    bad.append(f"{source!r} -> {text!r}")
    assert not bad, "\n".join(bad[:10])


#: printf-style placeholders (argparse's own messages use them): %s, %r, %(name)s …
_PRINTF = re.compile(r"%(?:\([a-z_]+\))?[sr]")


@pytest.mark.parametrize(("lang", "domain"), CATALOGS)
def test_translations_keep_printf_placeholders(lang, domain):
    bad = [f"{m.id!r} -> {m.string!r}" for m in entries(lang, domain)
           if isinstance(m.id, str) and m.string and sorted(_PRINTF.findall(m.id)) != sorted(_PRINTF.findall(m.string))]
    assert not bad, "\n".join(bad[:10])


@pytest.mark.parametrize(("lang", "domain"), CATALOGS)
def test_catalog_is_up_to_date_with_the_source(lang, domain):
    """Every string in the extracted template is in the catalog (run `make i18n` after adding one)."""
    with open(os.path.join(LOCALE, domain + ".pot"), "rb") as fp:
        template = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(fp) if m.id}
    have = {m.id if isinstance(m.id, str) else m.id[0] for m in entries(lang, domain)}
    assert not template - have


def test_a_translation_that_drops_a_field_is_ignored(tmp_path):
    import gettext

    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    catalog = Catalog(locale="ko")
    catalog.add("Add {shortfall} now.", "지금 추가하십시오.")
    catalog.add("Hello {name}.", "{name}님 안녕하세요.")
    path = tmp_path / "t.mo"
    with open(path, "wb") as fp:
        write_mo(fp, catalog)
    with open(path, "rb") as fp:
        tr = i18n._CheckedTranslations(fp)
    assert isinstance(tr, gettext.GNUTranslations)
    assert tr.gettext("Add {shortfall} now.") == "Add {shortfall} now."
    assert tr.gettext("Hello {name}.") == "{name}님 안녕하세요."


def test_language_switch_is_immediate():
    i18n.set_language("ko")
    ko = i18n._("Summary")
    i18n.set_language("en")
    assert i18n._("Summary") == "Summary" and ko != "Summary"


def test_pseudo_language_stretches_and_keeps_fields():
    text = i18n.translate("Add {shortfall} to reach {required}.", i18n.PSEUDO)
    assert text.startswith("[") and text.endswith("]")
    assert "{shortfall}" in text and "{required}" in text
    assert len(text) >= 1.3 * len("Add {shortfall} to reach {required}.")


def test_system_language(monkeypatch):
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "ko_KR.UTF-8")
    assert i18n.system_language() == "ko"
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert i18n.system_language() == "en"
