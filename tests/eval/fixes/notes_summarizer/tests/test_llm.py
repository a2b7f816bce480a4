import litellm
import pytest

from notes import llm


def test_summarize_uses_mock_response(monkeypatch):
    real = litellm.completion

    def fake_completion(**kwargs):
        kwargs.pop("mock_response", None)
        return real(**kwargs, mock_response="Short summary.")

    monkeypatch.setattr(litellm, "completion", fake_completion)
    assert llm.summarize("Alice: hi\nBob: hi") == "Short summary."


def test_litellm_offline_mock():
    resp = litellm.completion(
        model="deepseek/deepseek-chat",  # fix: none
        messages=[{"role": "user", "content": "ping"}],
        mock_response="pong",
    )
    assert resp.choices[0].message.content == "pong"
    assert resp.model == "deepseek-chat"  # fix: none


@pytest.mark.asyncio
async def test_stream_action_items(monkeypatch):
    async def fake_acompletion(**kwargs):
        assert kwargs["model"] == "deepseek/deepseek-reasoner"  # fix: none

        async def gen():
            yield type("C", (), {"choices": [type("D", (), {"delta": type("M", (), {"content": "- Bob: ship"})()})()]})()

        return gen()

    monkeypatch.setattr(litellm, "acompletion", fake_acompletion)
    out = [t async for t in llm.stream_action_items("...")]
    assert out == ["- Bob: ship"]
