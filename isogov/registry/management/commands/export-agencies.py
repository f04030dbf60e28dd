"""`isogov export-agencies FILE`: the whole registry, every status; the format follows the extension."""
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from isogov.registry.exporting import all_agencies, export_format, write_agencies


class Command(BaseCommand):
    help = "Export every agency to an .xlsx or .csv file, in the columns import-agencies reads."

    def add_arguments(self, parser):
        parser.add_argument("file", help="where to write: a name ending in .xlsx or .csv")
        parser.add_argument("--language", default=settings.LANGUAGE_CODE,
                            choices=[code for code, _name in settings.LANGUAGES],
                            help="language of the messages and of the QMS state column (default: %(default)s)")

    def handle(self, *args, file, language=None, **options):
        with translation.override(language or settings.LANGUAGE_CODE):
            self._export(file)

    def _export(self, file):
        try:
            fmt = export_format(file)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        try:
            with Path(file).open("wb") as out:
                count = write_agencies(agencies=all_agencies(), fmt=fmt, out=out)
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(_("%(count)s agencies written to %(file)s.") % {"count": count, "file": file})
