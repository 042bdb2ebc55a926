"""Each MED standing item stands on a meeting's agenda once: new, resumed, followed up, loaded."""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path

from support import sample_agenda

from facilitator import store
from facilitator.agenda import Agenda, Section, Theme
from facilitator.followup import start_followup
from facilitator.items import insert_section
from facilitator.session import Session
from facilitator.standing import NEXT_MEETING_ID, drop_duplicates
from facilitator.workspace import MeetingForm, Workspace

STANDING_TITLES = (
    "Godkendelse af dagsorden",
    "Meddelelser",
    "Eventuelt",
    "Evaluering af mødet",
    "Næste møde",
)


def custom_paper(**changes: object) -> Agenda:
    """A local dialogue paper with no section called «opfoelgning»."""
    agenda = Agenda(
        id="trivsel",
        title="Trivsel",
        language="da",
        sections=(
            Section("kortlaegning", "Kortlægning", (Theme("apv", "APV-resultater", 20),)),
            Section("handling", "Handling", (Theme("indsatser", "Indsatser", 20),)),
        ),
    )
    return dataclasses.replace(agenda, **changes)  # type: ignore[arg-type]


def titles(session: Session) -> Counter[str]:
    """How often each theme title stands on the session's agenda."""
    return Counter(theme.title for theme in session.agenda.themes)


def assert_each_standing_item_once(session: Session) -> None:
    counts = titles(session)
    assert [counts[title] for title in STANDING_TITLES] == [1] * len(STANDING_TITLES), counts
    approvals = [title for title in counts if title.startswith("Godkendelse af referat")]
    assert len(approvals) == 1, counts
    assert len(session.themes) == len(session.agenda.themes)


def ended(session: Session) -> Session:
    for record in session.themes:
        record.state = "done"
    return session


def test_a_followup_of_a_paper_without_a_followup_section_frames_it_once() -> None:
    first = ended(MeetingForm(committee="LMU Nord", agenda=custom_paper()).session())
    second = start_followup(first, [])
    assert_each_standing_item_once(second)
    # The paper's own last section is what the follow-up takes up, not «Næste møde».
    paper = [r.theme_id for r in second.themes if r.origin == "agenda"]
    assert paper[-1] == "indsatser"
    third = start_followup(ended(second), [first])
    assert_each_standing_item_once(third)
    assert [s.title for s in third.agenda.sections][-1] == "Næste møde"


def test_an_unreached_standing_item_is_never_carried_into_the_followup() -> None:
    first = MeetingForm(committee="LMU Nord", agenda=sample_agenda()).session()
    # Ended on the paper: Eventuelt, Evaluering and Næste møde were never reached.
    second = start_followup(first, [])
    assert_each_standing_item_once(second)
    assert "Overført fra sidste møde" in [s.title for s in second.agenda.sections]


def test_a_followup_of_a_paper_without_standing_items_gets_none() -> None:
    form = MeetingForm(committee="LMU Nord", agenda=custom_paper(standing_items=False))
    second = start_followup(ended(form.session()), [])
    assert not [r for r in second.themes if r.origin == "standing"]
    assert "Næste møde" not in titles(second)


def test_a_paper_that_lists_eventuelt_itself_gets_no_second_one() -> None:
    paper = custom_paper()
    own = Section("eventuelt", "Eventuelt", (Theme("evt", "Eventuelt", 5),))
    paper = dataclasses.replace(paper, sections=(*paper.sections, own))
    session = MeetingForm(committee="LMU Nord", agenda=paper).session()
    assert_each_standing_item_once(session)
    # The paper's own planned minutes plus every standing item but Eventuelt.
    assert session.planned_minutes == 45 + 17


def test_a_resumed_meeting_keeps_one_set_of_standing_items(tmp_path: Path) -> None:
    workspace = Workspace(tmp_path)
    meeting = workspace.start(MeetingForm(committee="LMU Nord", agenda=sample_agenda()))
    meeting.save("start")
    path = meeting.path
    assert meeting.close() is None
    for _ in range(2):
        again = workspace.resume()
        assert again.path == path
        assert_each_standing_item_once(again.session)
        again.save("resumed")
        assert again.close() is None
    assert_each_standing_item_once(store.load_session(path))


def with_copied_next_meeting(notes: str = "") -> Session:
    """A session as an older follow-up left it: «Næste møde» also copied in as its paper."""
    session = MeetingForm(committee="LMU Nord", agenda=custom_paper()).session()
    copy = Theme(f"{NEXT_MEETING_ID}-2", "Næste møde", 2)
    index = [s.title for s in session.agenda.sections].index("Eventuelt")
    insert_section(session, Section("punkt-naeste-moede-2", "Næste møde", (copy,)), index)
    session.record(copy.id).notes = notes
    return session


def test_loading_a_meeting_drops_a_standing_item_copied_in_twice(tmp_path: Path) -> None:
    path = tmp_path / "moede.toml"
    store.save_session(with_copied_next_meeting(), path)
    loaded = store.load_session(path)
    assert_each_standing_item_once(loaded)
    assert [r.origin for r in loaded.themes if r.theme_id.startswith(NEXT_MEETING_ID)] == [
        "standing"
    ]


def test_a_copy_the_meeting_worked_on_is_kept() -> None:
    session = with_copied_next_meeting(notes="Vi mødes igen i juni.")
    assert drop_duplicates(session) == []
    assert titles(session)["Næste møde"] == 2


def test_an_ended_meetings_agenda_is_left_as_its_minutes_were_sent(tmp_path: Path) -> None:
    session = with_copied_next_meeting()
    session.ended = session.created
    path = tmp_path / "moede.toml"
    store.save_session(session, path)
    assert titles(store.load_session(path))["Næste møde"] == 2
