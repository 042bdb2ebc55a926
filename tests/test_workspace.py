"""The Workspace and OpenMeeting: one rule per question, saves that report what they lost."""

from __future__ import annotations

import errno
import os
import stat
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from facilitator import store
from facilitator.agenda import Agenda
from facilitator.session import Participant, Session
from facilitator.store import load_session, save_session
from facilitator.workspace import (
    ExportRefused,
    MeetingForm,
    NothingToResume,
    StoreError,
    Workspace,
)
from facilitator.workspace.exports import render


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_resume_never_picks_an_export(tmp_path: Path, sample_session: Session) -> None:
    workspace = Workspace(tmp_path)
    session_path = tmp_path / "2026-03-02-lmu-sociale-medier.toml"
    save_session(sample_session, session_path)
    # The TOML export holds the same unfinished meeting and is newer than the session.
    export = tmp_path / "2026-03-02-lmu-sociale-medier.export.toml"
    export.write_bytes(render(sample_session, "toml"))
    os.utime(session_path, (1_000_000_000, 1_000_000_000))
    assert store.session_info(export) is not None  # it does read as a session on its own
    assert [info.path for info in workspace.sessions()] == [session_path]
    newest = workspace.newest_unfinished()
    assert newest is not None and newest.path == session_path
    meeting = workspace.resume()
    try:
        assert meeting.path == session_path
    finally:
        meeting.close()


def test_resume_with_nothing_unfinished_says_where_it_looked(tmp_path: Path) -> None:
    with pytest.raises(NothingToResume, match=f"no unfinished meeting in {tmp_path}"):
        Workspace(tmp_path).resume()
    assert Workspace(tmp_path / "missing").sessions() == []


def test_start_cleans_the_form_and_makes_a_private_folder(
    tmp_path: Path, sample_agenda: Agenda
) -> None:
    old_umask = os.umask(0o022)
    try:
        folder = tmp_path / "a" / "sessions"
        form = MeetingForm(
            committee="  LMU\nNord ",
            agenda=sample_agenda,
            place=" Lokale 2\n",
            chair="Anne\x1b[31m",
            participants=[Participant("Mia", "leader", "management")],
        )
        meeting = Workspace(folder).start(form)
    finally:
        os.umask(old_umask)
    try:
        assert mode(tmp_path / "a") == 0o700 and mode(folder) == 0o700
        assert meeting.session.committee == "LMU Nord"
        assert meeting.session.place == "Lokale 2"
        assert "\x1b" not in meeting.session.chair
        assert meeting.lock.held
        assert not meeting.path.exists()  # held, not written: the screen saves it
        meeting.save("start")
        assert load_session(meeting.path) == meeting.session
        assert mode(meeting.path) == 0o600
    finally:
        meeting.close()


def test_an_empty_committee_is_refused(tmp_path: Path, sample_agenda: Agenda) -> None:
    with pytest.raises(ValueError, match="committee"):
        Workspace(tmp_path).start(MeetingForm(committee=" \n", agenda=sample_agenda))
    assert list(tmp_path.iterdir()) == []


def test_save_makes_an_existing_0644_session_private(
    tmp_path: Path, sample_session: Session
) -> None:
    path = tmp_path / "x.toml"
    save_session(sample_session, path)
    path.chmod(0o644)
    meeting = Workspace(tmp_path).open(path)
    try:
        meeting.save("a change")
        assert mode(path) == 0o600
    finally:
        meeting.close()


def test_export_target_is_one_rule(tmp_path: Path, sample_session: Session) -> None:
    workspace = Workspace(tmp_path)
    path = tmp_path / "m.toml"
    save_session(sample_session, path)
    assert workspace.export_target(path, "md") == tmp_path / "m.export.md"
    assert workspace.export_target(path, "html", tmp_path) == tmp_path / "m.export.html"
    assert workspace.export_target(path, "toml", tmp_path / "x.toml") == tmp_path / "x.toml"
    for refused in (path, tmp_path / "m.md", tmp_path / "m.toml.lock"):
        with pytest.raises(ExportRefused):
            workspace.export_target(path, "md", refused)
    with pytest.raises(ExportRefused, match="does not exist"):
        workspace.export_target(path, "md", tmp_path / "nowhere" / "x.md")
    written = workspace.export(path, "md")
    assert written == tmp_path / "m.export.md" and mode(written) == 0o600
    # The export is not a session, and the minutes the store keeps are untouched.
    assert [info.path for info in workspace.sessions()] == [path]


