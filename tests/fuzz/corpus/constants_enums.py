import enum
import os
from dataclasses import dataclass

from openai import OpenAI

DEFAULT_MODEL = os.getenv("LLM_MODEL", "deepseek-chat")
REASONER = "deepseek-reasoner"
client = OpenAI(base_url="https://api.deepseek.com")


class Model(str, enum.Enum):
    FAST = "deepseek-chat"
    SMART = "deepseek-reasoner"
    NEW = "deepseek-v4-flash"


@dataclass
class Config:
    model: str = "deepseek-chat"
    temperature: float = 0.2


def ask(messages, model=DEFAULT_MODEL, cfg: Config = Config()):
    return client.chat.completions.create(model=model, messages=messages, temperature=cfg.temperature)


def ask_enum(messages, which=Model.SMART):
    return client.chat.completions.create(model=which.value, messages=messages)
