import pytest


class FakeCompletions:
    def __init__(self):
        self.calls = []

    def create(self, **kwargs):
        self.calls.append(kwargs)
        return {
            "id": "fake-1",
            "model": "deepseek-chat",  # fix: none
            "choices": [{"message": {"role": "assistant", "content": "PASS"}}],
            "usage": {"prompt_tokens": 10, "completion_tokens": 1},
        }


class FakeClient:
    def __init__(self):
        self.chat = type("Chat", (), {"completions": FakeCompletions()})()


@pytest.fixture
def fake_client():
    return FakeClient()


@pytest.fixture
def fake_reasoner_response():
    return {"model": "deepseek-reasoner", "choices": [{"message": {"content": "42", "reasoning_content": "..."}}]}  # fix: none
