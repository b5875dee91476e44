"""The exit codes of the commands: those of ``forms.base.exits``, which the window shares (kept here so
that every command finds them beside itself)."""

from forms.base.exits import (  # noqa: F401 - re-exported for the commands
    EXIT_BAD_INPUT,
    EXIT_ERRORS,
    EXIT_INTERRUPTED,
    EXIT_LOCKED,
    EXIT_OK,
    EXIT_SOFTWARE,
)
