from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from isogov.scoring.loader import builtin_files, load_ruleset


class Command(BaseCommand):
    help = "Load a PAR scoring ruleset (criteria, bands, points and their basis) from a JSON file; without FILE, " \
           "the built-in default."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="*", help="JSON ruleset files")

    def handle(self, *args, file=(), **options):
        for path in [Path(f) for f in file] or builtin_files():
            try:
                ruleset, created = load_ruleset(path)
            except ValidationError as exc:
                raise CommandError("\n".join(f"{path}: {m}" for m in exc.messages)) from exc
            verb = "loaded" if created else "updated"
            self.stdout.write(f"{ruleset.code} ({ruleset.years}): {len(ruleset.criteria)} criteria {verb}")
