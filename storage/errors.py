"""Storage errors: each is an :class:`InputError`, so its message reaches the user in their language.

``DamagedDatabase`` and ``NewerDatabase`` carry ``.path`` so the GUI can offer the choice of
restoring the latest backup, starting a new database, or stopping (``storage.opening.recover``).
"""

from __future__ import annotations

import sqlite3

from forms.base.errors import InputError, Phrase, os_reason
from forms.base.i18n import N_, translate
from forms.model import Text


class StorageError(InputError):
    """Any problem with the proposal database."""


class DamagedDatabase(StorageError):
    """The file is truncated, overwritten, not a database, or not one of this app's databases."""

    def __init__(self, path: str, reason: str) -> None:
        self.path, self.reason = path, reason  # reason: an N_ message, shown in the reader's language
        super().__init__(N_("The database {file} cannot be used: {reason} Nothing in it was changed. "
                            "You can restore the latest backup, start a new database, or stop."),
                         file=path, reason=Phrase(reason))


class UnusableBackup(StorageError):
    """A backup chosen for restoring cannot be used: the current database was left as it was."""

    def __init__(self, path: str, reason: str) -> None:
        self.path, self.reason = path, reason
        super().__init__(N_("The backup {file} cannot be used: {reason} Nothing was restored. The database is "
                            "as it was."), file=path, reason=Phrase(reason))


class NewerDatabase(StorageError):
    """The file was written by a newer version of the app; this version must not touch it."""

    def __init__(self, path: str, revision: str) -> None:
        self.path = path
        self.revision = revision
        super().__init__(N_("The database {file} was written by a newer version of this app (schema {revision}). "
                            "Please use the newer version. This one leaves the file untouched."),
                         file=path, revision=revision)


class Conflict(StorageError):
    """Someone (another window or process) saved the proposal since this copy was loaded."""

    def __init__(self, proposal_id: str, title: Text, expected: int, current: int) -> None:
        self.proposal_id = proposal_id
        self.title = title
        self.expected_version = expected
        self.current_version = current
        super().__init__(N_("“{title}” was changed elsewhere since you opened it (it is now at version {current}, "
                            "your copy is version {expected}). Your copy was not saved, and nothing was "
                            "overwritten. Reopen the proposal to see the other changes."),
                         title=title.get("en") or proposal_id, current=current, expected=expected)

    def text(self, lang: str) -> str:
        title = self.title.get(lang) or self.proposal_id
        return translate(self.message, lang, title=title, current=self.current_version,
                         expected=self.expected_version)


class NotFound(StorageError):
    """No proposal, snapshot or backup by that name."""


class Unavailable(StorageError):
    """The database file cannot be opened or written (permissions, full disk, locked)."""


class ReadOnly(Unavailable):
    """The database cannot be changed: a read-only disk, or no permission. Nothing is wrong with it;
    a command that only reads opens it read-only instead."""

    def __init__(self, path: str, reason: str, exists: bool = True, needs_upgrade: bool = False) -> None:
        self.path, self.reason = path, reason
        if not exists:
            message = N_("The database {file} cannot be created: {reason}.")
        elif needs_upgrade:
            message = N_("The database {file} can only be read ({reason}), and this version of the app must "
                         "first bring it up to date, which needs writing. Copy it to a folder you can write "
                         "in, or open it with the version that wrote it.")
        else:
            message = N_("The database {file} can only be read: {reason}. Nothing in it was changed. Commands "
                         "that only read it (list, export, snapshots, diff, check) still work. To change it, "
                         "copy it to a folder you can write in or ask for write permission.")
        super().__init__(message, file=path, reason=Phrase(reason))


def write_reason(exc: BaseException) -> object:
    """Why a file or database could not be written (a full or read-only disk …), as a message field."""
    if isinstance(exc, OSError):
        return os_reason(exc)
    code = getattr(exc, "sqlite_errorcode", None)
    code = code & 0xFF if isinstance(code, int) else None  # the primary code of an extended one
    if code == sqlite3.SQLITE_FULL or "disk is full" in str(exc):
        return Phrase(N_("the disk is full"))
    if code == sqlite3.SQLITE_READONLY or "readonly" in str(exc):
        return Phrase(N_("it cannot be written (a read-only disk, or no permission)"))
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in str(exc):
        return Phrase(N_("another program is using it, so try again in a moment"))
    if code == sqlite3.SQLITE_IOERR or "disk I/O error" in str(exc):
        return Phrase(N_("the disk could not be read or written"))
    return str(exc) or type(exc).__name__
