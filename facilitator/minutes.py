"""Minutes of a session as Markdown, in the agenda's language, for people to read and send.

The Markdown follows the usual shape of Danish MED minutes: header,
participants, follow-up on earlier agreements, one heading per section and theme, and one table
of every agreement and action at the end. Everything people typed goes through
`facilitator.markdown_escape`, so no note or name can change the document's structure.
"""

from __future__ import annotations

from typing import NamedTuple

from facilitator import i18n
from facilitator.agenda import Theme
from facilitator.markdown_escape import (
    escape_block,
    escape_inline,
    escape_paragraphs,
)
from facilitator.minutes_head import HeadWriter, hard_lines, md_table
from facilitator.minutes_head import item_refs as item_refs
from facilitator.minutes_head import minutes_language as minutes_language
from facilitator.session import (
    REVIEW_THEME_ID,
    Outcome,
    OutcomeKind,
    Session,
    ThemeRecord,
    used_minutes,
)
from facilitator.standing import (
    AGENDA_ID,
    EVALUATION_ID,
    MINUTES_ID,
    NEWS_ID,
    NEXT_MEETING_ID,
    OTHER_BUSINESS_ID,
    standing_item_of,
)

_KIND_ORDER: tuple[OutcomeKind, ...] = ("decision", "agreement", "action", "question")
_FOLLOW_UP_KINDS: tuple[OutcomeKind, ...] = ("agreement", "action")
# What a MED referat says under a standing item taken with nothing raised (the label's key);
# the approvals read as the item's decision, «Beslutning: Dagsordenen blev godkendt ...».
_NOTHING_RAISED = {
    AGENDA_ID: "agenda_approved",
    MINUTES_ID: "minutes_approved",
    NEWS_ID: "no_announcements",
    OTHER_BUSINESS_ID: "nothing_raised",
    EVALUATION_ID: "no_remarks",
    NEXT_MEETING_ID: "next_meeting_not_set",
}
_APPROVALS = (AGENDA_ID, MINUTES_ID)


class MinutesParts(NamedTuple):
    """The minutes in two halves, so the HTML page can put its chart between them."""

    head: str
    body: str


def render_markdown(session: Session) -> str:
    """The minutes as Markdown, in the agenda's language, ready to be sent as they are."""
    head, body = render_parts(session)
    return f"{head}\n{body}"


def render_parts(session: Session) -> MinutesParts:
    """The header and participants (head), then everything from the follow-up review on (body)."""
    writer = _Writer(session)
    return MinutesParts(writer.head(), writer.body())


