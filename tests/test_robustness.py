"""Bad input costs one per-file diagnostic, never the run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import AFTER, write

REQUEST = 'from openai import OpenAI\nc = OpenAI()\nc.chat.completions.create(model="deepseek-chat", messages=[])\n'

DEEP = {
    "parentheses": "x = " + "(" * 1400 + '"deepseek-chat"' + ")" * 1400 + "\n",
    "lists": "x = " + "[" * 3000 + '"deepseek-chat"' + "]" * 3000 + "\n",
    "attributes": 'x = "deepseek-chat"' + ".a" * 20000 + "\n",
    "operators": 'x = "deepseek-chat"' + ' + "a"' * 50000 + "\n",
    "calls": "x = f" + "(1)" * 20000 + '\ny = "deepseek-chat"\n',
}


@pytest.mark.parametrize("shape", sorted(DEEP))
def test_extreme_nesting_is_a_file_error_not_a_crash(migrate_cmd, tmp_path, shape: str) -> None:
    """libcst's native parser segfaulted on these; CPython's parser, then the cost bound, stop them first."""
    write(tmp_path, "deep.py", DEEP[shape])
    write(tmp_path, "ok.py", REQUEST)
    result = migrate_cmd(["--fix", "--as-of", AFTER, "--format", "json", "-j", "1", "."], cwd=tmp_path)
    assert result.code == 1, result.err
    report = json.loads(result.out)
    assert [e["path"] for e in report["errors"]] == ["deep.py"]
    message = report["errors"][0]["message"]
    assert "too deeply nested to analyze (Python itself cannot compile it)" in message or (
        "too large to analyze within memory and time bounds" in message and shape in ("attributes", "operators", "calls")
    ), message
    assert any(f["path"] == "deep.py" and f["code"] == "DSM001" for f in report["findings"])  # the text scan
    assert report["summary"]["fixed"] == 1 and "deepseek-v4-flash" in (tmp_path / "ok.py").read_text()


def test_symlink_loops_and_unreadable_folders_cost_one_line_each(cli, tmp_path, monkeypatch) -> None:
    import os

    write(tmp_path, "ok.py", REQUEST)
    write(tmp_path, "locked/inner.py", REQUEST)
    (tmp_path / "loop").symlink_to("loop")
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("a")
    real_scandir = os.scandir

    def scandir(path):  # the run is root in CI, where chmod 000 does not stop reading
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = cli(["--as-of", AFTER, "--format", "json", "."], cwd=tmp_path)
    assert result.code == 1, result.err
    report = json.loads(result.out)
    assert sorted(e["path"] for e in report["errors"]) == ["a", "b", "locked", "loop"]
    assert [f["path"] for f in report["findings"]] == ["ok.py"]


def test_a_thousand_nested_folders(cli, tmp_path) -> None:
    import os
    import shutil
    import sys

    folder = str(tmp_path / "tree")
    os.mkdir(folder)
    for _ in range(1000):
        folder = os.path.join(folder, "d")
        os.mkdir(folder)
    with open(os.path.join(folder, "x.py"), "w", encoding="utf-8") as handle:
        handle.write('MODEL = "deepseek-chat"\n')
    try:
        result = cli(["--as-of", AFTER, "--format", "json", "."], cwd=tmp_path)
        assert result.code == 1 and len(json.loads(result.out)["findings"]) == 1
    finally:  # shutil.rmtree (and pytest's clean-up) recurse once per level
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(10_000)
        try:
            shutil.rmtree(tmp_path / "tree")
        finally:
            sys.setrecursionlimit(limit)


@pytest.mark.parametrize(
    "args,culprit",
    [
        (["--as-of", "9999-12-31T23:59:59-23:59"], "--as-of: '9999-12-31T23:59:59-23:59' is out of range"),
        (["--config", "deep.toml"], "deep.toml: invalid TOML: nested too deeply"),
    ],
)
def test_extreme_arguments_are_one_line_and_exit_2(cli, tmp_path, args, culprit) -> None:
    write(tmp_path, "deep.toml", "x = " + "[" * 5000 + "]" * 5000 + "\n")
    write(tmp_path, "ok.py", REQUEST)
    result = cli([*args, "ok.py"], cwd=tmp_path)
    assert result.code == 2 and culprit in result.err and len(result.err.strip().splitlines()) == 1


def test_an_edit_saved_while_fixing_is_never_overwritten(cli, tmp_path, monkeypatch) -> None:
    """The user saves between our first check and the rename: the fix must step back."""
    import os

    from migrator import fixer

    path = write(tmp_path, "app.py", REQUEST)
    real_fsync = os.fsync

    def fsync_then_user_saves(descriptor: int) -> None:
        real_fsync(descriptor)
        path.write_text(REQUEST + "# the user's edit\n", encoding="utf-8")

    monkeypatch.setattr(fixer.os, "fsync", fsync_then_user_saves)
    result = cli(["--fix", "--as-of", AFTER, "--format", "json", "app.py"], cwd=tmp_path)
    assert path.read_text(encoding="utf-8") == REQUEST + "# the user's edit\n"
    assert "changed on disk" in json.loads(result.out)["errors"][0]["message"]
    assert [p.name for p in tmp_path.iterdir()] == ["app.py"]  # no temporary file left


def test_concurrent_writer_never_loses_an_edit(tmp_path) -> None:
    """A writer thread saves while many files are fixed: each file ends with its edit or was not touched."""
    import threading

    from migrator.fixer import write_atomically

    losses = 0
    for trial in range(40):
        path = write(tmp_path, f"f{trial}.py", REQUEST)
        original = path.read_bytes()
        edited = original + b"# edit\n"
        writer = threading.Thread(target=path.write_bytes, args=(edited,))
        writer.start()
        write_atomically(path, original, original.replace(b"deepseek-chat", b"deepseek-v4-flash"))
        writer.join()
        final = path.read_bytes()
        # The edit is kept, or it landed after the fix (then it is the file's content too).
        losses += final != edited and b"# edit" not in final
    assert losses == 0


def test_a_file_this_user_cannot_write_or_own_is_refused(cli, tmp_path, monkeypatch) -> None:
    import os

    from migrator import fixer

    path = write(tmp_path, "app.py", REQUEST)
    real_access = os.access
    monkeypatch.setattr(fixer.os, "access", lambda target, mode: Path(target) != path and real_access(target, mode))
    result = cli(["--fix", "--as-of", AFTER, "--format", "json", "app.py"], cwd=tmp_path)
    assert json.loads(result.out)["errors"][0]["message"] == "not writable by this user: not fixed"
    monkeypatch.undo()
    if os.geteuid() == 0:
        os.chown(path, 65534, 65534)  # another user's file, group-writable for us

        real_chown = os.chown

        def refuse(target: object, uid: int, gid: int) -> None:
            if str(target).endswith(".tmp"):
                raise PermissionError(1, "Operation not permitted")
            real_chown(target, uid, gid)

        monkeypatch.setattr(fixer.os, "chown", refuse)
        result = cli(["--fix", "--as-of", AFTER, "--format", "json", "app.py"], cwd=tmp_path)
        assert "would change its owner" in json.loads(result.out)["errors"][0]["message"]
        assert path.read_text(encoding="utf-8") == REQUEST and path.stat().st_uid == 65534


def test_a_pack_cannot_inject_code_or_give_circular_advice(cli, tmp_path) -> None:
    write(tmp_path, "ok.py", REQUEST)
    write(tmp_path, "evil.toml", '[targets]\nflash = \'x", timeout=__import__("os").system("id"), y="\'\n')
    result = cli(["--rules", "evil.toml", "ok.py"], cwd=tmp_path)
    assert result.code == 2 and "targets.flash" in result.err and "is not a model ID" in result.err
    write(tmp_path, "circular.toml", '[targets]\nflash = "deepseek-chat"\n')
    result = cli(["--rules", "circular.toml", "ok.py"], cwd=tmp_path)
    assert result.code == 2 and "'deepseek-chat' is also retired" in result.err
    write(tmp_path, "prefixed.toml", '[targets]\nflash = "deepseek/deepseek-chat"\n')
    result = cli(["--rules", "prefixed.toml", "ok.py"], cwd=tmp_path)
    assert result.code == 2 and "is also retired" in result.err
    evil_key = "'os.system(1) or x'"
    packs = {
        "effort.toml": f'[thinking.formats.openai]\neffort = "high"\neffort-path = [{evil_key}]\n',
        "off.toml": '[[python.requests]]\nname = "x"\ncalls = ["x.create"]\napi = "openai"\n'
        f'toggle = {{ keyword = "extra_body", path = ["thinking"], off = {{ path = [{evil_key}], value = "none" }} }}\n',
        "path.toml": '[[python.requests]]\nname = "x"\ncalls = ["x.create"]\napi = "openai"\n'
        f'toggle = {{ keyword = "extra_body", path = [{evil_key}] }}\n',
    }
    for name, text in packs.items():
        write(tmp_path, name, text)
        result = cli(["--rules", name, "ok.py"], cwd=tmp_path)
        assert result.code == 2 and "'os.system(1) or x' is not a Python identifier" in result.err, (name, result.err)


@pytest.mark.parametrize("literal", ["r'deepseek-chat'", "f'deepseek-chat'", "'''deepseek-chat'''", "u\"deepseek-chat\""])
def test_replacement_literals_are_escaped_for_their_prefix(literal: str) -> None:
    import libcst as cst

    from migrator.codemods import replacement_literal

    node = cst.parse_expression(literal)
    for value in ('a"b', "a'b", "a\\b", "a{b}"):
        rendered = cst.Module(body=[]).code_for_node(replacement_literal(node, "deepseek-chat", value))
        assert eval(rendered) == value, (literal, value, rendered)  # noqa: S307 - our own literal


def test_output_through_a_link_onto_source_is_refused(cli, tmp_path) -> None:
    victim = write(tmp_path, "victim.py", REQUEST)
    (tmp_path / "link.txt").symlink_to("victim.py")
    result = cli(["--output", "link.txt", "victim.py"], cwd=tmp_path)
    assert result.code == 2 and "refusing to write a report over a source file" in result.err
    assert victim.read_text(encoding="utf-8") == REQUEST


@pytest.mark.parametrize("signame,code", [("SIGTERM", 143), ("SIGINT", 130)])
def test_a_signal_stops_workers_leaves_no_temp_files_and_says_what_was_written(tmp_path, signame, code) -> None:
    import signal
    import subprocess
    import time

    from conftest import installed_migrate

    body = "".join(
        f'def f{i}(c):\n    return c.chat.completions.create(model="deepseek-chat", messages=[], n={i})\n'
        for i in range(60)
    )
    for index in range(400):
        write(tmp_path, f"pkg/m{index}.py", "from openai import OpenAI\nc = OpenAI()\n" + body)
    process = subprocess.Popen(
        [installed_migrate(), "--fix", "-j", "2", "--as-of", AFTER, str(tmp_path / "pkg")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        # A launcher that runs the suite as a background job ignores SIGINT, and children inherit that: as a terminal would.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    time.sleep(2.5)
    process.send_signal(getattr(signal, signame))
    _, err = process.communicate(timeout=60)
    assert process.returncode == code, err
    assert "nothing was written" in err or "no file was changed" in err or "fixed and wrote" in err
    assert not list(tmp_path.rglob("*.tmp"))
    time.sleep(0.5)
    leftover = subprocess.run(["pgrep", "-f", str(tmp_path / "pkg")], capture_output=True, text=True)
    assert leftover.stdout.strip() == "", "worker processes outlived the run"


def run_script(tmp_path: Path, name: str, text: str, timeout: float) -> subprocess.CompletedProcess[str]:
    """Run ``text`` as a script of its own: what it does to signals, forks and exit hooks stays out of pytest."""
    script = write(tmp_path, name, text)
    return subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=timeout)


STOPPED_WHILE_FORKING = """
import multiprocessing, os, signal, sys, time
from migrator.workers import map_in_pool

