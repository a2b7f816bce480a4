"""AutoGen 0.2 pair programmer kept for the old notebook workflow."""
import os

import autogen

config_list = [
    {
        "model": "deepseek-chat",  # fix: manual
        "base_url": "https://api.deepseek.com/v1",
        "api_key": os.environ.get("DEEPSEEK_API_KEY"),
        "price": [0.00027, 0.0011],
    }
]

assistant = autogen.AssistantAgent("assistant", llm_config={"config_list": config_list, "cache_seed": 42})
user_proxy = autogen.UserProxyAgent(
    "user_proxy",
    human_input_mode="NEVER",
    code_execution_config={"work_dir": "coding", "use_docker": False},
    max_consecutive_auto_reply=6,
)

if __name__ == "__main__":
    user_proxy.initiate_chat(assistant, message="Plot NVDA vs TSLA YTD and save to ytd.png")
