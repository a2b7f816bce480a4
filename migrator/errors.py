"""Errors that end a run with exit code 2 and a one-line reason."""

from __future__ import annotations


class UsageError(Exception):
    """Bad command line, config or rule pack: the message is the whole report."""
