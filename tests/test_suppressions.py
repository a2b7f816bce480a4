"""`# noqa` and `# deepseek-migrate: ignore[...]` on the finding's line."""

from __future__ import annotations

import json
import textwrap

from migrator.directives import scan_directives
from conftest import AFTER, write

SOURCE = textwrap.dedent(
    '''
    A = "deepseek-chat"  # noqa: DSM001
    B = "deepseek-chat"  # noqa
    C = "deepseek-chat"  # deepseek-migrate: ignore[DSM001]
    D = "deepseek-chat"  # deepseek-migrate: ignore
    E = "deepseek-chat"  # noqa: E501
    F = "deepseek-chat"  # deepseek-migrate: ignore[DSM003]
    G = "# noqa"; H = "deepseek-chat"
    I = "deepseek-chat"  # NOQA:DSM001,E501
    J = "deepseek-chat"  # deepseek-migrate: ignore[DSM002, DSM001]
    '''
).lstrip()


def test_suppressed_lines_only(cli, tmp_path) -> None:
    write(tmp_path, "app.py", SOURCE)
    result = cli(["--format", "json", "--as-of", AFTER, "app.py"], cwd=tmp_path)
    assert [f["line"] for f in json.loads(result.out)["findings"]] == [5, 6, 7]


def test_directive_parsing() -> None:
    found = scan_directives(
        'x = 1  # noqa: DSM001, DSM003\ny = 2  # deepseek-migrate: tier=pro; ignore[DSM101]\nz = 3  # deepseek-migrate: frobnicate\n'
    )
    assert found[1].suppressed == {"DSM001", "DSM003"}
    assert (found[2].tier, found[2].suppressed) == ("pro", {"DSM101"})
    assert "unknown deepseek-migrate directive 'frobnicate'" in found[3].problems[0]


def test_unknown_directive_is_reported(cli, tmp_path) -> None:
    write(tmp_path, "app.py", 'x = "deepseek-chat"  # deepseek-migrate: tier pro\n')
    document = json.loads(cli(["--format", "json", "app.py"], cwd=tmp_path).out)
    assert document["errors"][0]["message"].startswith("line 1: unknown deepseek-migrate directive 'tier pro'")
