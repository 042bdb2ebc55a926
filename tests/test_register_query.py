"""The register screen's search: quoted phrases, words at word starts; and its column layout."""

from __future__ import annotations

from facilitator.register_query import fold, parse_query
from facilitator.tui.register_columns import COLUMNS, layout


def test_a_quoted_phrase_must_stand_together_as_whole_words() -> None:
    query = parse_query('"skole øst" aftale')
    assert query.terms == ("skole øst", "aftale")
    assert query.matches(fold("LMU Skole Øst\nAftale\nSkærmbilleder"))
    # The words of the phrase apart, or a longer word, are not the phrase.
    assert not query.matches(fold("LMU Skole Vest\nAftale\nLærke Østergaard"))
    assert not query.matches(fold("LMU Skole Østerby\nAftale"))


def test_words_match_at_the_start_of_a_word_only() -> None:
    query = parse_query("øst mia")
    assert query.matches(fold("LMU Skole Øst · Mia Jensen"))
    assert query.matches(fold("Lærke Østergaard · Mia"))
    assert not query.matches(fold("Prøst · Mia"))
    assert not query.matches(fold("Skole Øst · Samia"))


def test_typographic_quotes_and_an_unclosed_quote() -> None:
    assert parse_query("„skole øst“ x").terms == ("skole øst", "x")
    assert parse_query("“skole  øst”").terms == ("skole øst",)
    assert parse_query('aftale "skole ø').terms == ("aftale", "skole ø")
    assert parse_query("   ").empty
    assert parse_query("[mia]").matches(fold("Se [Mia] nu"))


COMMITTEE = "LMU Handicap og Psykiatri"  # 25 characters, the longest of the benchmark's


def test_the_full_committee_name_fits_at_100_columns() -> None:
    natural = [len(COMMITTEE), 10, 4, 9, 80, 18, 10, 14, 10]
    columns = dict(layout(natural, 98))  # 100 columns less the table's margins
    keys = [COLUMNS[index].key for index in columns]
    assert keys == ["committee", "text", "owner", "date", "status"]
    assert columns[0] == len(COMMITTEE)
    assert columns[7] >= len("overskredet")
    assert columns[4] >= 28
    assert sum(width + 2 for width in columns.values()) + 4 <= 98


def test_layout_gives_the_text_room_and_drops_the_least_needed_columns() -> None:
    natural = [24, 10, 4, 10, 80, 18, 10, 14, 9]

    def keys(width: int) -> list[str]:
        return [COLUMNS[index].key for index, _width in layout(natural, width)]

    assert keys(200) == [spec.key for spec in COLUMNS]
    assert keys(78) == ["committee", "text", "owner", "date", "status"]
    assert "kind" in keys(140) and "state" not in keys(140)
    for width in (78, 98, 118, 158, 200):
        widths = layout(natural, width)
        assert sum(w + 2 for _i, w in widths) + 4 <= width
