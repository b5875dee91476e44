"""Where Korean certificates are usually kept, offered as the first folder of the window's file
choosers: the NPKI (accredited CAs) and GPKI (government) folders of Windows and macOS, and the
home folder's NPKI elsewhere. Only the folders that exist are offered."""

from __future__ import annotations

import os


def certificate_folders(home: str | None = None, appdata: str | None = None, system: str | None = None) -> list[str]:
    """The existing folders, most likely first (``home``, ``appdata`` and ``system`` are the person's
    home, Windows' roaming application data and the drive of the system; from the environment by default)."""
    home = home if home is not None else os.path.expanduser("~")
    appdata = appdata if appdata is not None else os.environ.get("APPDATA", "")
    system = system if system is not None else os.environ.get("SystemDrive", "C:") + os.sep
    candidates = []
    if appdata:
        candidates.append(os.path.join(os.path.dirname(appdata), "LocalLow", "NPKI"))
    candidates += [os.path.join(system, "GPKI"), os.path.join(system, "NPKI"),
                   os.path.join(home, "Library", "Preferences", "NPKI"), os.path.join(home, "Documents", "NPKI"),
                   os.path.join(home, "NPKI"), os.path.join(home, "GPKI")]
    seen: list[str] = []
    for folder in candidates:
        if folder not in seen and os.path.isdir(folder):
            seen.append(folder)
    return seen
