"""One ``atomic_write`` for every file the app writes: a temporary file in the same folder,
fsync, then ``os.replace``. A crash leaves either the old file or the new one, never a mix, and
never a partial file under the target's name."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from typing import IO


def _read_umask() -> int:
    # Read once at import: os.umask can only be read by setting it, which is not thread-safe.
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


_UMASK = _read_umask()


@contextlib.contextmanager
def atomic_write(path: str, mode: str = "wb", encoding: str | None = None) -> Iterator[IO]:
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".", suffix=".tmp", dir=folder)
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