class Stopped(BaseException):
    pass

def stop(signum, frame):
    raise Stopped()

def square(n):
    time.sleep(0.05)
    return n * n

forks = []
def while_forking():  # the moment a SIGTERM arrived in CI: the parent's at-fork callbacks
    forks.append(1)
    if len(forks) == 1:
        os.kill(os.getpid(), signal.SIGTERM)

if __name__ == "__main__":
    multiprocessing.set_start_method("fork")
    signal.signal(signal.SIGTERM, stop)
    os.register_at_fork(after_in_parent=while_forking)
    try:
        print("finished", map_in_pool(square, [(n,) for n in range(40)], 2))
    except Stopped:
        time.sleep(0.3)
        print("stopped", len(multiprocessing.active_children()))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="fork and at-fork callbacks are POSIX")
def test_a_signal_that_arrives_while_a_pool_forks_stops_the_run_and_every_worker(tmp_path) -> None:
    done = run_script(tmp_path, "stopped_while_forking.py", STOPPED_WHILE_FORKING, timeout=60)
    assert done.stdout.strip() == "stopped 0", (done.stdout, done.stderr)
    assert "Exception ignored" not in done.stderr


INTERRUPTED_WHILE_DEFERRING = """
import random, signal
from migrator.workers import STOPPING_SIGNALS, signals_deferred

class Alarm(Exception):
    pass

def alarm(signum, frame):
    raise Alarm()

if __name__ == "__main__":
    signal.signal(signal.SIGALRM, alarm)
    before = {number: signal.getsignal(number) for number in STOPPING_SIGNALS}
    broken = 0
    for _ in range(3000):
        try:  # one alarm per turn, at a random point of it
            signal.setitimer(signal.ITIMER_REAL, random.uniform(0.000001, 0.00003))
            with signals_deferred():
                pass
            while True:  # the alarm may land after the block: wait for it here
                pass
        except Alarm:
            pass
        now = {number: signal.getsignal(number) for number in STOPPING_SIGNALS}
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, ()) & set(STOPPING_SIGNALS)
        broken += now != before or bool(blocked)
    print("broken", broken)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="signal masks and timers are POSIX")
def test_a_handler_that_raises_while_signals_are_deferred_leaves_them_as_they_were(tmp_path) -> None:
    done = run_script(tmp_path, "interrupted_while_deferring.py", INTERRUPTED_WHILE_DEFERRING, timeout=120)
    assert done.stdout.strip() == "broken 0", (done.stdout, done.stderr)


LATER_FROM_THE_FORK_SERVER = """
import multiprocessing, time
from migrator.workers import map_in_pool

