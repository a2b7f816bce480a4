"""``migrate merge``: click wiring for combining reports (the work is in ``merge.py``)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from migrator.cli import EXIT_CLEAN
from migrator.errors import UsageError
from migrator.output import same_file, write_output


@click.command(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    help="Combine JSON reports of many repositories (one file per repository, named after it) into one view.",
)
@click.argument("reports", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(("text", "markdown", "json")), default="text",
              show_default=True, help="Report format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write the report to FILE.")
def merge_command(reports: tuple[Path, ...], output_format: str, output: Path | None) -> int:
    from migrator.merge import load_reports, render_text, to_document

    if output is not None and same_file(output, list(reports)):
        raise UsageError(f"--output: {output}: refusing to write the merged view over one of its reports")
    merged = load_reports(reports)
    if output_format == "json":
        text = json.dumps(to_document(merged), indent=2) + "\n"
    else:
        text = render_text(merged, markdown=output_format == "markdown")
    if output is None:
        sys.stdout.write(text)
    else:
        write_output(output, lambda stream: stream.write(text))
    return EXIT_CLEAN
