from openai import AsyncOpenAI
from pydantic_ai import Agent
from pydantic_ai.providers.deepseek import DeepSeekProvider

try:  # renamed: OpenAIModel -> OpenAIChatModel
    from pydantic_ai.models.openai import OpenAIChatModel as ChatModel
except ImportError:
    from pydantic_ai.models.openai import OpenAIModel as ChatModel

from _common import MODEL, THINKING, URL, note

note(f"model class: {ChatModel.__name__}")
client = AsyncOpenAI(base_url=URL, api_key="sk-x")
model = ChatModel(MODEL, provider=DeepSeekProvider(openai_client=client))
agent = Agent(model, model_settings={"extra_body": {"thinking": THINKING}})
result = agent.run_sync("hi")
assert result.output
