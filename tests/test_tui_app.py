"""The App's hold on sessions: taken through the workspace, given back on leaving, never retaken."""

from __future__ import annotations

from pathlib import Path

from facilitator.session import Session
from facilitator.store import save_session
from facilitator.tui.app import FacilitatorApp, StartMeeting


async def test_a_save_asked_for_after_quitting_takes_no_new_lock(
    tmp_path: Path, sample_session: Session
) -> None:
    # Seen in tmux: ctrl+q right after `resume` drew its screen left a .lock behind, because
    # the first save, queued for after the first frame, ran after the quit and locked again.
    path = tmp_path / "m.toml"
    save_session(sample_session, path)
    lock_file = path.with_name("m.toml.lock")
    app = FacilitatorApp(sessions_dir=tmp_path, start=StartMeeting(sample_session, path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert lock_file.exists() and path in app.meetings
        app._finish()  # what ctrl+q and the signals do before exit()
        assert not lock_file.exists()
        app.persist(sample_session, path)  # a callback queued before the quit
        assert not lock_file.exists() and app.meetings == {}
    assert not lock_file.exists()
