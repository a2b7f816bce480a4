"""Config files beside the code (.env, YAML, TOML, JSON, INI): where a retired ID is a value.

``analyze.py`` is the entry point; each format has a reader (``*_tree.py``)
that keeps every value's place, and ``judge.py`` decides what a value does
from keys alone, the same way for every format. This package file imports
nothing, so that the catalog can read ``vocabulary.py`` without a cycle.
"""
