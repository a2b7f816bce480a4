"""Checking many files: in this process, or in a pool of worker processes when enough files pay for it."""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator, Sequence, TypeVar

from migrator.filecheck.job import FileResult, Job, Surroundings, display_path
from migrator.findings import FileError

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

# Starting two workers costs about 40 ms here (fork, then each result sent back). Tuned on this project's
# 2-core machine with requests of 500 bytes each (best of 9, serial against a forced pool): 2 files 29 ms
# against 53 ms; 4 files (2 KB) break even; 12 files (6 KB) 151 against 134 ms; 24 files 308 against 256 ms;
# 2,000 files 1.8x (bench/speed.py). A pool starts from 6 KB of hit files, where it already wins by a tenth,
# or from 32 files of any size.
PARALLEL_MIN_BYTES = 6 * 1024
PARALLEL_MIN_FILES = 32

Result = TypeVar("Result")
Check = Callable[..., FileResult]  # check_file(job, path, data, place, *extra)
Analyse = Callable[..., "list[FileResult]"]  # analyse(job, hits, places, extras): one pass of the run over files


def analyse(
    check: Check,
    workers: int,
    job: Job,
    hits: Sequence[tuple[Path, bytes]],
    places: Sequence[Surroundings],
    progress: Callable[[int, int], None] | None = None,
    extras: Sequence[tuple] | None = None,
    isolate: bool = False,
) -> list[FileResult]:
    """``check`` each file (with its ``extras`` appended to the arguments), one result per file, in order.

    ``isolate``: in worker processes however few the files (some may have
    killed a worker already: in this process they would end the run).
    """
    extras = list(extras) if extras is not None else [()] * len(hits)
    if workers > 1 and hits and (isolate or (len(hits) > 1 and pays_for_a_pool(hits))):
        return _in_pool(check, workers, job, list(hits), list(places), progress, extras)
    results = []
    for (path, data), place, extra in zip(hits, places, extras):
        results.append(check(job, path, data, place, *extra))
        if progress is not None:
            progress(len(results), len(hits))
    return results


def pays_for_a_pool(hits: Sequence[tuple[Path, bytes]]) -> bool:
    """Is there enough to analyse that worker processes save more than they cost to start?"""
    return len(hits) >= PARALLEL_MIN_FILES or sum(len(data) for _, data in hits) >= PARALLEL_MIN_BYTES


class EarlyPool:
    """Python files analysed while the run still reads the rest, in a pool started once enough hit files pay for it.

    A Python file's check needs nothing the read loop is still gathering
    (only a .env file's findings name the Python files that read its
    variables), so each hit is handed to a worker as soon as it is read, and
    the walk's and the reads' waiting overlaps the analysis. What the pool
    did not finish (it never started, or a worker died) is left to
    ``analyse`` afterwards, which isolates a file that kills its worker.
    """

    def __init__(self, check: Check, workers: int, job: Job) -> None:
        self.check, self.workers, self.job = check, workers, job
        self.waiting: list[tuple[int, Path, bytes, Surroundings]] = []
        self.futures: dict[int, Future[FileResult]] = {}
        self.pool: ProcessPoolExecutor | None = None
        self.broken = False  # a worker died: some files were not analysed

    def offer(self, number: int, path: Path, data: bytes, place: Surroundings) -> None:
        """Hit file ``number`` of the run, to analyse now if the pool runs (or once enough files start it)."""
        if self.workers < 2:
            return
        if self.pool is None:
            self.waiting.append((number, path, data, place))
            if not pays_for_a_pool([(path, data) for _, path, data, _ in self.waiting]):
                return
            from concurrent.futures import ProcessPoolExecutor

            preload_analysis()
            self.pool = ProcessPoolExecutor(max_workers=self.workers, initializer=_start_worker, initargs=(self.job,))
            handed, self.waiting = self.waiting, []
        else:
            handed = [(number, path, data, place)]
        from concurrent.futures.process import BrokenProcessPool

        for number, path, data, place in handed:
            try:
                self.futures[number] = submit(self.pool, _check_in_worker, self.check, path, data, place)
            except BrokenProcessPool:  # a worker died: what is not handed out is analysed afterwards
                self.broken = True
                return

    def finished(self, progress: Callable[[int, int], None] | None = None, total: int = 0) -> dict[int, FileResult]:
        """The results the pool got, by file number (``progress`` told after each); the pool is shut down.

        ``broken`` then says whether a worker died: the files it left are to
        be analysed each in a pool of its own (``analyse(..., isolate=True)``).
        """
        if self.pool is None:
            return {}
        outcomes: dict[int, FileResult | None] = {}
        try:
            for number, future in self.futures.items():
                outcomes[number] = _outcome(future)
                if progress is not None:
                    progress(len(outcomes), total)
        except BaseException:
            self.stop()
            raise
        self.pool.shutdown()
        self.broken = self.broken or any(result is None for result in outcomes.values())
        return {number: result for number, result in outcomes.items() if result is not None}

    def stop(self) -> None:
        """Stop the workers now (the run was interrupted)."""
        if self.pool is not None:
            stop_pool(self.pool)


