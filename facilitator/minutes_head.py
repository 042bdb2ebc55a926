"""The head of the minutes (title, the MED header, who took part and who sent apologies),
the formatters the whole minutes share, and the Markdown table helpers."""

from __future__ import annotations

from datetime import date, datetime

from facilitator import i18n
from facilitator.agenda import Agenda
from facilitator.markdown_escape import HARD_BREAK, escape_after_label, escape_inline
from facilitator.session import Participant, Session


def minutes_language(session: Session) -> str:
    """The language of the minutes: the agenda's, English for anything unknown."""
    return i18n.known_language(session.agenda.language)


def item_refs(agenda: Agenda) -> dict[str, str]:
    """Each theme's number as the minutes print it: `6.3`, but `1` for a standing item.

    A section of one theme by the same title (the MED standing items) is one point of the
    minutes, «## 1. Godkendelse af dagsorden»; its tables and chart say `1` as well.
    """
    refs: dict[str, str] = {}
    for number, section in enumerate(agenda.sections, start=1):
        for index, theme in enumerate(section.themes, start=1):
            refs[theme.id] = str(number) if section.is_one_item else f"{number}.{index}"
    return refs


def md_table(header: list[str], rows: list[list[str]], align: list[str] | None = None) -> list[str]:
    """A GFM table; cells must already be escaped."""
    rule = [{"right": "---:", "center": ":---:"}.get(a, "---") for a in (align or [])]
    rule += ["---"] * (len(header) - len(rule))
    lines = [md_row(header), md_row(rule)]
    lines += [md_row(row) for row in rows]
    return lines


def md_row(cells: list[str]) -> str:
    return "| " + " | ".join(cell or " " for cell in cells) + " |"


def hard_lines(lines: list[str]) -> str:
    """Lines of one paragraph, each on its own line in the output."""
    return HARD_BREAK.join(line for line in lines if line)


