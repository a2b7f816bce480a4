from langchain_deepseek import ChatDeepSeek
from langchain_openai import ChatOpenAI
from langchain.chat_models import init_chat_model
import dspy

llm = ChatDeepSeek(model="deepseek-chat", temperature=0)
gateway = ChatOpenAI(model="deepseek-chat", base_url="https://openrouter.ai/api/v1")
local = ChatOpenAI(model="deepseek-reasoner", base_url="http://localhost:8000/v1")
agent_model = init_chat_model("deepseek:deepseek-chat")
lm = dspy.LM("deepseek/deepseek-reasoner", max_tokens=2000)
other = ChatOpenAI(model="gpt-4o")
