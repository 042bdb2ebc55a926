"""Follow-up meetings: the derived agenda, the reviews to fill in, the chain, and loading it all."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from support import CET

from facilitator import store
from facilitator.agenda import Agenda, Section, load_agenda
from facilitator.followup import (
    prepare_followup,
    review_timebox,
    set_review,
    start_followup,
)
from facilitator.session import REVIEW_THEME_ID, Participant, Session
from facilitator.standing import AGENDA_ID, STANDING_IDS

ENGLISH = Path(__file__).resolve().parent.parent / "agendas" / "social-media.toml"


def meeting(agenda: Agenda, day: date, committee: str = "LMU Børneby Nord") -> Session:
    session = Session.new(committee, agenda)
    session.started = datetime.combine(day, time(14, 0), CET)
    session.ended = session.started + timedelta(hours=2)
    session.place = "Mødelokale 2"
    session.chair = "Anne Æbelø"
    session.secretary = "Søren Ågård"
    session.participants = [
        Participant("Anne Æbelø", "leader", "management", note="formand"),
        Participant("Søren Ågård", "secretary", "management"),
        Participant("Ida Berg", "amr", "employees", present=False, note="Afbud"),
    ]
    # Every theme dealt with: nothing is carried into the follow-up unless a test says so.
    for record in session.themes:
        record.state = "done"
    return session


def paper(agenda: Agenda) -> list[Section]:
    """The sections of a follow-up between the MED standing items (facilitator/standing.py)."""
    return [s for s in agenda.sections if not {t.id for t in s.themes} & STANDING_IDS]


def first_theme(session: Session) -> str:
    return session.themes[0].theme_id


def test_a_followup_reviews_what_was_agreed(sample_agenda: Agenda) -> None:
    earlier = meeting(sample_agenda, date(2026, 3, 2))
    topic = first_theme(earlier)
    earlier.add_outcome(topic, "decision", "Fast punkt på dagsordenen")
    agreement = earlier.add_outcome(
        topic, "agreement", "Gem skærmbilleder", "Mia", date(2026, 4, 1)
    )
    action = earlier.add_outcome(topic, "action", "Lav tjekliste", "Søren")
    question = earlier.add_outcome(topic, "question", "Hvem ringer til politiet?")

    followup = start_followup(earlier, [])

    assert followup.committee == earlier.committee
    assert followup.followup_of == earlier.id
    assert followup.id != earlier.id
    assert (followup.place, followup.chair, followup.secretary) == (
        "Mødelokale 2",
        "Anne Æbelø",
        "Søren Ågård",
    )
    assert [(p.name, p.role, p.side, p.present) for p in followup.participants] == [
        ("Anne Æbelø", "leader", "management", True),
        ("Søren Ågård", "secretary", "management", True),
        ("Ida Berg", "amr", "employees", True),
    ]
    assert all(p.note == "" for p in followup.participants)
    assert followup.participants[0] is not earlier.participants[0]
    assert [r.outcome_id for r in followup.reviews] == [agreement.id, action.id, question.id]
    review = followup.reviews[0]
    assert (review.kind, review.text, review.owner, review.due) == (
        "agreement",
        "Gem skærmbilleder",
        "Mia",
        date(2026, 4, 1),
    )
    assert review.meeting_date == date(2026, 3, 2)
    assert review.theme_title == earlier.theme(topic).title
    assert (review.status, review.comment, review.reviewed) == ("", "", None)
    assert followup.started is None and followup.ended is None


def test_the_followup_agenda_starts_with_the_review(sample_agenda: Agenda) -> None:
    earlier = meeting(sample_agenda, date(2026, 3, 2))
    followup = start_followup(earlier, [])
    agenda = followup.agenda
    # The review comes after the opening standing items (agenda, earlier minutes, news).
    titles = [section.title for section in agenda.sections]
    assert titles[:4] == [
        "Godkendelse af dagsorden",
        "Godkendelse af referat fra mødet den 2. marts 2026",
        "Meddelelser",
        "Opfølgning på tidligere aftaler",
    ]
    review = paper(agenda)[0]
    assert len(review.themes) == 1
    theme = review.themes[0]
    assert theme.id == REVIEW_THEME_ID
    assert theme.title == "Opfølgning på tidligere aftaler"
    assert theme.kind == "discussion"
    assert "Er aftalen gennemført?" in theme.prompts
    # Then the guide's own follow-up section, by its id.
    assert [s.id for s in paper(agenda)[1:]] == ["opfoelgning"]
    assert paper(agenda)[1] == sample_agenda.sections[-1]
    assert agenda.id == sample_agenda.id
    assert agenda.title.startswith("Opfølgning: ")
    assert followup.current_theme == AGENDA_ID  # a MED meeting opens on its agenda
    assert [r.theme_id for r in followup.themes] == [t.id for t in agenda.themes]


def test_in_english_the_review_is_in_english() -> None:
    english = load_agenda(ENGLISH)
    earlier = meeting(english, date(2026, 3, 2))
    theme = paper(start_followup(earlier, []).agenda)[0].themes[0]
    assert theme.title == "Review of earlier outcomes"
    assert "Has the agreement been carried out?" in theme.prompts


def test_a_given_agenda_follows_the_review(sample_agenda: Agenda) -> None:
    english = load_agenda(ENGLISH)
    earlier = meeting(sample_agenda, date(2026, 3, 2))
    followup = start_followup(earlier, [], english)
    assert [s.id for s in paper(followup.agenda)[1:]] == [s.id for s in english.sections]
    assert followup.agenda.language == "en"
    assert paper(followup.agenda)[0].themes[0].title == "Review of earlier outcomes"


def test_without_a_followup_section_the_last_section_follows(sample_agenda: Agenda) -> None:
    agenda = Agenda(
        id="kort",
        title="Kort",
        language="da",
        sections=(sample_agenda.sections[0], sample_agenda.sections[1]),
    )
    followup = start_followup(meeting(agenda, date(2026, 3, 2)), [])
    assert [s.id for s in paper(followup.agenda)] == ["opfoelgning-tidligere", "forebyggelse"]


def test_a_followup_of_a_followup_has_one_review_theme(sample_agenda: Agenda) -> None:
    first = meeting(sample_agenda, date(2026, 1, 5))
    second = start_followup(first, [])
    third = start_followup(second, [first])
    ids = [theme.id for theme in third.agenda.themes]
    assert ids.count(REVIEW_THEME_ID) == 1
    assert third.agenda.title.count("Opfølgning: ") == 1


@pytest.mark.parametrize(
    ("items", "minutes"), [(0, 10), (1, 10), (6, 10), (7, 11), (20, 30), (40, 60), (100, 60)]
)
def test_the_review_timebox_grows_with_the_items(items: int, minutes: int) -> None:
    assert review_timebox(items) == minutes


def test_the_review_theme_gets_that_timebox(sample_agenda: Agenda) -> None:
    earlier = meeting(sample_agenda, date(2026, 3, 2))
    for number in range(9):
        earlier.add_outcome(first_theme(earlier), "action", f"Handling {number}")
    followup = start_followup(earlier, [])
    assert followup.record(REVIEW_THEME_ID).timebox == 14
    assert followup.agenda.theme(REVIEW_THEME_ID).timebox == 14


def test_outcomes_closed_in_the_chain_are_not_reviewed_again(sample_agenda: Agenda) -> None:
    first = meeting(sample_agenda, date(2026, 1, 5))
    done = first.add_outcome(first_theme(first), "action", "Udført")
    dropped = first.add_outcome(first_theme(first), "agreement", "Opgivet")
    going = first.add_outcome(first_theme(first), "agreement", "I gang")
    untouched = first.add_outcome(first_theme(first), "question", "Ikke nået")

    second = start_followup(first, [])
    second.started = datetime.combine(date(2026, 2, 5), time(14, 0), CET)
    set_review(second, done.id, "done", "Klaret")
    set_review(second, dropped.id, "dropped")
    set_review(second, going.id, "in-progress", "Halvvejs")
    new = second.add_outcome(second.themes[-1].theme_id, "action", "Ny handling", "Ida")

    third = start_followup(second, [first])
    by_id = {review.outcome_id: review for review in third.reviews}
    assert list(by_id) == [going.id, untouched.id, new.id]  # the oldest meeting first
    assert (by_id[going.id].status, by_id[going.id].comment) == ("in-progress", "Halvvejs")
    assert by_id[going.id].meeting_date == date(2026, 1, 5)
    assert by_id[untouched.id].status == ""
    assert by_id[new.id].meeting_date == date(2026, 2, 5)
    assert by_id[new.id].theme_title == second.theme(second.themes[-1].theme_id).title


def test_set_review_stamps_the_time(sample_agenda: Agenda) -> None:
    earlier = meeting(sample_agenda, date(2026, 3, 2))
    outcome = earlier.add_outcome(first_theme(earlier), "action", "Tjek")
    followup = start_followup(earlier, [])
    before = datetime.now().astimezone().replace(microsecond=0)
    review = set_review(followup, outcome.id, "not-started", "  Ingen tid\r\n ")
    assert review.status == "not-started"
    assert review.comment == "Ingen tid"
    assert review.reviewed is not None and review.reviewed >= before
    set_review(followup, outcome.id, "done")
    assert (review.status, review.comment) == ("done", "Ingen tid")  # None keeps the comment
    with pytest.raises(ValueError, match="not a review status"):
        set_review(followup, outcome.id, "finished")  # type: ignore[arg-type]
    with pytest.raises(KeyError):
        set_review(followup, "nosuchid", "done")


def test_a_followup_survives_a_save_and_load(tmp_path: Path, sample_agenda: Agenda) -> None:
    earlier = meeting(sample_agenda, date(2026, 3, 2))
    outcome = earlier.add_outcome(first_theme(earlier), "agreement", "Gem skærmbilleder", "Mia")
    followup = start_followup(earlier, [])
    set_review(followup, outcome.id, "in-progress", "Næsten")
    path = store.new_session_path(tmp_path, followup)
    store.save_session(followup, path)
    loaded = store.load_session(path)
    assert loaded.agenda == followup.agenda
    assert loaded.reviews == followup.reviews
    assert loaded.followup_of == earlier.id


def test_prepare_followup_finds_the_chain_in_the_folders(
    tmp_path: Path, sample_agenda: Agenda
) -> None:
    here, archive = tmp_path / "udvalg", tmp_path / "arkiv"
    first = meeting(sample_agenda, date(2026, 1, 5))
    old = first.add_outcome(first_theme(first), "action", "Fra første møde")
    second = start_followup(first, [])
    second.started = datetime.combine(date(2026, 2, 5), time(14, 0), CET)
    set_review(second, old.id, "not-started", "Glemt")
    new = second.add_outcome(second.themes[-1].theme_id, "agreement", "Fra andet møde")
    store.save_session(first, store.new_session_path(archive, first))
    path = store.new_session_path(here, second)
    store.save_session(second, path)
    (here / "broken.toml").write_text("this is = = not toml", encoding="utf-8")

    followup = prepare_followup(path, [archive])

    assert followup.followup_of == second.id
    by_id = {review.outcome_id: review for review in followup.reviews}
    assert list(by_id) == [old.id, new.id]
    assert (by_id[old.id].status, by_id[old.id].comment) == ("not-started", "Glemt")
    # Without the archive the first meeting is not found: only the second's outcomes.
    alone = prepare_followup(path, [])
    assert [review.outcome_id for review in alone.reviews] == [new.id]


def test_prepare_followup_of_an_unreadable_file_says_why(tmp_path: Path) -> None:
    broken = tmp_path / "x.toml"
    broken.write_text("committee = 1", encoding="utf-8")
    with pytest.raises(store.StoreError, match=r"^.*x\.toml:(\d+:\d+:)? "):
        prepare_followup(broken, [])
    with pytest.raises(store.StoreError, match="not found"):
        prepare_followup(tmp_path / "missing.toml", [tmp_path])


def test_prepare_followup_reads_the_session_not_its_export(
    tmp_path: Path, sample_agenda: Agenda
) -> None:
    first = meeting(sample_agenda, date(2026, 1, 5))
    outcome = first.add_outcome(first_theme(first), "action", "Fra første møde", "Ida Berg")
    first_path = store.new_session_path(tmp_path, first)
    store.save_session(first, first_path)
    second = start_followup(first, [])
    second.started = datetime.combine(date(2026, 2, 5), time(14, 0), CET)
    second_path = store.new_session_path(tmp_path, second)
    store.save_session(second, second_path)
    # An export with the same id sorts before the session and is newer; it must not count.
    export = first_path.with_name(first_path.stem + ".export.toml")
    export.write_text(
        first_path.read_text("utf-8").replace("Fra første møde", "Fra eksporten"), "utf-8"
    )
    followup = prepare_followup(second_path, [])
    assert [(r.outcome_id, r.text) for r in followup.reviews] == [(outcome.id, "Fra første møde")]
