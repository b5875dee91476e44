"""The window's ear on a PostgreSQL server: the listener of :mod:`storage.live` in its worker thread,
its calls carried into the GUI thread as Qt signals (queued: the emitting thread differs)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class Live(QObject):
    """Saves heard on the server the store is on, until :meth:`stop`."""

    #: a proposal was saved (its id, its version now; 0: deleted)
    changed = Signal(str, int)
    #: the connection is lost (the exception); tried again with growing pauses
    lost = Signal(object)
    #: listening again after a loss (what was saved meanwhile was not heard)
    back = Signal()

    def __init__(self, store: object, parent: QObject | None = None) -> None:
        from storage.live import Listener

        super().__init__(parent)
        self.listener = Listener(store, self.changed.emit, self.lost.emit, self.back.emit)

    def stop(self) -> None:
        self.listener.stop()
