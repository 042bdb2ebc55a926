"""A committee's local guidelines: the agreements and decisions in force, theme by theme.

The guide ends in local guidelines: each committee agrees what the guide means for its unit.
This collects them from the committee's meetings into one document: the meetings it comes
from and who approved them, the guide's minimum obligations as the frame, then per theme the
agreements and decisions still in force (the latest follow-up status decides), and open
actions as work in progress.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from facilitator import store
from facilitator.document import Bullets, Document, Heading, Paragraph, Quote
from facilitator.followup import REVIEW_SECTION_ID
from facilitator.i18n import format_date
from facilitator.register.rows import latest_statuses
from facilitator.register.summary import Summary
from facilitator.roster import Roster, name_key
from facilitator.session import REVIEW_THEME_ID, Session

# A verdict that takes an agreement out of force: dropped, or replaced by a newer one.
OUT_OF_FORCE = frozenset({"dropped", "superseded"})
CLOSED = frozenset({"done", "dropped", "superseded"})


class GuidelinesError(Exception):
    """The guidelines cannot be written (no meeting of that committee): one line for the user."""


@dataclass(frozen=True)
class Meeting:
    """One meeting the guidelines come from."""

    day: date
    state: str
    approved_by: str
    approved_at: date | None
    path: Path


@dataclass(frozen=True)
class Item:
    """An agreement, decision or action in the guidelines, with the meeting that made it."""

    kind: str
    text: str
    owner: str
    due: date | None
    made: date  # the date of the meeting that made it
    status: str


@dataclass(frozen=True)
class ThemeItems:
    """The items in force on one theme of the guide."""

    ref: str
    title: str
    section: str
    in_force: tuple[Item, ...]


@dataclass(frozen=True)
class Obligation:
    """One minimum obligation of the guide: the theme's title and its points, quoted."""

    title: str
    points: tuple[str, ...]


@dataclass(frozen=True)
class Guidelines:
    """Everything the document shows, before it is written in a format."""

    committee: str
    agenda_title: str
    meetings: tuple[Meeting, ...]
    obligations: tuple[Obligation, ...]
    themes: tuple[ThemeItems, ...]
    in_progress: tuple[tuple[str, Item], ...]  # (theme title, open action)


def meetings_of(
    summaries: Sequence[Summary], committee: str, roster: Roster | None
) -> list[Summary]:
    """The summaries of one committee: by its roster name or any alias, else as typed."""

    def key(name: str) -> str:
        return name_key(roster.canonical(name) if roster else name)

    wanted = key(committee)
    return [summary for summary in summaries if key(summary.committee) == wanted]


def collect_guidelines(
    summaries: Sequence[Summary], committee: str, roster: Roster | None = None
) -> Guidelines:
    """The guidelines of one committee from every session found (others' reviews count too).

    Raises GuidelinesError when the committee has no meeting among the summaries.
    """
    own = sorted(meetings_of(summaries, committee, roster), key=lambda s: (s.date, s.mtime_ns))
    if not own:
        known = sorted(
            {roster.canonical(s.committee) if roster else s.committee for s in summaries}
        )
        hint = f"; committees found: {', '.join(known)}" if known else ""
        raise GuidelinesError(f'no meeting of the committee "{committee}"{hint}')
    latest = latest_statuses(summaries)
    pairs: list[tuple[Summary, Session]] = []
    for summary in own:
        try:
            pairs.append((summary, store.load_session(summary.path)))
        except (store.StoreError, OSError):
            continue  # changed or removed since the scan: the others still make guidelines
    sessions = [session for _, session in pairs]
    if not sessions:
        raise GuidelinesError(f'the meetings of "{committee}" could not be read again')
    name = roster.canonical(committee) if roster else own[-1].committee
    guide = max(sessions, key=lambda s: (len(s.agenda.themes), s.date))
    order: dict[str, tuple[str, str, str]] = {}
    refs = guide.agenda.refs()
    for section in guide.agenda.sections:
        if section.id == REVIEW_SECTION_ID:
            continue
        for theme in section.themes:
            order[theme.id] = (str(refs[theme.id]), theme.title, section.title)
    obligations = tuple(
        Obligation(theme.title, theme.prompts)
        for theme in guide.agenda.themes
        if theme.is_obligation and theme.id in order
    )
    per_theme: dict[str, list[Item]] = {}
    in_progress: list[tuple[str, Item]] = []
    for session in sessions:
        for record, outcome in session.outcomes():
            if record.theme_id == REVIEW_THEME_ID:
                continue
            review = latest.get(outcome.id)
            status = review.status if review else ""
            item = Item(
                outcome.kind, outcome.text, outcome.owner, outcome.due, session.date, status
            )
            if record.theme_id not in order:
                theme = session.theme(record.theme_id)
                order[record.theme_id] = (str(len(order) + 1), theme.title, "")
            if outcome.kind in ("agreement", "decision") and status not in OUT_OF_FORCE:
                per_theme.setdefault(record.theme_id, []).append(item)
            elif outcome.kind == "action" and status not in CLOSED:
                in_progress.append((order[record.theme_id][1], item))
    themes = tuple(
        ThemeItems(ref, title, section, tuple(per_theme[theme_id]))
        for theme_id, (ref, title, section) in order.items()
        if theme_id in per_theme
    )
    return Guidelines(
        committee=name,
        agenda_title=guide.agenda.title,
        meetings=tuple(
            Meeting(
                s.date,
                s.state,
                s.approved_by,
                s.approved_at.date() if s.approved_at else None,
                summary.path,
            )
            for summary, s in pairs
        ),
        obligations=obligations,
        themes=themes,
        in_progress=tuple(in_progress),
    )


