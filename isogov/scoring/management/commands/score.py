import json as json_module

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation

from isogov.registry.models import Agency
from isogov.scoring.selectors import as_json, year_score


class Command(BaseCommand):
    help = "Print the year's PAR (ISO component) score per tier and for the province, as the scoring page shows it."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=None, help="the year (default: this year)")
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args, year=None, json: bool = False, **options):
        year = year or timezone.localdate().year
        if not 1990 <= year <= 9998:
            raise CommandError(f"{year} is not a year isogov scores.")
        with translation.override("en"):
            score = year_score(year=year, agencies=Agency.objects.all())
        data = as_json(score)
        if json:
            self.stdout.write(_dumps(data))
            return
        if score.ruleset is None:
            raise CommandError(f"No scoring ruleset covers {year}: load one with `isogov load-scoring FILE`.")
        with translation.override("en"):
            self.stdout.write(f"{year} — {score.ruleset.name} (as of {score.reference:%d/%m/%Y})")
            for s in [score.province, *score.tiers]:
                label = "Province" if s is score.province else s.label
                figure = f"{s.points}/{s.max_points} ({s.percent}%)" if s.applicable else "not applicable"
                full = "  full marks" if s.applicable and s.full else ""
                self.stdout.write(f"  {label:<12} {s.agencies:>5} agencies  {figure}{full}")
                for c in s.criteria:
                    if c.applicable:
                        self.stdout.write(f"    {c.criterion.key:<14} {c.numerator}/{c.denominator} "
                                          f"({c.percent}%) → {c.points}/{c.criterion.points}")


def _dumps(data) -> str:
    return json_module.dumps(data, ensure_ascii=False, indent=2)
