"""Problems of an import, each located as ``file:line:column: field: message``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input; the import writes nothing while any is left."""

    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.column else f"{self.file}:{self.line}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


def _position(problem) -> tuple:
    """Sort key: file, line, column (problems may also be the build's own message strings)."""
    if isinstance(problem, Problem):
        return (problem.file, problem.line, problem.column, problem.message)
    file, _, rest = str(problem).partition(":")
    line = rest.split(":", 1)[0]
    return (file, int(line) if line.isdigit() else 0, 0, str(problem))


class ImportFailed(Exception):
    """The import stopped; ``problems`` lists every reason, in file order."""

    def __init__(self, problems, heading: str = ""):
        self.heading = heading
        self.problems = sorted(set(problems), key=_position)
        super().__init__(
            "\n".join([heading, *map(str, self.problems)] if heading else map(str, self.problems))
        )
