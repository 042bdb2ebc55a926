"""The session store: file names, modes, atomic saves, checked loads, locks and listings."""

from __future__ import annotations

import dataclasses
import errno
import os
import socket
import stat
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import given
from hypothesis import strategies as st

from facilitator import store
from facilitator.codec import session_to_data
from facilitator.minutes import render_markdown
from facilitator.session import Session
from facilitator.store import (
    NewerSessionError,
    SessionInfo,
    StoreError,
    clean_stale_temp_files,
    find_session_files,
    list_sessions,
    load_session,
    new_session_path,
    newest_unfinished,
    save_session,
    slugify,
)

HOST = socket.gethostname()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# -- file names ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Lokaludvalg Børneby Nord", "lokaludvalg-boerneby-nord"),
        ("ÆRØ Ålborg-Øst", "aeroe-aalborg-oest"),
        ("Café Zoë & Søn", "cafe-zoe-soen"),
        ("a\u030a", "aa"),  # a decomposed å is still spelt out
        ("  LMU -- Skole/SFO  ", "lmu-skole-sfo"),
        ("", "udvalg"),
        ("!!!", "udvalg"),
        ("日本語", "udvalg"),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


@given(st.text())
def test_slugify_is_always_a_short_kebab_case_name(text: str) -> None:
    slug = slugify(text)
    assert 0 < len(slug) <= 60
    assert slug.isascii()
    assert all(part and part.isalnum() and part == part.lower() for part in slug.split("-"))


def test_new_session_path_names_date_committee_and_agenda(
    tmp_path: Path, sample_session: Session
) -> None:
    path = new_session_path(tmp_path, sample_session)
    assert path == tmp_path / "2026-03-02-lokaludvalg-boerneby-nord-sociale-medier.toml"
    assert not path.exists()


def test_new_session_path_counts_up_when_the_name_or_its_minutes_are_taken(
    tmp_path: Path, sample_session: Session
) -> None:
    stem = "2026-03-02-lokaludvalg-boerneby-nord-sociale-medier"
    (tmp_path / f"{stem}.toml").write_text("")
    assert new_session_path(tmp_path, sample_session).name == f"{stem}-2.toml"
    (tmp_path / f"{stem}-2.md").write_text("")
    assert new_session_path(tmp_path, sample_session).name == f"{stem}-3.toml"
    (tmp_path / f"{stem}-3.toml.lock").write_text("")
    assert new_session_path(tmp_path, sample_session).name == f"{stem}-4.toml"


def test_new_session_path_creates_private_folders(tmp_path: Path, sample_session: Session) -> None:
    folder = tmp_path / "a" / "b" / "sessions"
    old_umask = os.umask(0o022)
    try:
        path = new_session_path(folder, sample_session)
    finally:
        os.umask(old_umask)
    assert path.parent == folder
    for created in (tmp_path / "a", tmp_path / "a" / "b", folder):
        assert mode(created) == 0o700


def test_new_session_path_leaves_an_existing_folder_mode(
    tmp_path: Path, sample_session: Session
) -> None:
    tmp_path.chmod(0o750)
    new_session_path(tmp_path, sample_session)
    assert mode(tmp_path) == 0o750


def test_new_session_path_refuses_a_file_as_folder(tmp_path: Path, sample_session: Session) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match="is not a folder"):
        new_session_path(tmp_path / "file", sample_session)


# -- saving -------------------------------------------------------------------------------


def test_save_writes_private_toml_and_minutes_beside_it(
    tmp_path: Path, sample_session: Session
) -> None:
    path = tmp_path / "x.toml"
    save_session(sample_session, path)
    assert mode(path) == 0o600
    md = tmp_path / "x.md"
    assert mode(md) == 0o600
    assert md.read_text(encoding="utf-8") == render_markdown(sample_session)
    assert load_session(path) == sample_session
    assert leftovers(tmp_path) == []


