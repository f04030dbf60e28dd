from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from isogov.clauses.loader import builtin_files, load_framework


class Command(BaseCommand):
    help = "Load a framework (clause numbers and short titles) from a JSON file; without FILE, the built-in ones."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="*", help="JSON framework files")

    def handle(self, *args, file=(), **options):
        for path in [Path(f) for f in file] or builtin_files():
            try:
                framework, count = load_framework(path)
            except ValidationError as exc:
                raise CommandError("\n".join(f"{path}: {m}" for m in exc.messages)) from exc
            self.stdout.write(f"{framework.code}: {count} clauses")
