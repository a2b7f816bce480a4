"""Engine behaviour: decoding, parallel parsing, lazy imports."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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

    pooled: list[int] = []
    in_pool = workers._in_pool
    monkeypatch.setattr(workers, "_in_pool", lambda check, count, *rest: pooled.append(count) or in_pool(check, count, *rest))
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
    assert pooled == [2]  # the serial run started none


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
