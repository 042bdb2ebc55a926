"""Follow-up meetings: a new session that reviews the open outcomes of a committee's earlier ones."""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from facilitator import store
from facilitator.agenda import PLANNED_MAX, Agenda, Section, Theme
from facilitator.agenda_model import find
from facilitator.carry import carry_into, leftovers
from facilitator.i18n import translate
from facilitator.reviews import latest_reviews
from facilitator.session import (
    CLOSED_STATUSES,
    REVIEW_STATUSES,
    REVIEW_THEME_ID,
    Outcome,
    Participant,
    Review,
    ReviewStatus,
    Session,
    clean_text,
    now,
)
from facilitator.standing import add_standing_items, standing_item_of

REVIEW_SECTION_ID = "opfoelgning-tidligere"
FOLLOWUP_SECTION_IDS = ("opfoelgning", "follow-up", "followup")
REVIEWED_KINDS = ("agreement", "action", "question")

# Minutes per reviewed item, and the bounds of the review theme's timebox.
MINUTES_PER_ITEM = 1.5
REVIEW_MIN_MINUTES, REVIEW_MAX_MINUTES = 10, 60


# The review theme's texts, in English; Danish in facilitator/i18n/da.py.
REVIEW_TITLE = "Review of earlier outcomes"
REVIEW_DESCRIPTION = (
    "Go through each agreement, action and open question of the earlier meetings: "
    "where does it stand, and what happens next?"
)
REVIEW_PROMPTS = (
    "Has the agreement been carried out?",
    "If not: what is missing, who does it, and by when?",
    "Should the agreement be changed, or dropped?",
    "Have the open questions been answered?",
)
FOLLOWUP_PREFIX = "Follow-up: "  # before the agenda's title


def review_timebox(items: int) -> int:
    """Minutes for the review theme: 1.5 per item, at least 10, at most 60."""
    return min(REVIEW_MAX_MINUTES, max(REVIEW_MIN_MINUTES, math.ceil(MINUTES_PER_ITEM * items)))


def open_items(earlier: Session, chain: list[Session]) -> list[Review]:
    """Reviews to fill in: every agreement, action and question not closed, oldest meeting first."""
    sessions = [*chain, earlier]
    latest = latest_reviews((session.date, session.reviews) for session in sessions)
    items: list[Review] = []
    seen: set[str] = set()
    for session in sorted(sessions, key=lambda s: s.date):
        for record, outcome in session.outcomes():
            if outcome.kind not in REVIEWED_KINDS or outcome.id in seen:
                continue
            seen.add(outcome.id)
            last = latest.get(outcome.id)
            if last is not None and last.status in CLOSED_STATUSES:
                continue
            items.append(_review_of(session, record.theme_id, outcome, last))
    return items


def _review_of(session: Session, theme_id: str, outcome: Outcome, last: Review | None) -> Review:
    try:
        title = session.theme(theme_id).title
    except KeyError:
        title = ""
    return Review(
        outcome_id=outcome.id,
        kind=outcome.kind,
        text=outcome.text,
        owner=outcome.owner,
        due=outcome.due,
        meeting_date=session.date,
        theme_title=title,
        status=last.status if last else "",
        comment=last.comment if last else "",
    )


def followup_agenda(earlier: Session, items: int, agenda: Agenda | None = None) -> Agenda:
    """The follow-up meeting's agenda: the review theme, then `agenda` or the follow-up section."""
    base = agenda or earlier.agenda
    title = translate(REVIEW_TITLE, base.language)
    review = Section(
        id=REVIEW_SECTION_ID,
        title=title,
        themes=(
            Theme(
                id=REVIEW_THEME_ID,
                title=title,
                timebox=review_timebox(items),
                kind="discussion",
                description=translate(REVIEW_DESCRIPTION, base.language),
                prompts=tuple(translate(prompt, base.language) for prompt in REVIEW_PROMPTS),
            ),
        ),
    )
    rest = _without_review(base.sections if agenda is not None else (_followup_section(base),))
    prefix = translate(FOLLOWUP_PREFIX, base.language)
    title = base.title if base.title.startswith(prefix) else prefix + base.title
    return Agenda(
        id=base.id,
        title=title,
        language=base.language,
        sections=(review, *rest),
        version=base.version,
        source=base.source,
        description=base.description,
        standing_items=base.standing_items,
    )


def _followup_section(agenda: Agenda) -> Section:
    """The agenda's follow-up section by its id, else its last section of the paper.

    An earlier meeting's agenda ends on its standing items: «Næste møde» is no follow-up
    section, and the follow-up gets standing items of its own.
    """
    sections = tuple(
        section
        for section in _without_review(agenda.sections)
        if not all(standing_item_of(theme) for theme in section.themes)
    )
    for section in sections:
        if section.id in FOLLOWUP_SECTION_IDS:
            return section
    if not sections:
        raise ValueError(f'agenda "{agenda.id}" has no section to follow up with')
    return sections[-1]


def _without_review(sections: Iterable[Section]) -> tuple[Section, ...]:
    """Sections without an earlier follow-up's review theme, so it never appears twice."""
    kept: list[Section] = []
    for section in sections:
        if section.id == REVIEW_SECTION_ID:
            continue
        themes = tuple(theme for theme in section.themes if theme.id != REVIEW_THEME_ID)
        if themes:
            kept.append(Section(section.id, section.title, themes, section.description))
    return tuple(kept)