def test_save_writes_strings_on_one_line(tmp_path: Path, sample_session: Session) -> None:
    # Multi-line TOML strings turn \r\n into \n; escaped one-line strings round-trip exactly.
    path = tmp_path / "x.toml"
    save_session(sample_session, path)
    assert '"""' not in path.read_text(encoding="utf-8")
    assert "\\n" in path.read_text(encoding="utf-8")


def test_an_existing_0644_session_is_0600_after_a_save(
    tmp_path: Path, sample_session: Session
) -> None:
    # Copied in from a mail or a share with the umask's 0644: the next save makes it private.
    path = tmp_path / "x.toml"
    save_session(sample_session, path)
    path.chmod(0o644)
    path.with_suffix(".md").chmod(0o644)
    sample_session.place = "Et andet sted"
    save_session(sample_session, path)
    assert mode(path) == 0o600
    assert mode(path.with_suffix(".md")) == 0o600
    assert load_session(path).place == "Et andet sted"


def test_save_refuses_to_overwrite_a_newer_schema(tmp_path: Path, sample_session: Session) -> None:
    path = tmp_path / "x.toml"
    data = session_to_data(sample_session)
    data["schema"] = 99
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(NewerSessionError, match=r"newer facilitator.*not overwritten"):
        save_session(sample_session, path)
    assert path.read_bytes() == before
    assert not (tmp_path / "x.md").exists()


def test_save_fails_before_touching_disk_when_the_data_cannot_be_written(
    tmp_path: Path, sample_session: Session
) -> None:
    # The agenda snapshot is not cleaned like typed text; a lone surrogate cannot be UTF-8.
    sample_session.agenda = dataclasses.replace(sample_session.agenda, title="bad \ud800")
    path = tmp_path / "x.toml"
    with pytest.raises(StoreError) as caught:
        save_session(sample_session, path)
    assert str(caught.value).startswith(f"{path}: cannot be saved")
    assert "nothing was written" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


Failer = Callable[..., Any]


def failing(real: Failer, code: int, when: Callable[..., bool] = lambda *a: True) -> Failer:
    """A stand-in for an os function that raises OSError(code) when `when(args)` holds."""

    def fake(*args: Any, **kwargs: Any) -> Any:
        if when(*args):
            raise OSError(code, os.strerror(code))
        return real(*args, **kwargs)

    return fake


@pytest.mark.parametrize(
    ("target", "code", "reason"),
    [
        ("write", errno.ENOSPC, "the disk is full"),
        ("fsync", errno.EIO, "input/output error"),
        ("close", errno.EDQUOT, "disk quota"),
        ("replace", errno.EACCES, "permission denied"),
        ("mkstemp", errno.EROFS, "read-only"),
    ],
)
def test_save_failure_names_the_file_keeps_the_previous_version_and_no_temp(
    tmp_path: Path,
    sample_session: Session,
    monkeypatch: pytest.MonkeyPatch,
    target: str,
    code: int,
    reason: str,
) -> None:
    path = tmp_path / "x.toml"
    save_session(sample_session, path)
    before = path.read_bytes()
    sample_session.add_outcome(sample_session.current_theme, "decision", "Ny beslutning")
    module: Any = tempfile if target == "mkstemp" else os
    monkeypatch.setattr(module, target, failing(getattr(module, target), code))
    with pytest.raises(StoreError) as caught:
        save_session(sample_session, path)
    monkeypatch.undo()
    message = str(caught.value)
    assert message.startswith(f"{path}: could not save: ")
    assert reason in message
    assert "previous version is unchanged" in message
    assert "\n" not in message
    assert path.read_bytes() == before
    assert leftovers(tmp_path) == []
    assert len(load_session(path).outcomes()) == len(sample_session.outcomes()) - 1


def test_save_failure_of_a_new_file_says_nothing_was_saved(
    tmp_path: Path, sample_session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "fsync", failing(os.fsync, errno.ENOSPC))
    with pytest.raises(StoreError, match="disk is full; nothing saved"):
        save_session(sample_session, tmp_path / "x.toml")
    assert list(tmp_path.iterdir()) == []


def test_save_into_a_missing_folder_says_so(tmp_path: Path, sample_session: Session) -> None:
    with pytest.raises(StoreError, match="folder does not exist"):
        save_session(sample_session, tmp_path / "gone" / "x.toml")


