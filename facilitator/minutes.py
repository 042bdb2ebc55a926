"""Markdown minutes of a session (placeholder until the minutes module lands)."""

from __future__ import annotations

from facilitator.session import Session


def render_markdown(session: Session) -> str:
    """The minutes as Markdown."""
    return f"# {session.committee}\n"
