"""The desktop app (PySide6): a guided window over ``forms``, ``storage`` and ``reports``.

Once PySide6 is imported, it reads the source of every module imported after it (to learn whether
the module uses PySide's ``__feature__`` switches), which costs about a fifth of the start-up when
running from source. The Qt-free modules that the first window needs are therefore imported here,
before any module of this package imports PySide6. The storage (SQLAlchemy) is left out: it is
opened behind the window, in the background (see :mod:`ui.app`).
"""
# ruff: noqa: F401

import html  # the findings list escapes with it

import forms.steps
import storage.lock
import storage.paths
