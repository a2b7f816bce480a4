"""Per-role model choice. Read by crew.py and by the Streamlit front end."""
import os

AGENT_MODELS = {
    "researcher": "deepseek/deepseek-reasoner",  # fix: manual
    "analyst": os.getenv("ANALYST_MODEL", "deepseek/deepseek-chat"),  # fix: manual
    "writer": "deepseek/deepseek-chat",  # fix: manual
}

MAX_RPM = int(os.getenv("CREW_MAX_RPM", "30"))