def _in_pool(
    check: Check, workers: int, job: Job, hits: list[tuple[Path, bytes]], places: list[Surroundings],
    progress: Callable[[int, int], None] | None, extras: list[tuple],
) -> list[FileResult]:
    """Analyse in worker processes; on any interruption the workers are stopped, not waited for.

    A worker that dies (killed, out of memory, a crash in native code) breaks
    the whole pool. The files that were in work then (the first unfinished
    ones: a pool hands out files in order) are retried one by one, each in a
    pool of its own, so that the file at fault costs one diagnostic; the rest
    go on in a fresh pool.
    """
    results: list[FileResult | None] = [None] * len(hits)
    pending = list(range(len(hits)))
    while pending:
        done = _pooled(
            check, workers, job, [hits[n] for n in pending], [places[n] for n in pending], progress,
            [extras[n] for n in pending],
        )
        for index, result in zip(pending, done):
            results[index] = result
        unfinished = [index for index in pending if results[index] is None]
        suspects, pending = unfinished[: 2 * workers], unfinished[2 * workers:]
        for index in suspects:
            results[index] = _pooled(check, 1, job, [hits[index]], [places[index]], None, [extras[index]])[0] or FileResult(
                errors=[FileError(
                    display_path(hits[index][0], job.cwd),
                    "not analyzed: the worker process analysing it died (killed, out of memory, or crashed)",
                )]
            )
    return [result or FileResult() for result in results]


