from langchain_openai import ChatOpenAI

from _common import MODEL, THINKING, URL

llm = ChatOpenAI(
    model=MODEL,
    base_url=URL,
    api_key="sk-x",
    extra_body={"thinking": THINKING},
)
assert llm.invoke("hi").content
