"""The wheel a user installs carries the built-in guides and the `facilitator` command."""

from __future__ import annotations

import configparser
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from facilitator import __version__

ROOT = Path(__file__).resolve().parent.parent

# The tests of this module run on one xdist worker (`--dist loadgroup` in the Makefile), so the
# wheel is built once, not once on every worker that took one of them (~2.5 s of CPU each).
pytestmark = pytest.mark.xdist_group("wheel")

# Signs that pip could not reach an index to fetch the build backend (offline CI, sandbox).
OFFLINE = (
    "No matching distribution found for hatchling",
    "Could not find a version that satisfies the requirement hatchling",
    "NewConnectionError",
    "Network is unreachable",
    "Temporary failure in name resolution",
    "Name or service not known",
    "ProxyError",
    "Max retries exceeded",
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel once, with build isolation as CI does; skip when there is no index."""
    out = tmp_path_factory.mktemp("wheel")
    try:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "wheel",
                "--no-deps",
                "--disable-pip-version-check",
                "--quiet",
                "-w",
                str(out),
                str(ROOT),
            ],
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.skip("building the wheel took over 3 minutes (no index reachable?)")
    if result.returncode != 0:
        output = result.stdout + result.stderr
        if any(sign in output for sign in OFFLINE):
            pytest.skip("no package index reachable to fetch the build backend")
        pytest.fail(f"pip wheel failed:\n{output}")
    (built,) = out.glob("facilitator-*.whl")
    return built


def test_the_wheel_is_named_for_this_version(wheel: Path) -> None:
    assert wheel.name == f"facilitator-{__version__}-py3-none-any.whl"


def test_the_wheel_carries_the_builtin_guides(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for guide in ("sociale-medier.toml", "social-media.toml"):
            packaged = f"facilitator/agendas/{guide}"
            assert packaged in names
            assert archive.read(packaged) == (ROOT / "agendas" / guide).read_bytes()


def test_the_wheel_carries_the_code_and_the_stylesheet(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert {"facilitator/__init__.py", "facilitator/__main__.py", "facilitator/cli.py"} <= names
    assert "facilitator/tui/app.tcss" in names
    assert not any("__pycache__" in name or name.endswith(".pyc") for name in names)
    assert not any(name.startswith(("tests/", "benchmarks/", "sessions/")) for name in names)


def test_the_wheel_installs_the_facilitator_command(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        (entry_points,) = [
            n for n in archive.namelist() if n.endswith(".dist-info/entry_points.txt")
        ]
        parser = configparser.ConfigParser()
        parser.read_string(archive.read(entry_points).decode("utf-8"))
    assert dict(parser["console_scripts"]) == {"facilitator": "facilitator.cli:main"}


def test_the_installed_wheel_finds_its_guides(wheel: Path, tmp_path: Path) -> None:
    # Unpacked on its own (no checkout beside it), builtin_dir() must find the packaged copy.
    target = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    code = (
        "from facilitator.catalog import builtin_dir, resolve_agenda;"
        "print(builtin_dir());"
        "print(resolve_agenda('social-media').minutes)"
    )
    result = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(target)!r}); {code}"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    folder, minutes = result.stdout.splitlines()
    assert Path(folder) == target / "facilitator" / "agendas"
    assert minutes == "150"
