"""`isogov remind [--date dd/mm/yyyy]`: the daily reminder run (isogov/notifications/services.py).

Run it once a day (README, "Production": a systemd timer or a cron line). Running it again the same day adds and
mails nothing: each reminder is a row per person, duty and level.
"""
import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from isogov.notifications.services import run_reminders


def _date(text: str) -> dt.date:
    try:
        return dt.datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        raise CommandError(f"--date: {text!r} is not a date dd/mm/yyyy") from None


class Command(BaseCommand):
    help = "Send the day's reminders: in-app notifications and one e-mail digest per person."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="The day to run for, dd/mm/yyyy (default: today).")

    def handle(self, *args, **options):
        today = _date(options["date"]) if options["date"] else timezone.localdate()
        run = run_reminders(today=today)
        self.stdout.write(f"{today:%d/%m/%Y}: {run.notifications} new notification(s), {run.closed} closed, "
                          f"{run.emails} e-mail digest(s) sent.")
