"""`isogov restore ARCHIVE [--force]`: put back what `isogov backup` wrote (isogov/core/backup.py).

Stop the web and worker processes first: the restore replaces the database and the media folder under them."""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

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
        self.stdout.write(_("Restored %(archive)s: taken %(at)s by isogov %(version)s (%(commit)s), %(rows)s rows.")
                          % {"archive": archive, "at": manifest["created_at"],
                             "version": manifest["isogov"].get("version") or "?",
                             "commit": manifest["isogov"].get("commit") or "?",
                             "rows": sum(manifest["tables"].values())})