if __name__ == "__main__":
    multiprocessing.set_start_method("forkserver")
    assert map_in_pool(abs, [(-1,), (-2,)], 2) == [1, 2]
    later = multiprocessing.Process(target=time.sleep, args=(60,))
    later.start()
    later.terminate()
    later.join(10)
    print("alive" if later.is_alive() else "stopped")
    if later.is_alive():
        later.kill()
"""


@pytest.mark.skipif(sys.platform == "win32", reason="no fork server on Windows")
def test_a_fork_server_started_by_a_pool_makes_processes_that_a_signal_stops(tmp_path) -> None:
    done = run_script(tmp_path, "later_from_the_fork_server.py", LATER_FROM_THE_FORK_SERVER, timeout=60)
    assert done.stdout.strip() == "stopped", (done.stdout, done.stderr)


HALF_SENT_RESULT = """
import multiprocessing, os, struct, time
from concurrent.futures import ProcessPoolExecutor
from migrator.workers import stop_pool

def half_sent(fd):  # as a worker killed while it sends a result: a length, then part of the message
    os.write(fd, struct.pack("!i", 1000) + b"partial")
    time.sleep(60)

if __name__ == "__main__":
    multiprocessing.set_start_method("fork")
    pool = ProcessPoolExecutor(2)
    pool.submit(pow, 2, 2).result()
    pool.submit(half_sent, pool._result_queue._writer.fileno())
    time.sleep(0.5)
    stop_pool(pool)
    print("stopped")
