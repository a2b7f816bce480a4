"""CAMEL role-playing society for a trading-bot design session."""
from __future__ import annotations

from camel.agents import ChatAgent
from camel.configs import DeepSeekConfig  # label: other-provider
from camel.models import ModelFactory
from camel.societies import RolePlaying
from camel.toolkits import MathToolkit
from camel.types import ModelPlatformType, ModelType, TaskType

assistant_model = ModelFactory.create(
    model_platform=ModelPlatformType.DEEPSEEK,  # label: other-provider
    model_type=ModelType.DEEPSEEK_CHAT,  # label: request
    model_config_dict=DeepSeekConfig(temperature=0.2).as_dict(),  # label: other-provider
)

user_model = ModelFactory.create(
    model_platform=ModelPlatformType.DEEPSEEK,  # label: other-provider
    model_type=ModelType.DEEPSEEK_REASONER,  # label: request
)

string_model = ModelFactory.create(
    model_platform="deepseek",  # label: other-provider
    model_type="deepseek-chat",  # label: request
    url="https://api.deepseek.com",  # label: other-provider
)

mirror_model = ModelFactory.create(
    model_platform=ModelPlatformType.OPENROUTER,
    model_type="deepseek/deepseek-chat",  # label: other-provider
)


def make_model(model_type: ModelType = ModelType.DEEPSEEK_REASONER, temperature: float = 0.0):  # label: config
    return ModelFactory.create(
        model_platform=ModelPlatformType.DEEPSEEK,  # label: other-provider
        model_type=model_type,
        model_config_dict={"temperature": temperature},
    )


def supports_tools(model_type: ModelType) -> bool:
    return model_type != ModelType.DEEPSEEK_REASONER  # label: reference


def build_society(task: str) -> RolePlaying:
    return RolePlaying(
        assistant_role_name="Python Programmer",
        user_role_name="Stock Trader",
        assistant_agent_kwargs=dict(model=assistant_model),
        user_agent_kwargs=dict(model=user_model),
        task_prompt=task,
        with_task_specify=True,
        task_specify_agent_kwargs=dict(model=string_model),
        task_type=TaskType.AI_SOCIETY,
    )


def math_agent(fallback: bool = False) -> ChatAgent:
    # Tools stay off for deepseek-reasoner because it rejects tool schemas.  # label: prose
    backend = mirror_model if fallback else make_model(temperature=0.1)
    return ChatAgent(
        system_message="You are a careful calculator.",
        model=backend,
        tools=MathToolkit().get_tools() if supports_tools(backend.model_type) else None,
    )


def run(task: str, turns: int = 6) -> None:
    society = build_society(task)
    msg = society.init_chat()
    for _ in range(turns):
        assistant_resp, user_resp = society.step(msg)
        if assistant_resp.terminated or user_resp.terminated:
            break
        print(f"[user] {user_resp.msg.content}\n[assistant] {assistant_resp.msg.content}")
        msg = assistant_resp.msg


if __name__ == "__main__":
    run("Develop a trading bot for the stock market")
