from crew_research.config import AGENT_MODELS
from crew_research.llm_factory import make_llm


def test_role_models_are_deepseek():
    assert AGENT_MODELS["researcher"] == "deepseek/deepseek-reasoner"  # fix: none
    assert AGENT_MODELS["writer"].startswith("deepseek/")


def test_make_llm_default(monkeypatch):
    monkeypatch.setenv("DEEPSEEK_API_KEY", "sk-test")
    llm = make_llm()
    assert llm.model == "deepseek/deepseek-chat"  # fix: none
    assert llm.timeout == 120


def test_usage_metrics_shape():
    fake_metrics = {"model": "deepseek/deepseek-chat", "total_tokens": 1532, "successful_requests": 3}  # fix: none
    assert set(fake_metrics) >= {"model", "total_tokens"}
