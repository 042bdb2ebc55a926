"""Write the example minutes in this folder from a fictional but realistic Danish meeting.

Run from the repository root: `.venv/bin/python docs/examples/make_examples.py`.
Every name in it is invented; the case number is not personal data.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from facilitator.agenda import load_agenda
from facilitator.codec import session_to_toml
from facilitator.minutes import render_markdown
from facilitator.minutes_docx import render_docx
from facilitator.minutes_html import render_html
from facilitator.session import Participant, Review, Session
from facilitator.standing import add_standing_items

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CET = timezone(timedelta(hours=1))


def at(hour: int, minute: int) -> datetime:
    """A time on the day of the meeting, as the program stores it (local, with offset)."""
    return datetime(2026, 3, 12, hour, minute, tzinfo=CET)


def example_session() -> Session:
    """Lokaludvalget for Jobcenter Nord goes through the social-media guide on 12 March 2026."""
    agenda = load_agenda(ROOT / "agendas" / "sociale-medier.toml")
    session = Session.new("Lokaludvalget for Jobcenter Nord", agenda)
    session.id = "5f2c9a41be07"
    session.created = at(12, 58)
    session.planned_start = at(13, 15)
    session.started = at(13, 15)
    session.ended = at(15, 45)
    session.place = "Mødelokale 2, Jobcenter Nord"
    session.chair = "Mette Kjær Holm"
    session.formand = "Mette Kjær Holm"
    session.naestformand = "Anders Bruun"
    session.secretary = "Lars Dahl"
    session.followup_of = "a1b2c3d4e5f6"
    session.participants = [
        Participant("Mette Kjær Holm", "leader", "management"),
        Participant("Jesper Lund", "leader", "management"),
        Participant("Anders Bruun", "tr", "employees"),
        Participant("Sofie Nørgaard", "amr", "employees", arrived=at(13, 40)),
        Participant("Lone Madsen", "employee-representative", "employees"),
        Participant(
            "Karim Haddad",
            "employee-representative",
            "employees",
            note="suppleant for Birgitte Vestergaard",
        ),
        Participant("Birgitte Vestergaard", "employee-representative", "employees", present=False),
        Participant("Henrik Juul", "guest", "", note="HR-konsulent, deltog under punkt 6"),
        Participant("Lars Dahl", "secretary", ""),
    ]
    earlier = date(2025, 11, 20)
    session.reviews = [
        Review(
            "0a1b2c3d4e01",
            "agreement",
            "Digital chikane tages med i APV 2026.",
            owner="Sofie Nørgaard",
            due=date(2026, 2, 28),
            meeting_date=earlier,
            theme_title="Trivsel og APV",
            status="in-progress",
            comment="Spørgsmålene er klar; APV'en sendes ud i april.",
            reviewed=at(13, 20),
        ),
        Review(
            "0a1b2c3d4e02",
            "action",
            "Alle ledere gennemfører kommunens e-læring om informationssikkerhed.",
            owner="Mette Kjær Holm",
            due=date(2026, 1, 31),
            meeting_date=earlier,
            theme_title="Informationssikkerhed",
            status="done",
            reviewed=at(13, 21),
        ),
        Review(
            "0a1b2c3d4e03",
            "agreement",
            "Udvalget udpeger en fast kontaktperson for digital chikane.",
            owner="Anders Bruun",
            due=date(2026, 2, 1),
            meeting_date=earlier,
            theme_title="Eventuelt",
            status="not-started",
            comment="Behandles under punkt 5.3 i dag.",
            reviewed=at(13, 22),
        ),
    ]

    add_standing_items(session, previous=earlier)
    minutes = {
        "godkendelse-af-dagsorden": 1,
        "godkendelse-af-referat": 2,
        "meddelelser": 4,
        "eventuelt": 3,
        "evaluering-af-moedet": 4,
        "naeste-moede": 2,
        "hvad-er-chikane": 22,
        "risikosituationer": 9,
        "kraenkelsestyper": 12,
        "lokale-temaer": 15,
        "minimumsforpligtelser-medarbejdere": 4,
        "minimumsforpligtelser-ledere": 6,
        "dokumentation": 12,
        "konflikthaandtering": 10,
        "anmeldelse": 11,
        "krisehjaelp": 5,
        "dpo-og-jurist": 0,
        "arbejdsgange": 10,
        "lokale-retningslinjer": 14,
        "kraevede-handlinger": 4,
        "lokal-opfoelgning": 13,
    }
    for record in session.themes:
        record.seconds = minutes[record.theme_id] * 60.0
        record.state = "done" if record.seconds else "pending"

    def add(theme: str, kind: str, text: str, owner: str = "", due: date | None = None) -> None:
        outcome = session.add_outcome(theme, kind, text, owner, due)  # type: ignore[arg-type]
        outcome.created = at(14, 0)
        outcome.id = hashlib.sha256(f"{theme}/{text}".encode()).hexdigest()[:12]

    session.set_notes(
        "hvad-er-chikane",
        "Udvalget drøftede forskellen mellem saglig kritik og chikane. Der var enighed om, at kritik "
        "af kommunens afgørelser er legitim, mens kommentarer om medarbejderens person, udseende "
        "eller familie er chikane.\n\n"
        "To episoder fra det seneste år blev nævnt med henvisning til sag 2025-004211 og "
        "2025-005378. "
        "Der blev ikke drøftet personoplysninger.",
    )
    add(
        "hvad-er-chikane",
        "decision",
        "Udvalget tog dialogpapirets definition til efterretning.",
    )
    session.set_notes(
        "risikosituationer",
        "Sagsbehandlere på sygedagpengeområdet og medarbejderne i borgerservice er mest udsatte, "
        "især i dagene efter en afgørelse om stop for ydelser.",
    )
    add(
        "risikosituationer",
        "action",
        "Digital chikane tilføjes som fast punkt i risikovurderingen ved afgørelser om stop "
        "for ydelser.",
        "Jesper Lund",
        date(2026, 4, 30),
    )
    session.set_notes(
        "kraenkelsestyper",
        "Nedsættende kommentarer og udhængning med navn og billede i lokale Facebook-grupper er "
        "de hyppigste former. Falske anmeldelser af kommunen på Google rammer også den enkelte, "
        "når medarbejderen nævnes ved navn.",
    )
    add(
        "kraenkelsestyper",
        "question",
        "Skal falske anmeldelser, der nævner en medarbejder ved navn, behandles som chikane mod "
        "den enkelte eller som kritik af kommunen?",
    )
    add(
        "lokale-temaer",
        "decision",
        "Udvalget arbejder i 2026 videre med en fælles tolerancetærskel og med introduktion af "
        "nye medarbejdere.",
    )
    add(
        "lokale-temaer",
        "agreement",
        "Anders Bruun er fast kontaktperson for digital chikane med Sofie Nørgaard som "
        "stedfortræder.",
        "Anders Bruun",
        date(2026, 9, 1),
    )
    for theme in ("minimumsforpligtelser-medarbejdere", "minimumsforpligtelser-ledere"):
        session.record(theme).presented = True
    session.record("kraevede-handlinger").presented = True
    session.set_notes("minimumsforpligtelser-medarbejdere", "Ingen spørgsmål.")
    session.set_notes(
        "minimumsforpligtelser-ledere",
        "Spørgsmål om chikane uden for arbejdstid: lederen hjælper altid med anmeldelsen, også "
        "når medarbejderen selv anmelder.",
    )
    session.set_notes(
        "dokumentation",
        "Det er uklart for mange, hvordan man tager et brugbart skærmbillede på telefonen.\n"
        "Dokumentation må ikke ligge på private telefoner, men skal journaliseres i ESDH hurtigst muligt.",
    )
    add(
        "dokumentation",
        "agreement",
        "Skærmbilleder gemmes i sagen i ESDH, aldrig på private telefoner. Lederen hjælper med "
        "at overføre dem.",
        "Mette Kjær Holm",
        date(2026, 5, 1),
    )
    add(
        "dokumentation",
        "action",
        "Kort vejledning i, hvordan man tager skærmbilleder på telefon og pc, lægges på "
        "intranettet.",
        "Lars Dahl",
        date(2026, 4, 15),
    )
    add(
        "konflikthaandtering",
        "agreement",
        "Ved chikane fra en borger med en åben sag vurderer lederen inden for to arbejdsdage, om "
        "sagen skal flyttes til en anden sagsbehandler.",
        "Mette Kjær Holm",
        date(2026, 6, 1),
    )
    session.set_notes(
        "anmeldelse",
        "Fristen på 72 timer for offererstatning var ikke kendt af alle.",
    )
    add(
        "anmeldelse",
        "agreement",
        "Lederen hjælper med anmeldelsen inden for 72 timer, og arbejdspladsens adresse bruges i "
        "stedet for medarbejderens private.",
        "Jesper Lund",
    )
    add(
        "krisehjaelp",
        "decision",
        "Krisehjælp bestilles via kommunens psykologordning; lederen tager den første samtale "
        "samme dag.",
    )
    session.set_aside("dpo-og-jurist", "postponed", "Tages op, når personalejuristen deltager.")
    add(
        "arbejdsgange",
        "action",
        "Udkast til lokal beredskabsplan: hvem dokumenterer, hvem anmelder, hvem overtager.",
        "Anders Bruun og Lars Dahl",
        date(2026, 5, 15),
    )
    session.set_notes(
        "lokale-retningslinjer",
        "Udvalget var enigt om at anbefale, at arbejdspladsen ikke fremgår af private profiler. "
        "Ytringsfriheden gælder også for eget arbejdsområde.",
    )
    add(
        "lokale-retningslinjer",
        "question",
        "Hvad anbefaler vi, når medarbejdere kender borgere privat og er venner med dem på "
        "sociale medier?",
    )
    add(
        "lokale-retningslinjer",
        "action",
        "Udkast til lokale retningslinjer for brug af sociale medier sendes i høring i "
        "personalegruppen.",
        "Lone Madsen",
        date(2026, 6, 30),
    )
    add(
        "lokal-opfoelgning",
        "decision",
        "Episoder gennemgås kvartalsvis i lokaludvalget alene med sagsnummer og type.",
    )
    add(
        "lokal-opfoelgning",
        "agreement",
        "Dialogpapiret og udvalgets aftaler gennemgås i lokaludvalget hvert år i marts.",
        "Mette Kjær Holm",
        date(2027, 3, 1),
    )
    add(
        "godkendelse-af-dagsorden",
        "decision",
        "Dagsordenen blev godkendt med den ændring, at punkt 6.7 udsættes til næste møde.",
    )
    add("godkendelse-af-referat", "decision", "Referatet blev godkendt uden bemærkninger.")
    session.set_notes(
        "meddelelser",
        "Lederen orienterede om, at kommunens nye ESDH-skabelon til hændelser tages i brug 1. "
        "april. Personalemødet i april handler om trivsel.",
    )
    session.set_notes("eventuelt", "Intet.")
    session.set_notes(
        "evaluering-af-moedet",
        "Godt at gå dialogpapiret igennem i ét møde; minimumsforpligtelserne gik hurtigt, "
        "drøftelserne om dokumentation og lokale retningslinjer fik den tid, de skulle have.",
    )
    session.set_notes("naeste-moede", "Personalejuristen inviteres til det udsatte punkt om DPO og jurist.")
    session.next_meeting_date = date(2026, 6, 9)
    session.next_meeting_time = "13.00"
    session.next_meeting_place = "Mødelokale 2, Jobcenter Nord"
    session.current_theme = "naeste-moede"
    return session


def main() -> None:
    """Write referat.toml, referat.md, referat.html and referat.docx beside this script."""
    session = example_session()
    (HERE / "referat.toml").write_text(session_to_toml(session), encoding="utf-8")
    (HERE / "referat.md").write_text(render_markdown(session), encoding="utf-8")
    (HERE / "referat.html").write_text(render_html(session), encoding="utf-8")
    (HERE / "referat.docx").write_bytes(render_docx(session))


if __name__ == "__main__":
    main()