"""


@pytest.mark.skipif(sys.platform == "win32", reason="the pool's pipes are inherited through fork")
def test_a_pool_stopped_while_a_worker_was_sending_a_result_lets_the_run_exit(tmp_path) -> None:
    done = run_script(tmp_path, "half_sent.py", HALF_SENT_RESULT, timeout=30)
    assert (done.returncode, done.stdout.strip()) == (0, "stopped"), done.stderr
    assert "Traceback" not in done.stderr


def test_files_over_the_size_limit_are_skipped_with_a_note(cli, tmp_path) -> None:
    write(tmp_path, "big.py", REQUEST + "# padding\n" * 110_000)  # just over the default 1 MiB
    write(tmp_path, "ok.py", REQUEST)
    report = json.loads(cli(["--as-of", AFTER, "--format", "json", "."], cwd=tmp_path).out)
    assert [f["path"] for f in report["findings"]] == ["ok.py"]
    assert report["summary"]["skipped"]["too_large"] == ["big.py"]
    (tmp_path / "big.py").unlink()
    write(tmp_path, "mid.py", REQUEST + "# padding\n" * 100)
    write(tmp_path, "pyproject.toml", "[tool.deepseek-migrate]\nmax-file-size = 500\n")
    text = cli(["--as-of", AFTER, "."], cwd=tmp_path)
    assert "1 file over max-file-size skipped: mid.py." in text.out
    write(tmp_path, "pyproject.toml", "[tool.deepseek-migrate]\nmax-file-size = 0\n")
    bad = cli(["--as-of", AFTER, "."], cwd=tmp_path)
    assert bad.code == 2 and "max-file-size" in bad.err


def test_scanned_code_is_never_imported_or_executed(migrate_cmd, tmp_path) -> None:
    """Every scanned module (a conftest.py among them) would leave a marker file if it ran."""
    marker = tmp_path / "EXECUTED"
    payload = f"open({str(marker)!r}, 'w').write(__name__)\n"
    write(tmp_path, "proj/conftest.py", "import evil\n" + payload)
    write(tmp_path, "proj/evil.py", payload + REQUEST)
    write(tmp_path, "proj/setup.py", payload + 'MODEL = "deepseek-chat"\n')
    write(tmp_path, "proj/pkg/__init__.py", payload + REQUEST)
    for args in (["--as-of", AFTER, "."], ["--fix", "--unsafe-fixes", "--as-of", AFTER, "."]):
        result = migrate_cmd(args, cwd=tmp_path / "proj")
        assert result.code in (0, 1), result.err
    assert not marker.exists()


def test_a_full_run_opens_no_network_connection(cli, tmp_path, monkeypatch) -> None:
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network use: {args}")

    for name in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(socket.socket, name, refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    write(tmp_path, "requirements.txt", "openai==1.99.9\n")
    write(tmp_path, "app.py", REQUEST)
    for args in (["--as-of", AFTER, "--format", "json", "."], ["--fix", "--as-of", AFTER, "."], ["--explain", "DSM001"]):
        result = cli(args, cwd=tmp_path)
        assert result.code in (0, 1), result.err


@pytest.mark.parametrize("named", ["folder", "link"])
def test_links_inside_the_tree_are_fixed_through_links_outside_left_alone(cli, tmp_path, named: str) -> None:
    tree = tmp_path / "tree"
    real = write(tree, "real/impl.py", REQUEST)
    (tree / "alias.py").symlink_to("real/impl.py")
    outside = write(tmp_path, "elsewhere/shared.py", REQUEST)
    (tree / "shared.py").symlink_to(outside)
    target = "." if named == "folder" else "alias.py"
    report = json.loads(cli(["--fix", "--as-of", AFTER, "--format", "json", target], cwd=tree).out)
    assert (tree / "alias.py").is_symlink() and "deepseek-v4-flash" in real.read_text(encoding="utf-8")
    assert outside.read_text(encoding="utf-8") == REQUEST  # not followed out of the scanned folder
    if named == "folder":
        assert report["summary"]["skipped"]["links_outside"] == 1


def test_a_file_too_costly_for_libcst_is_weighed_first_and_text_scanned(cli, tmp_path) -> None:
    """190 nested lists around 30,000 items compile in CPython at once but took libcst 7.5 GB."""
    items = ",".join(["0"] * 30_000)
    write(tmp_path, "heavy.py", "x = " + "[" * 190 + items + "]" * 190 + '\nm = "deepseek-chat"\n')
    write(tmp_path, "ok.py", REQUEST)
    result = cli(["--fix", "--as-of", AFTER, "--format", "json", "-j", "1", str(tmp_path)])
    report = json.loads(result.out)
    [error] = report["errors"]
    assert error["path"].endswith("heavy.py") and "too large to analyze within memory and time bounds" in error["message"]
    assert "bracket nesting weight" in error["message"]
    assert any(f["path"].endswith("heavy.py") and f["code"] == "DSM001" for f in report["findings"])
    assert "deepseek-v4-flash" in (tmp_path / "ok.py").read_text()


@pytest.mark.parametrize(
    "source, code",
    [
        ("x = " + "[" * 150 + '"deepseek-chat"' + "]" * 150 + "\n", "DSM003"),
        ("x = (" + " ".join(['"a"'] * 3000) + ')\nm = "deepseek-chat"\n', "DSM001"),
        ('m = "deepseek-chat"\nx = 1' + " + 1" * 900 + "\n", "DSM001"),
    ],
    ids=["150 nested lists", "3000 adjacent literals", "900 chained operators"],
)
def test_deep_code_python_compiles_is_analysed_in_full(cli, tmp_path, source: str, code: str) -> None:
    """libcst's visitors exceeded the recursion limit here: the file is analysed again with room to recurse."""
    write(tmp_path, "deep.py", source)
    report = json.loads(cli(["--as-of", AFTER, "--format", "json", str(tmp_path)]).out)
    assert report["errors"] == []
    assert [f["code"] for f in report["findings"]] == [code]
    assert "text scan" not in report["findings"][0]["message"]


