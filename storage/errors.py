"""Storage errors: each is an :class:`InputError`, so its message reaches the user in their language.

``DamagedDatabase`` and ``NewerDatabase`` carry ``.path`` so the GUI can offer the choice of
restoring the latest backup, starting a new database, or stopping (``storage.store.recover``).
"""

from __future__ import annotations

from forms.errors import InputError, Phrase
from forms.i18n import N_, translate
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
        super().__init__(N_("The backup {file} cannot be used: {reason} Nothing was restored; the database is "
                            "as it was."), file=path, reason=Phrase(reason))


class NewerDatabase(StorageError):
    """The file was written by a newer version of the app; this version must not touch it."""

    def __init__(self, path: str, revision: str) -> None:
        self.path = path
        self.revision = revision
        super().__init__(N_("The database {file} was written by a newer version of this app (schema {revision}). "
                            "Please use the newer version; this one leaves the file untouched."),
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
                            "overwritten; reopen the proposal to see the other changes."),
                         title=title.get("en") or proposal_id, current=current, expected=expected)

    def text(self, lang: str) -> str:
        title = self.title.get(lang) or self.proposal_id
        return translate(self.message, lang, title=title, current=self.current_version,
                         expected=self.expected_version)


class NotFound(StorageError):
    """No proposal, snapshot or backup by that name."""


class Unavailable(StorageError):
    """The database file cannot be opened or written (permissions, full disk, locked)."""
