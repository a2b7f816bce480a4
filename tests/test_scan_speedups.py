"""The fast paths large trees take agree exactly with the plain ones they replace."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from migrator.discover import PROJECT_MARKERS, ProjectRoots
from migrator.project_analysis.index import _IMPORTS, import_statements

LINES = [
    "import os", "    import json as j", "from app.config import MODEL", "from . import (\n  a,\n  b)",
    "from x import \\\n  y", "x = 'import this'", "# import nothing", "def f():", "    from .m import (c)",
    "important = 1", "imports = []", "from a import b; import c", "\timport\tz", "from app import (", "",
    "import", "reimport x", "  from   pkg.sub   import   *",
]


@settings(max_examples=500, derandomize=True, deadline=None)
@given(lines=st.lists(st.sampled_from(LINES), max_size=12), ending=st.sampled_from(["\n", "\r\n"]))
def test_import_statements_are_what_the_expression_finds_everywhere(lines: list[str], ending: str) -> None:
    data = ending.join(lines).encode()
    assert import_statements(data) == b"\n".join(_IMPORTS.findall(data))


def test_project_roots_answer_as_the_one_file_question_does(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "a" / "b" / "c").mkdir(parents=True)
    (tmp_path / "a" / "pyproject.toml").write_text("")
    (tmp_path / "x" / "y").mkdir(parents=True)
    files = [tmp_path / "a" / "b" / "c" / "m.py", tmp_path / "a" / "b" / "n.py", tmp_path / "a" / "o.py", tmp_path / "x" / "y" / "p.py"]

    def nearest(path: Path) -> Path | None:
        return next((folder for folder in path.parents if any((folder / m).exists() for m in PROJECT_MARKERS)), None)

    roots = ProjectRoots()
    for path in files + files[::-1]:
        assert roots.of(path) == nearest(path)
    assert roots.of(files[0]) == tmp_path / "a"
    monkeypatch.chdir(tmp_path / "a")
    for relative in (Path("b/c/m.py"), Path("o.py")):
        assert ProjectRoots().of(relative) == nearest(relative) == Path(".")
