"""deepseek-migrator: find and fix code that still names retired DeepSeek model IDs."""

__version__ = "0.1.0"
TOOL_NAME = "deepseek-migrator"  # in reports, and what `migrate merge` expects to find there
