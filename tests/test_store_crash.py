"""Crash safety: a save cut short at any point, or killed outright, leaves a loadable session."""

from __future__ import annotations

import inspect
import os
import random
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from facilitator.agenda import Agenda
from facilitator.minutes import render_markdown
from facilitator.session import OUTCOME_KINDS, Session
from facilitator.store import (
    clean_stale_temp_files,
    find_session_files,
    list_sessions,
    load_session,
    save_session,
)

AGENDA_FILE = Path(__file__).resolve().parent.parent / "agendas" / "sociale-medier.toml"


def build_version(agenda: Agenda, n: int) -> Session:
    """Version `n` of a growing session: `n` outcomes and notes naming `n`; deterministic."""
    session = Session.new("Lokaludvalg Nedbrud", agenda)
    session.id = "c0ffee000000"
    session.created = datetime(2026, 3, 2, 14, 0, tzinfo=timezone(timedelta(hours=1)))
    session.started = session.created
    for k in range(n):
        record = session.themes[k % len(session.themes)]
        outcome = session.add_outcome(
            record.theme_id,
            OUTCOME_KINDS[k % len(OUTCOME_KINDS)],
            f'Aftale nr. {k}: æøå "citat" \\ {"tekst " * (k % 40)}',
            owner=f"Person {k}",
        )
        outcome.id = f"{k:012x}"
        outcome.created = session.created + timedelta(seconds=k)
    session.current.notes = f"Version {n}\nmed to linjer"
    return session


# The child saves ever-growing versions as fast as it can until it is killed, and prints each
# version once it is saved; it shares `build_version` with the test, so the test can tell
# exactly which version it left.
CHILD = (
    textwrap.dedent(
        """
        import sys
        from datetime import datetime, timedelta, timezone
        from pathlib import Path

        from facilitator.agenda import Agenda, load_agenda
        from facilitator.session import OUTCOME_KINDS, Session
        from facilitator.store import SessionLock, StoreError, load_session, save_session
        """
    )
    + inspect.getsource(build_version)
    + textwrap.dedent(
        """
        path = Path(sys.argv[1])
        agenda = load_agenda(sys.argv[2])
        lock = SessionLock(path).acquire()  # the last child's lock is stale: taken over
        try:
            n = len(load_session(path).outcomes())
        except StoreError:
            n = 0
        while True:
            n += 1
            save_session(build_version(agenda, n), path)
            print(n, flush=True)  # version n is on disk
        """
    )
)


def temp_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.endswith(".tmp"))


def assert_minutes_are_whole(path: Path, agenda: Agenda, n: int) -> None:
    """The minutes beside the file are a complete rendering of version `n` or an earlier one."""
    md = path.with_suffix(".md")
    if not md.exists():
        return
    text = md.read_text(encoding="utf-8")
    assert any(text == render_markdown(build_version(agenda, m)) for m in range(n, -1, -1))


def test_killed_while_saving_leaves_one_of_the_saved_versions(
    tmp_path: Path, sample_agenda: Agenda
) -> None:
    # Kills are counted in saves, not timed: on a loaded machine a child may save once a
    # second or a hundred times, and the test means the same either way.
    rng = random.Random(20260302)  # reproducible kill moments
    path = tmp_path / "møde.toml"
    last = 0
    for _ in range(20):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(path), str(AGENDA_FILE)],
            stdout=subprocess.PIPE,
        )
        assert child.stdout is not None
        # Killed after its k-th save, while it is writing the next one (or a few later).
        for _ in range(rng.randint(1, 3)):
            saved = int(child.stdout.readline())
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        loaded = load_session(path)
        n = len(loaded.outcomes())
        assert loaded == build_version(sample_agenda, n)
        assert n >= saved, "a save the child finished is on disk"
        assert n > last, "each child saved at least once more, and nothing older came back"
        assert_minutes_are_whole(path, sample_agenda, n)
        last = n

    # Whatever the kills left behind is never taken for a session.
    assert [info.path for info in list_sessions(tmp_path)] == [path]
    assert find_session_files([tmp_path]) == [path]
    leftovers = temp_files(tmp_path)
    assert clean_stale_temp_files(tmp_path, min_age=0) == len(leftovers)
    assert temp_files(tmp_path) == []


class Crash(BaseException):
    """The process dies here: nothing after this point runs, not even clean-up."""


# Every step of a save, in order: (os function, which call of it).
POINTS = [
    ("write", 1, "old"),  # session temp file half written
    ("fsync", 1, "old"),  # session temp file written, not yet synced
    ("replace", 1, "old"),  # session temp file synced, not yet renamed
    ("write", 2, "new"),  # session renamed; minutes temp half written
    ("fsync", 2, "new"),
    ("replace", 2, "new"),  # minutes synced, not yet renamed
    ("fsync", 3, "new"),  # both renamed, folder not yet synced
]


@pytest.mark.parametrize(("name", "nth", "expect"), POINTS)
def test_save_interrupted_at_each_step_leaves_a_loadable_session(
    tmp_path: Path,
    sample_agenda: Agenda,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    nth: int,
    expect: str,
) -> None:
    path = tmp_path / "x.toml"
    old, new = build_version(sample_agenda, 3), build_version(sample_agenda, 4)
    save_session(old, path)

    real: Callable[..., Any] = getattr(os, name)
    calls = 0

    def crash_here(*args: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls < nth:
            return real(*args)
        if name == "write":
            real(args[0], bytes(args[1])[: len(args[1]) // 2])  # a torn write
        raise Crash

    monkeypatch.setattr(os, name, crash_here)
    monkeypatch.setattr(os, "unlink", lambda *args: None)  # a dead process cleans nothing up
    with pytest.raises(Crash):
        save_session(new, path)
    monkeypatch.undo()

    assert load_session(path) == (old if expect == "old" else new)
    assert [info.path for info in list_sessions(tmp_path)] == [path]
    assert find_session_files([tmp_path]) == [path]
    assert_minutes_are_whole(path, sample_agenda, 4)

    # The next save repairs everything; the start-up clean-up removes the crash's temp files.
    save_session(new, path)
    assert load_session(path) == new
    clean_stale_temp_files(tmp_path, min_age=0)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.md", "x.toml"]
