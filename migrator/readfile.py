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
    try:
        status = os.fstat(handle)
        if not stat.S_ISREG(status.st_mode):
            raise NotReadable(errno.EINVAL, "not a regular file")
        # Plain reads on the descriptor: a buffered file object cost twice the read itself on a large tree.
        chunks: list[bytes] = []
        size = 0
        step = status.st_size + 1  # the whole file in one read, as a rule (it may grow meanwhile)
        while limit is None or size <= limit:
            chunk = os.read(handle, step if limit is None else min(step, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            step = 1 << 16
    finally:
        os.close(handle)
    data = b"".join(chunks) if len(chunks) != 1 else chunks[0]
    if limit is not None and len(data) > limit:
        raise NotReadable(errno.EFBIG, f"larger than {limit} bytes")
    return data
