# pydantic-ai's own unified setting (newer releases): model_settings={"thinking": bool}.
# Tested to see what it puts on the wire for DeepSeek, not as the migration form.
from openai import AsyncOpenAI
from pydantic_ai import Agent
from pydantic_ai.models.openai import OpenAIChatModel
from pydantic_ai.providers.deepseek import DeepSeekProvider

from _common import MODE, MODEL, URL

client = AsyncOpenAI(base_url=URL, api_key="sk-x")
model = OpenAIChatModel(MODEL, provider=DeepSeekProvider(openai_client=client))
agent = Agent(model, model_settings={"thinking": MODE == "enabled"})
result = agent.run_sync("hi")
assert result.output