def test_a_request_inside_deep_code_is_fixed(cli, tmp_path) -> None:
    request = 'c.chat.completions.create(model="deepseek-chat", messages=[])'
    source = "from openai import OpenAI\nc = OpenAI()\nX = " + "[" * 160 + request + "]" * 160 + "\n"
    path = write(tmp_path, "deep.py", source)
    result = cli(["--fix", "--as-of", AFTER, str(tmp_path)])
    assert result.code == 0, result.out + result.err
    assert 'model="deepseek-v4-flash", messages=[], extra_body={"thinking": {"type": "disabled"}})' in path.read_text()


def test_chains_deeper_than_the_bound_are_text_scanned(cli, tmp_path) -> None:
    """2,000 chained attributes took the analysis 9 s (it is quadratic in the chain): over MAX_SYNTAX_DEPTH."""
    write(tmp_path, "chain.py", 'x = "deepseek-chat"' + ".a" * 2000 + "\n")
    report = json.loads(cli(["--as-of", AFTER, "--format", "json", str(tmp_path)]).out)
    [error] = report["errors"]
    assert "depth 2002" in error["message"] and [f["code"] for f in report["findings"]] == ["DSM001"]


def _die_on_killer(job, path, data, place=None):  # replaces engine.check_file in forked workers
    import os
    import signal

    if path.name == "killer.py":
        os.kill(os.getpid(), signal.SIGKILL)
    return _REAL_CHECK_FILE(job, path, data, place)


def test_a_worker_that_dies_costs_its_file_one_diagnostic(cli, tmp_path, monkeypatch) -> None:
    import multiprocessing

    from migrator import engine

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the stand-in for a crash reaches workers only through fork")
    global _REAL_CHECK_FILE
    _REAL_CHECK_FILE = engine.check_file
    _die_on_killer.__module__, _die_on_killer.__qualname__ = engine.__name__, "check_file"
    monkeypatch.setattr(engine, "check_file", _die_on_killer)
    for index in range(70):
        write(tmp_path, f"m{index:02}.py", REQUEST)
    write(tmp_path, "killer.py", REQUEST)
    result = cli(["--as-of", AFTER, "--format", "json", "-j", "2", str(tmp_path)])
    assert result.code == 1, result.err
    report = json.loads(result.out)
    assert [(Path(e["path"]).name, "worker process" in e["message"]) for e in report["errors"]] == [("killer.py", True)]
    assert len({f["path"] for f in report["findings"]}) == 70


_REAL_CHECK_FILE = None


CRASHING_RUN = """
import os, runpy, signal, sys
import migrator.engine as engine
real = engine.check_file
def check_file(job, path, data, place=None, *rest):
    if path.name == "zz_crash.py":  # crashes whichever process analyses it (a native crash, out of memory)
        os.kill(os.getpid(), signal.SIGKILL)
    return real(job, path, data, place, *rest)
engine.check_file = check_file
sys.argv = ["migrate"] + sys.argv[1:]
runpy.run_module("migrator", run_name="__main__")
"""


