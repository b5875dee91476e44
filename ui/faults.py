"""What the window says of a fault nobody foresaw, wherever it happens (at start, in a page)."""

from __future__ import annotations

from forms.base.i18n import _


def unexpected(exc: BaseException) -> str:
    """What the window says of a fault nobody foresaw: never a traceback, and that nothing saved is lost."""
    return _("Unexpected error: {error}. Your work up to the last save is kept. Please report this.").format(
        error=f"{type(exc).__name__}: {exc}")
