from django.core.management.base import BaseCommand, CommandError

from isogov.demo.catalogue import DemoError
from isogov.demo.services import demo_logins, load_demo, province_summary
from isogov.registry.models import Agency, QmsState


class Command(BaseCommand):
    help = (
        "Load the demo province (Trà Vinh 2019–2020: 169 agencies, procedures, QMS histories, one user per "
        "role). Running it again adds nothing. Always ends with the demo logins."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true",
            help="do nothing (but print the logins) when the registry already has any agency",
        )

    def handle(self, *args, if_empty=False, **options):
        if if_empty and Agency.objects.exists():
            self.stdout.write(
                f"The registry already has {Agency.objects.count()} agencies; the demo was not loaded."
            )
        else:
            try:
                result = load_demo()
            except DemoError as exc:
                raise CommandError(str(exc)) from exc
            if result.nothing_new:
                self.stdout.write(f"The demo province is already loaded; nothing was added ({result.seconds:.1f} s).")
            else:
                self.stdout.write(self.style.SUCCESS(
                    f"Demo loaded in {result.seconds:.1f} s: {result.agencies} agencies, "
                    f"{result.procedures} procedures, {result.users} users created."
                ))
            self._summary()
        self._logins()

    def _summary(self):
        summary = province_summary()
        tiers = ", ".join(f"{tier} {count}" for tier, count in summary["tier"].items())
        self.stdout.write(f"Agencies by tier: {tiers}")
        states = ", ".join(f"{state} {summary['state'][state]}" for state in QmsState.values)
        self.stdout.write(f"Agencies by QMS state: {states}")

    def _logins(self):
        rows = demo_logins()
        if not rows:
            self.stdout.write("No demo logins in this database.")
            return
        self.stdout.write("\nDemo logins (the passwords are the demo defaults unless someone changed them):")
        columns = ("username", "password", "role", "name", "agency")
        widths = {c: max(len(c), *(len(r[c]) for r in rows)) for c in columns}
        self.stdout.write("  ".join(c.ljust(widths[c]) for c in columns).rstrip())
        self.stdout.write("  ".join("-" * widths[c] for c in columns))
        for row in rows:
            self.stdout.write("  ".join(row[c].ljust(widths[c]) for c in columns).rstrip())
