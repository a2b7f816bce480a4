from agno.agent import Agent
from agno.models.deepseek import DeepSeek

from _common import MODE, MODEL, URL

model = DeepSeek(id=MODEL, base_url=URL, api_key="sk-x", use_thinking=(MODE == "enabled"))
agent = Agent(model=model, telemetry=False)
out = agent.run("hi")
assert out.content
