from django.core.management.base import BaseCommand

from isogov.jobs import runner


class Command(BaseCommand):
    help = "Delete the jobs (and their files) kept past ISOGOV_JOB_RESULT_DAYS; the worker does it as it runs."

    def handle(self, **options):
        self.stdout.write(f"{runner.purge_expired()} expired jobs deleted")
