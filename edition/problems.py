"""Problems found in the input, kept as values with a location.

Every stage returns problems instead of raising, so one bad file never hides
another; the command line turns them into `path:line: message` at the edge.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

ERROR = "error"
WARNING = "warning"
# What a terminal would act on rather than show: control characters (an escape sequence can
# rewrite the screen or the window title) and the marks that reverse the order of text.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Problem:
    path: str            # project-relative path, POSIX style
    line: int | None     # 1-based line in that file, or None when it has no line
    message: str         # what is wrong, then how to fix it
    severity: str = ERROR

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return printable(f"{where}: {self.severity}: {self.message}")


def printable(text: str) -> str:
    """The text with anything a terminal would act on written out as an escape (\\x1b, \\u202e)."""
    return _UNPRINTABLE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                            else f"\\u{ord(m.group()):04x}", text)


def error(path: str | Path, line: int | None, message: str) -> Problem:
    return Problem(_posix(path), line, message, ERROR)


def warning(path: str | Path, line: int | None, message: str) -> Problem:
    return Problem(_posix(path), line, message, WARNING)


def has_errors(problems) -> bool:
    return any(p.severity == ERROR for p in problems)


def sort_problems(problems):
    return sorted(problems, key=lambda p: (p.path, p.line or 0, p.message))


def _posix(path: str | Path) -> str:
    return Path(path).as_posix()
