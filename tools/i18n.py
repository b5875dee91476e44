"""Catalog upkeep behind `make i18n` and `make catalogs`.

Domains: one per layer (forms, storage, reports, ui); main.py, cli/ and signing/ belong to forms.
  extract  — pybabel extract each layer into resources/locale/<domain>.pot
  update   — merge into ko and en catalogs (new entries are added, none is lost)
  english  — fill the English catalogs: English is the source language, so msgstr = msgid
  compile  — build the .mo files the app loads
  check    — list entries without a translation (exit 1 if any)
  reuse F… — fill the Korean entries still empty from other catalogs (a string moved between layers,
             or translated on another branch): `tools/i18n.py reuse old/storage.po`
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

from babel.messages.pofile import read_po, write_po

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LOCALE = os.path.join(ROOT, "resources", "locale")
DOMAINS = {"forms": ["forms", "cli", "signing", "main.py"], "storage": ["storage"], "reports": ["reports"], "ui": ["ui"]}
LANGS = ("ko", "en")


def pybabel(*args: str) -> None:
    done = subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], cwd=ROOT,
                          capture_output=True, text=True)
    if done.returncode:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(done.returncode)


def po_path(lang: str, domain: str) -> str:
    return os.path.join(LOCALE, lang, "LC_MESSAGES", domain + ".po")


#: The marking functions besides Babel's own (_, gettext, ngettext, pgettext, …): see forms/base/i18n.py.
KEYWORDS = ("N_", "ngettext:1,2", "NP_:1,2", "translate_plural:1,2", "NC_:1c,2", "pgettext:1c,2")


def extract(out_dir: str = LOCALE) -> None:
    """Each layer's strings into ``<out_dir>/<domain>.pot`` (the test extracts into a folder of its own)."""
    keywords = [arg for k in KEYWORDS for arg in ("-k", k)]
    for domain, paths in DOMAINS.items():
        existing = [p for p in paths if os.path.exists(os.path.join(ROOT, p))]
        if not existing:
            continue
        pot = os.path.join(out_dir, domain + ".pot")
        pybabel("extract", "-F", "babel.cfg", *keywords, "--no-location",
                "--sort-output", "--project", "Regional Proposal Studio", "--copyright-holder",
                "Regional Proposal Studio", "-o", pot, *existing)
        fixed_date(pot)


def fixed_date(pot: str) -> None:
    """A fixed creation date in the template (and so in every catalog made from it): the catalogs change
    only when a string does, and two lines of work that each add strings do not collide on the header."""
    with open(pot, encoding="utf-8") as fp:
        text = fp.read()
    text = re.sub(r'"POT-Creation-Date: [^"]*\\n"', r'"POT-Creation-Date: 2026-01-01 00:00+0000\\n"', text)
    with open(pot, "w", encoding="utf-8") as fp:
        fp.write(text)


def update() -> None:
    for domain in DOMAINS:
        pot = os.path.join(LOCALE, domain + ".pot")
        if not os.path.exists(pot):
            continue
        for lang in LANGS:
            po = po_path(lang, domain)
            if os.path.exists(po):
                pybabel("update", "-i", pot, "-o", po, "-l", lang, "--no-fuzzy-matching", "--ignore-obsolete")
            else:
                os.makedirs(os.path.dirname(po), exist_ok=True)
                pybabel("init", "-i", pot, "-o", po, "-l", lang)


def english() -> None:
    for domain in DOMAINS:
        po = po_path("en", domain)
        if not os.path.exists(po):
            continue
        with open(po, "rb") as fp:
            catalog = read_po(fp, locale="en")
        for message in catalog:
            if not message.id:
                continue
            if isinstance(message.id, tuple):
                if not all(message.string):
                    message.string = tuple(message.id)
            elif not message.string:
                message.string = message.id
            message.flags.discard("fuzzy")
        with open(po, "wb") as fp:
            write_po(fp, catalog, width=100, omit_header=False)


def reuse(sources: list[str]) -> None:
    known: dict = {}
    for source in sources:
        with open(source, "rb") as fp:
            for message in read_po(fp, locale="ko"):
                if message.id and all(message.string if isinstance(message.string, tuple) else (message.string,)):
                    known.setdefault(message.id, message.string)
    for domain in DOMAINS:
        po = po_path("ko", domain)
        if not os.path.exists(po):
            continue
        with open(po, "rb") as fp:
            catalog = read_po(fp, locale="ko")
        filled = 0
        for message in catalog:
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if message.id and not all(strings) and message.id in known:
                message.string = known[message.id]
                message.flags.discard("fuzzy")
                filled += 1
        if filled:
            with open(po, "wb") as fp:
                write_po(fp, catalog, width=100, omit_header=False)
            print(f"ko/{domain}: {filled} entr{'y' if filled == 1 else 'ies'} filled")


def compile_() -> None:
    for domain in DOMAINS:
        for lang in LANGS:
            if os.path.exists(po_path(lang, domain)):
                pybabel("compile", "-d", LOCALE, "-D", domain, "-l", lang)


def missing() -> list[str]:
    out = []
    for domain in DOMAINS:
        for lang in LANGS:
            po = po_path(lang, domain)
            if not os.path.exists(po):
                continue
            with open(po, "rb") as fp:
                catalog = read_po(fp, locale=lang)
            for message in catalog:
                if not message.id:
                    continue
                strings = message.string if isinstance(message.string, tuple) else (message.string,)
                if not all(strings) or message.fuzzy:
                    ident = message.id[0] if isinstance(message.id, tuple) else message.id
                    out.append(f"{lang}/{domain}: {ident}")
    return out


if __name__ == "__main__":
    args = sys.argv[1:]
    if "--domain" in args:  # work on one layer's catalogs only: --domain storage
        i = args.index("--domain")
        DOMAINS = {args[i + 1]: DOMAINS[args[i + 1]]}
        del args[i : i + 2]
    if args and args[0] == "reuse":
        reuse(args[1:])
        args = ["compile"]
    for step in args:
        if step == "check":
            gaps = missing()
            print("\n".join(gaps) or "catalogs complete")
            sys.exit(1 if gaps else 0)
        {"extract": extract, "update": update, "english": english, "compile": compile_}[step]()
