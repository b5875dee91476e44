"""Where the proposal database lives: the platform's per-user data folder, unless ``--db`` says otherwise.

- Windows: ``%LOCALAPPDATA%\\RegionalProposalStudio\\proposals.db``
- macOS: ``~/Library/Application Support/RegionalProposalStudio/proposals.db``
- Linux: ``$XDG_DATA_HOME/RegionalProposalStudio/proposals.db`` (``~/.local/share/…``)

Backups go into a ``backups`` folder beside the database file.
"""

from __future__ import annotations

import os
import re

import platformdirs

from forms.base.app import ORGANISATION
from forms.base.errors import InputError
from forms.base.i18n import N_

DB_NAME = "proposals.db"


def data_dir() -> str:
    """The user data folder, created on demand."""
    folder = platformdirs.user_data_dir(ORGANISATION, appauthor=False, roaming=False)
    os.makedirs(folder, exist_ok=True)
    return folder


def default_db_path() -> str:
    return os.path.join(data_dir(), DB_NAME)


def backup_dir(db_path: str) -> str:
    return os.path.join(os.path.dirname(os.path.abspath(db_path)), "backups")


def refuse_folder(db_path: str) -> None:
    """A database is a file: a folder given for one is refused before anything (a lock) is made."""
    if os.path.isdir(db_path):
        from storage.errors import Unavailable

        raise Unavailable(N_("{file} is a folder, not a database file. Name a file (--db PATH)."),
                          file=os.path.abspath(db_path))


#: A URL's scheme (``postgresql://``, ``sqlite:``, ``http://``); one letter and a colon is a Windows drive.
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]+:")


#: The schemes that name a PostgreSQL server (see ``storage.server``).
SERVER_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")


def is_server(location: str | None) -> bool:
    """Whether ``--db`` names a PostgreSQL server (a URL with its scheme) rather than a file."""
    if not location:
        return False
    scheme, sep, _rest = location.partition("://")
    return bool(sep) and scheme.lower() in SERVER_SCHEMES


def database_file(value: str) -> str:
    """``value`` of ``--db`` if it can name a database file or a PostgreSQL server; any other
    address (a SQLAlchemy URL, a web address) is refused in words before anything is opened or
    made, since read as a path it would become folders named ``sqlite:`` in the current folder."""
    if is_server(value):
        return value
    found = _SCHEME.match(value)
    if found:
        raise InputError(N_("--db names a file or a PostgreSQL server (postgresql://…): '{scheme}…' is neither. "
                            "Name the database file (for example --db proposals.db). Nothing was made."),
                         scheme=found.group())
    return value
