"""Checking one file, per kind: Python (``python_file``), config files (``config_file``), notebooks (``notebook_file``).

``job`` holds what every kind shares: the job, the file's surroundings and the result.
"""