def start_followup(earlier: Session, chain: list[Session], agenda: Agenda | None = None) -> Session:
    """A new session of the same committee that reviews what `earlier` and its chain left open."""
    items = open_items(earlier, chain)
    session = Session.new(earlier.committee, followup_agenda(earlier, len(items), agenda))
    session.place = earlier.place
    session.chair = earlier.chair
    session.secretary = earlier.secretary
    session.formand = earlier.formand
    session.naestformand = earlier.naestformand
    session.participants = [
        Participant(name=p.name, role=p.role, side=p.side, present=True)
        for p in earlier.participants
    ]
    session.followup_of = earlier.id
    session.reviews = items
    # What the earlier meeting postponed or never reached comes back; the form may drop it.
    carry_into(session, leftovers(earlier))
    # Framed by the MED standing items, the second one naming the minutes it approves.
    add_standing_items(session, previous=earlier.date)
    session.planned_minutes = max(1, min(session.timebox_minutes, PLANNED_MAX))
    return session


def set_review(
    session: Session,
    outcome_id: str,
    status: ReviewStatus,
    comment: str | None = None,
    at: datetime | None = None,
) -> Review:
    """Record the meeting's verdict on one reviewed outcome, stamped with the time."""
    if status not in REVIEW_STATUSES:
        raise ValueError(
            f'"{status}" is not a review status (expected one of '
            f"{', '.join(s for s in REVIEW_STATUSES if s)})"
        )
    review = find(session.reviews, lambda review: review.outcome_id == outcome_id, outcome_id)
    review.status = status
    if comment is not None:
        review.comment = clean_text(comment).strip()
    review.reviewed = at or now()
    return review


# The last folders indexed, by their modification times: the register anonymises every
# follow-up of a folder, and reading every file's head again for each would take minutes.
_INDEX: tuple[tuple[tuple[str, int], ...], dict[str, Path]] | None = None


def _sessions_by_id(folders: list[Path]) -> dict[str, Path]:
    """Which file holds each session id in `folders` (the newest copy of a meeting)."""
    global _INDEX
    try:
        # Adding, removing or saving (a rename) a session changes its folder's time.
        key = tuple((str(folder.resolve()), folder.stat().st_mtime_ns) for folder in folders)
    except OSError:
        key = ()
    if key and _INDEX is not None and _INDEX[0] == key:
        return _INDEX[1]
    found: dict[str, tuple[int, Path]] = {}
    # Exports are never found: a copy, perhaps anonymised, is not the session.
    for path in store.find_session_files(folders):
        head = _head(path)
        if head is None:
            continue
        with contextlib.suppress(OSError):
            # The same meeting in two files (copied, mailed): the newest is the truth.
            stamp = path.stat().st_mtime_ns
            if head[0] not in found or stamp > found[head[0]][0]:
                found[head[0]] = (stamp, path)
    paths = {session_id: path for session_id, (_, path) in found.items()}
    if key:
        _INDEX = (key, paths)
    return paths


def _head(path: Path) -> tuple[str, str] | None:
    """A session file's id and followup_of, read from its top-level keys only (fast)."""
    top = store.session_head(path)
    if top is None:
        return None
    session_id, earlier = top.get("id"), top.get("followup_of", "")
    if not isinstance(session_id, str) or not isinstance(earlier, str):
        return None
    return session_id, earlier


def prepare_followup(
    session_path: Path, sessions_dirs: list[Path], agenda: Agenda | None = None
) -> Session:
    """Load SESSION, find its chain beside it and in the sessions folders, start the follow-up.

    Raises StoreError when SESSION cannot be read, ValueError when it cannot be followed up.
    Other unreadable files are passed over: a broken file elsewhere must not stop a meeting.
    """
    session_path = Path(session_path)
    earlier = store.load_session(session_path)
    return start_followup(earlier, earlier_sessions(earlier, session_path, sessions_dirs), agenda)


def earlier_participants(
    session: Session, session_path: Path, sessions_dirs: Iterable[Path] = ()
) -> list[str]:
    """The names of the people at the meetings `session` follows up: its reviews name them.

    An anonymised export withholds them too. Nothing for a meeting that follows up none.
    """
    if not session.followup_of:
        return []
    chain = earlier_sessions(session, session_path, sessions_dirs)
    return [participant.name for earlier in chain for participant in earlier.participants]


def earlier_sessions(
    session: Session, session_path: Path, sessions_dirs: Iterable[Path] = ()
) -> list[Session]:
    """The meetings `session` follows up, oldest first, found beside it and in the folders.

    Files that cannot be read are passed over: the chain ends at the first one missing.
    """
    earlier = session
    folders = [folder for folder in [session_path.parent, *sessions_dirs] if folder.is_dir()]
    paths = _sessions_by_id(folders)
    chain: list[Session] = []
    seen = {earlier.id}
    wanted = earlier.followup_of
    while wanted and wanted not in seen and wanted in paths:
        seen.add(wanted)
        try:
            previous = store.load_session(paths[wanted])
        except store.StoreError:
            break  # the chain ends at a file that cannot be read; what is before it is lost
        if previous.id != wanted:
            break
        chain.append(previous)
        wanted = previous.followup_of
    chain.reverse()
    return chain
