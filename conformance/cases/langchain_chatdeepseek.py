from langchain_deepseek import ChatDeepSeek

from _common import MODEL, THINKING, URL

llm = ChatDeepSeek(
    model=MODEL,
    api_base=URL,  # ChatDeepSeek's base-URL field (env DEEPSEEK_API_BASE)
    api_key="sk-x",
    extra_body={"thinking": THINKING},
)
assert llm.invoke("hi").content
