"""Where the app's read-only resources are, from a source checkout or a frozen bundle."""

from __future__ import annotations

import os
import re
import sys


def resources_dir() -> str:
    """The ``resources/`` folder: beside the code, or inside a PyInstaller bundle."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return os.path.join(frozen, "resources")
    return os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "resources")


def resource_path(*parts: str) -> str:
    return os.path.join(resources_dir(), *parts)


#: A URL's scheme (``postgresql://``, ``sqlite:``, ``http://``); one letter and a colon is a Windows drive.
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]+:")


def database_file(value: str) -> str:
    """``value`` of ``--db`` if it can name a database file; an address with a scheme (a server's, a
    SQLAlchemy URL) is refused in words before anything is opened or made, since read as a path it
    would become folders named ``postgresql:`` in the current folder."""
    from forms.errors import InputError
    from forms.i18n import N_

    found = _SCHEME.match(value)
    if found:
        raise InputError(N_("--db names a file: '{scheme}…' is an address, and this version opens no database "
                            "server. Name the database file (for example --db proposals.db); nothing was made."),
                         scheme=found.group())
    return value
