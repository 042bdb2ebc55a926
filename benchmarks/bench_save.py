"""Benchmark: `save_session` of a large meeting against serialising it with tomli-w alone.

The session has 50 themes in 5 sections and 1,000 outcomes with Danish text and notes. The
floor is what any TOML save must pay: `tomli_w.dumps(session_to_data(session))`. A save adds
the disk (temp file, fsync, rename, folder fsync) and the Markdown minutes written beside it;
both are timed on their own too. Target: a save costs at most 2x the floor.

    .venv/bin/python benchmarks/bench_save.py [--runs 30] [--dir DIR]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import tomli_w

from facilitator import store
from facilitator.agenda import Agenda, Section, Theme
from facilitator.codec import session_to_data
from facilitator.fileio import atomic_write, fsync_folder
from facilitator.minutes import render_markdown
from facilitator.session import OUTCOME_KINDS, Participant, Session

TARGET_RATIO = 2.0
CET = timezone(timedelta(hours=1))

WORDS = [
    "medarbejderen",
    "chikane",
    "sociale",
    "medier",
    "lederen",
    "dokumentation",
    "skærmbilleder",
    "borgeren",
    "politiet",
    "anmeldelse",
    "krisehjælp",
    "arbejdsmiljø",
    "trivsel",
    "aftale",
    "opfølgning",
    "sagsnummer",
    "retningslinjer",
    "ytringsfrihed",
    "tavshedspligt",
    "kollegaer",
    "afdelingen",
    "kommunen",
    "jobcentret",
    "borgerservice",
    "hjemmeplejen",
    "tillidsrepræsentant",
    "arbejdsmiljørepræsentant",
    "udvalget",
    "drøftede",
    "besluttede",
    "aftalte",
    "skal",
    "bør",
    "kan",
    "vil",
    "ikke",
    "altid",
    "hurtigt",
    "senest",
    "hver",
    "måned",
    "år",
    "og",
    "at",
    "i",
    "på",
    "med",
    "til",
    "for",
    "om",
    "af",
    "det",
    "der",
    "som",
    "er",
    "en",
    "et",
    "de",
    "vi",
    "har",
]
NAMES = ("Anne Æbelø", "Søren Ågård", "Mia Østergaard", "Jens Kjær", "Fatima Nørgaard", "Lars")


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def build_agenda(rng: random.Random) -> Agenda:
    """A dialogue paper of 5 sections with 10 themes each."""
    sections = []
    for s in range(5):
        themes = tuple(
            Theme(
                id=f"tema-{s + 1}-{t + 1}",
                title=sentence(rng, 4)[:-1],
                timebox=rng.choice((5, 10, 15, 20)),
                kind="obligation" if t == 0 else "discussion",
                description=" ".join(sentence(rng, 14) for _ in range(3)),
                prompts=tuple(sentence(rng, 12)[:-1] + "?" for _ in range(5)),
            )
            for t in range(10)
        )
        sections.append(
            Section(id=f"afsnit-{s + 1}", title=f"Afsnit {s + 1}", themes=themes, description="")
        )
    return Agenda(
        id="stort-dialogpapir",
        title="Et stort dialogpapir om chikane på sociale medier",
        language="da",
        sections=tuple(sections),
        description=" ".join(sentence(rng, 15) for _ in range(4)),
    )


def build_session(rng: random.Random) -> Session:
    """A long meeting: 12 participants, notes on every theme, 1,000 outcomes."""
    session = Session.new("Lokaludvalg Børneby Nord", build_agenda(rng))
    start = datetime(2026, 3, 2, 9, 0, tzinfo=CET)
    session.started, session.place = start, "Rådhuset, lokale 2.14"
    session.chair, session.secretary = NAMES[0], NAMES[1]
    session.participants = [
        Participant(f"{rng.choice(NAMES)} {i}", present=i != 11) for i in range(12)
    ]
    for index, record in enumerate(session.themes):
        record.state, record.seconds = "done", rng.uniform(60, 1200)
        record.notes = "\n".join(sentence(rng, rng.randint(10, 30)) for _ in range(4))
        for k in range(20):
            outcome = session.add_outcome(
                record.theme_id,
                OUTCOME_KINDS[k % 4],
                sentence(rng, rng.randint(6, 20)),
                owner=rng.choice(NAMES) if k % 4 in (1, 2) else "",
                due=date(2026, 4, 1) + timedelta(days=rng.randint(0, 300)) if k % 4 else None,
            )
            outcome.created = start + timedelta(seconds=index * 300 + k * 15)
    return session


def medians_ms(cases: dict[str, Callable[[], object]], runs: int) -> dict[str, float]:
    """Median milliseconds of each case, run round robin so a busy moment hurts all alike."""
    times: dict[str, list[float]] = {name: [] for name in cases}
    for fn in cases.values():
        fn()  # warm-up: imports, caches, the first file creation
    for _ in range(runs):
        for name, fn in cases.items():
            started = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - started)
    return {name: statistics.median(values) * 1000 for name, values in times.items()}


def main(argv: list[str] | None = None) -> int:
    """Print the median save time next to the tomli-w floor, and where the time goes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=30, help="timed runs of each (default 30)")
    parser.add_argument("--dir", type=Path, help="folder to save into (default: a temp folder)")
    args = parser.parse_args(argv)

    session = build_session(random.Random(20260302))
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        path = Path(folder) / "bench.toml"
        data = session_to_data(session)
        payload = tomli_w.dumps(data).encode("utf-8")
        minutes = render_markdown(session).encode("utf-8")

        def toml_only_disk() -> None:
            atomic_write(path, payload)

        def both_files_disk() -> None:
            atomic_write(path, payload, sync_folder=False)
            atomic_write(path.with_suffix(".md"), minutes, sync_folder=False)
            fsync_folder(path.parent)

        m = medians_ms(
            {
                "save": lambda: store.save_session(session, path),
                "floor": lambda: tomli_w.dumps(session_to_data(session)),
                "to_data": lambda: session_to_data(session),
                "dumps": lambda: tomli_w.dumps(data),
                "render": lambda: render_markdown(session),
                "disk_toml": toml_only_disk,
                "disk_both": both_files_disk,
            },
            args.runs,
        )
    save, floor, to_data, dumps = m["save"], m["floor"], m["to_data"], m["dumps"]
    render, disk_toml, disk_both = m["render"], m["disk_toml"], m["disk_both"]
    ratio = save / floor
    toml_save = floor + disk_toml
    print(
        f"session: {len(session.themes)} themes, {len(session.outcomes())} outcomes, "
        f"{len(payload) / 1024:.0f} KiB TOML, {len(minutes) / 1024:.0f} KiB Markdown; "
        f"median of {args.runs} runs"
    )
    print(
        f"save_session  median {save:.1f} ms   floor (tomli_w.dumps) {floor:.1f} ms   "
        f"ratio {ratio:.2f}x (target <= {TARGET_RATIO:.1f}x)"
    )
    print(f"  session_to_data              {to_data:7.2f} ms")
    print(f"  tomli_w.dumps                {dumps:7.2f} ms")
    print(f"  render_markdown (minutes)    {render:7.2f} ms")
    print(f"  disk, .toml only             {disk_toml:7.2f} ms   (write, fsync, rename, dir fsync)")
    print(f"  disk, .toml and .md          {disk_both:7.2f} ms")
    print(
        f"  the TOML save alone (floor + its disk) would be {toml_save:.1f} ms, "
        f"{toml_save / floor:.2f}x the floor"
    )
    if ratio <= TARGET_RATIO:
        print("result: within target")
        return 0
    parts = {
        "the Markdown minutes": render,
        "the disk (fsync)": disk_both,
    }
    extra = ", ".join(
        f"{name} {ms:.1f} ms" for name, ms in sorted(parts.items(), key=lambda p: -p[1])
    )
    print(f"result: OVER target; the time beyond the floor goes to: {extra}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
