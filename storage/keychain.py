"""Passwords of logins on a server, kept in the system's keychain (Windows Credential Manager,
macOS Keychain, the Secret Service on Linux) under the service "Regional Proposal Studio" and the
account ``user@host:port/database``. A password is never written anywhere else: not in the
address, the settings, a database file, a log or a message.
"""

from __future__ import annotations

from forms.base.errors import Phrase
from forms.base.i18n import N_
from storage.errors import StorageError

SERVICE = "Regional Proposal Studio"


class KeychainUnavailable(StorageError):
    """The system's keychain could not keep the password."""


def stored(account: str) -> str | None:
    """The password kept for ``account``, or None (none kept, or no keychain on this system)."""
    import keyring
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(SERVICE, account)
    except (KeyringError, OSError, RuntimeError):
        return None


def keep(account: str, password: str) -> None:
    """Keep (or replace) the password of ``account``; :class:`KeychainUnavailable` when it cannot be."""
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(SERVICE, account, password)
    except (KeyringError, OSError, RuntimeError) as exc:
        raise KeychainUnavailable(N_("The password could not be kept in the system's keychain ({reason}): it will "
                                     "be asked again next time."),
                                  reason=Phrase(N_("no keychain is available on this system"))
                                  if type(exc).__name__ == "NoKeyringError" else type(exc).__name__) from exc
