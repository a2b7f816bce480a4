import json

import pytest

from harness import runner
from harness.models import ModelName
from tests.fixtures.log_records import LOG_RECORDS


def test_grade_sends_expected_request(fake_client, monkeypatch):
    monkeypatch.setattr(runner, "client", fake_client)
    fake_client.chat.completions.create = lambda **kw: type(
        "R", (), {"choices": [type("C", (), {"message": type("M", (), {"content": "PASS"})()})()]}
    )()
    assert runner.grade({"answer": "4"}, "4") is True


def test_request_snapshot(snapshot):
    expected_request = {
        "model": "deepseek-chat",  # fix: none
        "messages": [{"role": "system", "content": "Reply PASS or FAIL only."}],
        "temperature": 0,
        "max_tokens": 2,
    }
    assert json.dumps(expected_request, sort_keys=True) == snapshot


def test_run_item_row_shape(fake_client, monkeypatch):
    monkeypatch.setattr(runner, "client", fake_client)
    captured = fake_client.chat.completions.calls
    fake_client.chat.completions.create = lambda **kw: captured.append(kw) or type(
        "R", (), {"choices": [type("C", (), {"message": type("M", (), {"content": "x"})()})()], "usage": None}
    )()
    row = runner.run_item(ModelName.CHAT, {"id": "q1", "prompt": "2+2"})
    assert captured[-1] == {"model": "deepseek-chat", "messages": [{"role": "user", "content": "2+2"}]}  # fix: none
    assert row["model"] == "deepseek-chat"  # fix: none


@pytest.mark.parametrize("record", LOG_RECORDS)
def test_log_records_parse(record):
    assert record["model"] in {"deepseek-chat", "deepseek-reasoner"}  # fix: none


def test_reasoner_fixture(fake_reasoner_response):
    mock_response = dict(fake_reasoner_response)
    assert mock_response["model"] == "deepseek-reasoner"  # fix: none
