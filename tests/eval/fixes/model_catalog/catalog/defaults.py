"""Defaults shared by the CLI and the web app (both import DEFAULT_MODEL)."""
import os

DEFAULT_MODEL = os.getenv("CATALOG_MODEL", "deepseek-chat")  # fix: manual
REASONING_MODEL = "deepseek-reasoner"  # fix: manual
REQUEST_TIMEOUT_S = 120
