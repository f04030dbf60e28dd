"""`isogov restore ARCHIVE [--force]`: put back what `isogov backup` wrote (isogov/core/backup.py).

Stop the web and worker processes first: the restore replaces the database and the media folder under them."""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from isogov.core import backup


class Command(BaseCommand):
    help = "Replace the database and the uploaded files by a backup archive's, after checking every checksum."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--force", action="store_true",
                            help="Replace a database that already holds data (users, agencies, an audit trail).")

    def handle(self, *, archive, force, **options):
        try:
            manifest = backup.restore(Path(archive), force=force)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Restored {archive}: taken {manifest['created_at']} by isogov "
                          f"{manifest['isogov'].get('version') or '?'} ({manifest['isogov'].get('commit') or '?'}), "
                          f"{sum(manifest['tables'].values())} rows.")
