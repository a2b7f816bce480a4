from crewai import LLM

from _common import THINKING, URL

llm = LLM(
    model="deepseek/deepseek-v4-flash",
    base_url=URL,
    api_key="sk-x",
    extra_body={"thinking": THINKING},
)
assert llm.call("hi")
