"""Problems found in the input, kept as values with a location.

Every stage returns problems instead of raising, so one bad file never hides
another; the command line turns them into `path:line: message` at the edge.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    path: str            # project-relative path, POSIX style
    line: int | None     # 1-based line in that file, or None when it has no line
    message: str         # what is wrong, then how to fix it
    severity: str = ERROR

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.severity}: {self.message}"


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
