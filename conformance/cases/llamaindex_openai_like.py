from llama_index.llms.openai_like import OpenAILike

from _common import MODEL, THINKING, URL

llm = OpenAILike(
    model=MODEL,
    api_base=URL,
    api_key="sk-x",
    is_chat_model=True,
    additional_kwargs={"extra_body": {"thinking": THINKING}},
)
assert llm.complete("hi").text