class HeadWriter:
    """The minutes' formatters and their head: title, the MED header, who took part."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.language = minutes_language(session)
        self.label = i18n.words(self.language).minutes
        self.refs = item_refs(session.agenda)
        self.gaps = {
            record.theme_id: gap
            for record in session.themes
            if (gap := session.gap(record)) is not None
        }

    # -- small formatters ---------------------------------------------------------------

    def date(self, value: date) -> str:
        return i18n.format_date(value, self.language)

    def time(self, value: datetime) -> str:
        return i18n.format_time(value, self.language)

    def at(self, value: datetime) -> str:
        """`kl. 13.15` in Danish, `13:15` in English."""
        prefix = self.label["at"]
        return f"{prefix} {self.time(value)}" if prefix else self.time(value)

    def moment(self, value: datetime) -> str:
        """A time of day, dated when it falls on another day than the meeting's date.

        A meeting that runs past midnight, or is paused overnight and resumed, must not read
        as if it ended before it began: `0.45 den 3. december 2026` / `00:45 on 3 December 2026`.
        """
        if value.date() == self.session.date:
            return self.time(value)
        return self.label["time_on"].format(time=self.time(value), date=self.date(value.date()))

    def at_moment(self, value: datetime) -> str:
        """`kl. 0.45 den 3. december 2026`: `at` with the date when it is another day."""
        prefix = self.label["at"]
        return f"{prefix} {self.moment(value)}" if prefix else self.moment(value)

    def kind_label(self, kind: str, count: int = 1) -> str:
        return i18n.kind_label(kind, self.language, count=count)

    def person(self, name: str) -> str:
        return escape_inline(name) or self.label["not_given"]

    # -- the head -----------------------------------------------------------------------

    def head(self) -> str:
        """Title and the MED header: udvalg, dato, tid, sted, dialogpapir, then who took part."""
        session, label = self.session, self.label
        committee = escape_inline(session.committee)
        title = f"{label['title']} – {committee}" if committee else label["title"]
        lines = [f"# {title}", ""]
        facts = []
        if committee:
            facts.append(f"**{label['committee']}:** {escape_after_label(session.committee)}")
        facts.append(f"**{label['date']}:** {self.date(session.date)}")
        if when := self.when():
            facts.append(f"**{label['time']}:** {when}")
        if place := escape_after_label(session.place):
            facts.append(f"**{label['place']}:** {place}")
        facts.append(f"**{label['dialogue_paper']}:** {self.agenda_name()}")
        lines += [hard_lines(facts), ""]
        if session.state == "in-progress":
            lines += [f"> {label['not_ended_note']}", ""]
        lines += self.participants()
        return "\n".join(lines)

    def when(self) -> str:
        """`kl. 13.15–15.45`; the start only while the meeting runs; the planned time before.

        An end on a later day than the start carries its date: `kl. 23.30 til kl. 0.45 den
        3. december 2026`.
        """
        session = self.session
        if session.started and session.ended:
            if session.ended.date() == session.started.date():
                return f"{self.at(session.started)}–{self.time(session.ended)}"
            return self.label["span_days"].format(
                start=self.at(session.started), end=self.at_moment(session.ended)
            )
        if session.started:
            return self.at(session.started)
        if session.planned_start:
            return f"{self.label['planned_at']} {self.time(session.planned_start)}"
        return ""

    def agenda_name(self) -> str:
        agenda = self.session.agenda
        name = escape_inline(agenda.title)
        if version := escape_inline(agenda.version):
            name += f" ({self.label['version']} {version})"
        return name

    def status(self, full: bool = False) -> str:
        """Draft or approved (by formand and næstformand); `full` also says when not ended."""
        session, label = self.session, self.label
        if session.minutes_status == "approved":
            when = self.date(session.approved_at.date()) if session.approved_at else ""
            name = escape_inline(session.approved_by)
            vice = escape_inline(session.vice_approved_by)
            if name and vice:
                vice_when = session.vice_approved_at or session.approved_at
                vice_date = self.date(vice_when.date()) if vice_when else ""
                if vice_date == when:
                    return label["approved_both"].format(name=name, vice=vice, date=when)
                return label["approved_both_dates"].format(
                    name=name, date=when, vice=vice, vice_date=vice_date
                )
            if name or vice:
                return label["approved"].format(name=name or vice, date=when).strip()
            return label["approved_nameless"].format(date=when).strip()
        if full and session.state == "in-progress":
            return f"{label['draft']} – {label['not_ended']}"
        return label["draft"]

    def participants(self) -> list[str]:
        """Members by side, apologies, then guests and others without a side; the referent once."""
        session, label = self.session, self.label
        lines = [f"## {label['participants']}", ""]
        present = [p for p in session.present if p.role != "secretary"]
        sides: dict[str, list[str]] = {"management": [], "employees": []}
        others: list[str] = []
        for participant in present:
            side = self.side_of(participant)
            sides.get(side, others).append(self.participant_name(participant))
        facts = []
        if sides["management"]:
            facts.append(f"**{label['management_side']}:** {', '.join(sides['management'])}")
        if sides["employees"]:
            facts.append(f"**{label['employee_side']}:** {', '.join(sides['employees'])}")
        if not present:
            facts.append(label["no_participants"])
        absent = "; ".join(self.absent_name(p) for p in session.absent)
        facts.append(f"**{label['absent']}:** {absent or label['none']}")
        if others:
            facts.append(f"**{label['also_present']}:** {'; '.join(others)}")
        facts += self.unlisted_offices()
        facts.append(f"**{label['chair']}:** {self.with_office(session.chair)}")
        facts.append(f"**{label['secretary']}:** {self.person(session.secretary)}")
        return [*lines, hard_lines(facts), ""]

    def unlisted_offices(self) -> list[str]:
        """`**Formand:** Name` for an office holder typed in the form but not on the list:
        otherwise the name the chair typed would be in the file and nowhere in the minutes."""
        session = self.session
        named = {p.name for p in session.participants} | {session.chair}
        facts = []
        for office in ("formand", "naestformand"):
            name = getattr(session, office)
            if name and name not in named:
                title = self.label[office]
                facts.append(f"**{title[:1].upper()}{title[1:]}:** {self.person(name)}")
        return facts

    @staticmethod
    def side_of(participant: Participant) -> str:
        """Guests and the referent sit on no side, whatever an older file says."""
        if participant.role in ("guest", "secretary"):
            return ""
        return participant.side

    def offices(self, name: str) -> list[str]:
        """`formand` / `næstformand` for the name that holds the office."""
        session = self.session
        found = []
        if name and name == session.formand:
            found.append(self.label["formand"])
        if name and name == session.naestformand:
            found.append(self.label["naestformand"])
        return found

    def with_office(self, name: str) -> str:
        shown = self.person(name)
        offices = self.offices(name)
        return f"{shown} ({', '.join(offices)})" if offices and name else shown

    def absent_name(self, participant: Participant) -> str:
        """`Name (role)`, or only the label when anonymising put it there; then any note."""
        name = escape_inline(participant.name)
        role = i18n.role_label(participant.role, self.language)
        numbered = name.removeprefix(role).strip()
        if not name or (name.startswith(role) and (not numbered or numbered.isdigit())):
            shown = name or role
        else:
            roles = [*self.offices(participant.name), self.lower(role)]
            shown = f"{name} ({', '.join(roles)})"
        # "suppleant Karim Haddad deltog": the skeleton puts the substitute beside the apology.
        if note := escape_inline(participant.note):
            shown += f" – {note}"
        return shown

    def lower(self, role: str) -> str:
        """A role in running text: «medarbejderrepræsentant», but TR and AMR stay upper case."""
        return role if role.isupper() else role[:1].lower() + role[1:]

    def participant_name(self, participant: Participant) -> str:
        """`Name (næstformand, TR; ankom kl. 13.40; note)`: only what the side does not say."""
        extras = []
        roles = self.offices(participant.name)
        if participant.role not in ("leader", "employee-representative"):
            roles.append(self.lower(i18n.role_label(participant.role, self.language)))
        if roles and (participant.role != "guest" or not participant.note.strip()):
            extras.append(", ".join(roles))
        elif self.offices(participant.name):
            extras.append(", ".join(self.offices(participant.name)))
        if participant.arrived:
            extras.append(self.label["arrived"].format(time=self.moment(participant.arrived)))
        if participant.left:
            extras.append(self.label["left"].format(time=self.moment(participant.left)))
        if note := escape_inline(participant.note):
            extras.append(note)
        name = escape_inline(participant.name) or i18n.role_label(participant.role, self.language)
        return f"{name} ({'; '.join(extras)})" if extras else name
