"""Dates as a secretary types them in the outcome dialog and on the command line."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator.dates import DateError, parse_date

TODAY = date(2026, 1, 31)  # a month end: +1m has to land on a real day


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-01", date(2026, 3, 1)),
        ("2026-3-1", date(2026, 3, 1)),
        ("1.3.2026", date(2026, 3, 1)),
        ("01.03.2026", date(2026, 3, 1)),
        ("01.03.26", date(2026, 3, 1)),
        ("1. 3. 2026", date(2026, 3, 1)),
        ("1-3-2026", date(2026, 3, 1)),
        ("1/3-2026", date(2026, 3, 1)),
        ("1/3/2026", date(2026, 3, 1)),
        ("29.2.2028", date(2028, 2, 29)),
        ("31.12.2026", date(2026, 12, 31)),
        ("  1.3.2026\t", date(2026, 3, 1)),
        ("\n2026-03-01 ", date(2026, 3, 1)),
    ],
)
def test_absolute_dates(text: str, expected: date) -> None:
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("+14d", date(2026, 2, 14)),
        ("+14", date(2026, 2, 14)),
        ("+ 14 d", date(2026, 2, 14)),
        ("+0d", TODAY),
        ("+1d", date(2026, 2, 1)),
        ("+2w", date(2026, 2, 14)),
        ("+2u", date(2026, 2, 14)),  # uge: Danish for week
        ("+1m", date(2026, 2, 28)),  # no 31 February: the month's last day
        ("+2m", date(2026, 3, 31)),
        ("+3m", date(2026, 4, 30)),
        ("+12m", date(2027, 1, 31)),
        ("+13m", date(2027, 2, 28)),
        ("+25m", date(2028, 2, 29)),  # a leap year keeps the 29th
        ("+14D", date(2026, 2, 14)),
        ("+2W", date(2026, 2, 14)),
    ],
)
def test_relative_dates_count_from_today(text: str, expected: date) -> None:
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 3, 31), date(2026, 4, 30)),
        (date(2026, 5, 15), date(2026, 6, 15)),
        (date(2026, 12, 31), date(2027, 1, 31)),
        (date(2027, 1, 29), date(2027, 2, 28)),
        (date(2028, 1, 30), date(2028, 2, 29)),
    ],
)
def test_one_month_on_lands_on_a_real_day(today: date, expected: date) -> None:
    assert parse_date("+1m", today) == expected


@pytest.mark.parametrize("text", ["i dag", "I dag", "idag", "today", "Today", "  i   dag  "])
def test_today(text: str) -> None:
    assert parse_date(text, TODAY) == TODAY


@pytest.mark.parametrize("text", ["i morgen", "imorgen", "tomorrow"])
def test_tomorrow(text: str) -> None:
    assert parse_date(text, TODAY) == date(2026, 2, 1)


@pytest.mark.parametrize(
    "text", ["abc", "+", "14d", "+d", "-14d", "+14x", "1.3", "2026/03/01", "next week"]
)
def test_nonsense_is_not_a_date(text: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(text, TODAY)
    message = str(caught.value)
    assert message == f'"{text.strip()}" is not a date: write 2026-03-01, 1.3.2026, +14d or +2w'


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_is_not_a_date(text: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(text, TODAY)
    assert str(caught.value) == '"" is not a date: write 2026-03-01, 1.3.2026, +14d or +2w'


@pytest.mark.parametrize("text", ["31.2.2026", "2026-13-01", "0.1.2026", "29.2.2026", "2026-02-30"])
def test_impossible_days_say_so(text: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(text, TODAY)
    assert str(caught.value) == f'"{text}" is not a day in the calendar'


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2098, 12, 31)))
def test_every_written_form_of_a_day_reads_back(day: date) -> None:
    forms = [
        day.isoformat(),
        f"{day.day}.{day.month}.{day.year}",
        f"{day.day:02}.{day.month:02}.{day.year % 100:02}",
        f"{day.day}/{day.month}-{day.year}",
    ]
    for form in forms:
        assert parse_date(form, TODAY) == day, form


@given(
    today=st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)),
    days=st.integers(0, 3650),
)
def test_relative_days_and_weeks(today: date, days: int) -> None:
    assert (parse_date(f"+{days}d", today) - today).days == days
    assert (parse_date(f"+{days // 7}w", today) - today).days == days // 7 * 7


@given(
    today=st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)),
    months=st.integers(0, 120),
)
def test_relative_months_keep_the_day_or_take_the_last(today: date, months: int) -> None:
    result = parse_date(f"+{months}m", today)
    assert (result.year * 12 + result.month) - (today.year * 12 + today.month) == months
    assert result.day == today.day or (result.day < today.day and (result.day >= 28))


@given(st.text(max_size=20))
def test_any_text_is_a_date_or_a_clear_error(text: str) -> None:
    try:
        parse_date(text, TODAY)
    except DateError as error:
        assert str(error)
