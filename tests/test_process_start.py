"""How worker processes start: the command line's fork server, everybody else's plain fork, the same reports."""

from __future__ import annotations

import contextlib
import io
import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

import pytest
from conftest import AFTER, Result, write

from migrator import process_start

REQUEST = 'def ask_{n}(client):\n    return client.chat.completions.create(model="deepseek-chat", n={n})\n'
HAS_FORK_SERVER = process_start.FORK_SERVER in multiprocessing.get_all_start_methods()


def _project(root: Path) -> None:
    for index in range(40):
        write(root, f"pkg/mod_{index:02}.py", REQUEST.format(n=index))
    write(root, "pkg/settings.py", 'MODEL = "deepseek-reasoner"\n')
    for index in range(3):  # importers: the project index screens and re-checks them in pools too
        write(root, f"pkg/use_{index}.py", f"from pkg.settings import MODEL\nclient.chat.completions.create(model=MODEL, n={index})\n")


def _methods_used(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    import migrator.workers as workers

    used: list[str | None] = []
    real = workers.pool_context
    monkeypatch.setattr(workers, "pool_context", lambda method: used.append(method) or real(method))
    return used


def _script(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """``cli``, but through ``script``: the entry point of the ``migrate`` script and ``python -m migrator``."""
    from migrator import cli as cli_module

    def invoke(args: list[str], cwd: Path) -> Result:
        monkeypatch.setattr(sys, "argv", ["migrate", *args])
        monkeypatch.chdir(cwd)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), pytest.raises(SystemExit) as ended:
            cli_module.script()
        return Result(ended.value.code, out.getvalue(), err.getvalue())

    return invoke


@pytest.mark.skipif(not HAS_FORK_SERVER, reason="the platform has no fork server")
def test_the_script_starts_workers_from_a_fork_server_with_the_same_report(cli, tmp_path, monkeypatch) -> None:
    from multiprocessing import forkserver

    _project(tmp_path)
    script = _script(monkeypatch)
    serial = cli(["--format", "json", "--as-of", AFTER, "--jobs", "1", "."], cwd=tmp_path)
    used = _methods_used(monkeypatch)
    served = script(["--format", "json", "--as-of", AFTER, "--jobs", "2", "."], cwd=tmp_path)
    assert used and set(used) == {"forkserver"}
    assert forkserver._forkserver._forkserver_pid is None  # stopped and reaped at the end of the run
    used.clear()
    forked = cli(["--format", "json", "--as-of", AFTER, "--jobs", "2", "."], cwd=tmp_path)
    assert used and set(used) == {None}  # main(), which a user's script may call: the platform's default
    assert serial.code == served.code == forked.code == 1
    assert serial.out == served.out == forked.out
    assert '"pkg/use_2.py"' in serial.out  # the importers were found and checked


def test_the_installed_scripts_and_python_m_go_through_script() -> None:
    from importlib.metadata import entry_points

    import migrator.__main__ as package_main

    scripts = {point.name: point.value for point in entry_points(group="console_scripts") if "migrat" in point.name}
    assert scripts == {"migrate": "migrator.cli:script", "deepseek-migrate": "migrator.cli:script"}
    assert package_main.script.__module__ == "migrator.cli"


UNGUARDED = """
import sys
from migrator.cli import main
print("body", file=sys.stderr)
main(["--as-of", "{after}", "-j", "2", "--format", "json", "-o", "report.json", "."])
"""


def test_a_users_script_that_calls_main_without_a_guard_gets_the_whole_report(tmp_path) -> None:
    """A fork server's worker would import the script again, and run it: main() keeps the platform's default."""
    _project(tmp_path)
    (tmp_path / "run_it.py").write_text(UNGUARDED.format(after=AFTER), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "run_it.py"], cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode == 1 and done.stderr.count("body") == 1, done.stderr[-2000:]
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["errors"] == [] and len({f["path"] for f in report["findings"]}) == 41


@pytest.mark.skipif(not HAS_FORK_SERVER, reason="the platform has no fork server")
@pytest.mark.parametrize("signame", ["SIGINT", "SIGTERM"])
def test_a_run_stopped_while_its_workers_start_prints_no_traceback(tmp_path, signame) -> None:
    """Ctrl-C reaches every process of the run (the fork server importing, a worker starting); SIGTERM only the run,
    whose end leaves a starting worker without the pool's locks. Either way: one line, no traceback."""
    from conftest import installed_migrate

    for index in range(300):
        write(tmp_path, f"pkg/m{index:03}.py", REQUEST.format(n=index))
    for delay in (0.15, 0.25, 0.35, 0.45, 0.6):
        process = subprocess.Popen(
            [installed_migrate(), "--as-of", AFTER, "-j", "2", "."], cwd=tmp_path,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        time.sleep(delay)
        if signame == "SIGINT":
            os.killpg(process.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole process group
        else:
            process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=60)
        assert "Traceback" not in err and "Error" not in err, (delay, err[-2000:])
        assert process.returncode in (1, 130, 143), (delay, err)


def test_the_importable_api_uses_the_platforms_default_start(tmp_path, monkeypatch) -> None:
    """A fork server's workers import the caller's main module again: a script without a main guard would rerun."""
    from migrator.catalog import load_catalog
    from migrator.config import Settings, tier_policy
    from migrator.engine import run
    from migrator.exposure import Clock, parse_as_of

    _project(tmp_path)
    used = _methods_used(monkeypatch)
    settings = Settings(root=tmp_path)
    catalog = load_catalog()
    result = run(
        [tmp_path], settings, catalog, tier_policy(settings, catalog), Clock(as_of=parse_as_of(AFTER)), tmp_path, jobs=2,
    )
    assert used and set(used) == {None}
    assert len({f.path for f in result.findings}) == 41
    [setting] = [f for f in result.findings if f.path == "pkg/settings.py"]
    assert "pkg/use_2.py" in {place.path for place in setting.related}  # the importers were screened and checked


def test_a_fork_server_that_cannot_start_leaves_the_default(cli, tmp_path, monkeypatch) -> None:
    from multiprocessing import forkserver

    def refused() -> None:
        raise PermissionError(13, "no socket here")

    monkeypatch.setattr(forkserver, "ensure_running", refused)
    assert process_start.pool_context(process_start.FORK_SERVER) is multiprocessing.get_context()
    _project(tmp_path)
    result = cli(["--format", "json", "--as-of", AFTER, "--jobs", "2", "."], cwd=tmp_path)
    assert result.code == 1 and '"pkg/mod_39.py"' in result.out


@pytest.mark.parametrize(
    ("arguments", "warmed"),
    [
        (["--jobs", "2", "."], [process_start.preferred_start_method()]),  # a folder's walk: started at once
        (["--jobs", "1", "."], []),  # no workers
        (["--jobs", "2", "pkg/mod_00.py", "pkg/mod_01.py"], []),  # a few named files rarely pay for a pool
    ],
)
def test_the_fork_server_starts_early_only_for_a_folders_walk_with_workers(tmp_path, monkeypatch, arguments, warmed) -> None:
    import migrator.engine as engine

    _project(tmp_path)
    calls: list[str | None] = []
    monkeypatch.setattr(engine, "warm_up", calls.append)
    _script(monkeypatch)(["--as-of", AFTER, *arguments], cwd=tmp_path)
    assert calls == warmed
