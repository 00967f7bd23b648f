"""What `python -m build` ships, and that every documented install line installs this project.

The PyPI name ``crosscheck`` belongs to an unrelated package, so an install line that names
it (or anything but this distribution and its own dependencies) would put a stranger's code
in a newsroom's CI.
"""

from __future__ import annotations

import email
import re
import shlex
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
DOCS = ("README.md", "training/README.md", "bench/README.md")
# pip options that take a value, so the value is not read as a requirement
VALUED = {"-i", "--index-url", "--extra-index-url", "-f", "--find-links", "-c", "--constraint", "-r"}
TOOLS = {"build"}  # installed next to crosscheck by the README's build recipe, not by crosscheck
SHIPPED = (
    "crosscheck/nli/adapter/adapter.safetensors",
    "crosscheck/nli/adapter/adapter_config.json",
    "crosscheck/nli/MODEL_CARD.md",
    "crosscheck/report/schema.json",
    "crosscheck/judge/verdict.json",
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """An sdist and a wheel built from it, as `python -m build` makes them (without a network)."""
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    [wheel] = out.glob("*.whl")
    [sdist] = out.glob("*.tar.gz")
    return {"wheel": wheel, "sdist": sdist}


def _metadata(wheel: Path) -> email.message.Message:
    with zipfile.ZipFile(wheel) as archive:
        [name] = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        return email.message_from_bytes(archive.read(name))


def test_wheel_holds_the_package_the_adapter_schema_and_model_card(built: dict[str, Path]) -> None:
    with zipfile.ZipFile(built["wheel"]) as archive:
        files = set(archive.namelist())
    for path in SHIPPED:
        assert path in files, path
    assert "crosscheck/cli.py" in files and "crosscheck/nli/_registry.py" in files
    entry_points = next(f for f in files if f.endswith(".dist-info/entry_points.txt"))
    with zipfile.ZipFile(built["wheel"]) as archive:
        assert "crosscheck = crosscheck.cli:main" in archive.read(entry_points).decode()
    assert not any(f.startswith(("tests/", "fixtures/", "training/")) for f in files)


def test_sdist_holds_the_sources_and_the_fixtures_the_readme_checks(built: dict[str, Path]) -> None:
    with tarfile.open(built["sdist"]) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    for path in SHIPPED:
        assert f"src/{path}" in names, path
    assert "pyproject.toml" in names and "fixtures/balloon/npr-2023-02-18.md" in names


def test_distribution_name_is_not_the_strangers_crosscheck(built: dict[str, Path]) -> None:
    meta = _metadata(built["wheel"])
    assert canonicalize_name(meta["Name"]) == "crosscheck-news"
    assert built["wheel"].name.startswith("crosscheck_news-")
    assert built["sdist"].name.startswith("crosscheck_news-")


def _install_lines() -> list[tuple[str, str]]:
    """(document, argument list) for every ``pip install`` in the documentation."""
    found = []
    for doc in DOCS:
        text = (ROOT / doc).read_text(encoding="utf-8")
        for match in re.finditer(r"pip install([^`\n&|;]*)", text):
            found.append((doc, match.group(1)))
    return found


def _requirements(arguments: str) -> list[str]:
    words, out, skip = shlex.split(arguments, comments=True), [], False
    for word in words:
        if skip:
            skip = False
        elif word in VALUED:
            skip = True
        elif not word.startswith("-"):
            out.append(word)
    return out


def test_every_documented_pip_install_installs_this_project_or_its_dependencies(
    built: dict[str, Path],
) -> None:
    meta = _metadata(built["wheel"])
    name = canonicalize_name(meta["Name"])
    dependencies = {canonicalize_name(Requirement(r).name) for r in meta.get_all("Requires-Dist") or ()}
    wheel_prefix = f"{name.replace('-', '_')}-{meta['Version']}"
    lines = _install_lines()
    installs_us = 0
    for doc, arguments in lines:
        for word in _requirements(arguments):
            where = f"{doc}: pip install{arguments}"
            if word.startswith((".", "/")) and not word.endswith((".whl", ".tar.gz")):
                installs_us += 1  # this checkout (".", ".[test]", "-e '.[train]'")
                continue
            if word.endswith((".whl", ".tar.gz")):
                assert Path(word).name.startswith(wheel_prefix), where
                installs_us += 1
                continue
            try:
                requirement = Requirement(word)
            except InvalidRequirement:
                pytest.fail(f"not a requirement: {word!r} in {where}")
            wanted = canonicalize_name(requirement.name)
            assert wanted != "crosscheck", f"installs PyPI's unrelated 'crosscheck': {where}"
            if wanted == name:
                installs_us += 1
            else:
                assert wanted in dependencies | TOOLS, f"{wanted} is not this project's: {where}"
    assert installs_us >= 3, lines
