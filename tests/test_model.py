"""The edition's values: a date known to the year, the month or the day."""
from __future__ import annotations

import datetime as dt

from edition.model import PartialDate


def test_a_year_a_month_or_a_day_is_a_date_and_reads_back_as_written():
    assert PartialDate.parse(1916) == PartialDate(1916)
    assert PartialDate.parse("1916") == PartialDate(1916)
    assert PartialDate.parse("1863-11") == PartialDate(1863, 11)
    assert PartialDate.parse(dt.date(1863, 11, 19)) == PartialDate(1863, 11, 19)
    assert PartialDate.parse(dt.datetime(2025, 2, 20, 9, 30)) == PartialDate(2025, 2, 20)
    assert [str(PartialDate.parse(v)) for v in ("1916", "1863-11", "1863-11-19", "0800")] == [
        "1916", "1863-11", "1863-11-19", "0800"]


def test_what_is_no_date_is_refused():
    for value in ("2025-02-30", "1863-13", "19160", "16", "20 February 2025", "1916-1", True, 3.5, None, ""):
        assert PartialDate.parse(value) is None, value


def test_dates_of_different_precision_sort_in_time_by_their_iso_form():
    dates = [PartialDate(1916), PartialDate(1863, 11, 19), PartialDate(1863, 11), PartialDate(2025, 2, 3)]
    assert [str(d) for d in sorted(dates, key=str)] == ["1863-11", "1863-11-19", "1916", "2025-02-03"]