def test_end_and_approve_are_saved(tmp_path: Path, sample_session: Session) -> None:
    path = tmp_path / "x.toml"
    save_session(sample_session, path)
    meeting = Workspace(tmp_path).open(path)
    try:
        meeting.clock.start()
        meeting.end()
        assert load_session(path).state == "ended"
        meeting.approve("Anne")
        stored = load_session(path)
        assert stored.state == "approved" and stored.approved_by == "Anne"
    finally:
        meeting.close()


# -- saving -------------------------------------------------------------------------------


def _failing_replace(monkeypatch: pytest.MonkeyPatch, failing: threading.Event) -> None:
    real = os.replace

    def replace(src: Any, dst: Any) -> None:
        if failing.is_set():
            raise OSError(errno.ENOSPC, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)


def test_a_failed_save_names_the_changes_it_lost_and_a_later_save_clears_it(
    tmp_path: Path, sample_session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "x.toml"
    save_session(sample_session, path)
    meeting = Workspace(tmp_path).open(path)
    failing = threading.Event()
    _failing_replace(monkeypatch, failing)
    failing.set()
    before = len(sample_session.outcomes())
    theme = sample_session.themes[0].theme_id
    meeting.session.add_outcome(theme, "agreement", "Skærmbilleder gemmes")
    with pytest.raises(StoreError, match="the disk is full"):
        meeting.save("agreement: Skærmbilleder gemmes")
    meeting.session.add_outcome(theme, "decision", "Guiden tages op")
    with pytest.raises(StoreError):
        meeting.save("decision: Guiden tages op")
    problem = meeting.problem
    assert problem is not None and "the disk is full" in problem.error
    assert problem.unsaved == ("agreement: Skærmbilleder gemmes", "decision: Guiden tages op")
    assert load_session(path) == sample_session  # the old version is intact
    failing.clear()
    meeting.save("retry")
    assert meeting.problem is None and meeting.unsaved() == []
    assert len(load_session(path).outcomes()) == before + 2
    assert meeting.close() is None


def test_closing_while_background_saves_fail_neither_freezes_nor_hides_it(
    tmp_path: Path, sample_session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "x.toml"
    save_session(sample_session, path)
    meeting = Workspace(tmp_path).open(path)
    heard: list[str] = []
    meeting.notify_problems(lambda problem: heard.append(problem.error))
    failing = threading.Event()
    failing.set()
    _failing_replace(monkeypatch, failing)
    meeting.session.themes[0].notes = "Særligt jobcentret"
    meeting.save_soon("notes: Definition")
    started = time.monotonic()
    problem = meeting.close(timeout=5)
    assert time.monotonic() - started < 5
    assert problem is not None and "the disk is full" in problem.error
    assert problem.unsaved == ("notes: Definition",)
    assert heard == [problem.error]
    assert not meeting.lock.held


def test_a_background_save_never_replaces_a_newer_one(
    tmp_path: Path, sample_session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "x.toml"
    save_session(sample_session, path)
    meeting = Workspace(tmp_path).open(path)
    real_save = store.save_session
    slow = threading.Event()

    def slow_save(session: Session, target: Path) -> None:
        if slow.is_set():
            time.sleep(0.3)  # the background write of the older copy is still running
        real_save(session, target)

    monkeypatch.setattr("facilitator.workspace.saver.save_session", slow_save)
    theme = sample_session.themes[0].theme_id
    slow.set()
    meeting.save_soon("first")  # a slow write is running ...
    time.sleep(0.05)
    slow.clear()
    meeting.session.themes[0].notes = "old notes"
    meeting.save_soon("notes")  # ... an older copy waits behind it ...
    meeting.session.add_outcome(theme, "agreement", "listed means saved")
    meeting.save("agreement")  # ... when a capture is saved on the spot
    assert meeting.flush(5)
    stored = load_session(path)
    assert "listed means saved" in [o.text for _r, o in stored.outcomes()]
    assert stored.themes[0].notes == "old notes"
    meeting.close()
    assert load_session(path) == meeting.session
