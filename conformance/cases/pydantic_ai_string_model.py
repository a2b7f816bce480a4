# Agent("deepseek:...") builds its own DeepSeekProvider, whose base URL is a
# fixed property (pydantic-ai 2.66 reads no env var for it). To route the
# string form to the recorder, this case changes only that constant; the model
# class, profile and settings handling are the ones the string form picks.
from pydantic_ai import Agent
from pydantic_ai.providers.deepseek import DeepSeekProvider

from _common import THINKING, URL, note

DeepSeekProvider.base_url = property(lambda self: URL)

agent = Agent(
    "deepseek:deepseek-v4-flash",
    model_settings={"extra_body": {"thinking": THINKING}},
)
note(f"string form resolved to {type(agent.model).__name__} + {type(agent.model._provider).__name__}")
result = agent.run_sync("hi")
assert result.output
