from agno.agent import Agent
from agno.models.deepseek import DeepSeek

from _common import MODEL, THINKING, URL

model = DeepSeek(id=MODEL, base_url=URL, api_key="sk-x", extra_body={"thinking": THINKING})
agent = Agent(model=model, telemetry=False)
out = agent.run("hi")
assert out.content
