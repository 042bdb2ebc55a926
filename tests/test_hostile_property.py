"""Any TOML shaped like a session or an agenda, nested and ranged at random, through every command.

Whatever the values (huge or negative numbers, inf and nan, years 1 to 9999, control
sequences, markup, tables where text belongs, lists nested deep), each command exits 0, 1 or
2, prints no traceback and puts no control character on the terminal.
"""

from __future__ import annotations

import copy
import math
import re
import tempfile
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hostile.make_hostile import base_agenda, base_session
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator.cli import main
from facilitator.codec import session_to_data

UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff]"
)
NASTY_TEXT = st.sampled_from(
    [
        "\x1b[2J",
        "\x1b]52;c;cm0=\x07",
        "\x1b]8;;x\x1b\\",
        "\x9b31m",
        "\u202e",
        "\u200b",
        "[/]",
        "[Udkast]",
        "[bold]",
        "\x07",
        "",
        "Mødet",
    ]
)
TEXTS = st.lists(st.one_of(NASTY_TEXT, st.text(max_size=8)), max_size=4).map("".join)
SCALARS = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([0, 1, 480, 481, 1440, 1441, 2**63 - 1, -1]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([math.inf, -math.inf, math.nan, 1e308, -1e30]),
    st.booleans(),
    TEXTS,
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)),
    st.datetimes(
        min_value=datetime(1, 1, 2),
        max_value=datetime(9999, 12, 30),
        timezones=st.just(UTC),
    ),
    st.times().map(lambda t: time(t.hour, t.minute)),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXTS, inner, max_size=3),
    max_leaves=8,
)


def mutate(data: Any, draw: Any, depth: int = 0) -> Any:
    """Replace one value somewhere (or drop a key, or bury a value in lists) at random."""
    if isinstance(data, dict) and data:
        key = draw(st.sampled_from(sorted(data)))
        action = draw(st.integers(0, 3))
        if action == 0 and isinstance(data[key], dict | list) and data[key]:
            mutate(data[key], draw, depth + 1)
        elif action == 1:
            del data[key]
        elif action == 2:
            data[key] = draw(VALUES)
        else:
            value: Any = data[key]
            for _ in range(draw(st.integers(1, 30))):
                value = [value]
            data[key] = value
    elif isinstance(data, list) and data:
        index = draw(st.integers(0, len(data) - 1))
        if isinstance(data[index], dict | list) and draw(st.booleans()):
            mutate(data[index], draw, depth + 1)
        else:
            data[index] = draw(VALUES)
    return data


SESSION = session_to_data(base_session())
AGENDA = base_agenda()


def _dump(data: dict[str, Any]) -> str | None:
    try:
        return tomli_w.dumps(data)
    except (TypeError, ValueError):
        return None  # not expressible in TOML (a mixed array of tables, say)


def _check(capsys: pytest.CaptureFixture[str], *args: str) -> None:
    try:
        code = main(list(args))
    except SystemExit as leaving:
        code = int(leaving.code or 0)
    out, err = capsys.readouterr()
    assert code in (0, 1, 2), (args, err)
    assert "Traceback" not in out + err
    assert not UNSAFE.search(out), args
    assert not UNSAFE.search(err), args


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_any_session_shaped_toml_through_every_command(
    data: st.DataObject, capsys: pytest.CaptureFixture[str]
) -> None:
    damaged = copy.deepcopy(SESSION)
    for _ in range(data.draw(st.integers(1, 4))):
        mutate(damaged, data.draw)
    text = _dump(damaged)
    if text is None:
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.toml"
        path.write_text(text, encoding="utf-8")
        for args in (
            ("validate", str(path)),
            ("export", str(path), "--format", "md"),
            ("export", str(path), "--format", "html", "--anonymize"),
            ("agreements", str(path), "--kind", "all"),
            ("coverage", str(path)),
        ):
            _check(capsys, *args)
        assert path.read_text(encoding="utf-8") == text  # nothing changed on disk


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_any_agenda_shaped_toml_through_validate(
    data: st.DataObject, capsys: pytest.CaptureFixture[str]
) -> None:
    damaged = copy.deepcopy(AGENDA)
    for _ in range(data.draw(st.integers(1, 4))):
        mutate(damaged, data.draw)
    text = _dump(damaged)
    if text is None:
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "agenda.toml"
        path.write_text(text, encoding="utf-8")
        _check(capsys, "validate", str(path))