def test_a_file_that_crashes_any_process_analysing_it_costs_one_diagnostic_not_the_run(tmp_path) -> None:
    """Python files go to the pool while the rest is read; what a dead worker left is retried in pools, never here."""
    import multiprocessing
    import subprocess
    import sys

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the stand-in for a crash reaches workers only through fork")
    for index in range(40):
        write(tmp_path, f"m{index:02}.py", REQUEST)
    write(tmp_path, "zz_crash.py", REQUEST)
    (tmp_path / "run.py").write_text(CRASHING_RUN, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "run.py", "--as-of", AFTER, "--format", "json", "-j", "2", "."],
        cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 1, result.stderr[-2000:]
    report = json.loads(result.stdout)
    assert [(e["path"], "worker process" in e["message"]) for e in report["errors"]] == [("zz_crash.py", True)]
    assert len({f["path"] for f in report["findings"]}) == 40


def test_a_signal_while_reporting_still_says_what_was_written(cli, tmp_path, monkeypatch) -> None:
    from migrator import report

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(report, "build_report", interrupted)
    write(tmp_path, "app.py", REQUEST)
    result = cli(["--fix", "--as-of", AFTER, str(tmp_path)])
    assert result.code == 130
    assert "fixed and wrote 1 file(s)" in result.err and "app.py" in result.err
    assert "deepseek-v4-flash" in (tmp_path / "app.py").read_text()


def test_a_fifo_or_link_swapped_in_before_the_write_is_refused_without_blocking(tmp_path) -> None:
    import os

    from migrator.fixer import write_atomically

    for swap in ("fifo", "link"):
        target = tmp_path / f"{swap}.py"
        if swap == "fifo":
            os.mkfifo(target)
        else:
            (tmp_path / "elsewhere.py").write_text(REQUEST)
            target.symlink_to(tmp_path / "elsewhere.py")
        problem = write_atomically(target, REQUEST.encode(), b"changed\n")
        assert problem == "no longer a regular file: not fixed"
    assert (tmp_path / "elsewhere.py").read_text() == REQUEST
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_file_name_at_the_length_limit_can_still_be_fixed(cli, tmp_path) -> None:
    name = "m" * 252 + ".py"  # 255 bytes, the usual limit of one name
    write(tmp_path, name, REQUEST)
    result = cli(["--fix", "--as-of", AFTER, str(tmp_path)])
    assert result.code == 0, result.err
    assert "deepseek-v4-flash" in (tmp_path / name).read_text()


def test_repository_files_that_are_devices_fifos_or_huge_are_not_read(cli, tmp_path) -> None:
    """A pull request controls .gitignore and requirements files: none of them may hang the run."""
    import os

    project = tmp_path / "project"
    write(project, "requirements.txt", "-r /dev/zero\n-r pipe.txt\nopenai>=1.30\n")
    os.mkfifo(project / "pipe.txt")
    (project / ".gitignore").symlink_to("/dev/zero")
    write(project, "sub/app.py", REQUEST)
    os.mkfifo(project / "sub" / ".gitignore")
    write(project, "other/.gitignore", "*a" * 40 + "*\n" + "b" * 5000 + "\n")  # pathological patterns, dropped
    write(project, "other/app.py", REQUEST)
    write(project, "other/" + "a" * 200 + ".py", "x = 1\n")  # hours of backtracking under the first pattern
    os.mkfifo(project / "other" / "fifo.py")
    result = cli(["--as-of", AFTER, "--format", "json", str(project)])
    report = json.loads(result.out)
    assert sorted(Path(f["path"]).parent.name for f in report["findings"] if f["code"] == "DSM001") == ["other", "sub"]
    assert [(Path(e["path"]).name, e["message"]) for e in report["errors"]] == []  # a FIFO is not a file to scan


def test_a_config_file_that_is_not_a_regular_file_is_one_line(cli, tmp_path) -> None:
    import os

    os.mkfifo(tmp_path / "fifo.toml")
    result = cli(["--config", str(tmp_path / "fifo.toml"), str(tmp_path)])
    assert result.code == 2
    assert result.err.strip().endswith("fifo.toml: cannot read: not a regular file"), result.err


def test_requests_nested_in_each_other_are_fixed_together(tmp_path) -> None:
    """Each level of nesting used to cost a pass (a whole-file check): 40 levels hit the 32-pass limit."""
    from test_fix_properties import JOB

    from migrator.engine import fix_text

    inner = '"hi"'
    for _ in range(40):
        inner = f'c.chat.completions.create(model="deepseek-chat", messages=[{{"role": "user", "content": {inner}}}])'
    source = f"from openai import OpenAI\nc = OpenAI()\nchain = {inner}\n"
    outcome = fix_text(JOB, source, write(tmp_path, "chain.py", source))
    assert outcome.error is None and outcome.applied == 40
    assert "deepseek-chat" not in outcome.source and outcome.source.count('"deepseek-v4-flash"') == 40
    assert outcome.source.count('extra_body={"thinking": {"type": "disabled"}}') == 40


