"""Generate realistic session files: 40 committees meeting over several years, with follow-ups.

Used by the register tests and the register benchmark. Each committee goes through the built-in guide,
then holds a few follow-up meetings that review what is still open, then starts over a year on.
Some meetings are interrupted, some minutes are approved. Runs are reproducible by seed.

    python tests/support/generate.py 10000 /tmp/sessions
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import tomli_w

from facilitator.agenda import Agenda, load_agenda
from facilitator.codec import session_to_data
from facilitator.followup import start_followup
from facilitator.session import REVIEW_THEME_ID, OutcomeKind, Participant, ReviewStatus, Session

AGENDA_FILE = Path(__file__).resolve().parents[2] / "agendas" / "sociale-medier.toml"
CET = timezone(timedelta(hours=1))
FIRST_DAY = date(2022, 1, 10)
YEARS = 4.5

PLACES = ("Mødelokale 1", "Rådhuset, lokale 2.14", "Kantinen", "Teams", "Personalestuen")
UNITS = (
    "Børneby Nord",
    "Børneby Syd",
    "Dagplejen",
    "Skole Øst",
    "Skole Vest",
    "Ungdomsskolen",
    "Jobcenter",
    "Borgerservice",
    "Ydelseskontoret",
    "Familieafdelingen",
    "Handicap og Psykiatri",
    "Hjemmeplejen Grenaa",
    "Hjemmeplejen Ørsted",
    "Plejecenter Solbakken",
    "Plejecenter Åstrup",
    "Sundhed og Træning",
    "Tandplejen",
    "Rengøringen",
    "Vej og Park",
    "Teknik og Miljø",
    "Byggesag",
    "Natur og Vand",
    "Kultur og Fritid",
    "Biblioteket",
    "Musikskolen",
    "IT og Digitalisering",
    "Løn og Personale",
    "Økonomi",
    "Indkøb",
    "Kommunikation",
    "Ejendomscentret",
    "Køkkenet på Kærvang",
    "Bostedet Fjordglimt",
    "Misbrugscentret",
    "PPR",
    "Sundhedsplejen",
    "Genoptræningen",
    "Beredskabet",
    "Sekretariatet",
    "Erhverv",
)
FIRST_NAMES = (
    "Mia",
    "Søren",
    "Anne",
    "Jørgen",
    "Birthe",
    "Lærke",
    "Ole",
    "Åse",
    "Mette",
    "Henrik",
    "Rasmus",
    "Signe",
    "Bjørn",
    "Karen",
    "Thomas",
    "Sørine",
    "Jens",
    "Helle",
    "Frederik",
    "Ida",
)
LAST_NAMES = (
    "Hansen",
    "Sørensen",
    "Jensen",
    "Nielsen",
    "Pedersen",
    "Kjærgaard",
    "Østergaard",
    "Bødker",
    "Mikkelsen",
    "Lund",
    "Dahl",
    "Bæk",
    "Frølund",
    "Mørch",
    "Krogh",
)
TEXTS: dict[OutcomeKind, tuple[str, ...]] = {
    "decision": (
        "Guiden tages op i LMU hvert år i marts",
        "Vi bruger kommunens skabelon til registrering af hændelser",
        "Chikane på sociale medier kommer på som fast punkt på personalemødet",
        "Lederen er altid første kontakt, når en medarbejder udsættes for chikane",
    ),
    "agreement": (
        "Skærmbilleder gemmes i sagen og deles ikke på mail",
        "Medarbejdere svarer ikke på opslag om sager; henvis til den fælles postkasse",
        "Vi drøfter digital chikane ved næste APV",
        "Nye medarbejdere får guiden ved introduktionen",
        "Ved trusler kontakter lederen politiet samme dag, og medarbejderen følges hjem, hvis det ønskes",
        "Kollegaer, der ser chikane, siger det til lederen – også når det sker uden for arbejdstid",
    ),
    "action": (
        "Lav en kort vejledning om dokumentation med skærmbilleder",
        "Opdater beredskabsplanen med kontakt til krisepsykolog",
        "Tjek, at alle har adgang til den digitale indberetning",
        "Indkald AMR og TR til møde om lokale retningslinjer",
        "Send guiden til alle medarbejdere med en kort forklaring",
    ),
    "question": (
        "Hvem dækker udgiften til psykologhjælp ved chikane i fritiden?",
        "Må vi bede en borger om at fjerne et opslag?",
        "Hvordan håndterer vi anonyme profiler?",
    ),
}
NOTES = (
    "Særligt jobcentret og borgerservice oplever nedsættende kommentarer i lokale Facebookgrupper.",
    "Udvalget var enigt om, at grænsen går ved navngivning af den enkelte medarbejder.",
    "Drøftelsen tog udgangspunkt i sag 24/1234; ingen navne i referatet.",
    "Der var ønske om mere viden om, hvornår noget er strafbart.\nTR følger op med forbundet.",
    "Kort gennemgang; ingen bemærkninger.",
)
COMMENTS = (
    "",
    "",
    "Ligger hos lederen",
    "Udsat til efter sommerferien",
    "Gennemført i maj",
    "Afventer HR",
)
STATUS_WEIGHTS: tuple[tuple[ReviewStatus, int], ...] = (
    ("done", 5),
    ("in-progress", 3),
    ("not-started", 2),
    ("dropped", 1),
)


def _id(rng: random.Random) -> str:
    return f"{rng.getrandbits(48):012x}"


def _people(rng: random.Random) -> list[Participant]:
    names = rng.sample(
        [f"{f} {last}" for f in FIRST_NAMES for last in LAST_NAMES], rng.randint(6, 9)
    )
    roles = ["leader", "secretary", "tr", "amr", *["employee-representative"] * 6]
    people: list[Participant] = []
    for name, role in zip(names, roles, strict=False):
        side = "management" if role in ("leader", "secretary") else "employees"
        people.append(Participant(name=name, role=role, side=side))  # type: ignore[arg-type]
    return people


def _hold(session: Session, rng: random.Random, start: datetime, people: list[Participant]) -> None:
    """Play the meeting: themes done in order, notes, outcomes, review verdicts."""
    session.id = _id(rng)
    session.created = start - timedelta(days=rng.randint(1, 14))
    session.planned_start = start
    session.started = start
    session.place = rng.choice(PLACES)
    session.chair = people[0].name
    session.secretary = people[1].name
    session.participants = [
        Participant(p.name, p.role, p.side, present=rng.random() > 0.15) for p in people
    ]
    names = [p.name for p in people]
    interrupted = rng.random() < 0.06
    stop = rng.randint(1, len(session.themes) - 1) if interrupted else len(session.themes)
    clock = start
    for record in session.themes[:stop]:
        theme = session.theme(record.theme_id)
        if rng.random() < 0.05 and record.theme_id != REVIEW_THEME_ID:
            record.state = "skipped"  # passed over for lack of time: not covered
            continue
        record.state = "done"
        record.seconds = round(record.timebox * 60 * rng.uniform(0.6, 1.4), 3)
        clock += timedelta(seconds=record.seconds)
        session.current_theme = record.theme_id
        if theme.is_obligation:
            record.presented = rng.random() > 0.1
            continue
        if record.theme_id == REVIEW_THEME_ID:
            for review in session.reviews:
                review.status = rng.choices(
                    [s for s, _ in STATUS_WEIGHTS], [w for _, w in STATUS_WEIGHTS]
                )[0]
                review.comment = rng.choice(COMMENTS)
                review.reviewed = clock.replace(microsecond=0)
            continue
        if rng.random() < 0.7:
            record.notes = rng.choice(NOTES)
        for _ in range(rng.choices((0, 1, 2), (3, 4, 2))[0]):
            kind: OutcomeKind = rng.choices(
                ("decision", "agreement", "action", "question"), (2, 4, 3, 1)
            )[0]
            due = None
            if kind in ("agreement", "action"):
                due = start.date() + timedelta(days=rng.choice((14, 30, 60, 90, 120)))
            outcome = session.add_outcome(
                record.theme_id,
                kind,
                rng.choice(TEXTS[kind]),
                owner=rng.choice(names) if kind != "decision" else "",
                due=due,
            )
            outcome.id = _id(rng)
            outcome.created = clock.replace(microsecond=0)
    if not interrupted:
        session.ended = clock.replace(microsecond=0)
        if rng.random() < 0.5:
            session.approve(session.chair, at=session.ended + timedelta(days=rng.randint(3, 20)))


def generate_sessions(count: int, seed: int = 2026, agenda: Agenda | None = None) -> list[Session]:
    """`count` sessions of 40 committees, in meeting order per committee."""
    agenda = agenda or load_agenda(AGENDA_FILE)
    rng = random.Random(seed)
    committees = [f"LMU {unit}" for unit in UNITS]
    per_committee = [count // len(committees)] * len(committees)
    for index in range(count % len(committees)):
        per_committee[index] += 1
    sessions: list[Session] = []
    for name, meetings in zip(committees, per_committee, strict=True):
        people = _people(rng)
        step = timedelta(days=YEARS * 365 / max(meetings, 1))
        day = FIRST_DAY + timedelta(days=rng.randint(0, 60))
        chain: list[Session] = []
        for _ in range(meetings):
            start = datetime.combine(day, time(rng.choice((9, 13, 14)), rng.choice((0, 30))), CET)
            if chain and len(chain) <= rng.randint(1, 3):
                session = start_followup(chain[-1], chain[:-1])
            else:
                session = Session.new(name, agenda)
                chain = []
            # Now and then a committee's name is typed differently; the register groups them.
            if rng.random() < 0.03:
                session.committee = name.upper()
            _hold(session, rng, start, people)
            chain.append(session)
            sessions.append(session)
            day = start.date() + step
    return sessions


def file_name(session: Session, taken: set[str]) -> str:
    """`<date>-<committee-slug>-<agenda-id>.toml`, numbered when the name is taken."""
    slug = "-".join(
        "".join(c if c.isalnum() else " " for c in session.committee.casefold())
        .replace("æ", "ae")
        .replace("ø", "oe")
        .replace("å", "aa")
        .split()
    )
    stem = f"{session.date.isoformat()}-{slug}-{session.agenda.id}"
    name, number = f"{stem}.toml", 2
    while name in taken:
        name, number = f"{stem}-{number}.toml", number + 1
    taken.add(name)
    return name


def write_sessions(folder: Path, sessions: list[Session], use_store: bool = False) -> list[Path]:
    """Save the sessions into `folder`: through the store, or straight through the codec (fast)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    taken: set[str] = set()
    for session in sessions:
        if use_store:
            from facilitator.store import new_session_path, save_session

            path = new_session_path(folder, session)
            save_session(session, path)
        else:
            # Same content as the store writes, without an fsync per file.
            path = folder / file_name(session, taken)
            path.write_text(tomli_w.dumps(session_to_data(session)), encoding="utf-8")
            os.chmod(path, 0o600)
        paths.append(path)
    return paths


def generate(folder: Path, count: int, seed: int = 2026, use_store: bool = False) -> list[Path]:
    """Generate `count` sessions into `folder` and return their paths."""
    return write_sessions(folder, generate_sessions(count, seed), use_store)


def main(argv: list[str] | None = None) -> int:
    """Command line: COUNT FOLDER [--seed N] [--store]."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("count", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--store", action="store_true", help="save through facilitator.store")
    args = parser.parse_args(argv)
    paths = generate(args.folder, args.count, args.seed, args.store)
    print(f"{len(paths)} sessions in {args.folder}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
