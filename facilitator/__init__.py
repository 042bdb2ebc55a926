"""facilitator: run a committee meeting through a dialogue paper, in the terminal."""

__version__ = "0.1.0"
