"""`isogov import-agencies FILE [--dry-run] [--language en]`: all or nothing, every bad row on its own line."""
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from isogov.core.files import check_file_size
from isogov.registry.importing import ImportRejected, import_agencies, preview_import


class Command(BaseCommand):
    help = "Import agencies from an .xlsx or .csv file (header on row 1). A file with any bad row changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the .xlsx or .csv file")
        parser.add_argument("--dry-run", action="store_true", help="check the file and show the changes, write nothing")
        parser.add_argument("--language", default=settings.LANGUAGE_CODE,
                            choices=[code for code, _name in settings.LANGUAGES],
                            help="language of the messages (default: %(default)s)")

    def handle(self, *args, file, dry_run=False, language=None, **options):
        with translation.override(language or settings.LANGUAGE_CODE):
            path = Path(file)
            if not path.is_file():
                raise CommandError(_("No such file: %(path)s") % {"path": file})
            try:  # before reading it: the import would refuse it anyway, after holding it all in memory
                check_file_size(path.stat().st_size, settings.ISOGOV["IMPORT_MAX_BYTES"])
            except ValidationError as exc:
                raise CommandError(exc.messages[0]) from exc
            data = path.read_bytes()
            try:
                if dry_run:
                    plan = preview_import(data=data, filename=path.name)
                else:
                    plan = import_agencies(actor=None, data=data, filename=path.name)
            except ImportRejected as exc:
                plan = exc.plan
            if plan.errors:
                for error in plan.errors:
                    self.stderr.write(str(error))
                raise CommandError(_("%(count)s error(s): nothing was imported.") % {"count": len(plan.errors)})
            verbose = dry_run or options.get("verbosity", 1) > 1
            if verbose:
                self._describe(plan)
            summary = _("New agencies: %(new)s; updated: %(updated)s; unchanged: %(unchanged)s.") % {
                "new": len(plan.creates), "updated": len(plan.updates), "unchanged": plan.unchanged}
            self.stdout.write(summary)
            if dry_run:
                self.stdout.write(_("Dry run: nothing was changed."))

    def _describe(self, plan) -> None:
        for r in plan.creates:
            self.stdout.write(f"+ {r.code}\t{r.values['name']}")
        for r in plan.updates:
            self.stdout.write(f"~ {r.code}\t{r.agency.name}")
            for label, before, after in r.display:
                self.stdout.write(f"    {label}: {before} → {after}")
