"""Unit tests of an LLM wrapper and its settings: they build objects and inspect them; one smoke test calls the API."""
import os

import pytest
from crewai import LLM

from myapp.settings import ModelSettings, request_body


def test_llm_keeps_the_model_name():
    llm = LLM(model="deepseek/deepseek-chat")  # label: prose
    assert llm.model == "deepseek/deepseek-chat"  # label: reference
    assert llm._get_custom_llm_provider() == "deepseek"  # label: other-provider


def test_reasoner_gets_a_larger_output_budget():
    settings = ModelSettings(name="deepseek-reasoner")  # label: reference
    assert settings.max_tokens == 32000


def test_reasoner_refuses_temperature():
    with pytest.raises(ValueError, match="temperature"):
        ModelSettings(name="deepseek-reasoner", temperature=0.2)  # label: reference


def test_request_body_maps_fields():
    body = request_body(ModelSettings(name="deepseek-chat", max_tokens=512))  # label: prose
    assert body["max_tokens"] == 512
    assert body["model"] == "deepseek-chat"  # label: reference


def test_answer_agrees_with_reference():
    llm = LLM(model="deepseek/deepseek-chat", api_key=os.environ["DEEPSEEK_API_KEY"])  # label: request
    assert "Paris" in llm.call("Capital of France?")


def test_settings_roundtrip():
    settings = ModelSettings.from_dict({"name": "deepseek-chat", "max_tokens": 100})  # label: prose
    assert settings.to_dict()["name"] == "deepseek-chat"  # label: reference
