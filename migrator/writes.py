"""Writing fixed files: one at a time, or a set that one fix spans (all of them or none)."""

from __future__ import annotations

import contextlib
import signal
from pathlib import Path
from typing import Iterator

from migrator.filecheck.job import FileResult, display_path
from migrator.findings import FileError


def write_fixed(path: Path, data: bytes, result: FileResult, cwd: Path, written: list[str] | None) -> FileResult:
    """Write a fixed file; if that fails, what stands is the unfixed file's result plus the reason."""
    if result.new_bytes is None:
        return result
    from migrator import fixer

    shown = display_path(path, cwd)
    with signals_held():  # a signal between the rename and the record would leave a write unlisted
        problem = fixer.write_atomically(path, data, result.new_bytes)
        if problem is None and written is not None:
            written.append(shown)
    if problem is not None:
        unfixed = result.unfixed or FileResult()
        unfixed.errors.append(FileError(shown, problem))
        return unfixed
    return result


def write_together(
    files: list[tuple[Path, bytes]], results: list[FileResult], cwd: Path, written: list[str] | None
) -> list[FileResult]:
    """Write the files a fix spans; if one cannot be written, the ones already written are put back.

    Each file's result is then the unfixed one with the reason; a file
    that could not be put back keeps its fixed result and says so.
    """
    from migrator import fixer

    done: list[int] = []
    for number, ((path, data), result) in enumerate(zip(files, results)):
        if result.new_bytes is None:
            continue
        with signals_held():
            problem = fixer.write_atomically(path, data, result.new_bytes)
            if problem is None:
                done.append(number)
                if written is not None:
                    written.append(display_path(path, cwd))
        if problem is None:
            continue
        together = ", ".join(display_path(item, cwd) for item, _ in files)
        reason = f"not fixed: one fix spans {together}, and {display_path(path, cwd)} could not be written ({problem})"
        stuck: set[int] = set()
        for back in reversed(done):
            back_path, back_data = files[back]
            with signals_held():
                restored = fixer.write_atomically(back_path, results[back].new_bytes or b"", back_data)
                if restored is None and written is not None:
                    written.remove(display_path(back_path, cwd))
            if restored is not None:
                stuck.add(back)
                results[back].errors.append(FileError(
                    display_path(back_path, cwd), f"fixed, but could not be put back after {display_path(path, cwd)} failed: {restored}"
                ))
        outcome = []
        for index, ((item, _), each) in enumerate(zip(files, results)):
            if index in stuck:
                outcome.append(each)
                continue
            unfixed = each.unfixed or FileResult(findings=each.findings, errors=[])
            unfixed.errors.append(FileError(display_path(item, cwd), reason))
            outcome.append(unfixed)
        return outcome
    return results


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM while one file is written and recorded; they arrive right after.

    Without it, a signal landing after the temporary file was made, or after
    the rename, left a ``.tmp`` file or a fixed file missing from the list
    of what was written.
    """
    held = {signal.SIGINT, signal.SIGTERM}
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no signal masks
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, ())  # read first: blocking may run a handler that raises
    try:
        signal.pthread_sigmask(signal.SIG_BLOCK, held)
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
