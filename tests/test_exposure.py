"""Severity and wording flip exactly at the deadline and at the warning window."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from migrator.errors import UsageError
from migrator.exposure import Clock, exposure_at, parse_as_of
from conftest import write

DEADLINE = dt.datetime(2026, 7, 24, 15, 59, tzinfo=dt.timezone.utc)


def at(text: str, warn_days: int = 30):
    return exposure_at(Clock(as_of=parse_as_of(text), warn_days=warn_days), DEADLINE)


@pytest.mark.parametrize(
    "as_of,retired,severity,days",
    [
        ("2026-07-24T15:58:59Z", False, "error", 0),
        ("2026-07-24T15:59:00Z", True, "error", 0),
        ("2026-07-25T16:00Z", True, "error", 1),
        ("2026-11-28", True, "error", 126),
        ("2026-06-24T15:59Z", False, "error", 30),  # exactly 30 days before: inside the window
        ("2026-06-24T15:58Z", False, "warning", 30),  # one minute earlier: outside it
        ("2026-03-01", False, "warning", 145),
    ],
)
def test_exposure_either_side_of_deadline_and_window(as_of, retired, severity, days) -> None:
    exposure = at(as_of)
    assert (exposure.retired, exposure.severity, exposure.days) == (retired, severity, days)


def test_warn_days_widens_the_window() -> None:
    assert at("2026-03-01", warn_days=200).severity == "error"
    assert at("2026-03-01", warn_days=0).severity == "warning"


@pytest.mark.parametrize("text", ["2026-13-01", "tomorrow", "", "2026-07-24T25:00"])
def test_bad_as_of_is_a_usage_error(text) -> None:
    with pytest.raises(UsageError, match="--as-of"):
        parse_as_of(text)


def test_offsets_are_converted_to_utc() -> None:
    assert parse_as_of("2026-07-24T17:59+02:00") == DEADLINE


def test_cli_severity_and_message_follow_as_of(cli, tmp_path) -> None:
    write(tmp_path, "app.py", 'MODEL = "deepseek-chat"\n')

    def first(as_of: str) -> dict:
        result = cli(["--format", "json", "--as-of", as_of, "app.py"], cwd=tmp_path)
        return json.loads(result.out)["findings"][0]

    after = first("2026-08-03T15:59Z")
    assert after["severity"] == "error"
    assert "retired on 2026-07-24 15:59 UTC, 10 days ago: requests naming it fail" in after["message"]
    soon = first("2026-07-14T15:59Z")
    assert soon["severity"] == "error"
    assert "in 10 days" in soon["message"]
    early = first("2026-05-01")
    assert early["severity"] == "warning"


def test_warning_only_run_exits_one_by_default_and_zero_with_fail_on_error(cli, tmp_path) -> None:
    write(tmp_path, "app.py", 'MODEL = "deepseek-chat"\n')
    assert cli(["--as-of", "2026-05-01", "app.py"], cwd=tmp_path).code == 1
    write(tmp_path, "pyproject.toml", '[tool.deepseek-migrate]\nfail-on = "error"\n')
    assert cli(["--as-of", "2026-05-01", "app.py"], cwd=tmp_path).code == 0
    assert cli(["--as-of", "2026-07-01", "app.py"], cwd=tmp_path).code == 1


def test_bad_as_of_on_the_command_line_exits_2(cli, tmp_path) -> None:
    write(tmp_path, "app.py", "x = 1\n")
    result = cli(["--as-of", "next friday", "app.py"], cwd=tmp_path)
    assert result.code == 2
    assert result.err.strip().count("\n") == 0
    assert "--as-of: 'next friday' is not a date" in result.err
