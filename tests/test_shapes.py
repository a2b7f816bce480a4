"""Every shape fixture finds exactly its marked lines, at the marked column."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import AFTER, SHAPES

MARKER = re.compile(r"#\s*expect:\s*(?P<marks>(?:DSM\d+@\d+\s*)+)")


def expected_findings(path: Path) -> set[tuple[str, int, str, int]]:
    found = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = MARKER.search(line)
        if match:
            for mark in match.group("marks").split():
                code, column = mark.split("@")
                found.add((path.name, number, code, int(column)))
    return found


SHAPE_FILES = sorted(SHAPES.glob("*.py"))


@pytest.mark.parametrize("path", SHAPE_FILES, ids=[p.name for p in SHAPE_FILES])
def test_shape_file_findings_match_markers(cli, path: Path) -> None:
    # reasoning_*.py files hold the DSM1xx shapes; the others the model-ID rules.
    selection = "DSM1" if path.name.startswith("reasoning_") else "DSM0"
    result = cli(["--format", "json", "--as-of", AFTER, "--select", selection, str(path)], cwd=SHAPES)
    document = json.loads(result.out)
    actual = {(Path(f["path"]).name, f["line"], f["code"], f["column"]) for f in document["findings"]}
    assert actual == expected_findings(path)
    assert document["errors"] == []


def test_markers_exist_in_every_request_file() -> None:
    # Guards the test above against a fixture that silently lost its markers.
    counts = {path.name: len(expected_findings(path)) for path in SHAPE_FILES}
    assert counts.pop("negatives.py") == 0
    assert all(count >= 2 for count in counts.values()), counts


def test_end_column_spans_the_literal(cli) -> None:
    result = cli(["--format", "json", "--as-of", AFTER, "anthropic_sdk.py"], cwd=SHAPES)
    first = json.loads(result.out)["findings"][0]
    assert (first["line"], first["column"], first["end_line"], first["end_column"]) == (10, 15, 10, 30)
    assert len('"deepseek-chat"') == first["end_column"] - first["column"]
