"""Both catalogs complete for every string in the source, with the same named fields as their
source strings, and one wording per string across the layers' catalogs."""

import importlib.util
import os
import re
from collections import defaultdict

import pytest
from babel.messages.pofile import read_po

from forms.base import i18n
from forms.base.i18n import fields_of

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
    for domain in i18n.DOMAINS:
        for lang in i18n.LANGUAGES:
            assert (lang, domain) in CATALOGS, f"{lang}/{domain}.po is missing"


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


def _key(message):
    return message.context, message.id if isinstance(message.id, str) else message.id[0]


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """Each layer's strings as the source holds them today, extracted as `make i18n` does."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    spec = importlib.util.spec_from_file_location("i18n_tool", os.path.join(root, "tools", "i18n.py"))
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    out = tmp_path_factory.mktemp("pot")
    tool.extract(str(out))
    found = {}
    for domain in tool.DOMAINS:
        with open(out / (domain + ".pot"), "rb") as fp:
            found[domain] = {_key(m) for m in read_po(fp) if m.id}
    return found


@pytest.mark.parametrize(("lang", "domain"), [(lang, domain) for lang in i18n.LANGUAGES for domain in i18n.DOMAINS])
def test_every_string_of_the_source_is_translated(extracted, lang, domain):
    """Every string extracted from the source now has a non-empty translation in the catalog
    (run `make i18n` after adding one, then translate it)."""
    assert extracted[domain], f"nothing extracted for {domain}"
    translated = set()
    for m in entries(lang, domain):
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        if all(strings) and not m.fuzzy:
            translated.add(_key(m))
    missing = sorted(extracted[domain] - translated, key=str)
    assert not missing, f"{lang}/{domain}: {len(missing)} without a translation, e.g. {missing[:5]}"


def test_the_extractor_sees_every_marking_function(extracted):
    """A heading marked with a context is extracted with it (see forms/base/i18n.py: NC_, pgettext)."""
    assert ("heading", "Project") in extracted["ui"]
    assert (None, "Project") in extracted["reports"]


def test_one_wording_per_string_across_the_catalogs():
    """The window loads the four layers' catalogs as one: a string translated two ways would show
    whichever layer comes first. A word that truly means two things takes a context (NC_, pgettext)."""
    wordings = defaultdict(dict)
    for domain in i18n.DOMAINS:
        for m in entries("ko", domain):
            wordings[_key(m)][domain] = m.string
    two = {k: v for k, v in wordings.items() if len(set(v.values())) > 1}
    assert not two, "\n".join(f"{k}: {v}" for k, v in list(two.items())[:10])


def test_a_word_in_context_is_translated_in_that_sense():
    assert i18n.translate(i18n.NC_("heading", "Project"), "ko") == "과제"
    assert i18n.translate("Project", "ko") == "과제명"
    assert i18n.translate(i18n.NC_("heading", "Project"), "en") == "Project"
    assert i18n.translate(i18n.NC_("no such context", "Project"), "ko") == "Project"
    assert i18n.translate(i18n.NC_("heading", "Project"), i18n.PSEUDO).startswith("[P")
    i18n.set_language("ko")
    try:
        assert i18n.pgettext("heading", "Project") == "과제"
    finally:
        i18n.set_language("en")


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
