"""CLI entry point and user-facing text for the support bot."""
from __future__ import annotations

import argparse
import logging
import sys
import warnings

log = logging.getLogger("supportbot")

# Migration note: deepseek-chat and deepseek-reasoner were retired on 2026-07-24.  # label: prose
# Requests that still name deepseek-chat now fail with a model-not-found error.  # label: prose
# TODO(ops): delete the deepseek-reasoner latency panel from the dashboard.  # label: prose

README_MODELS_SECTION = (
    "## Models\n\n"
    "Until July 2026 the bot called deepseek-chat for ordinary turns\n"  # label: prose
    "and deepseek-reasoner for multi-step planning.\n"  # label: prose
    "Both IDs are now retired; see MIGRATION.md.\n"
)

LEGACY_TO_SUCCESSOR = {
    "deepseek-chat": "deepseek-v4-flash",  # label: reference
    "deepseek-reasoner": "deepseek-v4-pro",  # label: reference
}


class RetiredModelError(ValueError):
    """Raised when a caller still asks for deepseek-chat or deepseek-reasoner."""  # label: prose


def successor(model: str) -> str:
    """Map a retired ID such as deepseek-reasoner to its successor."""  # label: prose
    if model in LEGACY_TO_SUCCESSOR:
        warnings.warn(
            f"{model} is retired; use {LEGACY_TO_SUCCESSOR[model]} instead",
            DeprecationWarning,
            stacklevel=2,
        )
        return LEGACY_TO_SUCCESSOR[model]
    return model


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="supportbot",
        description="Support bot CLI (migrated off deepseek-chat).",  # label: prose
    )
    parser.add_argument(
        "--model",
        default="deepseek-v4-flash",  # label: other-provider
        help="model ID to use; deepseek-chat is no longer accepted",  # label: prose
    )
    parser.add_argument("--think", action="store_true", help="use the reasoning tier (formerly deepseek-reasoner)")  # label: prose
    parser.add_argument("--verbose", "-v", action="count", default=0)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO)
    if args.model == "deepseek-reasoner":  # label: reference
        log.error("deepseek-reasoner was retired on 2026-07-24")  # label: prose
        raise RetiredModelError("Model 'deepseek-reasoner' is retired; pass --think instead")  # label: prose
    if args.model.endswith("deepseek-chat"):  # label: reference
        print("Hint: replace deepseek-chat with deepseek-v4-flash in your .env", file=sys.stderr)  # label: prose
        return 2
    log.info("starting with model=%s (previous default: deepseek-chat)", successor(args.model))  # label: prose
    log.debug(f"think={args.think}; legacy deepseek-reasoner routing disabled")  # label: prose
    return 0


if __name__ == "__main__":
    sys.exit(main())
