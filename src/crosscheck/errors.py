"""Every message a user can see, in one place, so it can be searched for by code.

Library code raises these; the CLI turns them into one line on stderr and exit code 2.
"""

from __future__ import annotations


class CrosscheckError(Exception):
    """Base class: a problem the user can fix, reported without a traceback."""

    code = "E000"

    def __init__(self, message: str, *, path: str | None = None) -> None:
        self.path = path
        self.message = message
        super().__init__(self.line())

    def line(self) -> str:
        """The one-line form shown on stderr: code, file, problem."""
        where = f"{self.path}: " if self.path else ""
        return f"{self.code} {where}{self.message}"


class InputError(CrosscheckError):
    """An input file or folder that cannot be read as articles."""

    code = "E001"


class UsageError(CrosscheckError):
    """Options that do not make sense together, or a value out of range."""

    code = "E002"


class ModelError(CrosscheckError):
    """A model that cannot be found, built or loaded."""

    code = "E003"


class ConfigError(CrosscheckError):
    """A configuration file that cannot be read."""

    code = "E004"


class WorkerLost(CrosscheckError):
    """A batch worker died mid-story (killed, out of memory); the stories it finished are kept."""

    code = "E010"
