"""The one reader of `published` dates: a report's publication day as a datetime, or None.

Metadata comes from HTML pages, feeds, JSON records and CSV exports, so the
same day arrives as "2026-10-15", "2026-10-15T08:30:00Z", "Thu, 15 Oct 2026
08:30:00 +0200" (RSS, e-mail), "October 15, 2026" or a feed's time tuple. Every
stage that needs the day (the timeline's anchor, story clustering's time
factor, the corpus's sortable dates) reads it here, so they agree.

The rules:
- Only a whole day counts: "2026" or "October 2026" is no publication day.
- The result is timezone-aware exactly when the value names its offset or
  zone ("Z", "+02:00", "GMT"); otherwise it is naive, in the report's own
  unknown local time. It is never converted: the day a paper printed is the
  day its relative dates ("yesterday") count from.
- Numeric dates are read year first only ("2026-10-15", "2026/10/15"):
  "05/06/2026" is May 6 in one country and June 5 in another, and a wrong
  anchor is worse than none.
- Words that need a clock to read ("yesterday", "3 hours ago") are no date:
  a report's publication day must not depend on when it is briefed.
- Hostile input (huge, nested, out of range, not text) gives None, never an
  exception.

Standard library only: this is imported by the loaders, which `--help` loads.
"""

from __future__ import annotations

import email.utils
import re
import time
from datetime import UTC, date, datetime, timedelta, timezone

MAX_LENGTH = 100  # longer than any date a report's metadata holds; more is not a date

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:[Tt ].*)?|\d{8}(?:[Tt].*)?")
_YEAR_FIRST = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
         ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")),
        start=1,
    )
    for name in names
}
_MONTH_NAME = "|".join(sorted(_MONTHS, key=len, reverse=True))
_MONTH_DAY = re.compile(
    rf"\b(?:(?P<month>{_MONTH_NAME})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?|"
    rf"(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month2>{_MONTH_NAME}))\b",
    re.IGNORECASE,
)


def month_day(text: str) -> str | None:
    """The month and day a date expression names, as "MM-DD" ("Nov. 13", "13th of November", "March 4, 2019"),
    or None (no month and day: "last week", "2019", "Sunday")."""
    for match in _MONTH_DAY.finditer(text):
        month = _MONTHS.get((match["month"] or match["month2"]).lower())
        day = int(match["day"] or match["day2"])
        if month and 1 <= day <= 31:
            return f"{month:02d}-{day:02d}"
    return None


