"""Where the app's read-only resources are, from a source checkout or a frozen bundle."""

from __future__ import annotations

import os
import sys


def resources_dir() -> str:
    """The ``resources/`` folder: beside the code, or inside a PyInstaller bundle."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return os.path.join(frozen, "resources")
    here = os.path.dirname(os.path.abspath(__file__))  # forms/base/
    return os.path.join(os.path.dirname(os.path.dirname(here)), "resources")


def resource_path(*parts: str) -> str:
    return os.path.join(resources_dir(), *parts)
