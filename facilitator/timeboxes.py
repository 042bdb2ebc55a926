"""Timeboxes fitted to a planned length: in proportion, whole minutes, obligations kept."""

from __future__ import annotations

from collections.abc import Sequence

from facilitator.agenda import TIMEBOX_MAX, Theme

# Presenting minimum obligations takes this long however short the meeting: below it they
# are read out, not taken note of (the review measured 2 minutes at a 60-minute scaling).
OBLIGATION_FLOOR = 5


def fit_timeboxes(themes: Sequence[Theme], total: int) -> list[int]:
    """Timeboxes for `themes` scaled to `total` minutes, obligations never below the floor.

    In proportion to the agenda's timeboxes (see `distribute`); an obligation that would get
    less than OBLIGATION_FLOOR minutes (or its own timebox, if that is shorter) gets that, and
    the other themes share what is left. When even that does not fit, the sum exceeds `total`.
    No theme gets more than TIMEBOX_MAX (8 hours; a longer meeting of few themes falls short).
    """
    floors = [min(OBLIGATION_FLOOR, t.timebox) if t.is_obligation else 1 for t in themes]
    fixed: dict[int, int] = {}
    while True:
        free = [i for i in range(len(themes)) if i not in fixed]
        budget = max(0, total - sum(fixed.values()))
        parts = distribute([themes[i].timebox for i in free], budget) if free else []
        short = [i for i, part in zip(free, parts, strict=True) if part < floors[i]]
        if not short:
            break
        fixed.update((i, floors[i]) for i in short)
    fitted = dict(zip(free, parts, strict=True))
    return [min(TIMEBOX_MAX, fixed.get(i, fitted.get(i, 0))) for i in range(len(themes))]


def distribute(weights: list[int], total: int) -> list[int]:
    """Split `total` minutes in proportion to `weights`: whole minutes, at least 1 each.

    Largest remainders decide where the odd minutes go, so the parts always add up to
    `total` (unless `total` is smaller than the number of parts: then each gets 1), and
    weights that already add up to `total` come back unchanged. A part too small for one
    minute gets one, paid for by the largest part.
    """
    count = len(weights)
    if count == 0:
        return []
    if total <= count:
        return [1] * count
    if not sum(weights):
        weights = [1] * count
    weight_sum = sum(weights)
    exact = [total * w / weight_sum for w in weights]
    parts = [int(x) for x in exact]
    order = sorted(range(count), key=lambda i: (-(exact[i] - parts[i]), -weights[i], i))
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    for i in range(count):
        while parts[i] < 1:
            # The largest part pays; among equals the lightest, so order by weight holds.
            donor = max(range(count), key=lambda j: (parts[j], -weights[j], j))
            parts[donor] -= 1
            parts[i] += 1
    return parts
