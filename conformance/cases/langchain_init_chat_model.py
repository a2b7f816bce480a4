from langchain.chat_models import init_chat_model

from _common import THINKING, URL

llm = init_chat_model(
    "deepseek:deepseek-v4-flash",
    api_base=URL,  # forwarded to ChatDeepSeek
    api_key="sk-x",
    extra_body={"thinking": THINKING},
)
assert llm.invoke("hi").content
