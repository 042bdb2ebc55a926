"""Writes the hostile session and agenda files beside this script (run it after a format change).

Each file is one attack or one kind of damage, named by category: `trace-*` (what once gave a
traceback), `ctrl-*` (terminal control sequences), `markup-*` (Rich markup), `schema-*`,
`odd-*` (not TOML, not UTF-8, empty), `dup-*`, `type-*`, `missing-*`, `range-*`. Odd files that
cannot be committed (FIFOs, devices, folders, files over the size cap) are made by the tests.

    .venv/bin/python tests/hostile/make_hostile.py
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import tomli_w

from facilitator.agenda import load_agenda
from facilitator.codec import session_to_data
from facilitator.session import Outcome, Participant, Review, Session

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CET = timezone(timedelta(hours=1))

ESC_CLEAR = "\x1b[2J\x1b[H"
OSC52 = "\x1b]52;c;cm0gLXJmIH4K\x07"  # set the clipboard to "rm -rf ~"
OSC8 = "\x1b]8;;https://evil.example/\x1b\\klik\x1b]8;;\x1b\\"
TITLE = "\x1b]0;pwned\x07"
C1_CSI = "\x9b31m"
BIDI = "Aftale \u202egnidnib\u202c slut"
ZERO_WIDTH = "Mi\u200ba \u200dHansen\u2060\ufeff"
BELL = "ring\x07ring"


def base_session() -> Session:
    """A small meeting with one of everything, as the program itself would save it."""
    agenda = load_agenda(ROOT / "agendas" / "sociale-medier.toml")
    session = Session.new("Lokaludvalg Børneby Nord", agenda)
    session.id = "0123456789ab"
    session.created = datetime(2026, 3, 12, 13, 0, tzinfo=CET)
    session.started = datetime(2026, 3, 12, 13, 5, tzinfo=CET)
    session.place = "Mødelokale 2"
    session.chair = "Anne Æbelø"
    session.secretary = "Søren Ågård"
    session.participants = [
        Participant("Anne Æbelø", "leader", "management"),
        Participant("Mia Hansen", "tr", "employees"),
    ]
    first = session.themes[0]
    first.notes = "Vi talte om grænser."
    first.seconds = 600.0
    first.outcomes.append(
        Outcome(
            kind="agreement",
            text="Skærmbilleder gemmes i sagen",
            owner="Mia Hansen",
            due=date(2026, 4, 1),
            created=datetime(2026, 3, 12, 13, 20, tzinfo=CET),
            id="aaaaaaaaaaaa",
        )
    )
    first.outcomes.append(
        Outcome(
            kind="action",
            text="Guiden sendes rundt",
            owner="Anne Æbelø",
            created=datetime(2026, 3, 12, 13, 25, tzinfo=CET),
            id="bbbbbbbbbbbb",
        )
    )
    session.reviews.append(
        Review(
            outcome_id="cccccccccccc",
            kind="agreement",
            text="Kontaktperson udpeges",
            owner="Mia Hansen",
            meeting_date=date(2026, 1, 10),
            status="in-progress",
            comment="Mia har talt med HR",
        )
    )
    return session


def base_agenda() -> dict[str, Any]:
    """A small valid agenda as data."""
    return {
        "schema": 1,
        "id": "lille-guide",
        "title": "Lille guide",
        "language": "da",
        "sections": [
            {
                "id": "del-1",
                "title": "Del 1",
                "themes": [
                    {"id": "tema-a", "title": "Tema A", "timebox": 10, "prompts": ["Hvad?"]},
                    {"id": "tema-b", "title": "Tema B", "timebox": 15, "kind": "obligation"},
                ],
            }
        ],
    }


Edit = Callable[[dict[str, Any]], Any]


def edited(base: dict[str, Any], edit: Edit) -> bytes:
    data = copy.deepcopy(base)
    edit(data)
    return tomli_w.dumps(data).encode("utf-8")


def text_edit(base: dict[str, Any], old: str, new: str) -> bytes:
    """Textual surgery for what tomli_w will not write (huge integers, deep nesting)."""
    text = tomli_w.dumps(base)
    assert old in text, old
    return text.replace(old, new, 1).encode("utf-8")


def deep(kind: str, depth: int) -> str:
    if kind == "array":
        return "[" * depth + "]" * depth
    return "{a = " * depth + "1" + "}" * depth


HUGE = "9" * 5000
HUGE_HEX = "0x" + "f" * 5000
BIG = str(2**63 - 1)


def session_files() -> dict[str, bytes]:
    base = session_to_data(base_session())
    theme = base["themes"][0]
    outcome = theme["outcomes"][0]
    files: dict[str, bytes] = {}

    def put(name: str, edit: Edit) -> None:
        files[name] = edited(base, edit)

    # Tracebacks, once: nesting, huge numbers, non-finite and absurd values, far dates.
    tail = f'\n[[themes]]\nid = "{theme["id"]}"'
    files["trace-deep-array-notes.toml"] = text_edit(
        base, tail, f"{tail}\nnotes = {deep('array', 3000)}"
    )
    files["trace-deep-inline-table.toml"] = text_edit(
        base, "schema = 1\n", f"schema = 1\nextra = {deep('table', 3000)}\n"
    )
    files["trace-nested-40.toml"] = text_edit(
        base, "schema = 1\n", f"schema = 1\nx = {deep('array', 40)}\n"
    )
    files["trace-huge-int-timebox.toml"] = text_edit(
        base, f"timebox = {theme['timebox']}", f"timebox = {HUGE}"
    )
    files["trace-huge-hex-planned.toml"] = text_edit(
        base, f"planned_minutes = {base['planned_minutes']}", f"planned_minutes = {HUGE_HEX}"
    )
    files["trace-huge-int-schema.toml"] = text_edit(base, "schema = 1", f"schema = {HUGE}")
    files["trace-huge-hex-seconds.toml"] = text_edit(
        base, "seconds = 600.0", f"seconds = {HUGE_HEX}"
    )
    for label, value in [("inf", math.inf), ("nan", math.nan), ("1e308", 1e308), ("minus", -1e30)]:
        put(f"trace-seconds-{label}.toml", lambda d, v=value: d["themes"][0].update(seconds=v))  # type: ignore[misc]
    put("trace-timebox-2-63.toml", lambda d: d["themes"][0].update(timebox=2**63 - 1))
    put("trace-planned-2-63.toml", lambda d: d.update(planned_minutes=2**63 - 1))
    put("trace-planned-negative.toml", lambda d: d.update(planned_minutes=-5))
    put("trace-timebox-zero.toml", lambda d: d["themes"][0].update(timebox=0))
    for key in ("created", "started", "ended", "approved_at", "planned_start"):
        put(f"trace-year-1-{key}.toml", lambda d, k=key: d.update({k: datetime(1, 1, 1, 0, 0)}))  # type: ignore[misc]
    put(
        "trace-year-9999-created.toml",
        lambda d: d.update(created=datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC)),
    )
    put(
        "trace-year-9999-due.toml",
        lambda d: d["themes"][0]["outcomes"][0].update(date=date(9999, 12, 31)),
    )
    put(
        "trace-year-1-meeting-date.toml",
        lambda d: d["reviews"][0].update(meeting_date=date(1, 1, 1)),
    )
    put(
        "trace-naive-and-aware.toml",
        lambda d: d.update(ended=datetime(2026, 3, 12, 15, 0)),  # no offset, beside aware ones
    )
    put(
        "trace-agenda-timebox-2-63.toml",
        lambda d: d["agenda"]["sections"][0]["themes"][0].update(timebox=2**63 - 1),
    )
    files["trace-agenda-huge-int.toml"] = text_edit(
        base, "[agenda]\nschema = 1", f"[agenda]\nschema = {HUGE}"
    )

    # Terminal control sequences in every kind of text, and in values that are refused.
    put("ctrl-clear-in-notes.toml", lambda d: d["themes"][0].update(notes=ESC_CLEAR + "noter"))
    put(
        "ctrl-osc52-outcome.toml",
        lambda d: d["themes"][0]["outcomes"][0].update(text=OSC52 + "aftale"),
    )
    put("ctrl-osc8-committee.toml", lambda d: d.update(committee="LMU " + OSC8))
    put("ctrl-title-committee.toml", lambda d: d.update(committee=TITLE + "LMU"))
    put("ctrl-c1-owner.toml", lambda d: d["themes"][0]["outcomes"][0].update(owner=C1_CSI + "Mia"))
    put("ctrl-bell-participant.toml", lambda d: d["participants"][0].update(name=BELL))
    put("ctrl-bidi-committee.toml", lambda d: d.update(committee=BIDI))
    put(
        "ctrl-zero-width-owner.toml",
        lambda d: d["themes"][0]["outcomes"][0].update(owner=ZERO_WIDTH),
    )
    put("ctrl-bad-state.toml", lambda d: d["themes"][0].update(state=ESC_CLEAR + "half"))
    put("ctrl-bad-kind.toml", lambda d: d["themes"][0]["outcomes"][0].update(kind=TITLE))
    put("ctrl-bad-role.toml", lambda d: d["participants"][0].update(role=OSC52))
    put("ctrl-current-theme.toml", lambda d: d.update(current_theme=ESC_CLEAR))
    put("ctrl-in-key.toml", lambda d: d.update({"\x1b[2Jkey": 1}))
    put("ctrl-review-comment.toml", lambda d: d["reviews"][0].update(comment=OSC8 + C1_CSI))
    put("ctrl-agenda-title.toml", lambda d: d["agenda"].update(title=TITLE + "Guide"))
    put(
        "ctrl-theme-title.toml",
        lambda d: d["agenda"]["sections"][0]["themes"][0].update(title=ESC_CLEAR + "Tema"),
    )
    put(
        "ctrl-prompt.toml",
        lambda d: d["agenda"]["sections"][0]["themes"][0].update(prompts=[OSC52 + "?"]),
    )
    put("ctrl-place-chair.toml", lambda d: d.update(place=TITLE, chair=C1_CSI + "Anne"))
    put(
        "ctrl-bad-id-in-agenda.toml",
        lambda d: d["agenda"]["sections"][0]["themes"][0].update(id="\x1b[31mrod"),
    )
    put(
        "ctrl-uncovered-reason.toml",
        lambda d: d["themes"][1].update(uncovered_reason=BIDI + ESC_CLEAR),
    )
    files["ctrl-raw-esc-byte.toml"] = text_edit(
        base, 'place = "Mødelokale 2"', 'place = "M\x1b[2Jx"'
    )

    # Rich markup in everything a screen or table shows.
    put("markup-close-tag-committee.toml", lambda d: d.update(committee="LMU [/] Nord"))
    put(
        "markup-udkast-theme.toml",
        lambda d: d["agenda"]["sections"][0]["themes"][0].update(title="[Udkast] Hvad er chikane?"),
    )
    put(
        "markup-close-tag-theme.toml",
        lambda d: d["agenda"]["sections"][0]["themes"][0].update(title="Tema [/] slut"),
    )
    put(
        "markup-bold-outcome.toml",
        lambda d: d["themes"][0]["outcomes"][0].update(text="[bold red]HUSK[/bold red] [link=x]"),
    )
    put(
        "markup-section-title.toml",
        lambda d: d["agenda"]["sections"][0].update(title="[/][b]Definition"),
    )
    put(
        "markup-notes-owner.toml",
        lambda d: (
            d["themes"][0].update(notes="[@click=app.quit]klik[/]"),
            d["themes"][0]["outcomes"][0].update(owner="[i]Mia[/i]"),
        ),
    )

    # The schema guard.
    files["schema-quoted-99.toml"] = text_edit(base, "schema = 1\n", '"schema" = 99\n')
    put("schema-2.toml", lambda d: d.update(schema=2))
    put("schema-string.toml", lambda d: d.update(schema="1"))
    put("schema-zero.toml", lambda d: d.update(schema=0))
    put("schema-negative.toml", lambda d: d.update(schema=-1))
    files["schema-huge.toml"] = text_edit(base, "schema = 1\n", f"schema = {2**70}\n")
    put("schema-missing.toml", lambda d: d.pop("schema"))

    # Not TOML, not UTF-8, nothing at all.
    files["odd-empty.toml"] = b""
    files["odd-nul.toml"] = b"schema = 1\x00\x00"
    files["odd-latin1.toml"] = 'schema = 1\ncommittee = "Børneby"\n'.encode("latin-1")
    files["odd-png.toml"] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
    files["odd-syntax.toml"] = b'schema = 1\ncommittee = "open\n'
    files["odd-bom-then-garbage.toml"] = b"\xef\xbb\xbf[[[[[\n"
    files["odd-shopping-list.toml"] = b'title = "a shopping list"\nitems = ["milk"]\n'
    files["odd-only-comments.toml"] = b"# nothing here\n# at all\n"

    # Duplicates and mismatches.
    put("dup-outcome-ids.toml", lambda d: d["themes"][0]["outcomes"][1].update(id=outcome["id"]))
    put(
        "dup-outcome-id-across-themes.toml",
        lambda d: d["themes"][1]["outcomes"].append(dict(d["themes"][0]["outcomes"][0])),
    )
    put("dup-theme-record.toml", lambda d: d["themes"].append(dict(d["themes"][0])))
    put("dup-unknown-theme.toml", lambda d: d["themes"][0].update(id="findes-ikke"))

    # Wrong types, over-long texts, missing keys.
    put("type-committee-int.toml", lambda d: d.update(committee=5))
    put("type-participants-string.toml", lambda d: d.update(participants="Anne, Mia"))
    put("type-themes-table.toml", lambda d: d.update(themes={"id": "x"}))
    put("type-outcomes-ints.toml", lambda d: d["themes"][0].update(outcomes=[1, 2]))
    put("type-notes-list.toml", lambda d: d["themes"][0].update(notes=["a", "b"]))
    put("type-present-string.toml", lambda d: d["participants"][0].update(present="ja"))
    put("type-agenda-string.toml", lambda d: d.update(agenda="sociale-medier"))
    put("type-long-committee.toml", lambda d: d.update(committee="L" * 10_000))
    put("type-long-notes.toml", lambda d: d["themes"][0].update(notes="x" * 200_000))
    put(
        "type-long-agenda-theme-title.toml",
        lambda d: d["agenda"]["sections"][0]["themes"][0].update(title="T" * 501),
    )
    put(
        "type-long-agenda-prompt.toml",
        lambda d: d["agenda"]["sections"][0]["themes"][0].update(prompts=["p" * 2001]),
    )
    put("missing-id.toml", lambda d: d.pop("id"))
    put("missing-created-outcome.toml", lambda d: d["themes"][0]["outcomes"][0].pop("created"))
    put("missing-agenda.toml", lambda d: d.pop("agenda"))
    put("missing-theme-timebox.toml", lambda d: d["themes"][0].pop("timebox"))
    put("missing-agenda-sections.toml", lambda d: d["agenda"].pop("sections"))
    put("range-created-date-only.toml", lambda d: d.update(created=date(2026, 3, 12)))
    put(
        "range-ended-before-started.toml",
        lambda d: d.update(ended=datetime(2026, 3, 12, 12, 35, tzinfo=CET)),  # started 13.05
    )
    return files


def long_plan() -> dict[str, Any]:
    return {"id": "kort", "title": "P" * 501, "planned": 30, "themes": ["tema-a"]}


def agenda_files() -> dict[str, bytes]:
    base = base_agenda()
    files: dict[str, bytes] = {}

    def put(name: str, edit: Edit) -> None:
        files[name] = edited(base, edit)

    def theme(data: dict[str, Any]) -> dict[str, Any]:
        return data["sections"][0]["themes"][0]  # type: ignore[no-any-return]

    files["trace-deep-array-prompts.toml"] = text_edit(
        base, 'prompts = [\n    "Hvad?",\n]', f"prompts = {deep('array', 3000)}"
    )
    files["trace-deep-inline-table.toml"] = text_edit(
        base, "schema = 1\n", f"schema = 1\nx = {deep('table', 3000)}\n"
    )
    files["trace-nested-40.toml"] = text_edit(
        base, "schema = 1\n", f"schema = 1\nx = {deep('array', 40)}\n"
    )
    files["trace-huge-int-timebox.toml"] = text_edit(base, "timebox = 10", f"timebox = {HUGE}")
    files["trace-huge-hex-timebox.toml"] = text_edit(base, "timebox = 10", f"timebox = {HUGE_HEX}")
    files["trace-huge-int-schema.toml"] = text_edit(base, "schema = 1", f"schema = {HUGE}")
    files["trace-huge-int-unknown-key.toml"] = text_edit(
        base, "schema = 1\n", f"schema = 1\nextra = {HUGE_HEX}\n"
    )
    for label, value in [("inf", math.inf), ("nan", math.nan), ("1e308", 1e308), ("minus", -1e30)]:
        put(f"trace-timebox-{label}.toml", lambda d, v=value: theme(d).update(timebox=v))  # type: ignore[misc]
    put("trace-timebox-2-63.toml", lambda d: theme(d).update(timebox=2**63 - 1))
    put("trace-timebox-zero.toml", lambda d: theme(d).update(timebox=0))
    put("trace-timebox-481.toml", lambda d: theme(d).update(timebox=481))
    put("trace-date-year-1.toml", lambda d: d.update(version=date(1, 1, 1)))
    put("trace-date-year-9999.toml", lambda d: d.update(source=datetime(9999, 12, 31, 23, 59)))
    put("trace-schema-2-63.toml", lambda d: d.update(schema=2**63 - 1))

    put("ctrl-title-clear.toml", lambda d: d.update(title=ESC_CLEAR + "Guide"))
    put("ctrl-title-retitle.toml", lambda d: d.update(title=TITLE + "Guide"))
    put("ctrl-osc52-prompt.toml", lambda d: theme(d).update(prompts=[OSC52 + "Hvad?"]))
    put("ctrl-osc8-description.toml", lambda d: d.update(description="Se " + OSC8))
    put("ctrl-c1-theme-title.toml", lambda d: theme(d).update(title=C1_CSI + "Tema"))
    put("ctrl-bell-section.toml", lambda d: d["sections"][0].update(title=BELL))
    put("ctrl-bidi-title.toml", lambda d: d.update(title=BIDI))
    put("ctrl-zero-width-prompt.toml", lambda d: theme(d).update(prompts=[ZERO_WIDTH]))
    put("ctrl-bad-kind.toml", lambda d: theme(d).update(kind=ESC_CLEAR + "discussion"))
    put("ctrl-bad-language.toml", lambda d: d.update(language=TITLE))
    put("ctrl-bad-id.toml", lambda d: d.update(id="\x1b[31mrod"))
    put("ctrl-in-unknown-key.toml", lambda d: d.update({OSC52: "x"}))
    put("ctrl-bad-theme-id.toml", lambda d: theme(d).update(id=C1_CSI))
    files["ctrl-raw-esc-byte.toml"] = text_edit(
        base, 'title = "Lille guide"', 'title = "L\x1b[2Jx"'
    )

    put("markup-close-tag-title.toml", lambda d: d.update(title="Guide [/] slut"))
    put("markup-udkast-theme.toml", lambda d: theme(d).update(title="[Udkast] Tema A"))
    put("markup-close-tag-theme.toml", lambda d: theme(d).update(title="Tema [/]"))
    put("markup-bold-prompt.toml", lambda d: theme(d).update(prompts=["[bold]Hvad[/bold] [/]"]))
    put("markup-section.toml", lambda d: d["sections"][0].update(title="[@click=app.quit]Del[/]"))

    files["schema-quoted-99.toml"] = text_edit(base, "schema = 1\n", '"schema" = 99\n')
    put("schema-2.toml", lambda d: d.update(schema=2))
    put("schema-string.toml", lambda d: d.update(schema="1"))
    put("schema-missing.toml", lambda d: d.pop("schema"))

    files["odd-empty.toml"] = b""
    files["odd-nul.toml"] = b"schema = 1\x00"
    files["odd-latin1.toml"] = 'schema = 1\ntitle = "Håndtering"\n'.encode("latin-1")
    files["odd-png.toml"] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
    files["odd-syntax.toml"] = b'schema = 1\ntitle = "open\n'
    files["odd-only-comments.toml"] = b"# intet\n"

    put("dup-theme-ids.toml", lambda d: d["sections"][0]["themes"][1].update(id="tema-a"))
    put("dup-section-ids.toml", lambda d: d["sections"].append(copy.deepcopy(d["sections"][0])))

    put("type-title-int.toml", lambda d: d.update(title=5))
    put("type-sections-table.toml", lambda d: d.update(sections={"id": "x"}))
    put("type-prompts-string.toml", lambda d: theme(d).update(prompts="Hvad?"))
    put("type-prompts-mixed.toml", lambda d: theme(d).update(prompts=["a", 1, [2], {"b": 3}]))
    put("type-long-title.toml", lambda d: d.update(title="T" * 10_000))
    put("type-long-prompt.toml", lambda d: theme(d).update(prompts=["p" * 50_000]))
    # Each text just over its cap (title, id, version 500; source, a prompt 2,000; a
    # description 100,000 characters).
    put("type-long-section-title.toml", lambda d: d["sections"][0].update(title="S" * 501))
    put("type-long-theme-title.toml", lambda d: theme(d).update(title="T" * 501))
    put("type-long-theme-id.toml", lambda d: theme(d).update(id="a" * 501))
    put("type-long-plan-title.toml", lambda d: d.update(plans=[long_plan()]))
    put("type-long-version.toml", lambda d: d.update(version="1." * 251))
    put("type-long-source.toml", lambda d: d.update(source="https://x/" + "s" * 1991))
    put("type-long-prompt-2001.toml", lambda d: theme(d).update(prompts=["Hvad?", "p" * 2001]))
    put("type-long-description.toml", lambda d: theme(d).update(description="d" * 100_001))
    put(
        "missing-everything-top.toml",
        lambda d: [d.pop(k) for k in ("schema", "id", "title", "language")],
    )
    put("missing-sections.toml", lambda d: d.pop("sections"))
    put("missing-theme-keys.toml", lambda d: [theme(d).pop(k) for k in ("id", "title", "timebox")])
    return files


def main() -> None:
    for folder, files in (("sessions", session_files()), ("agendas", agenda_files())):
        target = HERE / folder
        target.mkdir(exist_ok=True)
        for old in target.glob("*.toml"):
            old.unlink()
        for name, raw in sorted(files.items()):
            (target / name).write_bytes(raw)
        print(f"{len(files)} files in {target}")


if __name__ == "__main__":
    main()