def test_minutes_that_cannot_be_written_do_not_cost_the_session(
    tmp_path: Path, sample_session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "x.toml"
    to_md = lambda src, dst: str(dst).endswith(".md")  # noqa: E731
    monkeypatch.setattr(os, "replace", failing(os.replace, errno.ENOSPC, to_md))
    with pytest.raises(StoreError) as caught:
        save_session(sample_session, path)
    monkeypatch.undo()
    assert str(caught.value).startswith(f"{tmp_path / 'x.md'}: could not write the minutes")
    assert "the session itself was saved in x.toml" in str(caught.value)
    assert load_session(path) == sample_session
    assert leftovers(tmp_path) == []


def test_minutes_that_cannot_be_rendered_do_not_cost_the_session(
    tmp_path: Path, sample_session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(session: Session) -> str:
        raise RuntimeError("minutes bug")

    import facilitator.minutes

    monkeypatch.setattr(facilitator.minutes, "render_markdown", broken)
    path = tmp_path / "x.toml"
    with pytest.raises(StoreError, match=r"x\.md: could not render the minutes \(minutes bug\)"):
        save_session(sample_session, path)
    assert load_session(path) == sample_session


# -- loading ------------------------------------------------------------------------------


def _session_text(session: Session, **changes: Any) -> str:
    data = session_to_data(session)
    data.update(changes)
    return tomli_w.dumps(data)


LOAD_ERRORS: list[tuple[str, Callable[[Session], bytes], str]] = [
    ("not-utf8", lambda s: b'schema = 1\ncommittee = "B\xf8rneby"\n', r":2:15: not valid UTF-8"),
    ("nul", lambda s: b"schema = 1\x00", r": not a text file \(it contains NUL bytes"),
    ("bad-toml", lambda s: b'schema = 1\ncommittee = "open\n', r":2:18: TOML syntax error"),
    ("not-session", lambda s: b'title = "a shopping list"\n', r":1:1: not a facilitator session"),
    ("empty", lambda s: b"", r": not a facilitator session"),
    (
        "wrong-type",
        lambda s: _session_text(s, committee=5).encode(),
        r':\d+:1: "committee" must be a string \(in quotes\), got 5',
    ),
    (
        "wrong-shape",
        lambda s: _session_text(s, themes=[]).encode(),
        r":\d+:1: the themes do not match the agenda snapshot: no record for",
    ),
    (
        "newer",
        lambda s: _session_text(s, schema=2).encode(),
        r": written by a newer facilitator \(session schema 2; .*left untouched",
    ),
]


@pytest.mark.parametrize(
    ("name", "content", "message"), LOAD_ERRORS, ids=[e[0] for e in LOAD_ERRORS]
)
def test_load_error_is_one_line_naming_the_file_and_changes_nothing(
    tmp_path: Path,
    sample_session: Session,
    name: str,
    content: Callable[[Session], bytes],
    message: str,
) -> None:
    path = tmp_path / f"{name}.toml"
    raw = content(sample_session)
    path.write_bytes(raw)
    os.utime(path, (1_000_000_000, 1_000_000_000))
    with pytest.raises(StoreError) as caught:
        load_session(path)
    text = str(caught.value)
    assert text.startswith(f"{path}")
    assert "\n" not in text
    assert caught.match(message)
    assert path.read_bytes() == raw
    assert path.stat().st_mtime == 1_000_000_000
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{name}.toml"]


def test_load_error_quoting_a_value_with_line_breaks_stays_one_line(
    tmp_path: Path, sample_session: Session
) -> None:
    data = session_to_data(sample_session)
    data["participants"][0]["role"] = "konge\nog\r\nkejser"
    path = tmp_path / "x.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    with pytest.raises(StoreError) as caught:
        load_session(path)
    assert str(caught.value).endswith('got "konge\\nog\\r\\nkejser"')
    assert "\n" not in str(caught.value)


def test_newer_schema_is_its_own_error(tmp_path: Path, sample_session: Session) -> None:
    path = tmp_path / "x.toml"
    path.write_text(_session_text(sample_session, schema=2), encoding="utf-8")
    with pytest.raises(NewerSessionError):
        load_session(path)


def test_load_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"nope\.toml: file not found$"):
        load_session(tmp_path / "nope.toml")
    with pytest.raises(StoreError, match=r": is a folder, not a file$"):
        load_session(tmp_path)


def test_load_accepts_a_byte_order_mark(tmp_path: Path, sample_session: Session) -> None:
    # Notepad on Windows adds one when a secretary fixes a typo by hand.
    path = tmp_path / "x.toml"
    path.write_bytes(b"\xef\xbb\xbf" + _session_text(sample_session).encode("utf-8"))
    assert load_session(path) == sample_session


def test_load_unreadable_file(
    tmp_path: Path, sample_session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "x.toml"
    save_session(sample_session, path)

    def denied(*args: object) -> int:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(StoreError, match=r"x\.toml: permission denied$"):
        load_session(path)


# -- temp files ---------------------------------------------------------------------------


def test_clean_stale_temp_files_removes_only_our_old_temp_files(tmp_path: Path) -> None:
    old = time.time() - 120
    names = {
        ".x.toml.ab12_xyz.tmp": old,  # ours, old: removed
        ".x.md.zz99yy00.tmp": old,  # ours, old: removed
        ".x.toml.fresh123.tmp": time.time(),  # ours, but maybe a save running now: kept
        ".other.tmp": old,  # not our pattern: kept
        "x.toml": old,
        "x.toml.lock": old,
    }
    for name, mtime in names.items():
        (tmp_path / name).write_text("")
        os.utime(tmp_path / name, (mtime, mtime))
    assert clean_stale_temp_files(tmp_path) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [".x.toml.fresh123.tmp", ".other.tmp", "x.toml", "x.toml.lock"]
    )
    assert clean_stale_temp_files(tmp_path, min_age=0) == 1
    assert clean_stale_temp_files(tmp_path / "missing") == 0


# -- listing ------------------------------------------------------------------------------


def _saved(folder: Path, session: Session, name: str, mtime: float) -> Path:
    path = folder / name
    save_session(session, path)
    os.utime(path, (mtime, mtime))
    return path


@pytest.fixture
def sessions_folder(tmp_path: Path, sample_session: Session) -> Path:
    """Three sessions in different states, and junk that is not a session."""
    ended = dataclasses.replace(sample_session, committee="LMU Skole")
    ended.ended = datetime(2026, 3, 2, 16, 0).astimezone()
    approved = dataclasses.replace(sample_session, committee="HovedMED", started=None)
    approved.approve("Anne")
    _saved(tmp_path, sample_session, "a-in-progress.toml", 1_000_000_300)
    _saved(tmp_path, ended, "b-ended.toml", 1_000_000_200)
    _saved(tmp_path, approved, "c-approved.toml", 1_000_000_100)
    (tmp_path / "notes.toml").write_text('title = "not a session"\n')
    (tmp_path / "broken.toml").write_text('schema = 1\ncommittee = "x\n')
    (tmp_path / "binary.toml").write_bytes(b"\xff\xfe\x00\x01")
    (tmp_path / "newer.toml").write_text(_session_text(sample_session, schema=9))
    (tmp_path / ".hidden.toml").write_text(_session_text(sample_session))
    (tmp_path / ".a-in-progress.toml.abcd1234.tmp").write_text(_session_text(sample_session))
    (tmp_path / "a-in-progress.toml.lock").write_text(f"1 {HOST}")
    (tmp_path / "folder.toml").mkdir()
    nested = tmp_path / "2025" / "efteraar"
    nested.mkdir(parents=True)
    _saved(nested, sample_session, "old.toml", 900_000_000)
    (tmp_path / ".git").mkdir()
    _saved(tmp_path / ".git", sample_session, "hidden.toml", 900_000_000)
    return tmp_path


def test_list_sessions_newest_first_without_junk(
    sessions_folder: Path, sample_session: Session
) -> None:
    infos = list_sessions(sessions_folder)
    assert [(i.path.name, i.state, i.newer_schema) for i in infos] == [
        ("newer.toml", "in-progress", 9),
        ("a-in-progress.toml", "in-progress", 0),
        ("b-ended.toml", "ended", 0),
        ("c-approved.toml", "approved", 0),
    ]
    assert newest_unfinished(sessions_folder) == infos[1]
    infos = infos[1:]
    first = infos[0]
    assert first == SessionInfo(
        path=sessions_folder / "a-in-progress.toml",
        committee="Lokaludvalg Børneby Nord",
        agenda_id="sociale-medier",
        agenda_title=sample_session.agenda.title,
        date=date(2026, 3, 2),
        state="in-progress",
        started=sample_session.started,
        ended=None,
        mtime=1_000_000_300,
    )
    assert infos[1].ended is not None
    assert infos[2].started is None
    assert infos[2].date == date(2026, 3, 2)  # from the planned start


def test_list_sessions_recursive(sessions_folder: Path) -> None:
    names = [i.path.relative_to(sessions_folder) for i in list_sessions(sessions_folder, True)]
    assert names[-1] == Path("2025/efteraar/old.toml")
    assert len(names) == 5  # the newer-schema file is listed too, marked


def test_list_sessions_of_a_missing_folder_is_empty(tmp_path: Path) -> None:
    assert list_sessions(tmp_path / "missing") == []
    assert newest_unfinished(tmp_path / "missing") is None


def test_list_sessions_reads_a_file_laid_out_by_hand(
    tmp_path: Path, sample_session: Session
) -> None:
    # CRLF line ends and the agenda first defeat the quick read; the full parse takes over.
    path = _saved(tmp_path, sample_session, "x.toml", 1_000_000_000)
    quick = list_sessions(tmp_path)
    data = session_to_data(sample_session)
    reordered = {"agenda": data.pop("agenda"), **data}
    text = tomli_w.dumps(reordered).replace("\n", "\r\n")
    path.write_bytes(text.encode("utf-8"))
    os.utime(path, (1_000_000_000, 1_000_000_000))
    assert load_session(path) == sample_session
    assert list_sessions(tmp_path) == quick


def test_newest_unfinished(sessions_folder: Path) -> None:
    found = newest_unfinished(sessions_folder)
    assert found is not None and found.path.name == "a-in-progress.toml"
    (sessions_folder / "a-in-progress.toml").unlink()
    assert newest_unfinished(sessions_folder) is None


def test_find_session_files(sessions_folder: Path, tmp_path: Path) -> None:
    extra = tmp_path / "elsewhere.toml"
    found = find_session_files([sessions_folder, extra, sessions_folder / "b-ended.toml"])
    names = [p.relative_to(sessions_folder).as_posix() for p in found]
    assert names == [
        "a-in-progress.toml",
        "b-ended.toml",
        "binary.toml",
        "broken.toml",
        "c-approved.toml",
        "newer.toml",
        "notes.toml",
        "2025/efteraar/old.toml",
        "elsewhere.toml",
    ]


def test_list_sessions_quick_read_is_cheap_and_agrees_with_a_full_load(
    tmp_path: Path, sample_session: Session
) -> None:
    path = _saved(tmp_path, sample_session, "x.toml", 1_000_000_000)
    info = store.session_info(path)
    loaded = load_session(path)
    assert info is not None
    assert (info.committee, info.agenda_id, info.agenda_title, info.state) == (
        loaded.committee,
        loaded.agenda.id,
        loaded.agenda.title,
        loaded.state,
    )
    assert (info.date, info.started, info.ended) == (loaded.date, loaded.started, loaded.ended)


def test_dates_follow_the_meeting_not_the_file(tmp_path: Path, sample_session: Session) -> None:
    assert sample_session.started is not None
    sample_session.started += timedelta(days=3)
    path = _saved(tmp_path, sample_session, "x.toml", 1_000_000_000)
    info = store.session_info(path)
    assert info is not None and info.date == date(2026, 3, 5)
