"""A session file whose end comes before its start is refused like any other damaged file.

Hand edits, a clock set back, a file from another laptop: the minutes would read «kl. 14.00 til
kl. 13.30». Instants are compared, so a meeting that ends after midnight, or in the hour the
clocks go back, is valid.
"""

from __future__ import annotations

import re
import zlib
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
import tomli_w
from hostile.make_hostile import base_session

from facilitator.cli import main
from facilitator.codec import session_to_data
from facilitator.register.lean import summarize_text
from facilitator.store import StoreError, load_session

CET = timezone(timedelta(hours=1))
CEST = timezone(timedelta(hours=2))


def write(folder: Path, started: datetime, ended: datetime, name: str = "møde") -> Path:
    session = base_session()
    session.id = f"{zlib.crc32(name.encode()):012d}"  # one meeting per name
    data = session_to_data(session)
    data.update(started=started, ended=ended)
    path = folder / f"{name}.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("started", "ended"),
    [
        (datetime(2026, 3, 12, 14, 0, tzinfo=CET), datetime(2026, 3, 12, 13, 30, tzinfo=CET)),
        # The wall clock reads later, the instant is earlier: 14.30 CET is 13.30 UTC.
        (datetime(2026, 3, 12, 14, 0, tzinfo=UTC), datetime(2026, 3, 12, 14, 30, tzinfo=CET)),
        # A day back: typed the wrong date.
        (datetime(2026, 3, 12, 23, 30, tzinfo=CET), datetime(2026, 3, 11, 0, 45, tzinfo=CET)),
    ],
    ids=["same-day", "other-offset", "day-before"],
)
def test_an_end_before_the_start_is_refused_with_its_line(
    tmp_path: Path, started: datetime, ended: datetime
) -> None:
    path = write(tmp_path, started, ended)
    with pytest.raises(StoreError) as refused:
        load_session(path)
    [problem] = refused.value.problems
    line = next(
        number
        for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if text.startswith("ended = ")
    )
    assert problem.startswith(f"{path}:{line}:1: "), problem
    assert re.search(r'"ended" \(.+\) comes before "started" \(.+\)', problem), problem


@pytest.mark.parametrize(
    ("started", "ended"),
    [
        # Past midnight: ended the next day.
        (datetime(2026, 12, 2, 23, 30, tzinfo=CET), datetime(2026, 12, 3, 0, 45, tzinfo=CET)),
        # The night the clocks go back: 02.10 winter time comes after 02.40 summer time.
        (datetime(2026, 10, 25, 2, 40, tzinfo=CEST), datetime(2026, 10, 25, 2, 10, tzinfo=CET)),
        # Ended the moment it started (ctrl+e straight away).
        (datetime(2026, 3, 12, 14, 0, tzinfo=CET), datetime(2026, 3, 12, 14, 0, tzinfo=CET)),
    ],
    ids=["past-midnight", "clocks-go-back", "same-moment"],
)
def test_an_end_after_the_start_loads(tmp_path: Path, started: datetime, ended: datetime) -> None:
    session = load_session(write(tmp_path, started, ended))
    assert session.started == started and session.ended == ended


def test_a_time_without_an_offset_is_local_and_compared_without_a_crash(tmp_path: Path) -> None:
    started = datetime(2026, 3, 12, 14, 0).astimezone()
    path = write(tmp_path, started, datetime(2026, 3, 12, 13, 0))  # no offset: local time
    with pytest.raises(StoreError, match="comes before"):
        load_session(path)
    assert load_session(write(tmp_path, started, datetime(2026, 3, 12, 15, 0), "senere")).ended


def test_commands_on_one_session_exit_2_naming_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(
        tmp_path, datetime(2026, 3, 12, 14, 0, tzinfo=CET), datetime(2026, 3, 12, 13, 0, tzinfo=CET)
    )
    for args in (
        ["export", str(path), "--format", "md"],
        ["export", str(path), "--format", "html"],
        ["resume", str(path)],
        ["followup", str(path)],
        ["present", str(path)],
    ):
        assert main(args) == 2, args
        out, err = capsys.readouterr()
        assert out == ""
        assert err.startswith(f"facilitator: {path}:"), (args, err)
        assert "comes before" in err and "Traceback" not in err
        assert len(err.splitlines()) == 1


def test_a_folder_lists_it_as_a_problem_and_reads_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    day = datetime(2026, 3, 12, 14, 0, tzinfo=CET)
    bad = write(tmp_path, day, day - timedelta(minutes=30), "baglaens")
    write(tmp_path, day, day + timedelta(minutes=90), "fin")
    # The register's quick reader steps aside, so the careful one names the problem.
    assert summarize_text(bad.read_text(encoding="utf-8"), bad, 0) is None
    for command, good in (
        ("agreements", "Skærmbilleder gemmes i sagen"),
        ("coverage", "Lokaludvalg Børneby Nord"),
    ):
        assert main([command, str(tmp_path)]) == 0
        out, err = capsys.readouterr()
        assert good in out  # the good meeting is read
        [line] = [line for line in err.splitlines() if line.startswith(str(bad))]
        assert re.match(rf"{re.escape(str(bad))}:\d+:\d+: .*comes before.*, skipped$", line)
        assert "1 file skipped (could not be read); 1 meeting read" in err
    assert main(["agreements", str(tmp_path), "--strict"]) == 1
    capsys.readouterr()
