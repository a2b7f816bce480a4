"""Deadline math: how exposed a site is on the date the run is judged."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from migrator.errors import UsageError

DAY = dt.timedelta(days=1)


class Clock(NamedTuple):
    """The instant judged (``--as-of``, default now) and the warning window."""

    as_of: dt.datetime
    warn_days: int = 30


class Exposure(NamedTuple):
    """How a retired ID stands on the date judged: retired or not, days, severity."""

    retired: bool
    days: int
    severity: str

    def phrase(self) -> str:
        """'127 days ago' / 'in 12 days' / 'today'."""
        if self.days == 0:
            return "today" if not self.retired else "less than a day ago"
        unit = "day" if self.days == 1 else "days"
        return f"{self.days} {unit} ago" if self.retired else f"in {self.days} {unit}"


def exposure_at(clock: Clock, retired_at: dt.datetime) -> Exposure:
    """After the deadline or within the warning window: error; earlier: warning."""
    if clock.as_of >= retired_at:
        return Exposure(retired=True, days=(clock.as_of - retired_at) // DAY, severity="error")
    remaining = retired_at - clock.as_of
    severity = "error" if remaining <= clock.warn_days * DAY else "warning"
    return Exposure(retired=False, days=remaining // DAY, severity=severity)


def signed_days(clock: Clock, retired_at: dt.datetime) -> int:
    """Days since the deadline (negative: days until it), for machine output."""
    exposure = exposure_at(clock, retired_at)
    return exposure.days if exposure.retired else -exposure.days


def format_instant(instant: dt.datetime) -> str:
    """2026-07-24 15:59 UTC"""
    return instant.astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def iso_utc(instant: dt.datetime) -> str:
    """2026-07-24T15:59:00Z, as the JSON contract writes instants."""
    return instant.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_as_of(text: str, source: str = "--as-of") -> dt.datetime:
    """Read YYYY-MM-DD (midnight UTC) or an ISO 8601 date-time (naive means UTC)."""
    raw = text.strip()
    try:
        if len(raw) == 10:
            day = dt.date.fromisoformat(raw)
            return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)
        instant = dt.datetime.fromisoformat(raw[:-1] + "+00:00" if raw.endswith(("Z", "z")) else raw)
    except ValueError:
        raise UsageError(
            f"{source}: {text!r} is not a date (use YYYY-MM-DD or an ISO 8601 date-time such as 2026-07-24T15:59Z)"
        ) from None
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=dt.timezone.utc)
    try:
        return instant.astimezone(dt.timezone.utc)
    except OverflowError:
        raise UsageError(f"{source}: {text!r} is out of range once converted to UTC") from None


def now_utc() -> dt.datetime:
    """The default instant judged."""
    return dt.datetime.now(dt.timezone.utc)
