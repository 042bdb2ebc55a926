"""The portable paths run here: a platform without fork or SIGHUP, a cp1252 console, Windows."""

from __future__ import annotations

import io
import multiprocessing
import signal
import sys
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest

from facilitator import portable
from facilitator.agenda import Agenda
from facilitator.cli import main
from facilitator.register import reading
from facilitator.register.reading import ScanOptions
from facilitator.register.rows import collect
from facilitator.session import Session
from facilitator.store import new_session_path, save_session


def test_without_sighup_only_the_signals_there_are_are_listed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert signal.SIGHUP in portable.termination_signals()  # this platform has it
    monkeypatch.delattr(signal, "SIGHUP")
    monkeypatch.delattr(signal, "SIGBREAK", raising=False)
    found = portable.termination_signals()
    assert found == [signal.SIGTERM, signal.SIGINT]
    # Each one can be registered: nothing the platform lacks is asked for.
    for number in found:
        signal.signal(number, signal.getsignal(number))


def test_on_windows_or_macos_the_register_reads_with_spawn(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    monkeypatch.setattr(sys, "platform", "win32")
    context = portable.pool_context()
    assert context is not None and context.get_start_method() == "spawn"


def test_without_any_safe_start_method_the_register_stays_serial(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["fork"])
    monkeypatch.setattr(sys, "platform", "darwin")  # fork exists there, but is not safe
    assert portable.pool_context() is None


def test_on_linux_with_threads_running_the_register_spawns_rather_than_forks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The TUI reads the register from a worker thread: a forked child could inherit a held lock,
    # but HR's hundred sessions still deserve both cores.
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["fork", "spawn"])
    monkeypatch.setattr(threading, "active_count", lambda: 3)
    context = portable.pool_context()
    assert context is not None and context.get_start_method() == "spawn"


def test_a_register_read_without_fork_has_the_same_rows(
    tmp_path: Path, sample_session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    for number in range(4):
        copy = Session.new(f"LMU {number}", sample_session.agenda)
        copy.add_outcome(copy.themes[0].theme_id, "agreement", f"aftale {number} → gjort")
        save_session(copy, new_session_path(tmp_path, copy))
    serial = collect([tmp_path], ScanOptions(parallel=False, cache=False))
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    used: list[str] = []
    real = portable.pool_context

    def watched() -> multiprocessing.context.BaseContext | None:
        # Only the choice sees "Windows": the pool itself must run on this machine.
        platform, sys.platform = sys.platform, "win32"
        try:
            context = real()
        finally:
            sys.platform = platform
        used.append(context.get_start_method() if context else "serial")
        return context

    monkeypatch.setattr(reading, "pool_context", watched)
    spawned = collect([tmp_path], ScanOptions(parallel=True, cache=False))
    assert used == ["spawn"]
    assert spawned.rows == serial.rows and len(spawned.rows) == 4


def test_windows_keeps_sessions_in_the_users_profile(monkeypatch: pytest.MonkeyPatch) -> None:
    assert portable.default_sessions_dir() == Path("sessions")
    monkeypatch.setattr(portable, "os", SimpleNamespace(name="nt"))
    folder = portable.default_sessions_dir()
    assert folder.is_relative_to(Path.home())


def _cp1252_stream() -> io.TextIOWrapper:
    """A Windows pipe or file: the ANSI code page, strict."""
    return io.TextIOWrapper(io.BytesIO(), encoding="cp1252", errors="strict")


@pytest.mark.parametrize("fmt", ["table", "csv", "md"])
def test_a_cp1252_stdout_gets_utf8_and_no_encoding_error(
    tmp_path: Path, sample_agenda: Agenda, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    session = Session.new("LMU Ærø → Øst", sample_agenda)
    session.started = session.created
    session.add_outcome(
        session.themes[0].theme_id, "agreement", "Skærmbilleder ☐ gemmes ─ straks", "Mia"
    )
    save_session(session, new_session_path(tmp_path, session))
    out, err = _cp1252_stream(), _cp1252_stream()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    assert main(["agreements", str(tmp_path), "--format", fmt]) == 0
    out.flush()
    assert isinstance(out.buffer, io.BytesIO)
    text = out.buffer.getvalue().decode("utf-8")
    assert "Ærø → Øst" in text and "☐" in text


def test_errors_on_a_cp1252_stderr_are_utf8(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "mødet → referat.toml"
    out, err = _cp1252_stream(), _cp1252_stream()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    assert main(["export", str(missing)]) == 2
    err.flush()
    assert isinstance(err.buffer, io.BytesIO)
    assert "mødet → referat.toml" in err.buffer.getvalue().decode("utf-8")
