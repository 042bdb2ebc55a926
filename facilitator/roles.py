"""The people of a MED committee: roles, the side each sits on, and roles as people type them."""

from __future__ import annotations

from typing import Literal, get_args

from facilitator.text import clean_line

Role = Literal["leader", "employee-representative", "tr", "amr", "secretary", "guest", "other"]
# "": no side. Guests, the secretary and others sit on neither side of a MED committee.
Side = Literal["management", "employees", ""]

ROLES: tuple[Role, ...] = get_args(Role)
SIDES: tuple[Side, ...] = get_args(Side)

# Which side a role sits on when nobody says otherwise: a MED committee has two sides, and
# guests, the secretary and others sit on neither. The one place roles map to sides: a new
# role adds its line here (and side_for_role reads it).
DEFAULT_SIDE: dict[str, Side] = {
    "leader": "management",
    "employee-representative": "employees",
    "tr": "employees",
    "amr": "employees",
    "secretary": "",
    "guest": "",
    "other": "",
}

# Common spellings people type for a role on the command line or in a form.
ROLE_ALIASES: dict[str, Role] = {
    "leader": "leader",
    "leder": "leader",
    "chair": "leader",
    "formand": "leader",
    "manager": "leader",
    "employee-representative": "employee-representative",
    "employee": "employee-representative",
    "medarbejderrepræsentant": "employee-representative",
    "medarbejderrep": "employee-representative",
    "medarbejder": "employee-representative",
    "rep": "employee-representative",
    "tr": "tr",
    "tillidsrepræsentant": "tr",
    "amr": "amr",
    "arbejdsmiljørepræsentant": "amr",
    "secretary": "secretary",
    "referent": "secretary",
    "sekretær": "secretary",
    "guest": "guest",
    "gæst": "guest",
    "other": "other",
    "andet": "other",
}


def side_for_role(role: str) -> Side:
    """The side a role sits on unless someone says otherwise ("" for no side)."""
    return DEFAULT_SIDE.get(role, "")


def parse_role(text: str) -> Role | None:
    """A role from what a person typed (Danish or English), or None if it is not one."""
    return ROLE_ALIASES.get(clean_line(text).lower().replace(" ", "-").replace("_", "-"))
