"""Terminal comfort: a progress bar only on a terminal, --quiet, NO_COLOR and FORCE_COLOR."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

from conftest import AFTER, write


def migrate(root, *args: str, env: dict[str, str] | None = None, stderr_tty: bool = False) -> tuple[str, str]:
    command = [sys.executable, "-m", "migrator", "--as-of", AFTER, *args]
    environment = {key: value for key, value in os.environ.items() if key not in ("CI", "NO_COLOR", "FORCE_COLOR")}
    environment.update(env or {})
    if not stderr_tty:
        done = subprocess.run(command, cwd=root, env=environment, capture_output=True, text=True)
        return done.stdout, done.stderr
    leader, follower = pty.openpty()
    process = subprocess.Popen(command, cwd=root, env=environment, stdout=subprocess.PIPE, stderr=follower)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closes when the process ends
            break
        if not chunk:
            break
        chunks.append(chunk)
    stdout = process.stdout.read().decode() if process.stdout else ""
    process.wait()
    os.close(leader)
    return stdout, b"".join(chunks).decode("utf-8", "replace")


def test_progress_bar_only_on_a_terminal_and_never_in_ci(tmp_path) -> None:
    for index in range(220):
        write(tmp_path, f"pkg/m{index}.py", f'MODEL_{index} = "deepseek-chat"\n')
    _, terminal = migrate(tmp_path, "--format", "concise", "-j", "1", ".", stderr_tty=True)
    assert "analysing" in terminal
    _, piped = migrate(tmp_path, "--format", "concise", "-j", "1", ".")
    assert piped == ""
    _, in_ci = migrate(tmp_path, "--format", "concise", "-j", "1", ".", env={"CI": "true"}, stderr_tty=True)
    assert "analysing" not in in_ci
    _, quiet = migrate(tmp_path, "--format", "concise", "-q", "-j", "1", ".", stderr_tty=True)
    assert "analysing" not in quiet


def test_small_scans_draw_no_bar(tmp_path) -> None:
    write(tmp_path, "app.py", 'MODEL = "deepseek-chat"\n')
    _, terminal = migrate(tmp_path, ".", stderr_tty=True)
    assert "analysing" not in terminal


def test_quiet_prints_findings_only(tmp_path) -> None:
    write(tmp_path, "clean.py", "x = 1\n")
    assert migrate(tmp_path, "-q", "clean.py")[0] == ""
    write(tmp_path, "app.py", 'MODEL = "deepseek-chat"\n')
    out, _ = migrate(tmp_path, "-q", "app.py")
    assert "app.py:1:9: DSM001" in out and "Found" not in out and "Deadline exposure" not in out


def test_no_color_and_force_color(tmp_path) -> None:
    write(tmp_path, "app.py", 'MODEL = "deepseek-chat"\n')
    plain, _ = migrate(tmp_path, "app.py")
    assert "\x1b[" not in plain
    colored, _ = migrate(tmp_path, "app.py", env={"FORCE_COLOR": "1"})
    assert "\x1b[" in colored
    both, _ = migrate(tmp_path, "app.py", env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b[" not in both
