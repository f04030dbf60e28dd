import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from isogov.generate.services import NotEmpty, generate


class Command(BaseCommand):
    help = ("Fill an EMPTY database with synthetic national-scale data for benchmarks: provinces, districts and "
            "communes with a year of ISO records each, the programme, training, events and the audit trail. "
            "The same --seed and --today give the same data. Every account's password is 'isogov-bench'.")

    def add_arguments(self, parser):
        parser.add_argument("--agencies", type=int, default=1000)
        parser.add_argument("--years", type=int, default=1)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--today", type=dt.date.fromisoformat, default=None,
                            help="YYYY-MM-DD the dates count back from (default: today)")
        parser.add_argument("--tiers", default="three-tier", choices=["three-tier", "two-tier"])
        parser.add_argument("--national", action="store_true",
                            help="a ministry's registry: the provinces under one ministry agency on the national "
                                 "tier, which leads the programme; adds the read-only account 'ministry'")

    def handle(self, *args, agencies, years, seed, today, tiers, national, **options):
        if agencies < 1 or years < 1:
            raise CommandError("--agencies and --years must be at least 1")
        if national and agencies < 2:
            raise CommandError("--national needs at least 2 agencies: the ministry and a province")

        def progress(step: str, seconds: float) -> None:
            self.stdout.write(f"  {step}: {seconds:.1f} s")
            self.stdout.flush()

        try:
            counts = generate(agencies=agencies, years=years, seed=seed, today=today, preset=tiers,
                              national=national, progress=progress)
        except NotEmpty as exc:
            raise CommandError(f"Refusing to generate: {exc}.") from exc
        seconds = counts.pop("seconds")
        rows = sum(counts.values())
        self.stdout.write(", ".join(f"{label} {n}" for label, n in sorted(counts.items())))
        self.stdout.write(self.style.SUCCESS(f"Generated {rows} rows for {agencies} agencies in {seconds} s."))
