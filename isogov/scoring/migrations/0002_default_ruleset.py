from django.db import migrations


def load_default(apps, schema_editor):
    from isogov.scoring.loader import builtin_files, load_ruleset

    for path in builtin_files():
        load_ruleset(path, actor=False, ruleset_model=apps.get_model("scoring", "Ruleset"),
                     tier_model=apps.get_model("registry", "Tier"))


class Migration(migrations.Migration):
    dependencies = [("scoring", "0001_initial"), ("registry", "0001_initial")]
    operations = [migrations.RunPython(load_default, migrations.RunPython.noop)]