class _Writer(HeadWriter):
    """Builds the minutes of one session in the language of its agenda: the head (see
    minutes_head.py), then the body."""

    # -- the body -----------------------------------------------------------------------

    def body(self) -> str:
        # The review of earlier outcomes sits under its own theme in a follow-up (with its
        # notes), else after the approval of the earlier minutes, else first.
        ids = [r.theme_id for r in self.session.themes]
        after = REVIEW_THEME_ID if REVIEW_THEME_ID in ids else None
        after = after or next((i for i in ids if i.startswith(MINUTES_ID)), None)
        lines = [] if after else self.review()
        evaluated = told_next = False
        for number, section in enumerate(self.session.agenda.sections, start=1):
            themes = section.themes
            # A standing item is a section of one theme by the same title: one heading, "## 1.".
            single = section.is_one_item
            lines += [f"## {number}. {escape_inline(section.title)}", ""]
            for theme in themes:
                lines += self.theme(self.session.record(theme.id), heading=not single)
                if theme.id == EVALUATION_ID:
                    lines += self.time_table()
                    evaluated = True
                if theme.id == NEXT_MEETING_ID:
                    lines += self.next_meeting()
                    told_next = True
                if theme.id == after:
                    # Under the review theme its heading would say the same twice.
                    lines += self.review("###", heading=after != REVIEW_THEME_ID)
        lines += self.summary()
        if not told_next:
            # Typed on the minutes screen of a meeting without the standing items.
            lines += self.next_meeting()
        if not evaluated:
            lines += [f"## {self.label['time_used']}", "", *self.time_table()]
        lines += self.footer()
        return "\n".join(lines)

    def time_table(self) -> list[str]:
        """Planned and used minutes per section: what «Evaluering af mødet» looks back on."""
        label = self.label
        rows = []
        planned_total = used_total = 0.0
        for number, section in enumerate(self.session.agenda.sections, start=1):
            records = [self.session.record(theme.id) for theme in section.themes]
            planned = sum(record.timebox for record in records)
            seconds = sum(record.seconds for record in records)
            planned_total += planned
            used_total += seconds
            rows.append(
                [
                    f"{number}. {escape_inline(section.title)}",
                    f"{planned} {label['minutes']}",
                    f"{self.used(seconds)} {label['minutes']}",
                ]
            )
        rows.append(
            [
                f"**{label['total']}**",
                f"**{int(planned_total)} {label['minutes']}**",
                f"**{self.used(used_total)} {label['minutes']}**",
            ]
        )
        header = [label["item"], label["planned"], label["used_column"]]
        return [*md_table(header, rows, ["left", "right", "right"]), ""]

    def next_meeting(self) -> list[str]:
        """«Næste møde: 9. juni 2026, kl. 14.00, Mødelokale 2», from the fields captured."""
        session = self.session
        parts = []
        if session.next_meeting_date:
            parts.append(self.date(session.next_meeting_date))
        if time_text := escape_inline(session.next_meeting_time):
            prefix = self.label["at"]
            parts.append(f"{prefix} {time_text}" if prefix else time_text)
        if place := escape_inline(session.next_meeting_place):
            parts.append(place)
        if not parts:
            return []
        return [f"**{self.label['next_meeting']}:** {', '.join(parts)}", ""]

    def review(self, level: str = "##", heading: bool = True) -> list[str]:
        session, label = self.session, self.label
        if not session.reviews:
            return []
        lines = [f"{level} {label['review']}", ""] if heading else []
        meetings = {review.meeting_date for review in session.reviews}
        if len(meetings) == 1 and (meeting := next(iter(meetings))) is not None:
            lines += [label["review_from"].format(date=self.date(meeting)), ""]
        elif len(meetings) > 1:
            lines += [label["review_from_many"], ""]
        header = [
            label["task"],
            label["type"],
            label["owner"],
            label["due_date"],
            label["review_status"],
            label["comment"],
        ]
        rows = [
            [
                escape_inline(review.text),
                self.kind_label(review.kind),
                escape_inline(review.owner),
                self.date(review.due) if review.due else "",
                i18n.status_label(review.status, self.language),
                escape_inline(review.comment),
            ]
            for review in session.reviews
        ]
        return [*lines, *md_table(header, rows), ""]

    def theme(self, record: ThemeRecord, heading: bool = True) -> list[str]:
        """One item: notes, then Beslutning, Aftaler and Handlinger with Ansvarlig and Frist."""
        theme = self.session.theme(record.theme_id)
        label = self.label
        lines: list[str] = []
        if heading:
            title = escape_inline(theme.title)
            lines += [f"### {self.refs[theme.id]} {title}", ""]
        lines += self.origin(record)
        lines += self.standing(record)
        if theme.is_obligation:
            presented = label["yes"] if record.presented else label["no"]
            lines += [f"**{label['presented']}:** {presented}", ""]
            points = [escape_block(prompt, "  ") for prompt in theme.prompts]
            if points := [point for point in points if point]:
                lines += [f"{label['points']}:", ""]
                lines += [f"- {point}" for point in points]
                lines.append("")
        notes_label = label["notes_obligation"] if theme.is_obligation else label["notes"]
        paragraphs = escape_paragraphs(record.notes)
        if paragraphs and record.origin == "standing":
            lines += [line for paragraph in paragraphs for line in (paragraph, "")]
        elif paragraphs:
            lines += [f"**{notes_label}:** {paragraphs[0]}", ""]
            for paragraph in paragraphs[1:]:
                lines += [paragraph, ""]
        for kind_name in _KIND_ORDER:
            outcomes = [o for o in record.outcomes if o.kind == kind_name]
            lines += self.outcomes(kind_name, outcomes)
        decided = any(o.kind != "question" for o in record.outcomes)
        dealt_with = record.theme_id not in self.gaps and not record.set_aside
        standing_item = record.origin == "standing"
        # Under the review item the table of earlier outcomes is what was dealt with: «no
        # decision or agreement» above a table of agreements would read as a contradiction.
        reviewed = record.theme_id == REVIEW_THEME_ID and bool(self.session.reviews)
        if standing_item and dealt_with and not paragraphs and not record.outcomes:
            lines += self.nothing_raised(theme)
        elif not (theme.is_obligation or decided or standing_item or reviewed) and dealt_with:
            lines += [f"*{label['no_decision']}*", ""]
        return lines

    def nothing_raised(self, theme: Theme) -> list[str]:
        """«Dagsordenen blev godkendt uden bemærkninger.», «Intet.»: a standing item taken
        without notes or outcomes, as a MED referat puts it."""
        item = standing_item_of(theme)
        key = _NOTHING_RAISED.get(item.id if item else "")
        if key is None or (item and item.id == NEXT_MEETING_ID and self.next_meeting()):
            return []
        text = self.label[key]
        if item and item.id in _APPROVALS:
            text = f"**{self.kind_label('decision')}:** {text}"
        return [text, ""]

    def used(self, seconds: float) -> str:
        """Time used in whole minutes, without the unit: `18`, `0`, or `under 1` below 30 s."""
        if 0 < seconds < 30:
            return self.label["under_a_minute"]
        return str(used_minutes(seconds))

    def origin(self, record: ThemeRecord) -> list[str]:
        """Where a theme that was not on the agenda came from."""
        label = self.label
        if record.origin == "added":
            return [f"*{label['added']}*", ""]
        if record.origin != "carried":
            return []
        text = label["carried"].format(
            date=self.date(record.carried_from) if record.carried_from else "?"
        )
        why = (
            # «(udsat: Tages op senere.)» would end on «.).»
            label["carried_postponed"].format(
                reason=escape_inline(record.carried_reason.rstrip().rstrip("."))
            )
            if record.carried_reason
            else label["carried_not_reached"]
        )
        return [f"*{text} ({why}).*", ""]

    def standing(self, record: ThemeRecord) -> list[str]:
        """What became of a theme not dealt with: set aside, not reached, or not covered."""
        label = self.label
        if record.set_aside:
            name = label[record.state]
            reason = escape_inline(record.reason)
            return [f"**{name}:** {reason}" if reason else f"**{name}.**", ""]
        gap = self.gaps.get(record.theme_id)
        if gap is None:
            return []
        if gap == "not-reached":
            text = label["not_reached"] if self.session.ended else label["not_reached_yet"]
        else:
            text = {
                "not-presented": label["not_covered"],
                "nothing-captured": label["nothing_captured"],
                "review-open": label["review_open"],
            }[gap]
        reason = escape_block(record.uncovered_reason)
        return [f"**{text}** {reason}".rstrip(), ""]

    def outcomes(self, kind: OutcomeKind, outcomes: list[Outcome]) -> list[str]:
        """Decisions and questions as text; agreements and actions as a table with owner and due."""
        if not outcomes:
            return []
        name = self.kind_label(kind, len(outcomes))
        if kind in _FOLLOW_UP_KINDS:
            header = [self.kind_label(kind), self.label["owner"], self.label["due_date"]]
            rows = [
                [
                    escape_inline(outcome.text),
                    escape_inline(outcome.owner),
                    self.date(outcome.due) if outcome.due else "",
                ]
                for outcome in outcomes
            ]
            return [*md_table(header, rows), ""]
        if len(outcomes) == 1:
            return [f"**{name}:** {escape_block(outcomes[0].text)}", ""]
        lines = [f"**{name}:**", ""]
        lines += [f"- {escape_block(outcome.text, '  ')}" for outcome in outcomes]
        return [*lines, ""]

    def summary(self) -> list[str]:
        label = self.label
        lines = [f"## {label['summary']}", ""]
        items = [
            (record, outcome)
            for record, outcome in self.session.outcomes()
            if outcome.kind in _FOLLOW_UP_KINDS
        ]
        if not items:
            return [*lines, label["summary_empty"], ""]
        header = ["#", label["task"], label["type"], label["owner"], label["due_date"]]
        header.append(label["theme_ref"])
        rows = [
            [
                str(number),
                escape_inline(outcome.text),
                self.kind_label(outcome.kind),
                escape_inline(outcome.owner),
                self.date(outcome.due) if outcome.due else "",
                self.refs[record.theme_id],
            ]
            for number, (record, outcome) in enumerate(items, start=1)
        ]
        return [*lines, *md_table(header, rows, ["right"]), ""]

    def footer(self) -> list[str]:
        label = self.label
        agenda = self.session.agenda
        facts = [
            f"*{label['minutes_status']}:* {self.status(full=True)}",
            f"*{label['dialogue_paper']}:* {self.agenda_name()}",
        ]
        if source := escape_inline(agenda.source):
            facts.append(f"*{label['source']}:* {source}")
        return ["---", "", hard_lines(facts), ""]