def _pooled(
    check: Check, workers: int, job: Job, hits: list[tuple[Path, bytes]], places: list[Surroundings],
    progress: Callable[[int, int], None] | None, extras: list[tuple],
) -> list[FileResult | None]:
    """One result per file, None where the pool broke before the file was done."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # The job (catalog, tiers, clock: 15 KB pickled) goes to each worker once, not with every file.
    preload_analysis()
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(job,))
    try:
        futures: list[Future[FileResult]] = []
        for (path, data), place, extra in zip(hits, places, extras):
            try:
                futures.append(submit(pool, _check_in_worker, check, path, data, place, *extra))
            except BrokenProcessPool:  # a worker died while files were still being handed out
                break
        results = []
        for future in futures:
            results.append(_outcome(future))
            if progress is not None:
                progress(len(results), len(hits))
        results += [None] * (len(hits) - len(futures))
    except BaseException:
        stop_pool(pool)
        raise
    pool.shutdown()
    return results


def preload_analysis() -> None:
    """Import the analysis in this process before workers are forked from it, so that each starts with it loaded.

    Each worker imported libcst and the analysis itself (0.26 s of CPU each
    here) while the run read files on the other core; on the large tree of
    ``bench/speed.py`` a run took 2.33 s against 2.43 s (medians of nine,
    alternated). Only where workers are forked: a spawned worker imports
    everything anew whatever this process holds.
    """
    import multiprocessing

    if multiprocessing.get_start_method() != "fork":
        return
    import migrator.filecheck.python_file  # noqa: F401
    import migrator.project_analysis.imported_strings  # noqa: F401
    import migrator.project_analysis.readers  # noqa: F401
    import migrator.python_analysis  # noqa: F401


def map_in_pool(function: Callable[..., Result], arguments: Sequence[tuple], workers: int) -> list[Result] | None:
    """``function(*each)`` for each tuple of ``arguments`` in worker processes, in order; None if the pool broke.

    For pure work over many files (the project index's byte screen); the
    caller does it in this process when the pool breaks.
    """
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    pool = ProcessPoolExecutor(max_workers=workers, initializer=_quiet_worker)
    try:
        results = [future.result() for future in [submit(pool, function, *each) for each in arguments]]
    except BrokenProcessPool:
        stop_pool(pool)
        return None
    except BaseException:
        stop_pool(pool)
        raise
    pool.shutdown()
    return results


def submit(pool: ProcessPoolExecutor, function: Callable[..., Result], *arguments: object) -> Future[Result]:
    """``pool.submit``, which may start workers, with Ctrl-C and SIGTERM held until it returns (``signals_deferred``)."""
    with signals_deferred():
        return pool.submit(function, *arguments)


def stop_pool(pool: ProcessPoolExecutor) -> None:
    """Stop the workers now, without waiting for their work; return once the pool's own thread has seen them go.

    That thread must end before the interpreter may exit, which joins it. A
    worker killed halfway through sending a result leaves it waiting for the
    rest of the message: with every worker gone and this process' end of
    the result pipe closed, it reads end-of-file instead and quits (without
    that, one stopped run in about thirty hung at exit under load here). Nor
    may it close its wake-up pipe while the exit hook writes to it (a
    "Bad file descriptor" traceback after the run's last line).
    """
    processes = list((getattr(pool, "_processes", None) or {}).values())  # no public way before 3.14
    manager = getattr(pool, "_executor_manager_thread", None)
    results = getattr(pool, "_result_queue", None)
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(STOP_WAIT_SECONDS)
    if results is not None and not any(process.is_alive() for process in processes):
        results._writer.close()
    pool.shutdown(wait=False, cancel_futures=True)
    if manager is not None:
        manager.join(STOP_WAIT_SECONDS)


STOP_WAIT_SECONDS = 5.0  # a terminated worker is gone in milliseconds: a bound, not a delay


def _outcome(future: Future[FileResult]) -> FileResult | None:
    from concurrent.futures.process import BrokenProcessPool

    try:
        return future.result()
    except BrokenProcessPool:
        return None


# In a worker process only: the job its initializer received, for every file the pool hands it.
_worker_job: list[Job] = []


def _start_worker(job: Job) -> None:
    _quiet_worker()
    _worker_job[:] = [job]


def _check_in_worker(check: Check, path: Path, data: bytes, place: Surroundings, *extra: object) -> FileResult:
    return check(_worker_job[0], path, data, place, *extra)


def _quiet_worker() -> None:
    """Workers leave Ctrl-C to the parent, which stops them, and die at once on SIGTERM (the parent's
    handler, inherited through fork, would turn it into an exception the pool tries to send back).

    A worker starts with both signals blocked (``signals_deferred``); a
    SIGTERM its parent sent meanwhile is delivered once they are unblocked.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOPPING_SIGNALS)


STOPPING_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@contextmanager
def signals_deferred() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until the block is over: around a pool's ``submit``, which may start workers.

    A signal that arrives while a pool forks its workers runs the run's
    handler inside an at-fork callback (logging registers one), where the
    exception it raises is printed and dropped: the run went on as if never
    stopped. One that arrives after the fork but before the pool registered
    the worker left a process nothing stops, holding the run's output open.
    Held back here, the signal is raised again once the pool is whole, and
    the run stops all of it. The signals stay blocked in the new worker
    until its initializer has set what they do there (``_quiet_worker``).
    """
    in_charge = threading.current_thread() is threading.main_thread() and hasattr(signal, "pthread_sigmask")
    if not in_charge or any(signal.getsignal(number) is None for number in STOPPING_SIGNALS):
        yield  # not ours to defer: handlers set outside Python cannot be put back
        return
    import multiprocessing

    # Only a forked worker starts with the parent's handlers; a fork server started here would keep the mask
    # for every process it makes later, and a spawned worker starts afresh.
    blocking = multiprocessing.get_start_method() == "fork"
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, ())  # read first: a pending handler may raise in any call
    caught: list[int] = []
    previous: dict[int, object] = {}
    try:
        if blocking:
            signal.pthread_sigmask(signal.SIG_BLOCK, STOPPING_SIGNALS)
        for number in STOPPING_SIGNALS:
            previous[number] = signal.getsignal(number)
            signal.signal(number, lambda number, frame: caught.append(number))
        yield
    finally:
        failure = _put_back(previous, mask)
        if caught:
            signal.raise_signal(caught[0])
        if failure is not None:
            raise failure


def _put_back(handlers: dict[int, object], mask: object) -> BaseException | None:
    """Restore ``handlers`` and the signal ``mask`` whatever another signal's handler raises meanwhile.

    ``signal.signal`` runs pending handlers before it changes anything, and
    ``pthread_sigmask`` after: a handler that raises (a SIGALRM timeout)
    would otherwise leave Ctrl-C recorded and dropped, or blocked for good.
    The first such exception is returned, to be raised once all is back.
    """
    failure: BaseException | None = None
    for number, handler in handlers.items():
        for _ in range(2):  # the handler that raised has run: the second try finds nothing pending
            try:
                signal.signal(number, handler)  # type: ignore[arg-type]
                break
            except BaseException as exc:  # noqa: B902 - re-raised by the caller once all is restored
                failure = failure or exc
    try:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)  # type: ignore[arg-type]
    except BaseException as exc:  # the mask is set before pending handlers run
        failure = failure or exc
    return failure
