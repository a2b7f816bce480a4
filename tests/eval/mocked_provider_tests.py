"""Provider tests: fixtures and helpers for mocked tests, and one live smoke test."""
import os

import httpx
import pytest
import respx
from unittest.mock import patch

from myapp.providers import ChatRequest, DeepSeekClient, DeepSeekProvider  # label: other-provider


def make_request(prompt: str = "Hello") -> ChatRequest:
    return ChatRequest(model_name="deepseek-chat", messages=[{"role": "user", "content": prompt}])  # label: prose


class TestDeepSeekProvider:  # label: other-provider
    @pytest.fixture
    def fake_settings(self):
        return {
            "provider": "deepseek",  # label: other-provider
            "model": "deepseek-chat",  # label: prose
            "api_key": "test-key",
        }

    @patch("myapp.providers.OpenAI")
    def test_body_is_forwarded(self, mock_openai, fake_settings):
        provider = DeepSeekProvider(fake_settings)  # label: other-provider
        provider.chat(ChatRequest.model_validate({"model": "deepseek-reasoner", "messages": []}))  # label: prose
        sent = mock_openai.return_value.chat.completions.create.call_args.kwargs
        assert sent["model"] == "deepseek-reasoner"  # label: reference


@respx.mock
async def test_generate_parses_the_reply() -> None:
    respx.post("https://api.deepseek.com/chat/completions").respond(200, json={"choices": []})  # label: other-provider
    async with httpx.AsyncClient() as http:
        reply = await DeepSeekClient(http).generate(make_request())  # label: other-provider
    assert reply.choices == []


@pytest.mark.skipif(not os.getenv("DEEPSEEK_API_KEY"), reason="needs a key")  # label: other-provider
def test_live_smoke() -> None:
    provider = DeepSeekProvider({"model": "deepseek-reasoner", "api_key": os.environ["DEEPSEEK_API_KEY"]})  # label: config
    assert provider.chat(ChatRequest(model_name="deepseek-chat", messages=[])).text  # label: request
