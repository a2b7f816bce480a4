"""Read files the scanned repository controls, without blocking or running out of memory.

A pull request can make ``.gitignore`` a link to ``/dev/zero``, a
``requirements.txt`` include ``-r /dev/zero``, or put a FIFO where a file
should be: each would hang the run or fill its memory if read blindly. Only
regular files are read, and only up to a size.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


class NotReadable(OSError):
    """Not a regular file, or larger than the caller allows; ``strerror`` says which."""


def read_regular(path: Path, limit: int | None = None, follow_links: bool = True) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; OSError (or NotReadable) otherwise.

    Opened non-blocking, so a FIFO is refused instead of waited on, and
    checked on the open handle, so a file swapped after a check is caught.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    handle = os.open(path, flags)
    with os.fdopen(handle, "rb") as stream:
        status = os.fstat(stream.fileno())
        if not stat.S_ISREG(status.st_mode):
            raise NotReadable(errno.EINVAL, "not a regular file")
        if limit is None:
            return stream.read()
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise NotReadable(errno.EFBIG, f"larger than {limit} bytes")
    return data
