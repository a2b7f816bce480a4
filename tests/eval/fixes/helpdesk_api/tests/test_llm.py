import json

import httpx
import pytest
import respx

from app import http_gateway, llm

RECORDED_COMPLETION = {
    "id": "chatcmpl-7f2c9a",
    "object": "chat.completion",
    "created": 1745481600,
    "model": "deepseek-chat",  # fix: none
    "choices": [{"index": 0, "message": {"role": "assistant", "content": "neutral"}, "finish_reason": "stop"}],
    "usage": {"prompt_tokens": 21, "completion_tokens": 1, "total_tokens": 22},
}


@respx.mock
def test_classify_sentiment_posts_expected_body():
    route = respx.post("https://api.deepseek.com/chat/completions").mock(
        return_value=httpx.Response(200, json=RECORDED_COMPLETION)
    )
    assert http_gateway.classify_sentiment("meh") == "neutral"
    expected_body = {
        "model": "deepseek-chat",  # fix: none
        "messages": [
            {"role": "system", "content": "Reply with positive, neutral or negative."},
            {"role": "user", "content": "meh"},
        ],
        "temperature": 0,
    }
    assert json.loads(route.calls.last.request.content) == expected_body


def test_root_cause_sends_reasoner(monkeypatch):
    sent = {}

    class FakeResponse:
        def raise_for_status(self):
            pass

        def json(self):
            return {"model": "deepseek-reasoner", "choices": [{"message": {"content": "disk full"}}]}  # fix: none

    def fake_post(url, data=None, headers=None, timeout=None):
        sent["url"] = url
        sent["body"] = json.loads(data)
        return FakeResponse()

    monkeypatch.setattr(http_gateway.requests, "post", fake_post)
    assert http_gateway.root_cause("500s after deploy") == "disk full"
    assert sent["body"]["model"] == "deepseek-reasoner"  # fix: none


def test_summarize_thread(mocker):
    mock_create = mocker.patch.object(llm.client.chat.completions, "create")
    mock_create.return_value.choices = [mocker.Mock(message=mocker.Mock(content="- a\n- b"))]
    llm.summarize_thread([{"role": "user", "content": "hi"}])
    _, kwargs = mock_create.call_args
    assert kwargs["model"] == "deepseek-chat"  # fix: none


@pytest.mark.parametrize("model", ["deepseek-chat", "deepseek-reasoner"])  # fix: none
def test_pricing_has_legacy_models(model):
    from app.pricing import PRICES

    assert PRICES[model].output > 0
