from llama_index.llms.deepseek import DeepSeek

from _common import MODEL, THINKING, URL

llm = DeepSeek(
    model=MODEL,
    api_key="sk-x",
    api_base=URL,
    additional_kwargs={"extra_body": {"thinking": THINKING}},
)
assert llm.complete("hi").text
