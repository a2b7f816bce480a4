"""``--format junit``: JUnit XML, a test case per file scanned and a failure per finding."""

from __future__ import annotations

from collections import defaultdict
from typing import TextIO
from xml.etree import ElementTree

from migrator.report import Report


def render(report: Report, stream: TextIO, color: bool = False) -> None:
    by_file = defaultdict(list)
    for finding in report.findings:
        by_file[finding.path].append(finding)
    errors = defaultdict(list)
    for error in report.errors:
        errors[error.path].append(error)
    paths = sorted({*report.scanned_paths, *by_file, *errors})
    failures = sum(1 for path in paths if by_file[path])
    suites = ElementTree.Element("testsuites", name="deepseek-migrate", tests=str(len(paths)), failures=str(failures))
    suite = ElementTree.SubElement(
        suites, "testsuite", name="deepseek-migrate", tests=str(len(paths)), failures=str(failures),
        errors=str(sum(1 for path in paths if errors[path] and not by_file[path])),
    )
    for path in paths:
        case = ElementTree.SubElement(suite, "testcase", classname="deepseek-migrate", name=_xml(path), file=_xml(path))
        for finding in by_file[path]:
            cell = f"cell {finding.cell}:" if finding.cell is not None else ""
            message = _xml(f"{finding.code} {finding.message}")
            failure = ElementTree.SubElement(case, "failure", type=finding.code, message=message)
            failure.text = _xml(f"{path}:{cell}{finding.span.line}:{finding.span.column}: {finding.code} {finding.message}")
        for error in errors[path]:
            ElementTree.SubElement(case, "error", message=_xml(error.message)).text = _xml(error.message)
    ElementTree.indent(suites)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ElementTree.tostring(suites, encoding="unicode"))
    stream.write("\n")


def _xml(text: str) -> str:
    """Characters XML 1.0 cannot hold, written as ``\\xNN``."""
    return "".join(
        char if char in "\t\n\r" or ("\x20" <= char <= "\ud7ff") or ("\ue000" <= char <= "\ufffd") or char > "\uffff"
        else f"\\x{ord(char):02x}"
        for char in text
    )