@pytest.mark.parametrize("hidden", ["gitignored", "excluded", "venv"])
def test_a_link_does_not_smuggle_in_a_target_the_walk_skips(cli, tmp_path, hidden: str) -> None:
    tree = tmp_path / "tree"
    (tree / ".git").mkdir(parents=True)
    target = write(tree, "vendor/lib/client.py", REQUEST)
    if hidden == "gitignored":
        write(tree, ".gitignore", "vendor/\n")
    elif hidden == "excluded":
        write(tree, "pyproject.toml", '[tool.deepseek-migrate]\nexclude = ["vendor/"]\n')
    else:
        write(tree, "vendor/pyvenv.cfg", "home = /usr/bin\n")
    (tree / "client.py").symlink_to("vendor/lib/client.py")
    result = cli(["--fix", "--as-of", AFTER, "--format", "json", "."], cwd=tree)
    report = json.loads(result.out)
    assert report["findings"] == [] and target.read_text(encoding="utf-8") == REQUEST


def test_a_link_named_on_the_command_line_to_outside_the_project_is_left_alone_with_a_note(cli, tmp_path) -> None:
    project = tmp_path / "project"
    write(project, "pyproject.toml", "[tool.deepseek-migrate]\n")
    outside = write(tmp_path, "elsewhere/shared.py", REQUEST)
    (project / "src").mkdir()
    (project / "src" / "shared.py").symlink_to(outside)
    (project / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    for named in ("src/shared.py", "linked"):
        result = cli(["--fix", "--as-of", AFTER, "--format", "json", named], cwd=project)
        report = json.loads(result.out)
        assert report["findings"] == [] and report["summary"]["skipped"]["links_outside"] == 1, named
    assert outside.read_text(encoding="utf-8") == REQUEST
    text = cli(["--as-of", AFTER, "src/shared.py"], cwd=project)
    assert "1 symbolic link to files outside the scanned folders left alone" in text.out


def test_output_through_a_hard_link_onto_source_is_refused(cli, tmp_path) -> None:
    import os

    victim = write(tmp_path, "victim.py", REQUEST)
    os.link(victim, tmp_path / "report.txt")
    result = cli(["--output", str(tmp_path / "report.txt"), str(tmp_path)])
    assert result.code == 2 and "has other hard links" in result.err
    assert victim.read_text(encoding="utf-8") == REQUEST


def test_control_characters_in_names_and_lines_never_reach_the_terminal(cli, tmp_path) -> None:
    write(tmp_path, "a\x1b]0;pwned\x07.py", 'm = "deepseek-chat"  # \x1b[31mred\n')
    for output in ("text", "concise"):
        result = cli(["--as-of", AFTER, "--format", output, str(tmp_path)])
        assert "\x1b" not in result.out + result.err and "\x07" not in result.out + result.err
        assert "a\\x1b]0;pwned\\x07.py:1:5" in result.out
    assert "# \\x1b[31mred" in cli(["--as-of", AFTER, str(tmp_path)]).out


REVIEW_SHAPES = {  # shapes the first cost bound did not count (adversarial review, second round)
    "8,000-operand and-chain (segfaulted libcst)": 'MODEL = "deepseek-chat"\nx = ' + " and ".join(["a"] * 8000) + "\n",
    "190 parentheses around a 20,000-operand comparison (5.9 GB)": "x = " + "(" * 190 + " < ".join(["a"] * 20000)
    + ")" * 190 + '\nm = "deepseek-chat"\n',
    "80 lines of 490 nested lambdas (7.4 GB)": "".join(f"x{i} = " + "lambda: " * 490 + "a\n" for i in range(80))
    + 'm = "deepseek-chat"\n',
    "50 chains of 990 attributes (132 s)": "".join(f"x{i} = a" + ".b" * 990 + "\n" for i in range(50))
    + 'm = "deepseek-chat"\n',
}


@pytest.mark.parametrize("shape", sorted(REVIEW_SHAPES))
def test_costly_shapes_python_compiles_are_weighed_before_libcst(migrate_cmd, tmp_path, shape: str) -> None:
    write(tmp_path, "costly.py", REVIEW_SHAPES[shape])
    write(tmp_path, "ok.py", REQUEST)
    result = migrate_cmd(["--as-of", AFTER, "--format", "json", "-j", "1", "."], cwd=tmp_path)
    assert result.code == 1, result.err
    report = json.loads(result.out)
    assert [(e["path"], "too large to analyze within memory and time bounds" in e["message"]) for e in report["errors"]] == [
        ("costly.py", True)
    ]
    assert {f["path"] for f in report["findings"]} == {"costly.py", "ok.py"}


def test_a_490_branch_elif_chain_is_analysed(cli, tmp_path) -> None:
    """It aborted the run: a KeyError from libcst's metadata, then a RecursionError in the error handler."""
    write(tmp_path, "branches.py", 'M = "deepseek-chat"\nif a:\n    pass\n' + "elif a:\n    pass\n" * 490)
    report = json.loads(cli(["--as-of", AFTER, "--format", "json", str(tmp_path)]).out)
    assert report["errors"] == [] and [f["code"] for f in report["findings"]] == ["DSM001"]


def test_an_error_whose_message_cannot_be_formatted_still_costs_one_line(cli, tmp_path, monkeypatch) -> None:
    from migrator.filecheck import python_file

    class Unprintable(Exception):
        def __str__(self) -> str:
            raise RecursionError("maximum recursion depth exceeded")

    def broken(*args, **kwargs):
        raise Unprintable()

    monkeypatch.setattr(python_file, "check_python_file", broken)
    write(tmp_path, "app.py", REQUEST)
    report = json.loads(cli(["--as-of", AFTER, "--format", "json", str(tmp_path)]).out)
    assert [e["message"] for e in report["errors"]] == ["internal error: Unprintable"]


def test_two_fixes_of_one_request_never_share_a_pass(tmp_path) -> None:
    """The model fix and the reasoning= fix touched adjacent text: both went in, and "thinking" was written twice."""
    from test_fix_properties import JOB

    from migrator.engine import FixMode, fix_text

    job = JOB._replace(codes=("DSM001", "DSM101", "DSM102", "DSM103", "DSM104", "DSM105"),
                       fix=FixMode(applicabilities=("safe", "unsafe")))
    source = (
        "from openai import OpenAI\nclient = OpenAI()\n"
        'client.chat.completions.create(model="deepseek-chat", messages=[], '
        'extra_body={"chat_template_kwargs": {"enable_thinking": False}}, reasoning={"effort": "none"})\n'
    )
    fixed = fix_text(job, source, write(tmp_path, "n1.py", source)).source
    assert fixed.count('"thinking"') == 1, fixed
    assert fix_text(job, fixed, tmp_path / "n1.py").source == fixed


def test_file_names_are_never_read_as_markup(cli, tmp_path) -> None:
    write(tmp_path, "a[/]b.py", REQUEST + "# padding\n" * 110_000)  # over max-file-size: listed in the summary
    write(tmp_path, "[blink]x.py", REQUEST)
    result = cli(["--as-of", AFTER, str(tmp_path)])
    assert result.code == 1 and "internal error" not in result.err, result.err
    assert "a[/]b.py" in result.out and "[blink]x.py" in result.out


def test_a_folder_swapped_for_a_link_before_the_write_is_refused(tmp_path) -> None:
    from migrator.fixer import write_atomically

    folder = tmp_path / "tree" / "sub"
    path = write(folder, "f.py", REQUEST)
    outside = write(tmp_path / "outside", "f.py", REQUEST)
    folder.rename(tmp_path / "tree" / "sub.real")  # the swap, while the run was analysing
    folder.symlink_to(tmp_path / "outside", target_is_directory=True)
    problem = write_atomically(path, REQUEST.encode(), b"changed\n")
    assert problem == "a folder on its path became a link while it was being fixed: not fixed"
    assert outside.read_text(encoding="utf-8") == REQUEST


def test_named_paths_through_links_follow_the_walk_rules(cli, tmp_path) -> None:
    project = tmp_path / "proj"
    write(project, "pyproject.toml", '[tool.deepseek-migrate]\nextend-exclude = ["build/"]\n')
    venv_file = write(project, ".venv/lib/t.py", REQUEST)
    write(project, ".venv/pyvenv.cfg", "home = /usr/bin\n")
    built = write(project, "build/gen.py", REQUEST)
    (project / "top_venv.py").symlink_to(venv_file)
    (project / "top_build.py").symlink_to(built)
    outside = write(tmp_path, "outside/o.py", REQUEST)
    (project / "src").mkdir()
    (project / "src" / "ldir").symlink_to(tmp_path / "outside", target_is_directory=True)
    for named in ("top_venv.py", "top_build.py", "src/ldir/o.py"):
        report = json.loads(cli(["--fix", "--as-of", AFTER, "--format", "json", named], cwd=project).out)
        assert report["findings"] == [] and report["summary"]["fixed"] == 0, named
    assert report["summary"]["skipped"]["links_outside"] == 1  # src/ldir/o.py leaves the project
    assert venv_file.read_text() == built.read_text() == outside.read_text() == REQUEST


def test_a_signal_during_a_write_arrives_after_the_write_is_recorded(tmp_path, monkeypatch) -> None:
    """It landed between the rename and the record: a fixed file was missing from "what was written"."""
    import os
    import signal

    from migrator import engine
    from migrator.engine import FileResult

    from migrator import fixer

    real_write = fixer.write_atomically

    def write_then_signal(path, original, new):
        problem = real_write(path, original, new)
        os.kill(os.getpid(), signal.SIGINT)  # as if Ctrl-C came right after the rename
        return problem

    monkeypatch.setattr(fixer, "write_atomically", write_then_signal)
    path = write(tmp_path, "app.py", REQUEST)
    written: list[str] = []
    # Ctrl-C raises KeyboardInterrupt even when the suite was started as a background job (which ignores SIGINT).
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt):
            engine._written(path, REQUEST.encode(), FileResult(new_bytes=b"fixed\n"), tmp_path, written)
    finally:
        signal.signal(signal.SIGINT, previous)
    assert written == ["app.py"] and path.read_bytes() == b"fixed\n"
