"""The application layer: a Workspace owns a sessions folder; the front ends call only it.

`commands/` and `tui/` start, open, save, end, export and read meetings through a Workspace
and the OpenMeeting it hands out; the domain modules below never know which front end runs.
"""

from facilitator.fileio import StoreError
from facilitator.lock import SessionLockedError
from facilitator.store import NewerSessionError, SessionInfo
from facilitator.workspace.exports import EXPORT_FORMATS, ExportRefused
from facilitator.workspace.meeting import OpenMeeting
from facilitator.workspace.saver import SaveProblem
from facilitator.workspace.workspace import MeetingForm, NothingToResume, Workspace, register_of

__all__ = [
    "EXPORT_FORMATS",
    "ExportRefused",
    "MeetingForm",
    "NewerSessionError",
    "NothingToResume",
    "OpenMeeting",
    "SaveProblem",
    "SessionInfo",
    "SessionLockedError",
    "StoreError",
    "Workspace",
    "register_of",
]
