"""Allow ``python -m migrator``."""

from migrator.cli import script

if __name__ == "__main__":
    script()
