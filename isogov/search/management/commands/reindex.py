from django.core.management.base import BaseCommand, CommandError

from isogov.search import services, sources


class Command(BaseCommand):
    help = "Rebuild the search index from the records (every kind, or the kinds named)."

    def add_arguments(self, parser):
        parser.add_argument("kinds", nargs="*", help=f"some of: {', '.join(sources.SOURCES)}")

    def handle(self, *args, kinds, **options):
        unknown = [k for k in kinds if k not in sources.SOURCES]
        if unknown:
            raise CommandError(f"Unknown kind(s): {', '.join(unknown)}. Known: {', '.join(sources.SOURCES)}")
        for kind, count in services.reindex(kinds=kinds or None).items():
            self.stdout.write(f"{kind}: {count}")