_WORDS = {
    "da": {
        "title": "Lokale retningslinjer for sociale medier – {committee}",
        "date": "Dato:",
        "intro": (
            "Retningslinjerne samler de aftaler og beslutninger, som {committee} har truffet "
            "ved gennemgangen af {guide}. Den seneste opfølgning afgør, hvad der gælder: "
            "droppede og erstattede aftaler er udeladt."
        ),
        "basis": "Grundlag",
        "meeting": "Møde {date}",
        "approved": "godkendt af {who}",
        "approved_at": "godkendt af {who} {date}",
        "approved_nobody": "referatet er godkendt",
        "draft": "referatet er ikke godkendt",
        "in_progress_state": "mødet er ikke afsluttet",
        "frame": "Rammen: guidens minimumsforpligtelser",
        "frame_note": (
            "Minimumsforpligtelserne gælder uanset lokale aftaler; de er ikke til forhandling."
        ),
        "frame_source": "Fra guiden: {guide}",
        "no_frame": "Guiden indeholder ingen minimumsforpligtelser.",
        "agreed": "Aftaler og beslutninger",
        "none": "Udvalget har endnu ikke indgået aftaler.",
        "made": "{kind} {date}",
        "agreement": "aftalt",
        "decision": "besluttet",
        "owner": "ansvarlig: {who}",
        "follow": "opfølgning {date}",
        "done": "gennemført",
        "wip": "Under udarbejdelse",
        "wip_none": "Ingen åbne handlinger.",
        "due": "frist {date}",
    },
    "en": {
        "title": "Local guidelines for social media – {committee}",
        "date": "Date:",
        "intro": (
            "These guidelines collect the agreements and decisions {committee} made while "
            "going through {guide}. The latest follow-up decides what is in force: dropped "
            "and superseded agreements are left out."
        ),
        "basis": "Basis",
        "meeting": "Meeting {date}",
        "approved": "approved by {who}",
        "approved_at": "approved by {who} on {date}",
        "approved_nobody": "the minutes are approved",
        "draft": "the minutes are not approved",
        "in_progress_state": "the meeting has not ended",
        "frame": "The frame: the guide's minimum obligations",
        "frame_note": "The minimum obligations apply whatever is agreed locally; they are not negotiated.",
        "frame_source": "From the guide: {guide}",
        "no_frame": "The guide has no minimum obligations.",
        "agreed": "Agreements and decisions",
        "none": "The committee has made no agreements yet.",
        "made": "{kind} {date}",
        "agreement": "agreed",
        "decision": "decided",
        "owner": "responsible: {who}",
        "follow": "follow-up {date}",
        "done": "carried out",
        "wip": "In preparation",
        "wip_none": "No open actions.",
        "due": "due {date}",
    },
}


def title(committee: str, language: str) -> str:
    """The document's title."""
    return _WORDS[language if language in _WORDS else "da"]["title"].format(committee=committee)


def guidelines_document(guidelines: Guidelines, language: str, today: date) -> Document:
    """The guidelines as a document, in Danish or English."""
    words = _WORDS[language if language in _WORDS else "da"]

    def day(value: date) -> str:
        return format_date(value, language)

    doc = Document(title(guidelines.committee, language), language)
    doc.add(Paragraph(day(today), label=words["date"]))
    doc.add(
        Paragraph(
            words["intro"].format(committee=guidelines.committee, guide=guidelines.agenda_title)
        )
    )
    doc.add(Heading(words["basis"]))
    meetings: list[tuple[str, str]] = []
    for meeting in guidelines.meetings:
        if meeting.state == "approved":
            if meeting.approved_by and meeting.approved_at:
                note = words["approved_at"].format(
                    who=meeting.approved_by, date=day(meeting.approved_at)
                )
            elif meeting.approved_by:
                note = words["approved"].format(who=meeting.approved_by)
            else:
                note = words["approved_nobody"]
        else:
            note = words["draft"] if meeting.state == "ended" else words["in_progress_state"]
        meetings.append((words["meeting"].format(date=day(meeting.day)), note))
    doc.add(Bullets(tuple(meetings)))
    doc.add(Heading(words["frame"]))
    if guidelines.obligations:
        doc.add(Paragraph(words["frame_note"], muted=True))
        for obligation in guidelines.obligations:
            doc.add(Heading(obligation.title, level=3))
            doc.add(
                Quote(
                    obligation.points or (obligation.title,),
                    words["frame_source"].format(guide=guidelines.agenda_title),
                )
            )
    else:
        doc.add(Paragraph(words["no_frame"], muted=True))
    doc.add(Heading(words["agreed"]))
    if not guidelines.themes:
        doc.add(Paragraph(words["none"], muted=True))
    for theme in guidelines.themes:
        doc.add(Heading(f"{theme.ref} {theme.title}", level=3))
        items: list[tuple[str, str]] = []
        for item in theme.in_force:
            facts = [words["made"].format(kind=words[item.kind], date=day(item.made))]
            if item.owner:
                facts.append(words["owner"].format(who=item.owner))
            if item.due and item.status != "done":
                facts.append(words["follow"].format(date=day(item.due)))
            if item.status == "done":
                facts.append(words["done"])
            items.append((item.text, ", ".join(facts)))
        doc.add(Bullets(tuple(items)))
    doc.add(Heading(words["wip"]))
    if not guidelines.in_progress:
        doc.add(Paragraph(words["wip_none"], muted=True))
    else:
        actions: list[tuple[str, str]] = []
        for theme_title, item in guidelines.in_progress:
            facts = [theme_title]
            if item.owner:
                facts.append(words["owner"].format(who=item.owner))
            if item.due:
                facts.append(words["due"].format(date=day(item.due)))
            actions.append((item.text, ", ".join(facts)))
        doc.add(Bullets(tuple(actions)))
    return doc
