"""How worker processes start: forked from this process, or from a server that has imported the analysis once.

A worker forked from this process imports libcst and the analysis itself
(0.26 s of CPU each here), while the run reads files on the other core. A
fork server (``multiprocessing``'s ``forkserver``) imports them once, and
each worker it forks starts with them loaded. Started when a run begins to
walk a folder, its imports overlap the walk instead of the analysis: on the
large tree of ``bench/speed.py`` (2 cores) a run took 2.65 s against 3.02 s
with workers forked from this process (medians of seven, alternated).

A fork server's worker imports the program's main module again (as
``__mp_main__``), so only an entry point whose main module is safe to import
asks for one: the command line (``python -m migrator`` and the ``migrate``
script guard their start). A caller of the importable API gets plain fork,
whatever its own script looks like. Where the platform has no fork server
(Windows), or it cannot start, pools use the platform's default.
"""

from __future__ import annotations

import multiprocessing
from multiprocessing.context import BaseContext

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


def _fork_server() -> BaseContext | None:
    """The fork server's context, its server running; None when it cannot start (no socket, no process)."""
    from multiprocessing import forkserver

    context = multiprocessing.get_context(FORK_SERVER)
    context.set_forkserver_preload(list(PRELOADED))
    try:
        forkserver.ensure_running()
    except OSError:
        return None
    return context
