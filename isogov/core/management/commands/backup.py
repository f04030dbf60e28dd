"""`isogov backup [PATH]`: the database and the uploaded files in one checked archive (isogov/core/backup.py)."""
import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from isogov.core import backup


class Command(BaseCommand):
    help = "Write the database and the uploaded files, consistent with each other, to one .tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="The archive to write, or a folder to write it in "
                            "(default: the current folder), named isogov-backup-YYYYMMDD-HHMMSS.tar.gz.")

    def handle(self, *, path, **options):
        target = Path(path or ".")
        if target.is_dir():
            target = target / f"isogov-backup-{dt.datetime.now():%Y%m%d-%H%M%S}.tar.gz"
        try:
            manifest = backup.create(target)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        files = sum(1 for name in manifest["members"] if name.startswith("media/"))
        self.stdout.write(_("%(path)s: %(vendor)s database, %(tables)s tables, %(rows)s rows; %(files)s uploaded "
                            "files.") % {"path": target, "vendor": manifest["vendor"],
                                         "tables": len(manifest["tables"]),
                                         "rows": sum(manifest["tables"].values()), "files": files})
