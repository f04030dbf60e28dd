from django.conf import settings
from django.db import migrations


def load_tiers(apps, schema_editor):
    from isogov.registry.tiers import load_preset

    Tier = apps.get_model("registry", "Tier")
    if not Tier.objects.exists():
        load_preset(Tier, settings.ISOGOV["TIER_PRESET"])


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]
    operations = [migrations.RunPython(load_tiers, migrations.RunPython.noop)]
