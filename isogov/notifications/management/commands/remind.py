"""`isogov remind [--date dd/mm/yyyy] [--enqueue]`: the daily reminder run (isogov/notifications/services.py).

A system timer runs `isogov remind --enqueue` once a day (README, "Production"): the run is queued for the worker,
which retries it if it fails. Without --enqueue it runs here and now. Running it again the same day adds and mails
nothing: each reminder is a row per person, duty and level.
"""
import datetime as dt

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from isogov.core.validators import plausible_date
from isogov.notifications import tasks
from isogov.notifications.services import run_reminders


def _date(text: str) -> dt.date:
    try:
        day = dt.datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        raise CommandError(f"--date: {text!r} is not a date dd/mm/yyyy") from None
    try:
        plausible_date(day)  # refused here, with the reason, rather than as a traceback from the run
    except ValidationError as error:
        raise CommandError(f"--date: {' '.join(error.messages)}") from None
    return day


class Command(BaseCommand):
    help = "Send the day's reminders: in-app notifications and one e-mail digest per person."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="The day to run for, dd/mm/yyyy (default: today).")
        parser.add_argument("--enqueue", action="store_true", help="Queue the run for the worker (`isogov worker`).")

    def handle(self, *args, **options):
        today = _date(options["date"]) if options["date"] else timezone.localdate()
        if options["enqueue"]:
            job = tasks.enqueue(today=today)
            self.stdout.write(f"{today:%d/%m/%Y}: the reminder run is queued (job {job.pk}).")
            return
        run = run_reminders(today=today)
        self.stdout.write(f"{today:%d/%m/%Y}: {run.notifications} new notification(s), {run.closed} closed, "
                          f"{run.emails} e-mail digest(s) sent.")
