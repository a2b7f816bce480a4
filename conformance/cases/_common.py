"""Shared by the case scripts: where the recorder is and which mode to send.

Every case is run as:  python cases/<case>.py URL MODE
(or with CONFORMANCE_URL / CONFORMANCE_MODE in the environment).
A case makes the call the way migrated user code would, consumes the answer,
and exits 0; run.py then checks the request body the recorder saw.
Lines printed as "NOTE: ..." are copied into results.json.
"""
import os
import sys

URL = sys.argv[1] if len(sys.argv) > 1 else os.environ["CONFORMANCE_URL"]
MODE = sys.argv[2] if len(sys.argv) > 2 else os.environ["CONFORMANCE_MODE"]
assert MODE in ("enabled", "disabled"), MODE
MODEL = "deepseek-v4-flash"
THINKING = {"type": MODE}
MESSAGES = [{"role": "user", "content": "hi"}]


def note(text):
    print("NOTE:", text, flush=True)
