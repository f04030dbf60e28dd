from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from isogov.core import dbstats
from isogov.demo.catalogue import DemoError
from isogov.demo.services import demo_logins, load_demo, province_summary
from isogov.qms.states import QmsState
from isogov.registry.models import Agency, Tier


class Command(BaseCommand):
    help = (
        "Load the demo story with its procedures, QMS histories and one user per role: Trà Vinh from 2019 "
        "(three tiers, 169 agencies), the reorganisation of 1 July 2025 (districts abolished, communes merged "
        "into the 124 communes of Vĩnh Long) and Vĩnh Long's plan for 2026. Running it again adds nothing. "
        "Always ends with the demo logins."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true",
            help="do nothing (but print the logins) when the registry already has any agency",
        )

    def handle(self, *args, if_empty=False, **options):
        if if_empty and Agency.objects.exists():
            self.stdout.write(
                _("The registry already has %(count)s agencies; the demo was not loaded.")
                % {"count": Agency.objects.count()}
            )
        else:
            self.stdout.write(_("Loading the demo; each area is listed when it is loaded:"))
            try:
                result = load_demo(progress=self._progress)
                dbstats.refresh()
            except DemoError as exc:
                raise CommandError(str(exc)) from exc
            if result.nothing_new:
                self.stdout.write(
                    _("The demo province (%(province)s) is already loaded; nothing was added (%(seconds).1f s).")
                    % {"province": result.province, "seconds": result.seconds}
                )
            else:
                self.stdout.write(self.style.SUCCESS(
                    _("Demo loaded in %(seconds).1f s: %(province)s, %(agencies)s agencies (%(merged)s merged on "
                      "01/07/2025), %(procedures)s procedures, %(users)s users created.")
                    % {"seconds": result.seconds, "province": result.province, "agencies": result.agencies,
                       "merged": result.merged, "procedures": result.procedures, "users": result.users}
                ))
            self._summary()
        self._logins()

    def _progress(self, step: str, counts: dict[str, int], seconds: float) -> None:
        added = ", ".join(f"{name} {n}" for name, n in counts.items() if n) or _("nothing new")
        self.stdout.write(f"  {step}: {added} ({seconds:.1f} s)")
        self.stdout.flush()  # seen now, not when the command ends (a pipe buffers)

    def _summary(self):
        summary = province_summary()
        names = {t.code: str(t) for t in Tier.objects.all()}
        tiers = ", ".join(f"{names.get(tier, tier)} {count}" for tier, count in summary["tier"].items())
        self.stdout.write(_("Agencies by tier: %(tiers)s") % {"tiers": tiers})
        states = ", ".join(f"{state.label} {summary['state'][state.value]}" for state in QmsState)
        self.stdout.write(_("Agencies by QMS state: %(states)s") % {"states": states})

    def _logins(self):
        rows = demo_logins()
        if not rows:
            self.stdout.write(_("No demo logins in this database."))
            return
        self.stdout.write("\n" + _("Demo logins (the passwords are the demo defaults unless someone changed them):"))
        columns = ("username", "password", "role", "name", "agency")
        widths = {c: max(len(c), *(len(r[c]) for r in rows)) for c in columns}
        self.stdout.write("  ".join(c.ljust(widths[c]) for c in columns).rstrip())
        self.stdout.write("  ".join("-" * widths[c] for c in columns))
        for row in rows:
            self.stdout.write("  ".join(row[c].ljust(widths[c]) for c in columns).rstrip())
