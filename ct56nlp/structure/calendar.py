"""The Vietnamese working-day calendar, and how periods are counted.

Working days skip Saturdays, Sundays, the statutory holidays (from the pinned ``holidays``
package: lunar Tết, Giỗ Tổ Hùng Vương, 30/4, 1/5, Quốc khánh and their observed days) and the
government's yearly swaps, which the package records only in part: an override file
(``ct56nlp/data/calendar/vn-civil-service.toml``, extendable per year and per agency) adds the
Saturdays worked in exchange and anything the package has not caught up with.

Counting conventions (Bộ luật Dân sự 2015, Điều 147–148), used everywhere:

* a period counted from an event starts on the **day after** the event (Điều 147 khoản 1);
* a period of N **calendar** days ends at the end of day ``event + N``; when that day is a day off,
  the period ends at the end of the next working day (Điều 148 khoản 5);
* a period of N **working** days ends at the end of the N-th working day after the event;
* "trước ngày X" / "chậm nhất ngày X" are read as "by the end of day X": a reply dated X is on
  time (the lenient reading, so lateness is never overstated).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

import holidays

from ..errors import ConfigError

__all__ = ["WorkCalendar", "DEFAULT_OVERRIDES"]

DEFAULT_OVERRIDES = "vn-civil-service.toml"


def _load_overrides(text: str, origin: str) -> tuple[dict[date, bool], dict[date, str]]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{origin}: not valid TOML ({exc})") from exc
    days: dict[date, bool] = {}
    notes: dict[date, str] = {}
    for key, value in data.items():
        try:
            day = date.fromisoformat(key)
        except ValueError:
            raise ConfigError(f"{origin}: {key!r} is not an ISO date (YYYY-MM-DD)") from None
        if not isinstance(value, dict) or not isinstance(value.get("working"), bool):
            raise ConfigError(f"{origin}: [{key}] needs `working = true` or `working = false`")
        days[day] = value["working"]
        notes[day] = str(value.get("note", ""))
    return days, notes


@dataclass
class WorkCalendar:
    """Which days are working days.  ``overrides`` maps a date to working (True) or not (False)."""

    overrides: dict[date, bool] = field(default_factory=dict)
    notes: dict[date, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._holidays = holidays.country_holidays("VN")

    @classmethod
    def default(cls, *extra_files: str | Path) -> "WorkCalendar":
        """The shipped overrides, then each of ``extra_files`` on top (later files win)."""
        text = resources.files("ct56nlp").joinpath("data", "calendar", DEFAULT_OVERRIDES).read_text("utf-8")
        days, notes = _load_overrides(text, DEFAULT_OVERRIDES)
        for path in extra_files:
            try:
                more_text = Path(path).read_text("utf-8")
            except OSError as exc:
                raise ConfigError(f"cannot read calendar file {path}: {exc}") from exc
            more, more_notes = _load_overrides(more_text, str(path))
            days.update(more)
            notes.update(more_notes)
        return cls(days, notes)

    def is_working_day(self, day: date) -> bool:
        if day in self.overrides:
            return self.overrides[day]
        if day.weekday() >= 5:
            return False
        return day not in self._holidays

    def next_working_day(self, day: date) -> date:
        """``day`` itself if it is a working day, else the first working day after it."""
        for _ in range(400):
            if self.is_working_day(day):
                return day
            day += timedelta(days=1)
        raise ConfigError("no working day within 400 days: check the calendar overrides")

    def add_working_days(self, event: date, n: int) -> date:
        """The end of a period of ``n`` working days counted from the day after ``event``."""
        if n <= 0:
            return event
        day = event
        counted = 0
        while counted < n:
            day += timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
        return day

    def add_calendar_days(self, event: date, n: int) -> date:
        """The end of a period of ``n`` calendar days; moved to the next working day if it falls
        on a day off (Bộ luật Dân sự 2015, Điều 148)."""
        return self.next_working_day(event + timedelta(days=n))

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in ``(start, end]`` — how many working days ``end`` is after ``start``
        (negative when ``end`` is earlier)."""
        if end == start:
            return 0
        sign = 1
        if end < start:
            start, end, sign = end, start, -1
        count = 0
        day = start
        while day < end:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return sign * count
