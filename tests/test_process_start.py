"""How worker processes start: the command line's fork server, everybody else's plain fork, the same reports."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest
from conftest import AFTER, write

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


@pytest.mark.skipif(not HAS_FORK_SERVER, reason="the platform has no fork server")
def test_the_command_line_starts_workers_from_a_fork_server_with_the_same_report(cli, tmp_path, monkeypatch) -> None:
    _project(tmp_path)
    serial = cli(["--format", "json", "--as-of", AFTER, "--jobs", "1", "."], cwd=tmp_path)
    used = _methods_used(monkeypatch)
    served = cli(["--format", "json", "--as-of", AFTER, "--jobs", "2", "."], cwd=tmp_path)
    assert used and set(used) == {"forkserver"}
    monkeypatch.setattr(process_start, "preferred_start_method", lambda: "fork")
    used.clear()
    forked = cli(["--format", "json", "--as-of", AFTER, "--jobs", "2", "."], cwd=tmp_path)
    assert used and set(used) == {"fork"}
    assert serial.code == served.code == forked.code == 1
    assert serial.out == served.out == forked.out
    assert '"pkg/use_2.py"' in serial.out  # the importers were found and checked


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
def test_the_fork_server_starts_early_only_for_a_folders_walk_with_workers(cli, tmp_path, monkeypatch, arguments, warmed) -> None:
    import migrator.engine as engine

    _project(tmp_path)
    calls: list[str | None] = []
    monkeypatch.setattr(engine, "warm_up", calls.append)
    cli(["--as-of", AFTER, *arguments], cwd=tmp_path)
    assert calls == warmed
