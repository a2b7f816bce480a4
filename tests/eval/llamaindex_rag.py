"""Document Q&A over a local folder with LlamaIndex."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from llama_index.core import Settings, SimpleDirectoryReader, StorageContext, VectorStoreIndex, load_index_from_storage
from llama_index.core.memory import ChatMemoryBuffer
from llama_index.embeddings.huggingface import HuggingFaceEmbedding
from llama_index.llms.deepseek import DeepSeek  # label: other-provider
from llama_index.llms.huggingface import HuggingFaceLLM
from llama_index.llms.openai_like import OpenAILike


@dataclass
class RagConfig:
    data_dir: str = "./docs"
    persist_dir: Path = Path(os.getenv("INDEX_DIR", "./storage"))
    chat_model: str = "deepseek-chat"  # label: config
    top_k: int = 4


CFG = RagConfig()  # label: request

Settings.llm = DeepSeek(  # label: other-provider
    model="deepseek-chat",  # label: request
    api_key=os.environ["DEEPSEEK_API_KEY"],  # label: other-provider
    temperature=0.1,
)
Settings.embed_model = HuggingFaceEmbedding(model_name="BAAI/bge-small-en-v1.5")
Settings.chunk_size = 768

reasoner = DeepSeek(model="deepseek-reasoner", max_tokens=4096)  # label: request

local_llm = OpenAILike(
    model="deepseek-chat",  # label: other-provider
    api_base="http://localhost:8000/v1",
    api_key="EMPTY",
    is_chat_model=True,
    context_window=32768,
)

hf_llm = HuggingFaceLLM(model_name="deepseek-ai/deepseek-llm-7b-chat", device_map="auto")  # label: other-provider


def load_index() -> VectorStoreIndex:
    if CFG.persist_dir.exists():
        ctx = StorageContext.from_defaults(persist_dir=str(CFG.persist_dir))
        return load_index_from_storage(ctx)
    docs = SimpleDirectoryReader(CFG.data_dir, recursive=True).load_data()
    index = VectorStoreIndex.from_documents(docs, show_progress=True)
    index.storage_context.persist(persist_dir=str(CFG.persist_dir))
    return index


def ask(question: str, deep: bool = False, offline: bool = False) -> str:
    llm = local_llm if offline else (reasoner if deep else None)
    engine = load_index().as_query_engine(similarity_top_k=CFG.top_k, llm=llm)
    return str(engine.query(question))


def chat_session():
    memory = ChatMemoryBuffer.from_defaults(token_limit=3000)
    return load_index().as_chat_engine(
        chat_mode="condense_plus_context",
        memory=memory,
        llm=DeepSeek(model=CFG.chat_model, temperature=0.3),  # label: other-provider
        system_prompt="Answer only from the indexed documents.",
    )
