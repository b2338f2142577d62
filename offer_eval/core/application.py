"""One row of the user's own application log: where they applied and how far it got.

The log is what a person changing career keeps anyway (a spreadsheet of applications). Stages are
ordered, applied < screen (past the CV) < interview < offer, and `stage` is the furthest one
reached, so "reached at least the screen" is a simple comparison. Dates are ISO text
(2025-03-14); whether a date lies in the future depends on the day the file is read, so that is
checked where rows are entered or imported, not here.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Final, Literal

from offer_eval.core.checks import (
    MAX_LABEL,
    MAX_MONEY,
    MAX_TEXT,
    check_bool,
    check_choice,
    check_date,
    check_id,
    check_number,
    check_text,
    help_text,
)
from offer_eval.core.errors import InvalidValueError
from offer_eval.core.limits import MAX_APPLICATIONS

Stage = Literal["applied", "screen", "interview", "offer"]
Channel = Literal["job_board", "referral", "recruiter", "direct", "other"]
Outcome = Literal["open", "rejected", "withdrawn", "accepted", "declined"]

STAGES: Final[tuple[str, ...]] = ("applied", "screen", "interview", "offer")
CHANNELS: Final[tuple[str, ...]] = ("job_board", "referral", "recruiter", "direct", "other")
OUTCOMES: Final[tuple[str, ...]] = ("open", "rejected", "withdrawn", "accepted", "declined")
# The date field that records when each later stage was reached.
__all__ = [
    "CHANNELS",
    "MAX_APPLICATIONS",
    "OUTCOMES",
    "STAGES",
    "STAGE_DATE_FIELDS",
    "Application",
    "Channel",
    "Outcome",
    "Stage",
    "stage_rank",
]
STAGE_DATE_FIELDS: Final[tuple[tuple[str, str], ...]] = (
    ("screen", "screen_date"),
    ("interview", "interview_date"),
    ("offer", "offer_date"),
)


def stage_rank(stage: str) -> int:
    """0 for applied up to 3 for an offer: "reached at least X" is rank >= stage_rank(X)."""
    return STAGES.index(stage)


@dataclass(frozen=True, slots=True)
class Application:
    """One application: when, to whom, through which channel, and the furthest stage reached."""

    id: str
    date: str = field(metadata=help_text("The day you applied (2025-03-14)."))
    employer: str = ""
    role: str = ""
    target_field: bool = field(
        default=True,
        metadata=help_text(
            "Is this a job in the field you are moving into? Only these set your callback rates."
        ),
    )
    channel: Channel = field(
        default="other",
        metadata=help_text("How you applied: job board, referral, recruiter, direct or other."),
    )
    stage: Stage = field(
        default="applied",
        metadata=help_text(
            "The furthest stage reached: applied, screen (past the CV), interview or offer."
        ),
    )
    outcome: Outcome = field(
        default="open",
        metadata=help_text("Where it ended: open, rejected, withdrawn, accepted or declined."),
    )
    screen_date: str | None = field(
        default=None, metadata=help_text("The day it got past the CV stage, if you know it.")
    )
    interview_date: str | None = field(
        default=None, metadata=help_text("The day of the first interview, if you know it.")
    )
    offer_date: str | None = field(
        default=None, metadata=help_text("The day of the offer, if you know it.")
    )
    offered_salary: float | None = field(
        default=None, metadata=help_text("The base salary offered (£ a year), if there was one.")
    )
    notes: str = ""

    def __post_init__(self) -> None:
        check_id("id", self.id)
        applied = check_date("date", self.date)
        check_text("employer", self.employer, MAX_LABEL)
        check_text("role", self.role, MAX_LABEL)
        check_bool("target_field", self.target_field)
        check_choice("channel", self.channel, CHANNELS)
        check_choice("stage", self.stage, STAGES)
        check_choice("outcome", self.outcome, OUTCOMES)
        self._check_stage_dates(applied)
        if self.offered_salary is not None:
            check_number("offered_salary", self.offered_salary, 0, MAX_MONEY)
            if self.stage != "offer":
                raise InvalidValueError(
                    "offered_salary", "only an application that reached an offer has one"
                )
        if self.outcome in ("accepted", "declined") and self.stage != "offer":
            raise InvalidValueError(
                "outcome", f"{self.outcome} needs the stage offer (only an offer is accepted)"
            )
        check_text("notes", self.notes, MAX_TEXT)

    def _check_stage_dates(self, applied: _dt.date) -> None:
        previous = ("date", applied)
        reached = stage_rank(self.stage)
        for stage, name in STAGE_DATE_FIELDS:
            value = getattr(self, name)
            if value is None:
                continue
            day = check_date(name, value)
            if stage_rank(stage) > reached:
                raise InvalidValueError(name, f"set, but the stage reached is {self.stage}")
            if day < previous[1]:
                raise InvalidValueError(name, f"must not be before {previous[0]}")
            previous = (name, day)

    @property
    def applied_on(self) -> _dt.date:
        """The application date as a date."""
        return _dt.date.fromisoformat(self.date)

    @property
    def rank(self) -> int:
        """How far it got: 0 applied, 1 screen, 2 interview, 3 offer."""
        return stage_rank(self.stage)
