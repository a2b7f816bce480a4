"""Engine behaviour: decoding, parallel parsing, lazy imports."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import AFTER, write


def findings(cli, root, *args) -> list[tuple[str, int, int]]:
    result = cli(["--format", "json", "--as-of", AFTER, *args, "."], cwd=root)
    document = json.loads(result.out)
    return [(f["path"], f["line"], f["column"]) for f in document["findings"]], document["errors"]


def test_bom_coding_cookie_and_crlf_files_are_read_like_python_does(cli, tmp_path) -> None:
    (tmp_path / "bom.py").write_bytes(b'\xef\xbb\xbfMODEL = "deepseek-chat"\r\n')
    (tmp_path / "latin.py").write_bytes(
        b'# -*- coding: latin-1 -*-\nGREETING = "caf\xe9"; MODEL = "deepseek-reasoner"\n'
    )
    (tmp_path / "crlf.py").write_bytes(b'x = 1\r\nclient.chat.completions.create(\r\n    model="deepseek-chat",\r\n)\r\n')
    found, errors = findings(cli, tmp_path)
    assert errors == []
    assert found == [("bom.py", 1, 9), ("crlf.py", 3, 11), ("latin.py", 2, 28)]  # columns count characters, not bytes


def test_undecodable_file_is_a_file_error(cli, tmp_path) -> None:
    (tmp_path / "bad.py").write_bytes(b'MODEL = "deepseek-chat"  # \xff\xfe\n')
    write(tmp_path, "good.py", 'MODEL = "deepseek-chat"\n')
    found, errors = findings(cli, tmp_path)
    assert found == [("good.py", 1, 9)]
    assert errors[0]["path"] == "bad.py" and errors[0]["message"].startswith("cannot decode")


def test_process_pool_gives_the_same_result_as_serial(cli, tmp_path, monkeypatch) -> None:
    import migrator.workers as workers

    pooled: list[int] = []  # the workers of each pool started, early (while reading) or after
    in_pool, early_finished = workers._in_pool, workers.EarlyPool.finished
    monkeypatch.setattr(workers, "_in_pool", lambda check, count, *rest: pooled.append(count) or in_pool(check, count, *rest))

    def finished(self: workers.EarlyPool, *args: object) -> dict:
        if self.pool is not None:
            pooled.append(self.workers)
        return early_finished(self, *args)

    monkeypatch.setattr(workers.EarlyPool, "finished", finished)
    for index in range(60):
        write(
            tmp_path,
            f"pkg/mod_{index:02}.py",
            f'def ask_{index}(client):\n    return client.chat.completions.create(model="deepseek-chat", n={index})\n',
        )
    serial = findings(cli, tmp_path, "--jobs", "1")
    parallel = findings(cli, tmp_path, "--jobs", "2")
    assert serial == parallel
    assert len(serial[0]) == 60
    assert pooled == [2]  # one pool, started while the files were read; the serial run started none


def test_workers_are_forked_with_the_analysis_loaded(cli, tmp_path, monkeypatch) -> None:
    """Each pool of analysing workers is started after this process imported the analysis (where workers fork)."""
    import concurrent.futures
    import multiprocessing

    import migrator.workers as workers

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("a spawned worker imports everything anew")
    events: list[str] = []
    preload, real_pool = workers.preload_analysis, concurrent.futures.ProcessPoolExecutor

    class Pool(real_pool):  # type: ignore[misc, valid-type]
        def __init__(self, *args: object, **kwargs: object) -> None:
            events.append("pool")
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(workers, "preload_analysis", lambda: events.append("preload") or preload())
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Pool)
    for index in range(40):
        write(tmp_path, f"pkg/m{index:02}.py", f'client.chat.completions.create(model="deepseek-chat", n={index})\n')
    result = cli(["--format", "json", "--as-of", AFTER, "--jobs", "2", "."], cwd=tmp_path)
    assert result.code == 1 and len(json.loads(result.out)["findings"]) == 40
    assert events[:2] == ["preload", "pool"] and all(
        events[number - 1] == "preload" for number, event in enumerate(events) if event == "pool"
    )


def test_python_files_are_analysed_while_the_rest_is_read_with_the_same_report(cli, tmp_path, monkeypatch) -> None:
    """With a .env file whose variable Python files read: the .env findings still name every reader."""
    import migrator.workers as workers

    early: list[int] = []
    early_finished = workers.EarlyPool.finished
    monkeypatch.setattr(workers.EarlyPool, "finished", lambda self, *args: early.append(len(self.futures)) or early_finished(self, *args))
    write(tmp_path, ".env", "CHAT_MODEL=deepseek-chat\n")
    for index in range(40):
        write(tmp_path, f"app/m{index:02}.py", f'import os\nMODEL = os.getenv("CHAT_MODEL")\nX{index} = "deepseek-reasoner"\n')
    write(tmp_path, "zz/settings.yaml", "model: deepseek-chat\n")
    serial = cli(["--format", "json", "--as-of", AFTER, "--jobs", "1", "."], cwd=tmp_path)
    parallel = cli(["--format", "json", "--as-of", AFTER, "--jobs", "2", "."], cwd=tmp_path)
    assert early == [0, 40]  # nothing handed early with one job; with two, every Python file
    assert parallel.out == serial.out
    env = [f for f in json.loads(serial.out)["findings"] if f["path"] == ".env"]
    assert env and "app/m00.py" in json.dumps(env) and "and 37 more" in json.dumps(env)  # all 40 readers named


def test_a_pool_starts_only_when_the_work_pays_for_it() -> None:
    from migrator.workers import pays_for_a_pool

    small = [(Path(f"m{n}.py"), b"x = 1\n" * 10) for n in range(5)]
    assert not pays_for_a_pool(small)
    assert pays_for_a_pool(small * 7)  # many files
    assert pays_for_a_pool([(Path("big.py"), b"x = 1\n" * 2000), (Path("b.py"), b"")])  # many bytes


def test_clean_runs_do_not_import_libcst(tmp_path) -> None:
    write(tmp_path, "app.py", "print('hello')\n")
    probe = (
        "import sys\n"
        "from migrator.cli import main\n"
        "try:\n    main(['--format', 'json', '.'])\nexcept SystemExit:\n    pass\n"
        "print('libcst' in sys.modules, 'rich' in sys.modules, file=sys.stderr)\n"
    )
    completed = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True)
    assert completed.stderr.strip() == "False False"


def test_reports_do_not_depend_on_the_hash_seed(tmp_path) -> None:
    """Sets of places are ordered before they are written out: one report on every run, as pre-commit and CI diff them."""
    import os
    import shutil

    from conftest import FIXTURES

    shutil.copytree(FIXTURES / "shapes", tmp_path / "shapes")
    runs = [  # side by side: each run is one process
        subprocess.Popen(
            [sys.executable, "-m", "migrator", "--format", "json", "--as-of", AFTER, "--unsafe-fixes", "-j", "1", "shapes"],
            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env=dict(os.environ, PYTHONHASHSEED=seed),
        )
        for seed in ("1", "2", "3", "4")
    ]
    reports = set()
    for run in runs:
        out, err = run.communicate(timeout=300)
        assert json.loads(out)["findings"], err
        reports.add(out)
    assert len(reports) == 1


def test_progress_counts_every_hit_file_with_or_without_the_early_pool(tmp_path) -> None:
    from migrator.catalog import load_catalog
    from migrator.config import Settings, tier_policy
    from migrator.engine import run
    from migrator.exposure import Clock, parse_as_of

    for index in range(40):
        write(tmp_path, f"app/m{index:02}.py", f'def ask(c):\n    return c.chat.completions.create(model="deepseek-chat", n={index})\n')
    write(tmp_path, "config.yaml", "model: deepseek-reasoner\n")
    catalog = load_catalog()
    settings = Settings(root=tmp_path)
    for jobs in (1, 2):
        told: list[tuple[int, int]] = []
        run([tmp_path], settings, catalog, tier_policy(settings, catalog), Clock(as_of=parse_as_of(AFTER)), tmp_path,
            jobs=jobs, progress=lambda done, total: told.append((done, total)))
        assert told == [(done, 41) for done in range(1, 42)], jobs
