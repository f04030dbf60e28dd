from django.core.management.base import BaseCommand, CommandError

from isogov.registry import tiers
from isogov.registry.models import Tier
from isogov.registry.services import tier_preset_load


class Command(BaseCommand):
    help = "List the tiers of government, or load a preset (three-tier before 1 July 2025, two-tier since)."

    def add_arguments(self, parser):
        parser.add_argument("--load", metavar="PRESET", help=f"one of: {', '.join(tiers.preset_names())}")

    def handle(self, *args, load=None, **options):
        if load:
            try:
                count = tier_preset_load(actor=None, name=load)
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(f"Loaded {count} tiers from preset {load}.")
        for tier in Tier.objects.all():
            self.stdout.write(f"{tier.rank}\t{tier.code}\t{tier.name_vi}\t{tier.name_en}")
