"""LlamaIndex RAG over the product docs."""
from __future__ import annotations

import os

from llama_index.core import Settings, SimpleDirectoryReader, VectorStoreIndex
from llama_index.llms.deepseek import DeepSeek
from llama_index.llms.openai_like import OpenAILike

Settings.llm = DeepSeek(model="deepseek-reasoner", api_key=os.environ["DEEPSEEK_API_KEY"])  # fix: manual

condense_llm = OpenAILike(
    model="deepseek-chat",  # fix: manual
    api_base="https://api.deepseek.com/v1",
    api_key=os.environ["DEEPSEEK_API_KEY"],
    is_chat_model=True,
    context_window=64000,
)


def build_query_engine(docs_dir: str = "docs/"):
    documents = SimpleDirectoryReader(docs_dir, recursive=True).load_data()
    index = VectorStoreIndex.from_documents(documents)
    return index.as_chat_engine(chat_mode="condense_plus_context", llm=Settings.llm, condense_llm=condense_llm)
