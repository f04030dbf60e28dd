import datetime as dt

from isogov.compliance.rules import AMBER, GREEN, RED, add_months, periodic_level


def test_add_months_keeps_the_day_or_takes_the_last():
    assert add_months(dt.date(2025, 11, 25), 12) == dt.date(2026, 11, 25)
    assert add_months(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2025, 1, 31), 1) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2025, 12, 15), 3) == dt.date(2026, 3, 15)


def test_periodic_level_is_red_after_twelve_months_amber_thirty_days_before():
    today = dt.date(2026, 11, 25)
    def level(last):
        return periodic_level(last, months=12, today=today, due_soon_days=30)[0]

    assert level(None) == RED
    assert level(dt.date(2025, 11, 24)) == RED
    assert level(dt.date(2025, 11, 25)) == AMBER  # due today
    assert level(dt.date(2025, 12, 25)) == AMBER
    assert level(dt.date(2025, 12, 26)) == GREEN
