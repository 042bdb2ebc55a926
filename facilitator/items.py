"""Themes that join a session after its agenda was chosen: added on the spot, carried over.

A session carries a snapshot of its agenda, so a theme added during the meeting goes into that
snapshot and gets a record beside the others: the minutes, the register and a follow-up see it
like any other theme. Every way of adding one (the chair's key, carrying postponed themes into a
follow-up, the MED standing items) goes through `insert_theme` or `insert_section`.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable

from facilitator.agenda import TIMEBOX_MAX, TIMEBOX_MIN, Section, Theme, ThemeKind
from facilitator.session import Session, ThemeOrigin, ThemeRecord, clean_line

_NOT_KEBAB = re.compile(r"[^a-z0-9]+")
_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})


def slug(text: str, fallback: str = "punkt") -> str:
    """A kebab-case id from a title: `Eventuelt` -> `eventuelt`, `Økonomi` -> `oekonomi`."""
    text = unicodedata.normalize("NFKD", clean_line(text).lower().translate(_DANISH))
    text = "".join(char for char in text if not unicodedata.combining(char))
    return _NOT_KEBAB.sub("-", text).strip("-")[:40].strip("-") or fallback


def unique_id(session: Session, wanted: str) -> str:
    """`wanted`, or `wanted-2`, `wanted-3`... so no theme or section of the session shares it."""
    taken = {theme.id for theme in session.agenda.themes}
    taken |= {section.id for section in session.agenda.sections}
    candidate, number = wanted, 1
    while candidate in taken:
        number += 1
        candidate = f"{wanted}-{number}"
    return candidate


def new_theme(
    session: Session,
    title: str,
    timebox: int,
    kind: ThemeKind = "discussion",
    description: str = "",
    prompts: Iterable[str] = (),
    theme_id: str = "",
) -> Theme:
    """A theme for this session: a cleaned title, a timebox in bounds, an id of its own."""
    title = clean_line(title)
    if not title:
        raise ValueError("a theme needs a title")
    if not TIMEBOX_MIN <= timebox <= TIMEBOX_MAX:
        raise ValueError(f"a timebox is {TIMEBOX_MIN} to {TIMEBOX_MAX} minutes, not {timebox}")
    return Theme(
        id=unique_id(session, theme_id or slug(title)),
        title=title,
        timebox=timebox,
        kind=kind,
        description=description,
        prompts=tuple(prompts),
    )


def insert_theme(
    session: Session, theme: Theme, after: str, origin: ThemeOrigin = "added"
) -> ThemeRecord:
    """Put `theme` right after the theme `after`, in the same section; returns its record."""
    section = session.agenda.section_of(after)
    themes = list(section.themes)
    themes.insert([t.id for t in themes].index(after) + 1, theme)
    _replace_section(session, section, dataclasses.replace(section, themes=tuple(themes)))
    return _add_record(session, theme, origin)


def insert_section(
    session: Session, section: Section, index: int, origin: ThemeOrigin = "added"
) -> list[ThemeRecord]:
    """Put a whole section (its ids unique in the session) at `index` among the sections."""
    sections = list(session.agenda.sections)
    sections.insert(max(0, min(index, len(sections))), section)
    session.agenda = dataclasses.replace(session.agenda, sections=tuple(sections))
    return [_add_record(session, theme, origin) for theme in section.themes]


def add_on_the_spot(session: Session, title: str, timebox: int) -> ThemeRecord:
    """The chair's new item, after the current theme: it is the next one to take up."""
    theme = new_theme(session, title, timebox)
    return insert_theme(session, theme, after=session.current_theme, origin="added")


def remove_theme(session: Session, theme_id: str) -> None:
    """Take a theme out of the session (and its section, if it was the last one there).

    Only a theme nothing happened on goes: never the current one, never one with time,
    notes or outcomes, never the last theme of the session.
    """
    record = session.record(theme_id)
    if theme_id == session.current_theme:
        raise ValueError("the current theme cannot be removed")
    if record.seconds > 0 or session.has_capture(theme_id) or record.presented:
        raise ValueError("a theme the meeting has worked on cannot be removed")
    if len(session.themes) == 1:
        raise ValueError("a meeting needs at least one theme")
    section = session.agenda.section_of(theme_id)
    themes = tuple(theme for theme in section.themes if theme.id != theme_id)
    if themes:
        _replace_section(session, section, dataclasses.replace(section, themes=themes))
    else:
        sections = tuple(s for s in session.agenda.sections if s.id != section.id)
        session.agenda = dataclasses.replace(session.agenda, sections=sections)
    session.themes.remove(record)


def _replace_section(session: Session, old: Section, new: Section) -> None:
    sections = tuple(new if s.id == old.id else s for s in session.agenda.sections)
    session.agenda = dataclasses.replace(session.agenda, sections=sections)


def _add_record(session: Session, theme: Theme, origin: ThemeOrigin) -> ThemeRecord:
    """A record for a theme already in the agenda snapshot, the records kept in its order."""
    record = ThemeRecord(theme.id, theme.timebox, origin=origin)
    session.themes.append(record)
    order = {t.id: index for index, t in enumerate(session.agenda.themes)}
    session.themes.sort(key=lambda r: order[r.theme_id])
    return record
