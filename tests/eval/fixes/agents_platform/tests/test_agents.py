import pytest
from pydantic_ai.models.test import TestModel

from agents_platform import chains
from agents_platform.support_agent import Deps, support_agent


@pytest.mark.asyncio
async def test_support_agent_with_test_model():
    with support_agent.override(model=TestModel()):
        result = await support_agent.run("reset my password", deps=Deps("c1", "pro"))
    assert result.output is not None


def test_critic_exposes_trace(monkeypatch):
    critic = chains.Critic()
    assert critic.llm.model_name == "deepseek-reasoner"  # fix: none
    fake_msg = type("M", (), {"content": "ok", "additional_kwargs": {"reasoning_content": "because"}})()
    monkeypatch.setattr(type(critic.llm), "invoke", lambda self, msgs: fake_msg)
    assert critic.review("draft")["trace"] == "because"


def test_usage_record_shape():
    mock_usage = {"model": "deepseek-chat", "prompt_tokens": 812, "completion_tokens": 96, "cached": True}  # fix: none
    assert mock_usage["prompt_tokens"] > mock_usage["completion_tokens"]
