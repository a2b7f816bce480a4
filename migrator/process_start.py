"""How worker processes start: forked from this process, or from a server that has imported the analysis once.

A worker forked from this process imports libcst and the analysis itself
(0.26 s of CPU each here), while the run reads files on the other core. A
fork server (``multiprocessing``'s ``forkserver``) imports them once, and
each worker it forks starts with them loaded. Started when a run begins to
walk a folder, its imports overlap the walk instead of the analysis: on the
large tree of ``bench/speed.py`` (2 cores) a run took 2.36 s against 2.72 s
with workers forked from this process (medians of nine, alternated).

A fork server's worker imports the program's main module again (as
``__mp_main__``), so only the entry point whose main module is known to be
safe to import asks for one: ``cli.script``, which the ``migrate`` script
and ``python -m migrator`` run (both guard their start). ``cli.main`` and
``engine.run``, which a user's own script may call, unguarded, keep the
platform's default. Where the platform has no fork server (Windows), or it
cannot start, pools use the platform's default too.

Operating it: the servers start with Ctrl-C ignored and their standard
error on the null device (a run stopped while a worker starts would
otherwise print that worker's failure), and ``cli.script`` stops and reaps
them when the run ends.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
from multiprocessing.context import BaseContext
from typing import Iterator

FORK_SERVER = "forkserver"

# The modules a worker runs: what checking a file, a fix and the index's screen import, and the command line,
# which the ``migrate`` script imports again in each worker.
PRELOADED = (
    "migrator.cli",
    "migrator.engine",
    "migrator.filecheck.python_file",
    "migrator.python_analysis",
    "migrator.project_analysis.imported_strings",
    "migrator.project_analysis.readers",
    "migrator.project_analysis.screen",
)


def preferred_start_method() -> str | None:
    """What the command line asks for: a fork server where the platform has one, else its default (None)."""
    return FORK_SERVER if FORK_SERVER in multiprocessing.get_all_start_methods() else None


def pool_context(method: str | None) -> BaseContext:
    """The context a process pool starts its workers with (a fork server is started if need be)."""
    if method == FORK_SERVER:
        return _fork_server() or multiprocessing.get_context()
    return multiprocessing.get_context(method)


def warm_up(method: str | None) -> None:
    """Start the fork server now, when ``method`` asks for one, so that its imports overlap the caller's next work."""
    if method == FORK_SERVER:
        _fork_server()


def stop_servers() -> None:
    """Stop the fork server and the resource tracker it started, and reap them (no-op when neither runs).

    Left running, they end with the run, but as orphans that a container's
    first process may never reap. ``_stop`` is how the standard library's
    own tests stop them; a Python without it leaves them to end alone.
    """
    from multiprocessing import forkserver, resource_tracker

    for server in (forkserver._forkserver, resource_tracker._resource_tracker):
        stop = getattr(server, "_stop", None)
        if stop is not None:
            try:
                stop()
            except OSError:
                pass


def _fork_server() -> BaseContext | None:
    """The fork server's context, its server running; None when it cannot start (no socket, no process).

    The server imports the preloaded modules before it ignores Ctrl-C
    itself, and a terminal's Ctrl-C reaches every process of the run: so it
    starts with Ctrl-C ignored (an ignored signal stays ignored in a new
    program), and never prints an interrupted import.
    """
    from multiprocessing import forkserver

    context = multiprocessing.get_context(FORK_SERVER)
    context.set_forkserver_preload(list(PRELOADED))
    ignoring = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if ignoring else None
    try:
        with _silenced_stderr():
            forkserver.ensure_running()
    except OSError:
        return None
    finally:
        if ignoring and previous is not None:
            signal.signal(signal.SIGINT, previous)
    return context


@contextlib.contextmanager
def _silenced_stderr() -> Iterator[None]:
    """Standard error on the null device for the processes started meanwhile: the servers, and the workers forked.

    A worker the server was still starting when a run was stopped (Ctrl-C,
    SIGTERM) finds the pool's shared locks gone and prints a traceback; the
    run itself says what happened, and a worker that dies costs its file a
    diagnostic. ``DEEPSEEK_MIGRATE_DEBUG`` keeps their standard error.
    """
    if os.environ.get("DEEPSEEK_MIGRATE_DEBUG"):
        yield
        return
    try:
        saved = os.dup(2)
    except OSError:  # no standard error to begin with
        yield
        return
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, 2)
        finally:
            os.close(null)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
