"""The session lock: an OS lock held for the whole meeting, released by the OS when a holder dies."""

from __future__ import annotations

import builtins
import errno
import json
import os
import re
import signal
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from facilitator.lock import SessionLock, SessionLockedError, parse_holder
from facilitator.session import Session
from facilitator.store import StoreError, save_session
from facilitator.workspace import Workspace

HOST = socket.gethostname()
HOLDER = """
import sys, time
from pathlib import Path
from facilitator.lock import SessionLock
SessionLock(Path(sys.argv[1])).acquire()
print("locked", flush=True)
time.sleep(120)
"""


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another facilitator process that holds the lock of `x.toml` until it is killed."""
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tmp_path / "x.toml")],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "USER": "Mia"},
    )
    try:
        assert child.stdout is not None and child.stdout.readline() == "locked\n"
        yield child
    finally:
        child.kill()
        child.wait()


@pytest.fixture
def no_proc(monkeypatch: pytest.MonkeyPatch) -> None:
    """A platform without /proc (Windows, macOS): any attempt to read it fails the test."""
    real_open, real_os_open = builtins.open, os.open

    def refuse(path: Any) -> None:
        if str(path).startswith("/proc"):
            raise AssertionError(f"read {path}")

    def fake_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        refuse(file)
        return real_open(file, *args, **kwargs)

    def fake_os_open(path: Any, *args: Any, **kwargs: Any) -> int:
        refuse(path)
        return real_os_open(path, *args, **kwargs)

    real_kill = os.kill

    def no_probe(pid: int, sig: int) -> None:
        # On Windows signal 0 is CTRL_C_EVENT: a "probe" would interrupt the holder.
        if sig == 0:
            raise AssertionError("os.kill(pid, 0) used as a probe")
        real_kill(pid, sig)

    monkeypatch.setattr(builtins, "open", fake_open)
    monkeypatch.setattr(os, "open", fake_os_open)
    monkeypatch.setattr(os, "kill", no_probe)


def test_lock_file_names_its_holder_and_goes_with_the_lock(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    with SessionLock(path) as lock:
        lock_file = tmp_path / "x.toml.lock"
        assert lock.lock_path == lock_file
        record = json.loads(lock_file.read_text(encoding="utf-8"))
        assert record["host"] == HOST
        assert record["pid"] == os.getpid()
        assert datetime.fromisoformat(record["since"]).tzinfo is not None
        assert stat.S_IMODE(lock_file.stat().st_mode) == 0o600
        assert lock.held
    assert not lock_file.exists()
    assert not lock.held


def test_second_lock_in_the_same_process_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    with SessionLock(path), pytest.raises(SessionLockedError) as caught:
        SessionLock(path).acquire()
    message = str(caught.value)
    assert message.startswith(f"{path}: is open in another facilitator on {HOST}")
    assert " since " in message
    assert message.endswith("close it there first")


def test_lock_of_a_running_process_names_who_and_since_when(
    tmp_path: Path, holder: subprocess.Popen[str]
) -> None:
    with pytest.raises(SessionLockedError) as caught:
        SessionLock(tmp_path / "x.toml").acquire()
    message = str(caught.value)
    assert re.search(
        rf"is open in another facilitator on {re.escape(HOST)} by Mia since \d\d\.\d\d "
        rf"\(process {holder.pid}\); close it there first$",
        message,
    ), message


@pytest.mark.usefixtures("no_proc")
def test_a_lock_held_by_a_killed_process_does_not_block_the_next_resume(
    tmp_path: Path, holder: subprocess.Popen[str], sample_session: Session
) -> None:
    path = tmp_path / "x.toml"
    save_session(sample_session, path)
    workspace = Workspace(tmp_path)
    with pytest.raises(SessionLockedError):
        workspace.resume(path)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    # The dead holder's file is still there, naming it; the OS lock went with the process.
    assert (tmp_path / "x.toml.lock").exists()
    meeting = workspace.resume()
    try:
        assert meeting.path == path
        assert meeting.lock.held
        assert meeting.session == sample_session
    finally:
        meeting.close()
    assert not (tmp_path / "x.toml.lock").exists()


@pytest.mark.usefixtures("no_proc")
@pytest.mark.parametrize(
    "content",
    [
        b'{"pid": 1, "host": "laptop-12", "since": "2026-03-02T14:05:00+01:00"}',
        f"1 {HOST}\n".encode(),  # the plain form old versions wrote
        b"\xff\x00garbage",
        b"",
    ],
    ids=["json", "plain", "garbage", "empty"],
)
def test_a_lock_file_nobody_holds_is_taken_whatever_it_says(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "x.toml"
    (tmp_path / "x.toml.lock").write_bytes(content)
    with SessionLock(path) as lock:
        assert lock.held
        holder = lock.holder()
        assert holder is not None and holder.host == HOST and holder.pid == os.getpid()


def test_release_leaves_a_lock_file_that_is_no_longer_ours(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    lock = SessionLock(path).acquire()
    lock.lock_path.unlink()  # someone deleted it by hand, and another facilitator made a new one
    theirs = SessionLock(path).acquire()
    lock.release()
    assert theirs.lock_path.exists()
    theirs.release()
    assert not theirs.lock_path.exists()


def test_lock_in_a_folder_we_cannot_write_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_open = os.open

    def denied(path: Any, *args: Any, **kwargs: Any) -> int:
        if str(path).endswith(".lock"):
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(StoreError, match=r"x\.toml\.lock: cannot lock: permission denied$"):
        SessionLock(tmp_path / "x.toml").acquire()


def test_holder_text_from_a_file_is_only_data() -> None:
    holder = parse_holder(b'{"host": "LAPTOP-12", "user": "Mia", "since": "nonsense", "pid": true}')
    assert holder is not None
    assert holder.describe() == "on LAPTOP-12 by Mia"
    assert parse_holder(b"[1, 2]") is None
    assert parse_holder(b'{"host": 5}') is None


def test_the_package_has_no_liveness_probe_or_proc_reading() -> None:
    package = Path(__file__).resolve().parent.parent / "facilitator"
    for source in package.rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        assert "os.kill(" not in text, source
        assert "/proc" not in text, source
        assert "boot_id" not in text, source


def test_lock_is_held_until_close_and_then_released(
    tmp_path: Path, sample_session: Session
) -> None:
    workspace = Workspace(tmp_path)
    meeting = workspace.start(sample_session)
    with pytest.raises(SessionLockedError):
        workspace.open(meeting.path, sample_session)
    started = time.monotonic()
    meeting.close()
    assert time.monotonic() - started < 5
    again = workspace.open(meeting.path, sample_session)
    again.close()
