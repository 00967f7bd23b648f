"""Settings: defaults, then a config file, then the environment, then the command line.

The config file is ``crosscheck.toml`` (top-level keys) or the ``[tool.crosscheck]``
table of ``pyproject.toml``, searched from the working directory upwards. Every
effective value remembers where it came from, for ``crosscheck config``.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crosscheck.errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

KINDS = ("title", "date", "number", "place", "negation", "quote", "statement", "unsupported")
FAIL_ON = ("contradiction", "unsupported", "never")
DEVICES = ("auto", "cpu", "cuda")
FORMATS = ("rich", "json", "markdown", "html", "sarif", "github")

#: Default verdict probability a pair needs to become a finding (``judge.verdict``);
#: chosen on the dev split, held out by writing batch, as the best F1 of gold findings found,
#: averaged over neighbouring cuts (``training/train_verdict.py`` suggests it; README, "Threshold").
DEFAULT_THRESHOLD = 0.88


@dataclass(frozen=True)
class Settings:
    """Everything that changes what a check finds or how it runs."""

    model: str | None = None
    device: str = "auto"
    threshold: float = DEFAULT_THRESHOLD
    kinds: tuple[str, ...] = KINDS
    fail_on: str = "never"
    ignore: tuple[str, ...] = ()
    max_bytes: int = 5_000_000
    batch_size: int = 16
    cache: bool = True
    int8: bool = False
    #: A manifest (.csv or .json) of outlet, date, title and URL per article (``--meta``).
    meta: str | None = None
    #: Most characters of one article checked (see ingest.DEFAULT_MAX_ARTICLE_CHARS).
    max_article_chars: int = 100_000
    sources: dict[str, str] = field(default_factory=dict, compare=False)

    def with_values(self, values: Mapping[str, Any], source: str) -> Settings:
        """A copy with ``values`` applied (None means unset), remembering ``source``."""
        names = setting_names()
        unknown = sorted(key for key, value in values.items() if key not in names and value is not None)
        if unknown:
            shown = ", ".join(repr(key.replace("_", "-")) for key in unknown)
            raise ConfigError(
                f"unknown setting{'s' if len(unknown) > 1 else ''} {shown} "
                f"(known: {', '.join(sorted(name.replace('_', '-') for name in names))})",
                path=source,
            )
        changes = {key: _checked(key, value, source) for key, value in values.items() if value is not None}
        sources = dict(self.sources)
        sources.update(dict.fromkeys(changes, source))
        return dataclasses.replace(self, **changes, sources=sources)

    def source_of(self, name: str) -> str:
        return self.sources.get(name, "default")


def setting_names() -> set[str]:
    """The settings a config file may set, as Python names (``batch_size``; files write ``batch-size``)."""
    return {f.name for f in dataclasses.fields(Settings)} - {"sources"}


def _checked(key: str, value: Any, source: str) -> Any:
    if key == "threshold":
        if not isinstance(value, (int, float)) or not 0.0 <= float(value) <= 1.0:
            raise ConfigError(f"threshold must be a number between 0 and 1, not {value!r}", path=source)
        return float(value)
    if key in ("kinds", "ignore"):
        items = tuple(value.split(",")) if isinstance(value, str) else tuple(value)
        items = tuple(item.strip() for item in items if str(item).strip())
        if key == "kinds" and (unknown := set(items) - set(KINDS)):
            raise ConfigError(f"unknown kinds {sorted(unknown)} (known: {', '.join(KINDS)})", path=source)
        return items
    if key == "fail_on" and value not in FAIL_ON:
        raise ConfigError(f"fail-on must be one of {', '.join(FAIL_ON)}, not {value!r}", path=source)
    if key == "device" and value not in DEVICES:
        raise ConfigError(f"device must be one of {', '.join(DEVICES)}, not {value!r}", path=source)
    if key in ("cache", "int8") and not isinstance(value, bool):
        raise ConfigError(f"{key} must be true or false, not {value!r}", path=source)
    if key == "meta" and not isinstance(value, (str, os.PathLike)):
        raise ConfigError(f"meta must be the path of a .csv or .json file, not {value!r}", path=source)
    if key == "meta":
        return os.fspath(value)
    if key in ("max_bytes", "batch_size", "max_article_chars") and (
        isinstance(value, bool) or not isinstance(value, int) or value <= 0
    ):
        raise ConfigError(f"{key.replace('_', '-')} must be a positive integer, not {value!r}", path=source)
    return value


def find_config_file(start: Path | None = None) -> tuple[Path, dict[str, Any]] | None:
    """The nearest crosscheck.toml, or pyproject.toml with a [tool.crosscheck] table."""
    folder = (start or Path.cwd()).resolve()
    for candidate_folder in (folder, *folder.parents):
        for name in ("crosscheck.toml", "pyproject.toml"):
            path = candidate_folder / name
            if path.is_file() and (table := _read_table(path)) is not None:
                return path, table
    return None


def load_settings(
    cli_values: Mapping[str, Any] | None = None,
    *,
    config_path: Path | None = None,
    start: Path | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Effective settings: defaults < config file < environment < command line."""
    settings = Settings()
    found = _read_explicit(config_path) if config_path is not None else find_config_file(start)
    if found is not None:
        path, table = found
        values = {key.replace("-", "_"): value for key, value in table.items()}
        settings = settings.with_values(values, str(path))
    environ = os.environ if environ is None else environ
    if environ.get("CROSSCHECK_MODEL"):
        settings = settings.with_values({"model": environ["CROSSCHECK_MODEL"]}, "CROSSCHECK_MODEL")
    if cli_values:
        settings = settings.with_values(cli_values, "command line")
    return settings


def _read_explicit(path: Path) -> tuple[Path, dict[str, Any]]:
    """A config file the user named: it must exist and hold crosscheck settings."""
    table = _read_table(path)
    if table is None:
        raise ConfigError("no [tool.crosscheck] table in this file", path=str(path))
    return path, table


def _read_table(path: Path) -> dict[str, Any] | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"cannot read configuration: {error}", path=str(path)) from None
    return data if path.name != "pyproject.toml" else data.get("tool", {}).get("crosscheck")