_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"
_MONTH = r"(?P<month>[a-z]+)\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_CLOCK = (
    r"(?:,?\s+(?:at\s+)?(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?(?::(?P<second>\d{2}))?\s*(?P<half>[ap]\.?m\.?)?"
    r"(?:\s*(?P<zone>utc|gmt|z|[+-]\d{2}:?\d{2}))?)?"
)
# "October 15, 2026", "Thursday, Oct. 15th 2026, 8:30 AM" and "15 October 2026 08:30 GMT".
_RFC822 = re.compile(
    r"(?:[a-z]{3},\s*)?\d{1,2}\s+[a-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:[+-]\d{4}|[a-z]{1,5}))?", re.IGNORECASE
)
_WORDS = [
    re.compile(_WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + _CLOCK, re.IGNORECASE),
    re.compile(_WEEKDAY + _DAY + r"\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR + _CLOCK, re.IGNORECASE),
]


def parse_published(value: object) -> datetime | None:
    """The publication day and time that `value` gives, or None when it gives no whole day (see the rules above)."""
    try:
        if isinstance(value, datetime):
            return value
        if isinstance(value, date):
            return datetime(value.year, value.month, value.day)
        if isinstance(value, time.struct_time):  # feedparser's *_parsed fields, always in UTC
            return datetime(*value[:6], tzinfo=UTC)
        if not isinstance(value, str):
            return None
        text = value.strip()
        if not text or len(text) > MAX_LENGTH:
            return None
        return _iso(text) or _year_first(text) or _words(text) or _rfc822(text)
    except (ValueError, TypeError, IndexError, OverflowError):  # out-of-range parts: no date
        return None


def publication_days(documents) -> dict[str, datetime]:
    """Each document's publication day by its id, for the documents whose `published` gives a whole day."""
    return {d.id: day for d in documents if (day := parse_published(d.published)) is not None}


def _iso(text: str) -> datetime | None:
    if not _ISO.fullmatch(text):
        return None
    try:
        return datetime.fromisoformat(text[:-1] + "+00:00" if text[-1:] in "zZ" and len(text) > 10 else text)
    except ValueError:
        return None


def _year_first(text: str) -> datetime | None:
    match = _YEAR_FIRST.fullmatch(text)
    return datetime(int(match[1]), int(match[2]), int(match[3])) if match else None


def _words(text: str) -> datetime | None:
    for pattern in _WORDS:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        month = _MONTHS.get(match["month"].lower())
        if month is None:
            return None
        moment = datetime(int(match["year"]), month, int(match["day"]))
        if match["hour"] is None:
            return moment
        hour, minute, second = int(match["hour"]), int(match["minute"] or 0), int(match["second"] or 0)
        half = (match["half"] or "").replace(".", "").lower()
        if half:
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if half == "pm" else 0)
        elif match["minute"] is None:
            return None  # "October 15, 2026 8" is no time of day
        moment = moment.replace(hour=hour, minute=minute, second=second)
        zone = (match["zone"] or "").lower()
        if zone in ("utc", "gmt", "z"):
            return moment.replace(tzinfo=UTC)
        if zone:
            sign = -1 if zone[0] == "-" else 1
            digits = zone[1:].replace(":", "")
            return moment.replace(tzinfo=timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))))
        return moment
    return None


def _rfc822(text: str) -> datetime | None:
    """RFC 822 / 2822 dates, as feeds and e-mail write them: "Thu, 15 Oct 2026 08:30:00 +0200"."""
    if not _RFC822.fullmatch(text):
        return None  # the e-mail parser is loose: it would read "October 15, 2026 13:00 PM" too
    return email.utils.parsedate_to_datetime(text)


# A report's head: a byline or a front-matter field that dates it ("*By Ana Ruiz, Evening Post — October 14,
# 2026*", "Published: 2026-10-14", "date: 2026-10-14"). A date in a headline is what the story is about,
# not when it was printed, so only such lines count.
_HEAD_LINE = re.compile(r"^[\s*_>#-]*(?:by\s|published\b|posted\b|updated\b|date\b)", re.IGNORECASE)
_HEAD_LINES = 8  # the lines looked at: a byline sits under the headline, never deep in the text
_DATE_IN_LINE = re.compile(
    r"\d{4}-\d{2}-\d{2}|(?:[a-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})|(?:\d{1,2}\s+[a-z]{3,9}\.?,?\s+\d{4})",
    re.IGNORECASE,
)


def head_published(text: str) -> datetime | None:
    """The publication day a plain-text or Markdown report's byline or front matter gives, or None."""
    lines = [line for line in text[:4000].splitlines() if line.strip()][:_HEAD_LINES]
    for line in lines:
        if len(line) > 200 or not _HEAD_LINE.match(line):
            continue
        for found in _DATE_IN_LINE.finditer(line):
            day = parse_published(found.group(0))
            if day is not None:
                return day
    return None


# A day written into a file's name, as archives and wire services name their files: "APW19981004.0146",
# "2026-10-14-dam-leak", "report_2015_12_04". Digits may not run on either side (an id's long number is
# no date), and the year lies in 1900-2099.
_NAME_DAY = re.compile(r"(?<![0-9])((?:19|20)\d\d)([-_.]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?![0-9])")


def name_published(name: str) -> datetime | None:
    """The publication day a report file's name gives ("NYT19981003.0058"), or None; the first day found."""
    for found in _NAME_DAY.finditer(name[:200]):
        try:
            return datetime(int(found.group(1)), int(found.group(3)), int(found.group(4)), tzinfo=UTC)
        except ValueError:
            continue  # "20150231": no such day
    return None
