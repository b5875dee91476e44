"""One ``atomic_write`` for every file the app writes: a temporary file in the same folder,
fsync, then ``os.replace``. A crash leaves either the old file or the new one, never a mix, and
never a partial file under the target's name. The temporary file a killed writer left behind
(``.NAME.PID.XXXXXXXX.tmp``) is removed by the next write to the same target, once it is older than
a minute or its writer's process is gone (:func:`remove_stale`).

Only a regular file is ever replaced. A symbolic link is written through: the file it points at is
replaced, atomically in its own folder, and the link stays. A device (``/dev/null``), a named pipe
or a socket is refused with :class:`NotAFile` before anything is written: renaming over it would
put a plain file where the device was."""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import time
from collections.abc import Iterator
from typing import IO

from forms.base.errors import InputError
from forms.base.i18n import N_

#: The longest file name most file systems allow, in bytes; the temporary name must fit in it too.
NAME_MAX = 255
#: What ``mkstemp`` adds to the prefix: eight random characters and the suffix.
_TMP_TAIL = 8 + len(".tmp")
#: The writer's process number in the temporary name (``.NAME.PID.XXXXXXXX.tmp``), at its longest.
_PID_ROOM = 11
#: A temporary file of ours this old is left over from a writer that stopped (killed, the power cut).
STALE_AFTER = 60.0
#: What follows the prefix in a temporary name of ours: the writer's process (from this version on)
#: and the eight characters ``mkstemp`` chose.
_TMP_REST = re.compile(r"(?:(\d{1,10})\.)?[a-z0-9_]{8}\.tmp")


class NotAFile(InputError):
    """The output named is a device, a pipe or a socket: it is never replaced by a file."""

    def __init__(self, path: str) -> None:
        super().__init__(N_("{file} is not an ordinary file (it is a device, a pipe or a socket). Nothing was "
                            "written. Name a file to write."), file=path)


def _read_umask() -> int:
    # Read once at import: os.umask can only be read by setting it, which is not thread-safe.
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


_UMASK = _read_umask()


def real_target(path: str) -> str:
    """The file a write to ``path`` replaces: a link followed to the file it names. Raises
    :class:`NotAFile` for a device, a pipe or a socket (a folder is left to fail as a folder)."""
    real = os.path.realpath(path)
    try:
        mode = os.stat(real).st_mode
    except OSError:  # nothing there yet (or not reachable: the write itself will say why)
        return real
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise NotAFile(path)
    return real


def _tmp_prefix(name: str) -> str:
    """``.<name>.``, the name shortened (by whole characters) so the temporary file's name still fits."""
    room = NAME_MAX - _TMP_TAIL - _PID_ROOM - 2
    while len(os.fsencode(name)) > room:
        name = name[:-1]
    return "." + name + "."


def _gone(pid: int) -> bool:
    """Whether no process ``pid`` runs (on Windows not asked: there only age tells)."""
    if os.name != "posix" or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # it runs, as another user
        return False
    return False


def remove_stale(path: str, now: float | None = None) -> list[str]:
    """Remove the temporary files an earlier write to ``path`` left behind (its writer killed, the
    machine stopped): ours by their name (``.NAME.[PID.]XXXXXXXX.tmp`` for this target), older than
    :data:`STALE_AFTER` or written by a process that is gone. Returns the names removed."""
    folder, prefix = os.path.dirname(path), _tmp_prefix(os.path.basename(path))
    now = time.time() if now is None else now
    removed: list[str] = []
    try:
        entries = list(os.scandir(folder or "."))
    except OSError:
        return removed
    for entry in entries:
        if not entry.name.startswith(prefix):
            continue
        found = _TMP_REST.fullmatch(entry.name[len(prefix):])
        if not found:
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode):
            continue
        pid = int(found.group(1)) if found.group(1) else 0
        if now - info.st_mtime > STALE_AFTER or (pid and pid != os.getpid() and _gone(pid)):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(entry.name)
    return removed


@contextlib.contextmanager
def atomic_write(path: str, mode: str = "wb", encoding: str | None = None) -> Iterator[IO]:
    path = real_target(path)
    folder = os.path.dirname(path)
    remove_stale(path)
    prefix = f"{_tmp_prefix(os.path.basename(path))}{os.getpid()}."
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=folder)
    try:
        # mkstemp makes the file private (0600); give it the mode a plain open() would, or keep the
        # mode of the file it replaces.
        try:
            perms = os.stat(path).st_mode & 0o7777
        except OSError:
            perms = 0o666 & ~_UMASK
        with contextlib.suppress(OSError):
            os.chmod(tmp, perms)
        with os.fdopen(fd, mode, encoding=encoding, newline="" if "b" not in mode else None) as fp:
            yield fp
            fp.flush()
            os.fsync(fp.fileno())
        os.replace(tmp, path)
        if hasattr(os, "O_DIRECTORY"):
            try:
                dfd = os.open(folder, os.O_DIRECTORY)
            except OSError:
                return
            try:
                os.fsync(dfd)
            except OSError:
                pass
            finally:
                os.close(dfd)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_bytes(path: str, data: bytes) -> None:
    with atomic_write(path, "wb") as fp:
        fp.write(data)


def same_file(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` name the same file (by any name, a link included), or would, for a
    file that does not exist yet: a write is never allowed over the file it was read from."""
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet): compare the names
        return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))
