from django.core.management.base import BaseCommand, CommandError

from isogov.documents import legal, services


class Command(BaseCommand):
    help = ('Store every legal text\'s deadline again from ISOGOV["LEGAL_UPDATE_MONTHS"] (run once after changing '
            "it); with --check, only report how many are out of date and fail if any is.")

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="change nothing; exit with status 1 if any "
                                                                 "stored deadline is out of date")

    def handle(self, *args, check=False, **options):
        months = legal.update_months()
        count = services.legal_deadlines_recompute(actor=None, dry_run=check)
        if check:
            if count:
                raise CommandError(f"{count} legal deadline(s) do not follow LEGAL_UPDATE_MONTHS = {months}; "
                                   "run `isogov legal-deadlines`.")
            self.stdout.write(f"Every legal deadline follows LEGAL_UPDATE_MONTHS = {months}.")
            return
        self.stdout.write(f"{count} legal deadline(s) recalculated for LEGAL_UPDATE_MONTHS = {months}.")
