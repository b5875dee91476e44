"""The desktop app (PySide6): a guided window over ``forms``, ``storage`` and ``reports``."""
