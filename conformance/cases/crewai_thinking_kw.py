from crewai import LLM

from _common import THINKING, URL

llm = LLM(
    model="deepseek/deepseek-v4-flash",
    base_url=URL,
    api_key="sk-x",
    thinking=THINKING,
)
assert llm.call("hi")
